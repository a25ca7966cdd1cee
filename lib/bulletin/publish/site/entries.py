"""The months of a site as its pages need them (no notebook read): each month's links,
downloads and neighbours (``MonthEntry``), found under reports/ by dataset (``collect``),
and the downloads as a reader sees them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bulletin.publish.notebook import DOCX_NAME, MonthReport, read_report
from bulletin.publish.reports import executed, month_folders
from bulletin.publish.site.base import month_label


@dataclass
class MonthEntry:
    """A month as the index and neighbour links need it (no notebook read)."""

    report: MonthReport
    alone: bool = False  # the site is this dataset's own: no <dataset>/ folder in it

    @property
    def dataset(self) -> str:
        return self.report.folder.parent.name  # the reports/<dataset>/ layout decides

    @property
    def base(self) -> str:
        """The dataset's folder in the site, as a link's prefix: "" in its own site."""
        return "" if self.alone else f"{self.dataset}/"

    @property
    def key(self) -> str:
        """The month folder as reports/ holds it, <dataset>/<YYYY-MM> (the scan records)."""
        return f"{self.dataset}/{self.month}"

    @property
    def month(self) -> str:
        return self.report.month

    @property
    def path(self) -> str:
        return f"{self.base}{self.month}/"

    def link(self, root: str) -> dict:
        meta = self.report.meta
        files = self.report.downloads()
        return {
            "href": f"{root}{self.path}index.html",
            "label": month_label(self.month),
            "issue_label": meta.issue_label,
            "issue_date": meta.issue_date,
            "draft": meta.draft,
            "headline": {f.key: f.display for f in meta.headline},
            "pdf": f"{root}{self.path}bulletin.pdf" if self.report.pdf.is_file() else None,
            "docx": f"{root}{self.path}{DOCX_NAME}"
                    if (self.report.folder / DOCX_NAME).is_file() else None,
            "downloads": [{"href": f"{root}{self.path}{p.name}", "name": p.name,
                           "label": download_label(p.name)} for p in files],
        }


def download_label(name: str) -> str:
    """A download as a reader sees it: 「附件2_各部门事项指标情况.xlsx」 →
    「附件2 各部门事项指标情况（XLSX）」 — the file's whole name, so two annexes numbered
    alike (seed 004's two 附件2) never show the same words."""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        return name.replace("_", " ")
    return f"{stem.replace('_', ' ')}（{suffix.upper()}）"


def download_groups(names: list[str]) -> list[dict]:
    """A month page's annex files, one line per annex (its name, then a link per format),
    in the order given: 22 files are 11 lines at the page's end, not 22 links above its text."""
    groups: dict[str, list[dict]] = {}
    for name in names:
        stem, dot, suffix = name.rpartition(".")
        groups.setdefault(stem if dot else name, []).append(
            {"href": name, "format": suffix.upper() if dot else "文件",
             "label": download_label(name)})
    return [{"title": stem.replace("_", " "), "files": files} for stem, files in groups.items()]


def collect(reports: Path, datasets: list[str] | None = None) -> dict[str, list[MonthEntry]]:
    """Months found under reports/ (of ``datasets`` only, when given), by dataset, oldest
    first; a month folder without its executed notebook is left out
    (``reports.unexecuted`` names them for the caller to say so). ``datasets`` naming one:
    its own site (``MonthEntry.alone``)."""
    groups: dict[str, list[MonthEntry]] = {}
    for folder in month_folders(reports, datasets):
        if not executed(folder):
            continue
        entry = MonthEntry(read_report(folder, with_blocks=False),
                           alone=datasets is not None and len(datasets) == 1)
        groups.setdefault(entry.dataset, []).append(entry)
    for entries in groups.values():
        entries.sort(key=lambda e: e.month)
    return dict(sorted(groups.items()))

"""What the notebook writes beside itself: ``meta.json`` (title block, 版记, headline
figures, the bulletin's blocks as values, each unit's rows in the published tables, what
the review counts, where they came from; the model is ``core.meta.MonthMeta``) and the
annex downloads.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bulletin.core.blocks import ReviewCounts, Table
from bulletin.core.definitions import FIGURES, HEADLINE_KEYS, known
from bulletin.core.meta import HeadlineFigure, MonthMeta, write_meta
from bulletin.core.units import CITY
from bulletin.ingest.provenance import month_provenance
from bulletin.report.downloads import write_downloads
from bulletin.report.fmt import fmt_figure
from bulletin.report.month import MonthlyBulletin
from bulletin.report.sections.common import as_blocks, for_readers, masthead_lines, profile_title
from bulletin.report.sections.registry import profile_blocks
from bulletin.report.unit_rows import tracked_rows, unit_figures


@dataclass
class Written:
    meta: Path
    downloads: list[str]


def write_outputs(b: MonthlyBulletin, out_dir: str | Path, blocks: list | None = None,
                  parameters: dict | None = None, review: ReviewCounts | None = None) -> Written:
    """meta.json (title block, 版记, headline figures, blocks, units, review, provenance)
    and the annex downloads.

    ``blocks``: the bulletin's blocks as the notebook showed them (``profile_blocks``; built
    again if not given); each unit's rows are read from their tables. ``parameters``: the
    notebook's, recorded in the provenance (default: the dataset folder, the month and
    ``out_dir``). ``review``: what the review the notebook wrote counts (``show_review``)."""

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    has_facts = "applied" in b.facts.columns
    blocks = as_blocks(profile_blocks(b, skip=("title",)) if blocks is None else blocks)
    downloads = write_downloads(b, blocks, out)
    city = (b.scope(CITY) or {}) if has_facts else {}
    c = b.config
    title = f"{c.region}{profile_title(c)}"
    meta = MonthMeta(
        month=b.month, dataset=b.dataset_name, profile_title=title,
        title_lines=masthead_lines(b), kind=c.document.kind, authority=c.authority,
        issue_label=b.issue_label, issue_date=b.issue_date_label,
        distribution=c.distribution, headline=headline(city), downloads=downloads,
        blocks=for_readers(blocks), review=review, **published_rows(b, blocks),
        provenance=month_provenance(b.dataset, b.month, b.ingestion, parameters or {
            "dataset": str(b.dataset.folder), "month": b.month, "out_dir": str(out_dir)}))
    path = write_meta(meta, out)
    return Written(path, downloads)


def headline(row: dict) -> list[HeadlineFigure]:
    """The figures of ``HEADLINE_KEYS`` the 全市 row gives, each with its display string."""
    out = []
    for key in HEADLINE_KEYS:
        value = row.get(key)
        if known(value):
            figure = FIGURES[key]
            out.append(HeadlineFigure.of(figure, value, fmt_figure(figure.kind, value)))
    return out


def published_rows(b: MonthlyBulletin, blocks: list) -> dict:
    """Every registry unit with its rows in the published tables of ``blocks`` (``units``)
    and the rows of the tables that track indicators (``tracked``)."""
    tables = [block for block in blocks if isinstance(block, Table)]
    registry = b.registry.units.select("unit", "level").iter_rows()
    return {"units": unit_figures(list(registry), tables), "tracked": tracked_rows(tables)}

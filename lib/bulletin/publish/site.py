"""The static HTML site, built from the executed notebooks in reports/ without running them.

Layout of the built site (everything relative, works from file:// with no network)::

    index.html                       months newest first, grouped by dataset
    trends.html                      each headline indicator across months (chart + table)
    assets/                          style.css, charts.js, vega-bundle.js (vendored)
    <dataset>/<YYYY-MM>/index.html   one page per month, with bulletin.pdf, bulletin.docx
                                     (the Word file in 公文 format) and the annex files
    <dataset>/<YYYY-MM>/review.html  the analyst's review of the month (from review.md):
                                     marked for the analyst, noindex, linked from no page

``build_site`` writes into a fresh folder; ``replace_dir`` swaps a built folder in for the
old one with renames, so readers never see a half-built site.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from bulletin.core.config import Distribution
from bulletin.core.meta import HeadlineFigure
from bulletin.publish.docx import DOCX_NAME
from bulletin.publish.notebook import (
    MonthReport,
    find_reports,
    markdown_html,
    read_report,
)
from bulletin.report.sections.review import REVIEW_NAME

TEMPLATES = Path(__file__).parent / "templates" / "site"


CHART_FONT = "Noto Sans CJK SC"


FONT_DIR = "/usr/share/fonts/opentype/noto"


def _env() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                       trim_blocks=True, lstrip_blocks=True)


def _script_json(value: dict) -> Markup:
    """JSON safe inside <script type="application/json">."""
    text = json.dumps(value, ensure_ascii=False)
    return Markup(text.replace("</", "<\\/").replace("<!--", "<\\!--"))


def month_label(month: str) -> str:
    year, mon = month.split("-")
    return f"{year} 年 {int(mon)} 月"


@dataclass
class MonthEntry:
    """A month as the index and neighbour links need it (no notebook read)."""

    report: MonthReport

    @property
    def dataset(self) -> str:
        return self.report.folder.parent.name  # the reports/<dataset>/ layout decides

    @property
    def month(self) -> str:
        return self.report.month

    @property
    def path(self) -> str:
        return f"{self.dataset}/{self.month}/"

    def link(self, root: str) -> dict:
        meta = self.report.meta
        files = self.report.downloads()
        return {
            "href": f"{root}{self.path}index.html",
            "label": month_label(self.month),
            "issue_label": meta.issue_label,
            "issue_date": meta.issue_date,
            "headline": {f.key: f.display for f in meta.headline},
            "pdf": f"{root}{self.path}bulletin.pdf" if self.report.pdf.is_file() else None,
            "docx": f"{root}{self.path}{DOCX_NAME}"
                    if (self.report.folder / DOCX_NAME).is_file() else None,
            "downloads": [{"href": f"{root}{self.path}{p.name}", "name": p.name,
                           "kind": f"{p.name.split('_')[0]} {p.suffix.lstrip('.').upper()}"}
                          for p in files],
        }


def collect(reports: Path) -> dict[str, list[MonthEntry]]:
    """Months found under reports/, by dataset, oldest first."""
    groups: dict[str, list[MonthEntry]] = {}
    for folder in find_reports(reports):
        entry = MonthEntry(read_report(folder, with_blocks=False))
        groups.setdefault(entry.dataset, []).append(entry)
    for entries in groups.values():
        entries.sort(key=lambda e: e.month)
    return dict(sorted(groups.items()))


def chart_svg(spec: dict) -> str:
    """Static SVG of a vega-lite spec, with the CJK font registered (vl-convert has none)."""
    import vl_convert as vlc

    if Path(FONT_DIR).is_dir():
        vlc.register_font_directory(FONT_DIR)
    return vlc.vegalite_to_svg(spec)


def headline_columns(entries: list[MonthEntry]) -> list[HeadlineFigure]:
    """The headline figures of a dataset's months, one per key, in first-seen order."""
    seen: dict[str, HeadlineFigure] = {}
    for entry in entries:
        for f in entry.report.meta.headline:
            seen.setdefault(f.key, f)
    return list(seen.values())


def facet_title(f: HeadlineFigure) -> str:
    """'线上申请占比（%）', '申请件（件）': a small multiple's title names its unit."""
    return f"{f.label}（{f.unit}）" if f.unit else f.label


def trend_rows(entries: list[MonthEntry]) -> list[dict]:
    """One row per month and headline figure: a rate in percent, a count as it is."""
    rows = []
    for entry in entries:
        for f in entry.report.meta.headline:
            shown = f.display if f.kind == "rate" else f"{f.display} {f.unit}".strip()
            rows.append({"月份": entry.month, "指标": facet_title(f), "数值": f.plotted,
                         "单位": f.unit, "显示": shown})
    return rows


def trend_spec(entries: list[MonthEntry]) -> dict:
    """Small multiples: each headline figure across the months (independent y scales).

    Kinds and units come from meta.json: a rate is drawn in percent (0.42559 → 42.559,
    titled 「线上申请占比（%）」), a count in its unit; the tooltip shows the bulletin's text.
    """
    import altair as alt

    rows = trend_rows(entries)
    order = [facet_title(f) for f in headline_columns(entries)]
    base = alt.Chart(alt.Data(values=rows)).mark_line(
        point=alt.OverlayMarkDef(color="#c00000"), color="#c00000").encode(
        x=alt.X("月份:O", title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("数值:Q", title=None, scale=alt.Scale(zero=False)),
        tooltip=[alt.Tooltip("月份:O"), alt.Tooltip("指标:N"), alt.Tooltip("显示:N", title="数值")],
    ).properties(width=300, height=150)
    chart = base.facet(facet=alt.Facet("指标:N", title=None, sort=order), columns=2).resolve_scale(
        y="independent").configure(font=CHART_FONT)
    return chart.to_dict()


def _blocks_view(report: MonthReport) -> list[dict]:
    view = []
    for i, block in enumerate(report.blocks, start=1):
        item = {"kind": block.kind, "text": block.text}
        if block.kind == "markdown":
            item["html"] = Markup(markdown_html(block.text))
        elif block.kind == "table":
            item["html"] = Markup(block.text)
        elif block.kind == "chart":
            item["svg"] = Markup(block.svg)
            item["spec_id"] = f"spec-{i}"
            item["spec_json"] = _script_json(block.spec) if block.spec else ""
        view.append(item)
    return view


def _distribution(distribution: Distribution) -> list[tuple[str, str]]:
    lines = []
    for key, names in distribution.model_dump(by_alias=True).items():  # 报, 送, 发
        if names:
            # Lines may carry their own closing 「；」/「。」 (as typed from a bulletin): one each.
            text = "；".join(n.rstrip("；;。 \u3000") for n in names)
            lines.append((key, text + "。"))
    return lines


def render_month(entry: MonthEntry, prev: MonthEntry | None, next_: MonthEntry | None,
                 out: Path, common: dict) -> Path:
    """Write one month's page and copy its PDF and annex files beside it."""
    report = read_report(entry.report.folder)
    root = "../../"
    folder = out / entry.dataset / entry.month
    folder.mkdir(parents=True, exist_ok=True)
    for path in [report.pdf, report.folder / DOCX_NAME, *report.downloads()]:
        if path.is_file():
            shutil.copy2(path, folder / path.name)
    link = entry.link(root)
    html = _env().get_template("month.html").render(
        **common, root=root, title=report.title, title_lines=report.meta.title_lines,
        issue_label=report.meta.issue_label, issue_date=report.meta.issue_date,
        authority=report.meta.authority, blocks=_blocks_view(report),
        distribution=_distribution(report.meta.distribution), pdf=link["pdf"] and "bulletin.pdf",
        docx=link["docx"] and DOCX_NAME,
        downloads=[{"href": d["name"], "name": d["name"]} for d in link["downloads"]],
        prev=prev.link(root) if prev else None, next=next_.link(root) if next_ else None)
    page = folder / "index.html"
    page.write_text(html, encoding="utf-8")
    render_review(report, folder, common)
    return page


def render_review(report: MonthReport, folder: Path, common: dict) -> Path | None:
    """The analyst's review.md of the month as review.html beside its page: marked for
    the analyst, noindex, and linked from none of the readers' pages."""
    source = report.folder / REVIEW_NAME
    if not source.is_file():
        return None
    html = _env().get_template("review.html").render(
        **common, root="../../", title=report.title, issue_label=report.meta.issue_label,
        html=Markup(markdown_html(source.read_text(encoding="utf-8"))))
    page = folder / "review.html"
    page.write_text(html, encoding="utf-8")
    return page


def _group_view(name: str, entries: list[MonthEntry], root: str) -> dict:
    newest = entries[-1].report
    columns = [{"key": f.key, "label": f.label} for f in headline_columns(entries)]
    links = [entry.link(root) for entry in entries]
    return {"name": name, "title": newest.title, "headline": columns,
            "months": links[::-1], "months_oldest_first": links}


def build_site(reports: Path, out: Path, progress: Callable[[str], None] | None = None) -> Path:
    """Render every executed month under ``reports`` into the empty folder ``out``."""
    say = progress or (lambda message: None)
    groups = collect(Path(reports))
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copytree(TEMPLATES / "assets", out / "assets", dirs_exist_ok=True)
    names = [entries[0].report.meta.authority for entries in groups.values()]
    common = {"site_title": "政务服务运行情况通报" if len(set(names)) != 1
              else f"{names[0]} · 运行情况通报",
              "built": dt.datetime.now().strftime("%Y-%m-%d %H:%M")}
    env = _env()
    for name, entries in groups.items():
        for i, entry in enumerate(entries):
            say(f"月份页面 {name}/{entry.month}")
            render_month(entry, entries[i - 1] if i else None,
                         entries[i + 1] if i + 1 < len(entries) else None, out, common)
    say("目录页 index.html")
    views = [_group_view(name, entries, "") for name, entries in groups.items()]
    (out / "index.html").write_text(
        env.get_template("index.html").render(**common, root="", groups=views), encoding="utf-8")
    say("趋势页 trends.html")
    for view, entries in zip(views, groups.values(), strict=True):
        spec = trend_spec(entries)
        view.update(spec_id=f"trend-spec-{view['name']}", spec_json=_script_json(spec),
                    svg=Markup(chart_svg(spec)))
    (out / "trends.html").write_text(
        env.get_template("trends.html").render(**common, root="", groups=views), encoding="utf-8")
    return out

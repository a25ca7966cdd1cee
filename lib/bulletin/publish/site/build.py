"""The static HTML site, built from the executed notebooks in reports/ without running them.

Layout of the built site (everything relative, works from file:// with no network)::

    index.html                       the publication's months newest first, with each
                                     headline figure's change from the month before
    trends.html                      each headline indicator across months (chart + table);
                                     the units' 综合得分 / rank / 事项 indicators otherwise
    assets/                          style.css, charts.js, vega-bundle.js (vendored)
    <dataset>/<YYYY-MM>/index.html   one page per month, with bulletin.pdf, bulletin.docx
                                     (the Word file in 公文 format) and the annex files
    <dataset>/units/                 a page per unit of the registry (``site.units``), linked
                                     from every table cell naming the unit

A site built for one dataset (``datasets`` naming one: its own site, _site/<dataset>/) has no
<dataset>/ level: its months are <YYYY-MM>/ and its units units/ at the top, beside
index.html. A site shared by several datasets (the demo's, ``bulletin site --site``) keeps
a folder per dataset. Every link is made from ``MonthEntry.base``, so both hold together.

A site of several datasets (the demo) holds several publications: its root ``index.html``
lists them, and each has its own ``<dataset>/index.html`` and ``<dataset>/trends.html`` under
its own masthead (its title), as have its month and unit pages — never four cities' figures
under one title. Pages show readers' words only: the publication's title and its issues'
dates; the time the site was built is in the index and trends pages' ``<meta>``, not in
their text.

The analyst's review of a month is not in the site: it stays in the month folder
(``publish.review_page``), so the site holds only what readers may see.

``build_site`` writes into a fresh folder; ``replace_dir`` swaps a built folder in for the
old one with renames, so readers never see a half-built site.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

from markupsafe import Markup

from bulletin.core.blocks import Chart, Table, Text
from bulletin.core.config import Distribution
from bulletin.core.meta import META_NAME
from bulletin.core.months import is_month
from bulletin.publish.notebook import (
    DOCX_NAME,
    NOTEBOOK_NAME,
    PDF_NAME,
    MonthReport,
    markdown_html,
    read_report,
)
from bulletin.publish.site.base import (
    TEMPLATES,
    chart_view,
    month_label,
    script_json,
    shown_title,
    template_env,
)
from bulletin.publish.site.entries import MonthEntry, collect, download_groups
from bulletin.publish.site.phone import phone_specs
from bulletin.publish.site.phrases import heading_phrases
from bulletin.publish.site.reuse import Digests, Reuse
from bulletin.publish.site.tables import annex_view
from bulletin.publish.site.trends import (  # noqa: F401 (trend_rows: the trends' public helpers)
    facet_title,
    headline_changes,
    headline_columns,
    tracked_view,
    trend_rows,
    trend_spec,
    units_view,
)
from bulletin.publish.site.units import UNITS_DIR, render_units


def _blocks_view(report: MonthReport) -> list[dict]:
    """The month's blocks as the page shows them: Markdown cleaned as it is rendered, each
    table written from its cells (``annex_view``), each chart's SVG and spec."""
    view = []
    tables = 0
    for i, block in enumerate(report.blocks, start=1):
        if isinstance(block, Text):
            view.append({"kind": "markdown",
                         "html": Markup(heading_phrases(markdown_html(block.markdown)))})
        elif isinstance(block, Table):
            tables += 1
            annex = annex_view(block, tables, report.meta.units)
            view.append({"kind": "table", **annex, "html": Markup(annex["html"])})
        elif isinstance(block, Chart):
            view.append({"kind": "chart", "svg": Markup(block.svg), "spec_id": f"spec-{i}",
                         "spec_json": script_json(block.spec) if block.spec else "",
                         "phone_json": script_json(phone_specs(block.spec)) if block.spec else ""})
    return view


def _distribution(distribution: Distribution) -> list[tuple[str, str]]:
    lines = []
    for key, names in distribution.model_dump(by_alias=True).items():  # 报, 送, 发
        if names:
            # Lines may carry their own closing 「；」/「。」 (as typed from a bulletin): one each.
            text = "；".join(n.rstrip("；;。 \u3000") for n in names)
            lines.append((key, text + "。"))
    return lines


def _neighbour(entry: MonthEntry | None, root: str) -> dict | None:
    """上一期 / 下一期 as a month page shows it (and as its key counts it): href and label."""
    return None if entry is None else {"href": f"{root}{entry.path}index.html",
                                       "label": month_label(entry.month)}


def month_inputs(entry: MonthEntry, prev: MonthEntry | None, next_: MonthEntry | None,
                 digests: Digests) -> dict:
    """What a month's folder in the site is made from: the bytes of the files it reads or
    copies (meta.json, the executed notebook, the PDF, the Word file, the downloads) and
    its neighbours — the key under which ``reuse`` finds it again."""
    folder = entry.report.folder
    names = [META_NAME, NOTEBOOK_NAME, PDF_NAME, DOCX_NAME, *entry.report.meta.downloads]
    return {"files": [[name, digests.file(folder / name)] for name in names],
            "prev": _neighbour(prev, ""), "next": _neighbour(next_, "")}


def render_month(entry: MonthEntry, prev: MonthEntry | None, next_: MonthEntry | None,
                 out: Path, common: dict) -> list[Path]:
    """Write one month's page and copy its PDF and annex files beside it; the files written."""
    report = read_report(entry.report.folder)
    root = "../" * entry.path.count("/")
    folder = out / entry.path
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for path in [report.pdf, report.folder / DOCX_NAME, *report.downloads()]:
        if path.is_file():
            shutil.copy2(path, folder / path.name)
            written.append(folder / path.name)
    link = entry.link(root)
    html = template_env().get_template("month.html").render(
        **common, root=root, title=shown_title(report.meta), title_lines=report.meta.title_lines,
        issue_label=report.meta.issue_label, issue_date=report.meta.issue_date,
        official=report.meta.kind == "公文", draft=report.meta.draft,
        correction=report.meta.correction,
        revisions=report.meta.revisions,
        authority=report.meta.authority, blocks=_blocks_view(report),
        distribution=_distribution(report.meta.distribution), pdf=link["pdf"] and "bulletin.pdf",
        docx=link["docx"] and DOCX_NAME,
        downloads=download_groups([d["name"] for d in link["downloads"]]),
        prev=_neighbour(prev, root), next=_neighbour(next_, root))
    page = folder / "index.html"
    page.write_text(html, encoding="utf-8")
    return [page, *written]


def _group_view(name: str, entries: list[MonthEntry], root: str) -> dict:
    """A dataset on the index and the trends page: its months (each headline figure with
    its change from the month before) and the link to its units."""
    newest = entries[-1].report
    columns = [{"key": f.key, "label": f.label, "title": facet_title(f)}
               for f in headline_columns(entries)]
    links = [entry.link(root) | {"changes": changes}
             for entry, changes in zip(entries, headline_changes(entries), strict=True)]
    has_units = has_unit_rows(entries)
    issued = [link for link in links if not link["draft"]]  # a draft is never the latest
    return {"name": name, "title": shown_title(newest.meta), "headline": columns,
            "latest": issued[-1] if issued else None, "months": links[::-1], "months_oldest_first": links,
            "units_href": f"{root}{entries[0].base}{UNITS_DIR}/index.html" if has_units else None}


def has_unit_rows(entries: list[MonthEntry]) -> bool:
    """Whether some month lists a unit in a table by unit: a publication whose tables list
    none (its registry aside) has no units pages."""
    return any(unit.rows for entry in entries for unit in entry.report.meta.units)


def _trends_view(view: dict, entries: list[MonthEntry]) -> dict:
    """The trends of a dataset: its headline chart (two months or more), else a sentence;
    without headline figures, its units' figures and its tracked indicators month by month."""
    view = dict(view, chart=None, units=None, tracked=None)
    if view["headline"] and len(entries) > 1:
        view["chart"] = chart_view(trend_spec(entries), f"trend-spec-{view['name']}")
    if not view["headline"]:
        view["units"] = units_view(entries)
        view["tracked"] = tracked_view(entries)
    return view


def site_title(groups: dict[str, list[MonthEntry]]) -> str:
    """The masthead: a site of one dataset carries that dataset's own title (region and
    bulletin, from its dataset.yml, as its newest month printed it: ``shown_title``); a site of several
    datasets of one authority the authority's name; any other a generic one."""
    if len(groups) == 1:
        return shown_title(next(iter(groups.values()))[-1].report.meta)
    names = {entries[0].report.meta.authority for entries in groups.values()}
    return f"{names.pop()} · 运行情况通报" if len(names) == 1 else "政务服务运行情况通报"


def build_site(reports: Path, out: Path, progress: Callable[[str], None] | None = None,
               datasets: list[str] | None = None, previous: Path | None = None,
               written: list[Path] | None = None, built: str | None = None,
               scanned: set[str] | None = None) -> Path:
    """Render every executed month under ``reports`` (of ``datasets`` only, when given)
    into the empty folder ``out``.

    ``previous``: the site in place, whose parts are reused where their inputs are
    unchanged (``site.reuse``; the same bytes as made afresh). ``written`` (a list) gets
    the files made rather than reused. ``built``: the time the index and trends pages record
    (a ``<meta>``, no reader text) the site was updated (default now); the other pages carry
    none, so a page reused is the page made again. ``scanned``: the month folders (``<dataset>/<month>``) scanned for
    personal data by this run; the site records them, and those the previous site recorded
    and that have not changed since (``bulletin site`` scans the others again).
    """
    say = progress or (lambda message: None)
    groups = collect(Path(reports), datasets)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    many = len(groups) > 1
    reuse = Reuse(previous, out, "publications" if many else "publication")
    reuse.part("assets", [], lambda: _copy_assets(out))
    env = template_env()
    stamp = {"built": built or build_time()}
    made: list[Path] = []
    listed = []
    for name, entries in groups.items():
        listed.append(_publication(name, entries, out, many, reuse, stamp, scanned, say, made))
    if not groups:  # nothing published yet: the index and trends pages say so
        for name in ("index.html", "trends.html"):
            made.append(_write(out / name, env.get_template(name).render(
                site_title=site_title(groups), home="", many=False, root="", **stamp, groups=[])))
    if many:
        say("总目录 index.html")
        made.append(_write(out / "index.html", env.get_template("sites.html").render(
            site_title=site_title(groups), home="", many=True, root="", **stamp,
            publications=listed)))
    reuse.made([*made, reuse.save()])
    if written is not None:
        written += reuse.written
    return out


def _publication(name: str, entries: list, out: Path, many: bool, reuse: Reuse, stamp: dict,
                 scanned: set[str] | None, say: Callable[[str], None], made: list[Path]) -> dict:
    """One publication's pages: its months, its units, its index and trends (in a site of
    several, each under its own masthead: <dataset>/index.html, <dataset>/trends.html; the
    root lists them). The pages written go to ``made``; returns the root list's entry."""
    env = template_env()
    home, root = (f"{name}/", "../") if many else ("", "")
    view = _group_view(name, entries, root)
    common = {"site_title": view["title"], "home": home, "many": many}
    for i, entry in enumerate(entries):
        prev = entries[i - 1] if i else None
        next_ = entries[i + 1] if i + 1 < len(entries) else None
        say(f"月份页面 {name}/{entry.month}")
        reuse.part(entry.path.rstrip("/"),
                   month_inputs(entry, prev, next_, reuse.digests) | {"page": common},
                   lambda e=entry, p=prev, n=next_, c=common: render_month(e, p, n, out, c))
        reuse.record_scan(entry.key, entry.report.folder,
                          scanned is not None and entry.key in scanned)
    if view["units_href"]:
        say(f"单位页面 {entries[0].base}{UNITS_DIR}/")
        render_units(name, view["title"], entries, out, common, reuse)
    say(f"目录页 {home}index.html")
    (out / home).mkdir(parents=True, exist_ok=True)
    made.append(_write(out / home / "index.html", env.get_template("index.html").render(
        **common, **stamp, root=root, groups=[view])))
    say(f"趋势页 {home}trends.html")
    made.append(_write(out / home / "trends.html", env.get_template("trends.html").render(
        **common, **stamp, root=root, groups=[_trends_view(view, entries)])))
    return publication_view(view, entries)


def old_layout(site: Path, dataset: str) -> str | None:
    """What to tell the analyst when the dataset's own ``site`` is still laid out as before
    (its months in <site>/<dataset>/<YYYY-MM>/): the pages move up a level when it is
    rebuilt, so bookmarks and links to the old addresses must change. None otherwise."""
    old = Path(site) / dataset
    if not old.is_dir() or not any(is_month(p.name) for p in old.iterdir()):
        return None
    return (f"网站 {site} 的目录结构已简化：各月页面由 {dataset}/<YYYY-MM>/ 移到 <YYYY-MM>/，"
            f"单位页面由 {dataset}/{UNITS_DIR}/ 移到 {UNITS_DIR}/（index.html 仍在原处）；"
            "本次重建后旧地址失效，指向旧地址的书签和链接请改为新地址")


def publication_view(view: dict, entries: list[MonthEntry]) -> dict:
    """A publication as the root of a site of several lists it: its title, latest issue,
    how many issues from when to when, and its pages (relative to the root)."""
    name = view["name"]
    issued = [entry.link("") for entry in entries if not entry.report.meta.draft]
    return {"title": view["title"], "latest": issued[-1] if issued else None,
            "count": len(entries), "first": month_label(entries[0].month),
            "last": month_label(entries[-1].month), "href": f"{name}/index.html",
            "trends": f"{name}/trends.html",
            "units": f"{name}/{UNITS_DIR}/index.html" if view["units_href"] else None}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def build_time() -> str:
    """When the index and trends pages record the site was updated: now, to the minute."""
    return dt.datetime.now().strftime("%Y-%m-%d %H:%M")


def _copy_assets(out: Path) -> list[Path]:
    shutil.copytree(TEMPLATES / "assets", out / "assets", dirs_exist_ok=True)
    return sorted(p for p in (out / "assets").rglob("*") if p.is_file())

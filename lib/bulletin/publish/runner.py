"""Publish months: execute the notebook, make the PDF, rebuild the site — all or nothing.

The path of a month::

    notebooks/bulletin.ipynb --papermill--> reports/<dataset>/<YYYY-MM>/bulletin.ipynb + meta.json
        --pdf.make_pdf--> bulletin.pdf       --site.build_site--> _site/
        --docx.make_docx--> bulletin.docx (公文 format, for editing in Word / WPS)

Only the month being published is executed; the site is rebuilt from the executed
months already in ``reports/`` (never running them again), reusing the pages whose
inputs did not change (``site.reuse``). Each month's notebook runs in its kernel while the
month before it is typeset here (``publish.staging``); the first month's kernel, launched
as the run starts, then makes that month's Word file while its PDF is made here
(``publish.kernel``). The notebook template is found
under the project root passed in (``root``), or the one found upward from the current
directory.

Every month of a run and the site are built beside their targets first (the site from a
view of reports/ with the new months in it), checked for personal data, and only then
swapped in together (``fs.commit``): a run that fails changes nothing, a run that crashes
is completed or undone by the next one (``fs.recover``), and two runs never interleave
(``fs.locked``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from rich.console import Console

from bulletin.core.errors import BulletinError, PublishError
from bulletin.core.fonts import SANS, SERIF, dataset_font_folders, find_faces, substitution_line
from bulletin.core.meta import META_NAME, read_meta
from bulletin.core.months import parse_month
from bulletin.core.paths import project_root
from bulletin.publish.frozen import refuse_issued
from bulletin.publish.fs import commit, lock_path, locked, os_error_text, resolved_beside
from bulletin.publish.kernel import AHEAD, EarlyKernel, execute_month
from bulletin.publish.notebook import NOTEBOOK_NAME, markdown_html, month_texts, rendered_html
from bulletin.publish.pdf import WARM_SVG, font_paths, make_pdf, warm_typst
from bulletin.publish.personal import check_published, typed_in_inputs
from bulletin.publish.preflight import check_inputs
from bulletin.publish.quarto import (
    check_quarto,
    pdf_with_quarto,
    quarto_available,
)
from bulletin.publish.reports import skipped_line, unexecuted
from bulletin.publish.site import REVIEW_PAGE, build_site, old_layout, write_review_page
from bulletin.publish.site.base import TEMPLATES as SITE_TEMPLATES
from bulletin.publish.site.base import template_env
from bulletin.publish.staging import recover_published, stage_all
from bulletin.publish.word import make_docx
from bulletin.report.losses import Loss, write_accepted


def month_folder(reports: Path, dataset: Path, month: str) -> Path:
    return Path(reports) / Path(dataset).resolve().name / month


@dataclass
class PublishResult:
    route: str
    folders: list[Path]
    site: Path | None  # None: the months alone (publish_many's ``site``)
    timings: dict[str, float]  # each kind of step, added up (a notebook's time included
    fonts: str = ""  # which 公文 faces the PDF got, or what stood in for them (fonts_line)
    seconds: float = 0.0  # … while the month before it was typeset): the run's own time

    def review_summary(self) -> list[str]:
        """Where the review of each month published is, and how many findings it holds —
        the lines ``bulletin publish`` ends with."""
        return review_summary(self.folders)

def review_summary(folders: list[Path]) -> list[str]:
    """One line per month folder: its findings, its review.md and review.html (both in the
    month folder, none in the site)."""
    from bulletin.report.sections.review import REVIEW_NAME  # the report layer: when used

    lines = ["核查清单（供分析人员核实，不随通报印发，不在网站中）："]
    for folder in folders:
        review = folder / REVIEW_NAME
        month = f"{folder.parent.name} {folder.name}"
        if not review.is_file():
            lines.append(f"  {month}：没有核查清单（{review} 不存在）")
            continue
        counts = read_meta(folder / META_NAME).review  # what the notebook counted as it wrote it
        if counts is None:
            lines.append(f"  {month}：meta.json 未记录核查清单的条数（由旧版写出，请重新发布）；{review}")
            continue
        count = counts.items
        found = f"{count} 条待核实" if count else "没有待核实的事项"
        lines.append(f"  {month}：{found}；{review}；{folder / REVIEW_PAGE}")
    return lines


def fonts_line(folders: list[str], quarto: str | None) -> str:
    """The publish summary's line on the PDF's fonts (core.fonts.substitution_line): the
    typst route sets the 公文 faces found in ``folders``; Quarto's, the open ones."""
    if quarto:
        return (f"排版字体：Quarto 路线的 PDF 用开源字体 {SERIF}、{SANS}（公文字体只用于 "
                "papermill → typst 路线）。")
    return substitution_line(find_faces(folders))


def typeset(tmp: Path, month: str, step: Steps, quarto: str | None, root,
            kernel: EarlyKernel | None = None) -> None:
    """An executed month folder's PDF (typst, or Quarto when given), Word file and review
    page, then the last scan of every file in it: what publish and render both do. The
    Word file is made meanwhile by the kernel the month's notebook ran in, when it is
    ``kernel`` (``EarlyKernel.word``), else (or when that fails) here, after the PDF."""
    word = _word_in(kernel, tmp)
    try:
        if quarto:
            step(f"Quarto 排版 {month} PDF…", "pdf",
                 lambda: pdf_with_quarto(tmp, quarto, project_root(root)))
        else:
            step(f"排版 {month} PDF…", "pdf", lambda: make_pdf(tmp))
    finally:
        if word is not None:
            word.wait()  # nothing written into the folder once this step fails
    if word is not None and word.ok:
        step(f"生成 {month} Word 文档…", "docx", word.wait, elapsed=word.elapsed)
    else:
        step(f"生成 {month} Word 文档…", "docx", lambda: make_docx(tmp))
    # the review page is the analyst's, in the month folder: never in the site
    step(f"生成 {month} 核查清单页面…", "review", lambda: write_review_page(tmp))
    step(f"检查 {month} 待发布文件中的个人信息…", "scan", lambda: check_published(tmp))


def _word_in(kernel: EarlyKernel | None, tmp: Path):
    """The Word file of ``tmp`` started in ``kernel`` (``EarlyKernel.word``) with the
    month's texts rendered here (the PDF renders them next: the same), or None."""
    if kernel is None:
        return None
    try:
        rendered = rendered_html(month_texts(tmp))
    except Exception:  # noqa: BLE001 — the PDF step renders them again, and says why not
        rendered = {}
    return kernel.word(tmp, rendered)


def publish_many(dataset: Path, months: list[str], reports: Path = Path("reports"),
                 site: Path | None = Path("_site"), notebook: Path | None = None,
                 console=None, use_quarto: bool | None = None, root: Path | None = None,
                 own_site: bool = False, accept_loss: bool = False,
                 revise: Callable[[str, Path], None] | None = None,
                 kernel: EarlyKernel | None = None) -> PublishResult:
    """Execute each month and make its PDF and Word file, then rebuild the site once (other
    months are re-rendered from their executed notebooks, never re-executed). The site
    holds every dataset under ``reports``, or with ``own_site`` this dataset alone; with
    ``site`` None, the months alone (``publish.demo``). The first notebook runs in ``kernel``.

    Nothing is replaced until every month and the site are built and checked; then all are
    swapped in as one commit. On any failure neither reports/ nor the site has changed, and
    the PublishError says which step failed. A second run waits for the first. Before all
    that, publish.preflight refuses a month without data or a loss of data (accept_loss).
    An issued month is refused (publish.frozen) unless ``revise`` fills its new folder first.
    """
    began = time.perf_counter()
    console = console or Console(stderr=True)
    notebook, quarto, route = _route(dataset, notebook, use_quarto, root)
    console.print(f"发布路线：{route}", highlight=False)
    step = Steps(console)
    reports, site = Path(reports).resolve(), site and resolved_beside(site)  # _site: a link
    months, accepted, opened = _checked(step, console, dataset, months, accept_loss)

    def say(message: str) -> None:
        console.print(message, highlight=False)

    def make_month(month: str, tmp: Path, executed) -> None:
        step(f"执行笔记本 {month}…", "execute", executed, elapsed=executed.elapsed)
        typeset(tmp, month, step, quarto, root, kernel)

    only = [Path(dataset).resolve().name] if own_site else None
    fresh = {f"{Path(dataset).resolve().name}/{month}" for month in months}  # scanned here

    def make_site(view: Path, out: Path) -> None:
        step("重建网站（目录、趋势、各月页面）…", "site",
             lambda: checked_site(view, out, only, previous=site, scanned=fresh))

    sites = [site] if site is not None else []
    with locked([lock_path(p) for p in [reports / Path(dataset).resolve().name, *sites]], say):
        for line in recover_published(reports, site, Path(dataset).resolve().name):
            say(f"[yellow]上次运行中断[/]：{line}")
        targets = {month_folder(reports, dataset, month) for month in months}
        refuse_issued(sorted(targets) if revise is None else [])  # never written over
        _notices(say, dataset, months, targets, unexecuted(reports, only), opened)
        moved = old_layout(site, only[0]) if only and site is not None else None
        if moved:
            say(f"[yellow]注意[/]：{moved}")
        pairs = stage_all(months, lambda month: month_folder(reports, dataset, month),
                          make_month, make_site if site is not None else None, reports, site,
                          ahead=_ahead(dataset, notebook, accepted, revise, kernel),
                          warm=lambda: warm_renderers(quarto, dataset))
        commit(pairs, journal_beside=site, linked=sites)
    for month in months:
        (month_folder(reports, dataset, month).parent / f"{month}.failed.ipynb").unlink(
            missing_ok=True)
    return PublishResult(route, [target for _, target in pairs[:len(pairs) - len(sites)]],
                         site, step.timings, fonts_line(dataset_font_folders(Path(dataset)),
                                                        quarto), time.perf_counter() - began)


def _ahead(dataset: Path, notebook: Path, accepted: dict, revise, early: EarlyKernel | None):
    """The part of a month run ahead, in a thread (publish.staging), while the month before
    is typeset here: its folder filled (``revise``), its accepted losses written (its
    review reads them) and its notebook executed — the first month's in the kernel
    launched as the run started (``early``), stopped once it has run."""

    def ahead(month: str, tmp: Path, started: threading.Event) -> None:
        if revise is not None:
            revise(month, tmp)
        write_accepted(tmp, month, accepted.get(month, []))
        AHEAD.started, AHEAD.early = started, early  # read by kernel.execute_month
        execute_month(dataset, month, tmp, notebook)

    return ahead


def _notices(say, dataset: Path, months: list[str], targets: set[Path], skipped: list[Path],
             opened: dict) -> None:
    """What publish says before staging: month folders it skips, personal data typed in."""
    for folder in skipped:
        if folder not in targets:
            say(f"[yellow]注意[/]：{skipped_line(folder)}")
    for month in months:
        for found in typed_in_inputs(dataset, month, opened.get(month)):
            say(f"[yellow]注意[/]：{found}，发布内容中已隐去；请从输入中删去")


def _checked(step: Steps, console, dataset: Path, months: list[str], accept_loss: bool) \
        -> tuple[list[str], dict[str, list[Loss]], dict]:
    """The months (parsed, a month given twice once) checked by publish.preflight as the
    run's first step, the losses accepted (said), and each month's tables as read (for
    typed_in_inputs: read once)."""
    months = list(dict.fromkeys(parse_month(m) for m in months))
    opened: dict = {}
    accepted = step("检查输入数据…", "check",
                    lambda: check_inputs(dataset, months, accept_loss, opened))
    for month, losses in accepted.items():
        for loss in losses:
            console.print(f"[yellow]已接受的数据损失（--accept-loss）[/]{month}：{loss.text}",
                          highlight=False)
    return months, accepted, opened


def _route(dataset: Path, notebook: Path | None, use_quarto: bool | None,
           root: Path | None) -> tuple[Path, str | None, str]:
    """The notebook template, the quarto command (or None) and the route's name, checked
    before anything runs."""
    notebook = Path(notebook) if notebook is not None \
        else project_root(root) / "notebooks" / NOTEBOOK_NAME
    if not notebook.is_file():
        raise PublishError(f"找不到通报笔记本模板 {notebook}")
    if not Path(dataset).is_dir():
        raise PublishError(f"找不到数据集文件夹 {dataset}")
    return notebook, *pdf_route(use_quarto)


def pdf_route(use_quarto: bool | None) -> tuple[str | None, str]:
    """The quarto command (or None) and the route's name, checked before anything runs."""
    quarto = quarto_available() if use_quarto in (None, True) else None
    if use_quarto and not quarto:
        raise PublishError("要求使用 Quarto，但 PATH 中没有 quarto 命令")
    if quarto:
        check_quarto(quarto)  # typst >= 0.13 (Quarto >= 1.7), before any month runs
    route = f"Quarto（{quarto}）排版 PDF" if quarto else "papermill → pandoc → typst（未安装 Quarto）"
    return quarto, route


class Steps:
    """The steps of a run, numbered as they run: ``steps(label, key, action)`` runs
    ``action`` under a status line, adds its time to ``timings[key]`` and prints it done.

    A PublishError leaving a step carries the step (``step``: the label, ``number``: its
    place in the run), so it reads 「第 3 步「排版 2021-02 PDF」失败：…」; an OSError (a
    read-only folder, a full disk …) or any other exception becomes such a PublishError.
    An InputError or ConfigError passes as it is: it names its file, row, column or key.
    """

    def __init__(self, console, timings: dict[str, float] | None = None):
        self.console = console
        self.timings: dict[str, float] = {} if timings is None else timings
        self.count = 0

    def __call__(self, label: str, key: str, action, elapsed: Callable[[], float] | None = None):
        """Run the step; ``elapsed``: its time when the work ran elsewhere (a notebook run
        ahead, in a thread), not the time spent here waiting for it."""
        self.count += 1
        name = label.rstrip("…")
        started = time.perf_counter()
        with self.console.status(label):
            try:
                value = action()
            except PublishError as error:
                if error.step is None:
                    error.step, error.number = name, self.count
                raise
            except BulletinError:
                raise
            except OSError as error:
                raise PublishError(os_error_text(error), name, self.count) from error
            except Exception as error:
                raise PublishError(f"{type(error).__name__}: {error}", name, self.count) \
                    from error
        took = elapsed() if elapsed is not None else time.perf_counter() - started
        self.timings[key] = self.timings.get(key, 0.0) + took
        self.console.print(f"[green]✓[/] {self.count}. {name}（{took:.1f} 秒）", highlight=False)
        return value


def checked_site(overlay: Path, out: Path, datasets: list[str] | None = None,
                 previous: Path | None = None, scanned: set[str] | None = None) -> None:
    """The site built from the view ``overlay`` of reports/ into ``out``, reusing the
    unchanged pages of the site in place (``previous``), then its new files scanned for
    personal data (the months' PDF and Word files are scanned with their months; a page
    reused is the file scanned when it was made). ``scanned``: the month folders this run
    scanned (``<dataset>/<month>``), for the site's record (``site.build``)."""
    written: list[Path] = []
    build_site(overlay, out, datasets=datasets, previous=previous, written=written,
               scanned=scanned)
    check_published(out, documents=False, files=written)


def warm_renderers(quarto: str | None, dataset: Path) -> None:
    """What typesetting loads once per process — typst's fonts and its first compile of the
    template, the Markdown renderer, the review page's modules, the site's templates
    compiled — loaded while the first notebook runs in its kernel, another process
    (``publish.staging``). Only a head start: what fails here (no CJK fonts …) fails
    again, and is reported, in the step that needs it. (The site draws no chart here:
    its pages' scripts draw them, ``site.base.chart_view``.)"""
    try:
        if not quarto:  # the fonts, then the template's first compile (pdf.warm_typst)
            warm_typst(font_paths(dataset_font_folders(Path(dataset).resolve())), WARM_SVG)
        markdown_html("通报 **通报**")  # nbconvert's Markdown renderer and the sanitiser
        for module in ("bulletin.report.charts", "bulletin.report.sections.review"):
            import_module(module)  # the site's charts (altair), the review page
        for template in sorted(SITE_TEMPLATES.glob("*.html")):
            template_env().get_template(template.name)  # compiled once a process
    except Exception:  # noqa: BLE001, S110 — see above
        pass

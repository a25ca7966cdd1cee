"""`bulletin render reports/<dataset>/<YYYY-MM>`: a month whose notebook was executed
outside ``publish`` (papermill by hand, or Jupyter) made into what ``publish`` makes of
it — bulletin.pdf, bulletin.docx and the dataset's site pages — without running it again.

The same pipeline as ``publish`` (``runner``): the month is copied beside itself, its PDF
and Word file are made and checked there, the site is built from a view of reports/ with
the new month in it, and both are swapped in as one commit; a failure changes nothing.
The month's downloads (XLSX/CSV) and review are what its notebook wrote: the downloads
are copied to the site as ``publish`` copies them, the review is rendered as review.html
in the month folder (never in the site).

Also the default places of a dataset's output: its months under
``reports/<dataset>/<YYYY-MM>/`` and a site of its own, ``_site/<dataset>/``.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console

from bulletin.core.errors import PublishError
from bulletin.core.fonts import dataset_font_folders
from bulletin.core.meta import META_NAME
from bulletin.core.months import MONTH_PATTERN
from bulletin.publish.fs import commit, lock_path, locked, replace_dir, resolved_beside
from bulletin.publish.gates import accept_in, passed_gates
from bulletin.publish.notebook import NOTEBOOK_NAME, dataset_of, read_report
from bulletin.publish.personal import check_published
from bulletin.publish.quarto import front_matter
from bulletin.publish.reports import month_folders, skipped_line, unexecuted
from bulletin.publish.runner import (
    PublishResult,
    Steps,
    checked_site,
    fonts_line,
    pdf_route,
    typeset,
)
from bulletin.publish.site import build_site, old_layout
from bulletin.publish.site.reuse import Digests, read_scanned
from bulletin.publish.staging import recover_published, stage_all

# Where ``publish`` and ``render`` write unless told (relative to the current directory):
# reports/<dataset>/<YYYY-MM>/ and the dataset's own site _site/<dataset>/.
REPORTS = Path("reports")
SITES = Path("_site")
# The demo's, apart from any dataset of the analyst's.
DEMO_REPORTS = Path("_demo") / "reports"
DEMO_SITE = Path("_demo") / "site"


def own_site(dataset: str | Path) -> Path:
    """The default site of a dataset (a folder, or its name): _site/<dataset>/."""
    return SITES / Path(dataset).resolve().name


def executed_month(folder: Path) -> Path:
    """``folder`` checked as an executed month reports/<dataset>/<YYYY-MM>/: a PublishError
    saying what is missing and how to get it otherwise."""
    folder = Path(folder)
    shape = "应为 reports/<数据集>/<YYYY-MM>/ 形式的月份文件夹"
    if not folder.is_dir():
        raise PublishError(f"找不到月份文件夹 {folder}（{shape}）")
    if not re.fullmatch(MONTH_PATTERN, folder.resolve().name):
        raise PublishError(f"{folder} 的文件夹名不是月份 YYYY-MM（{shape}）")
    if not (folder / META_NAME).is_file():
        raise PublishError(f"{folder} 中没有 {META_NAME}：执行通报笔记本时参数 out_dir 应为该文件夹")
    if not (folder / NOTEBOOK_NAME).is_file():
        raise PublishError(f"{folder} 中没有已执行的 {NOTEBOOK_NAME}：papermill 的输出笔记本应写为 "
                           f"{folder / NOTEBOOK_NAME}")
    report = read_report(folder)  # an error output of the notebook stops here, named
    if report.month != folder.resolve().name:
        raise PublishError(f"{folder / META_NAME} 写的月份是 {report.month}，与文件夹名不符")
    return folder.resolve()


def render_month(folder: Path, site: Path | None = None, console=None,
                 use_quarto: bool | None = None, root: Path | None = None,
                 prepare: Callable[[Path], None] | None = None, accept_loss: bool = False,
                 gated: bool = True, again: str = "") -> PublishResult:
    """Make the PDF, the Word file and the site pages of the executed month ``folder``
    (reports/<dataset>/<YYYY-MM>/), all or nothing, without executing it; the site
    (default ``_site/<dataset>/``) holds that dataset's months alone. ``prepare`` changes
    the month's copy before anything is made of it (``bulletin issue``: its meta.json).

    First the loss gates, as ``publish`` passes them (publish.gates): a loss of the inputs
    not recorded as accepted in the folder refuses the month, unless ``accept_loss`` (then
    recorded, and the review rewritten to say so); ``again`` words what to run instead of
    adding the flag. ``gated`` False: the caller has just passed them (``issue --revise``)."""
    began = time.perf_counter()
    console = console or Console(stderr=True)
    folder = executed_month(folder)
    reports, dataset, month = folder.parent.parent, folder.parent.name, folder.name
    site = resolved_beside(site if site is not None else SITES / dataset)  # _site: a link (fs)
    quarto, route = pdf_route(use_quarto)
    route = route.replace("papermill → ", "")  # nothing is executed
    console.print(f"排版路线：{route}（笔记本不重新执行）", highlight=False)
    step = Steps(console)

    def say(message: str) -> None:
        console.print(message, highlight=False)

    source, accepted = passed_gates(folder, accept_loss, again, step, say) if gated else (None, [])

    def make_month(_: str, tmp: Path) -> None:
        shutil.copytree(folder, tmp, symlinks=True)
        if accepted:
            step(f"在 {month} 核查清单中记入接受的数据损失…", "accept",
                 lambda: accept_in(tmp, source, month, accepted))
        if prepare is not None:
            prepare(tmp)
        front_matter(tmp)
        typeset(tmp, month, step, quarto, root)

    def make_site(view: Path, out: Path) -> None:
        step("重建网站（目录、趋势、各月页面）…", "site",
             lambda: checked_site(view, out, [dataset], previous=site,
                                  scanned={f"{dataset}/{month}"}))

    with locked([lock_path(folder.parent), lock_path(site)], say):
        for line in recover_published(reports, site, dataset):
            say(f"[yellow]上次运行中断[/]：{line}")
        for other in unexecuted(reports, [dataset]):
            say(f"[yellow]注意[/]：{skipped_line(other)}")
        moved = old_layout(site, dataset)
        if moved:
            say(f"[yellow]注意[/]：{moved}")
        executed_month(folder)  # still there, as checked, once the lock is held
        pairs = stage_all([month], lambda _: folder, make_month, make_site, reports, site)
        commit(pairs, journal_beside=site, linked=[site])
    return PublishResult(route, [folder], site, step.timings,
                         fonts_line(dataset_font_folders(dataset_of(folder)), quarto),
                         time.perf_counter() - began)


def rebuild_sites(reports: Path, datasets: list[str] | None = None, out: Path | None = None,
                  progress=None, full: bool = False) -> tuple[list[Path], list[str]]:
    """``bulletin site``: rebuild from reports/ without executing anything — each dataset's
    own site _site/<dataset>/, or with ``out`` one site holding them all. ``datasets``
    (names or folders) keeps some; default every dataset with a month under ``reports``.
    The pages whose inputs are unchanged are reused from the site in place (``site.reuse``)
    unless ``full``. The sites built, and the lines to say: each month folder skipped (no
    executed notebook), each site of one dataset still in the old layout (``old_layout``).
    A site of one dataset holds its months at its top (<site>/<YYYY-MM>/), a site of
    several in a folder each (<site>/<dataset>/<YYYY-MM>/)."""
    reports = Path(reports)
    held = sorted({folder.parent.name for folder in month_folders(reports)})
    names = [Path(name).name for name in datasets] if datasets else held
    if not held:
        raise PublishError(f"{reports} 中没有任何月份文件夹（<数据集>/<YYYY-MM>/，含 {META_NAME}）")
    missing = [name for name in names if name not in held]
    if missing:
        raise PublishError(f"{reports} 中没有数据集 {'、'.join(missing)} 的月份文件夹；"
                           f"已有的数据集：{'、'.join(held)}")

    if out is not None and datasets:
        keep_others(Path(out), names)

    def scanned(tmp: Path, target: Path, only: list[str]) -> None:
        # the last scan, as publish makes it: every file of the executed months (maybe
        # edited since: all but those the site records as scanned, unchanged, by this
        # code), then of the site built (its PDF and Word files are their copies)
        records, digests, done = {} if full else read_scanned(target), Digests(), set()
        for folder in month_folders(reports):
            if folder.parent.name in only:
                key = f"{folder.parent.name}/{folder.name}"
                if records.get(key) != digests.folder(folder):
                    check_published(folder)
                done.add(key)
        written: list[Path] = []
        build_site(reports, tmp, progress, only, previous=None if full else target,
                   written=written, scanned=done)
        check_published(tmp, documents=False, shown=target, files=written)

    def build(target: Path, only: list[str]) -> Path:
        return replace_dir(target, lambda tmp: scanned(tmp, target, only))

    plan = [(out, names)] if out is not None else [(SITES / n, [n]) for n in names]
    moved = [line for target, only in plan if len(only) == 1
             for line in [old_layout(target, only[0])] if line]  # said before it is rebuilt
    sites = [build(target, only) for target, only in plan]
    return sites, [skipped_line(folder) for folder in unexecuted(reports, names)] + moved


def keep_others(site: Path, names: list[str]) -> None:
    """Refuse to rebuild ``site`` with only ``names`` when it holds other datasets' pages
    (as its record of the months it published says): the new site would drop them."""
    others = sorted({key.split("/")[0] for key in read_scanned(site)} - set(names))
    if others:
        raise PublishError(
            f"网站 {site} 现有数据集 {'、'.join(others)} 的页面，只用 --dataset "
            f"{'、'.join(names)} 重建会把它们从该网站删去。要保留它们，请去掉 --dataset（重建全部）"
            f"或把它们也列在 --dataset 中；要另建一个网站，请换一个 --site 文件夹")


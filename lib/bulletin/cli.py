"""The ``bulletin`` command line: the top of the house, one command per task.

Commands import what they need when they run, so ``bulletin facts`` does not pay for
the report and publishing layers (altair, great-tables, papermill) at start-up.
Every :class:`BulletinError` is printed as one Chinese message, exit code 2.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console

from bulletin.core import BulletinError, ConfigError, InputError, MonthError, Problem, parse_month

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="政务服务运行情况通报：从平台导出数据计算指标、生成通报。")


err = Console(stderr=True, soft_wrap=True)  # no hard wraps: lines stay greppable
ROOT_HELP = "项目根目录（含 _quarto.yml 和 notebooks/；默认从当前目录向上查找）"
SITE_HELP = "网站输出文件夹（默认 _site/<数据集>/，只含该数据集，各月页面在其中的 <YYYY-MM>/）"
ACCEPT_HELP = ("输入数据有损失（名录外单位、比上月少了列、隔离行过多、办件量突变）时仍然发布；"
               "接受的内容记入当月核查清单")


@app.callback()
def _root() -> None:
    """政务服务运行情况通报。"""


def check_month(value: str | None) -> str | None:
    """A month option (every command's --month, --to, --from) as ``YYYY-MM``: typed with
    full-width digits it is the month it shows (core.months.parse_month); anything else
    stops the command before any work, saying whether the format or the month is wrong."""
    if value is None:
        return None
    try:
        return parse_month(value)
    except MonthError as error:
        fail(error)


def fail(error: Exception) -> None:
    err.print(f"[bold red]错误[/]：{error}", highlight=False)
    raise typer.Exit(2)


def unwritable(error: OSError, path: Path | None = None) -> BulletinError:
    """An OSError of the output side as a Chinese error naming the path (publish.fs words
    it); polars' errors carry neither errno nor path, so ``path`` names the target."""
    import errno
    import os

    from bulletin.core import PublishError
    from bulletin.publish import os_error_text

    if error.filename is None and path is not None:
        kinds = {FileNotFoundError: errno.ENOENT, IsADirectoryError: errno.EISDIR,
                 NotADirectoryError: errno.ENOTDIR, PermissionError: errno.EACCES}
        code = error.errno or next((c for k, c in kinds.items() if isinstance(error, k)), None)
        error = OSError(code, error.strerror or str(error), os.fspath(path))
    return PublishError(os_error_text(error))


@app.command()
def facts(
    dataset: Path = typer.Option(..., "--dataset", help="数据集文件夹"),
    month: str = typer.Option(..., "--month", callback=check_month, help="月份 YYYY-MM"),
    to: str = typer.Option(None, "--to", callback=check_month, help="截止月份 YYYY-MM（含）"),
    out: Path = typer.Option(..., "--out", help="输出 Parquet 文件（--sql 时为 SQL 文件）"),
    strict: bool = typer.Option(False, "--strict", help="任何错误行都使整个文件被拒绝"),
    quarantine: Path = typer.Option(None, "--quarantine",
                                    help="隔离报告 CSV（默认：输出文件旁的 *.quarantine.csv）"),
    sql: str = typer.Option(None, "--sql", help="不计算，改为把在 duckdb 或 spark 上计算同一事实表的 "
                            "SQL 写到 --out，旁边写出它连接的 workdays.parquet 和 "
                            "unit_spellings.parquet（见 docs/scale.md）"),
) -> None:
    """写出 unit_month 事实表（各列的口径见 docs/definitions.md 第 4 节）。"""
    from bulletin.facts import DIALECTS, case_facts, write_query
    from bulletin.ingest import Dataset, Ingestion

    last = to or month
    if last < month:
        raise typer.BadParameter(f"截止月份 {last} 早于起始月份 {month}")
    if sql is not None and sql not in DIALECTS:
        raise typer.BadParameter(f"--sql 应为 {' 或 '.join(DIALECTS)}，而不是「{sql}」")
    try:
        ds = Dataset.open(dataset, strict=strict)
        if sql is not None:  # the registry and dataset.yml only: no case is read
            try:
                written = write_query(ds, month, last, sql, out)
            except OSError as error:
                fail(unwritable(error, out))
            err.print("已写出 " + "、".join(map(str, written)), highlight=False)
            return
        if ds.kind != "cases":
            fail(InputError(Problem(str(ds.folder), None, None, None,
                                    "该数据集只有 unit_stats 汇总表，没有 cases/ 办件明细；"
                                    "facts 命令从办件明细计算，汇总表请直接用 bulletin publish")))
        ingestion = Ingestion()
        with err.status(f"计算 {month}–{last} 的单位月度事实表…"):
            table = case_facts(ds, month, last, ingestion)
    except BulletinError as error:
        fail(error)
    for line in ingestion.lines():
        err.print(line, highlight=False)
    target = out
    try:  # a read-only, missing or full place: an error naming it, exit 2
        if ingestion.problems:
            target = quarantine or out.with_suffix(".quarantine.csv")
            target.parent.mkdir(parents=True, exist_ok=True)
            ingestion.write_quarantine(target)
            err.print(f"[yellow]隔离 {ingestion.quarantined} 行，问题清单见 {target}[/]",
                      highlight=False)
        target = out
        out.parent.mkdir(parents=True, exist_ok=True)
        table.write_parquet(out)
    except OSError as error:
        fail(unwritable(error, target))
    err.print(f"已写出 {out}：{table.height} 行（{table['month'].n_unique()} 个月 × "
              f"{table['unit'].n_unique()} 个单位）", highlight=False)


@app.command()
def synth(
    out: Path = typer.Option(..., "--out", help="输出数据集文件夹"),
    first: str = typer.Option("2020-10", "--from", callback=check_month, help="起始月份 YYYY-MM"),
    last: str = typer.Option("2021-04", "--to", callback=check_month, help="截止月份 YYYY-MM（含）"),
    scale: float = typer.Option(0.02, "--scale", help="规模：1.0 约为全市每月 25 万件"),
    seed: int = typer.Option(7, "--seed", help="随机种子（相同参数得到相同文件）"),
    single_parquet: bool = typer.Option(False, "--single-parquet",
                                        help="全部办件写入一个 cases/cases.parquet"),
    no_personal: bool = typer.Option(False, "--no-personal", help="不生成个人信息列"),
) -> None:
    """生成合成的办件级数据集（单位名录取自 seed 000，规模参照其附件 1、2）。"""
    from bulletin.synth import generate

    if last < first:
        raise typer.BadParameter(f"截止月份 {last} 早于起始月份 {first}")
    try:
        counts = generate(out, first, last, scale=scale, seed=seed,
                          single_parquet=single_parquet, personal=not no_personal)
    except BulletinError as error:
        fail(error)
    err.print(f"已写出 {out}：办件 {counts['cases']} 行，评价 {counts['evaluations']} 行",
              highlight=False)


@app.command()
def publish(
    dataset: Path = typer.Option(..., "--dataset", help="数据集文件夹"),
    month: list[str] = typer.Option(..., "--month", help="月份 YYYY-MM（可重复）"),
    reports: Path = typer.Option(Path("reports"), "--reports",
                                 help="已执行通报的文件夹（各月在 <reports>/<数据集>/<月份>/）"),
    site: Path = typer.Option(None, "--site", help=SITE_HELP),
    notebook: Path = typer.Option(None, "--notebook",
                                  help="通报笔记本模板（默认 notebooks/bulletin.ipynb）"),
    root: Path = typer.Option(None, "--root", help=ROOT_HELP),
    accept_loss: bool = typer.Option(False, "--accept-loss", help=ACCEPT_HELP),
) -> None:
    """发布月份：执行笔记本、排版 PDF、生成 Word 文档、重建网站（其他月份不重新执行）。"""
    from bulletin.publish import EarlyKernel

    month = [check_month(value) for value in month]
    # the first notebook's, starting while the renderers are imported
    kernel = EarlyKernel(dataset=dataset)
    from bulletin.publish import own_site, publish_many

    try:
        with kernel:
            result = publish_many(dataset, month, reports=reports,
                                  site=site or own_site(dataset), notebook=notebook,
                                  console=err, root=root, own_site=True,
                                  accept_loss=accept_loss, kernel=kernel)
    except BulletinError as error:
        err.print("[bold red]发布失败，原网站未改动。[/]", highlight=False)
        fail(error)
    except OSError as error:  # before the lock is taken (publish.fs words those after it)
        err.print("[bold red]发布失败，原网站未改动。[/]", highlight=False)
        fail(unwritable(error))
    published(result)


@app.command()
def render(
    folder: Path = typer.Argument(..., help="已执行的月份文件夹 reports/<数据集>/<YYYY-MM>"),
    site: Path = typer.Option(None, "--site", help=SITE_HELP),
    root: Path = typer.Option(None, "--root", help=ROOT_HELP),
    accept_loss: bool = typer.Option(False, "--accept-loss", help=ACCEPT_HELP),
) -> None:
    """由已执行的通报笔记本生成该月 PDF、Word 文档和网站页面（不重新执行笔记本）；
    与 publish 一样先检查输入数据有无损失。"""
    from bulletin.publish import render_month

    try:
        result = render_month(folder, site=site, console=err, root=root,
                              accept_loss=accept_loss)
    except BulletinError as error:
        err.print("[bold red]生成失败，原文件和网站未改动。[/]", highlight=False)
        fail(error)
    published(result)


@app.command()
def verify(
    dataset: Path = typer.Option(..., "--dataset", help="数据集文件夹"),
    month: str = typer.Option(..., "--month", callback=check_month, help="月份 YYYY-MM"),
    reports: Path = typer.Option(Path("reports"), "--reports", help="已发布通报的文件夹"),
) -> None:
    """核对已发布的月份：由输入数据重新计算，逐一比对通报所列数字（不写入 reports/ 和网站）。
    退出码：0 一致，1 有数字不同，2 无法核对。"""
    from bulletin.publish import verify_month

    try:
        with err.status(f"由输入数据重新计算 {month}…"):
            result = verify_month(dataset, month, reports)
    except BulletinError as error:
        fail(error)
    typer.echo("\n".join(result.lines()))
    raise typer.Exit(0 if result.identical else 1)


@app.command()
def issue(
    dataset: Path = typer.Option(..., "--dataset", help="数据集文件夹"),
    month: str = typer.Option(..., "--month", callback=check_month, help="月份 YYYY-MM"),
    reports: Path = typer.Option(Path("reports"), "--reports", help="已发布通报的文件夹"),
    site: Path = typer.Option(None, "--site", help=SITE_HELP),
    revise: str = typer.Option(None, "--revise", help="更正说明：已印发的月份按新数据印发更正版"),
    root: Path = typer.Option(None, "--root", help=ROOT_HELP),
    accept_loss: bool = typer.Option(False, "--accept-loss", help=ACCEPT_HELP + "（仅用于 --revise）"),
) -> None:
    """由已发布的征求意见稿印发正式版（核查清单中每一阻止项须在 notes 的「## 已核实」下列出）；
    已印发的月份只能用 --revise 印发更正版（原印发版保存在该月的 issued/ 下）。"""
    from bulletin.publish import issue_month, revise_month

    if accept_loss and revise is None:
        fail(BulletinError("--accept-loss 只用于 --revise；征求意见稿的数据损失请在发布时接受"
                           f"（bulletin publish --dataset {dataset} --month {month} --accept-loss）"))
    try:
        result = (issue_month(dataset, month, reports, site=site, console=err) if revise is None
                  else revise_month(dataset, month, revise, reports, site, err, root, accept_loss))
    except BulletinError as error:
        err.print("[bold red]未印发，原文件和网站未改动。[/]", highlight=False)
        fail(error)
    published(result)


def published(result) -> None:
    """What publish and render end with: each month's PDF and Word file, the site, the
    reviews."""
    for folder in result.folders:
        err.print(f"通报：{folder / 'bulletin.pdf'}", highlight=False)
        err.print(f"Word：{folder / 'bulletin.docx'}（公文格式，供修改、会签）", highlight=False)
    if result.fonts:
        err.print(result.fonts, highlight=False, markup=False)
    total = result.seconds or sum(result.timings.values())
    err.print(f"网站：{result.site / 'index.html'}（路线：{result.route}；共 {total:.1f} 秒）",
              highlight=False)
    for line in result.review_summary():
        err.print(line, highlight=False, markup=False)
    # all written, closed and swapped in, the kernels stopped: the interpreter's last
    # collection at exit need not walk every object loaded (~0.1 s); the rest of its exit
    # (atexit, threads joined, streams flushed) is as ever
    __import__("gc").freeze()


@app.command()
def site(
    reports: Path = typer.Option(Path("reports"), "--reports", help="已执行通报的文件夹"),
    dataset: list[str] = typer.Option(None, "--dataset",
                                      help="只重建这些数据集（名称，可重复；默认全部）"),
    site: Path = typer.Option(None, "--site", help="给出时：建一个含所选数据集的网站于此；"
                                                    "默认每个数据集各自重建 _site/<数据集>/"
                                                    "（旧名 --out 仍可用，将停用）"),
    out: Path = typer.Option(None, "--out", hidden=True, help="--site 的旧名，将停用"),
    full: bool = typer.Option(False, "--full", help="重新生成全部页面（默认沿用输入未变的页面）"),
) -> None:
    """由已执行的通报重建离线网站（不执行任何笔记本）。"""
    from bulletin.publish import rebuild_sites

    if out is not None:  # the old name of --site (publish, render and issue say --site)
        if site is not None and site != out:
            fail(ConfigError(f"--site {site} 与 --out {out} 不同：--out 是 --site 的旧名，请只用 --site"))
        err.print("[yellow]注意[/]：--out 已改名为 --site（与 publish 相同），旧名将停用",
                  highlight=False)
        site = out
    try:
        with err.status("生成网站…") as status:
            sites, skipped = rebuild_sites(reports, dataset or None, site, status.update, full)
    except BulletinError as error:
        err.print("[bold red]生成网站失败，原网站未改动。[/]", highlight=False)
        fail(error)
    for line in skipped:
        err.print(f"[yellow]注意[/]：{line}", highlight=False)
    for target in sites:
        err.print(f"网站：{target / 'index.html'}", highlight=False)


@app.command()
def preview(
    dataset: Path = typer.Option(..., "--dataset", help="数据集文件夹"),
    month: str = typer.Option(..., "--month", callback=check_month, help="月份 YYYY-MM"),
    port: int = typer.Option(0, "--port", help="本机端口（默认自动选一个空闲端口）"),
    no_browser: bool = typer.Option(False, "--no-browser",
                                    help="不自动打开浏览器（没有图形界面时本来就不打开）"),
    notebook: Path = typer.Option(None, "--notebook",
                                  help="通报笔记本模板（默认 notebooks/bulletin.ipynb）"),
    root: Path = typer.Option(None, "--root", help=ROOT_HELP),
) -> None:
    """在本机预览一个月的通报，核查清单在旁：保存 notes、dataset.yml 或输入数据后，打开的页面
    几秒内自动更新；输入有错时页面显示错误（文件、行、列），仍保留上次的稿件。只在本机，
    不写入 reports/ 和网站。按 Ctrl-C 停止。"""
    import os
    import signal
    import webbrowser

    from bulletin.core import project_root
    from bulletin.publish import NOTEBOOK_NAME, serve

    def ready(url: str, work: Path) -> None:
        err.print(f"预览地址：[bold]{url}[/]（按 Ctrl-C 停止）", highlight=False)
        err.print(f"草稿在临时文件夹 {work}，停止时删除；正在生成 {month}…", highlight=False)
        # a desktop's browser only: on a server without one, webbrowser would start a
        # text browser in this terminal
        desktop = sys.platform != "linux" or os.environ.get("DISPLAY") \
            or os.environ.get("WAYLAND_DISPLAY")
        if not no_browser and desktop:
            webbrowser.open(url)

    def say(message: str) -> None:
        err.print(message, highlight=False)

    def stopped(*_) -> None:  # a terminal closed or `kill`: stop as Ctrl-C does
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stopped)
    try:
        template = notebook or project_root(root) / "notebooks" / NOTEBOOK_NAME
        serve(dataset, month, template, port, say=say, on_ready=ready)
    except BulletinError as error:
        fail(error)
    finally:
        signal.signal(signal.SIGTERM, previous)
    err.print("已停止预览，临时文件已删除。", highlight=False)


@app.command()
def demo(
    data: Path = typer.Option(None, "--data", help="样例数据文件夹（默认项目的 data/）"),
    reports: Path = typer.Option(Path("_demo/reports"), "--reports", help="已执行通报的文件夹"),
    site: Path = typer.Option(Path("_demo/site"), "--site", help="演示网站输出文件夹"),
    root: Path = typer.Option(None, "--root", help=ROOT_HELP),
) -> None:
    """用 data/ 中的全部样例数据集生成演示网站和各月 PDF（默认写入 _demo/，与分析人员的数据分开）。"""
    import time

    from bulletin.core import project_root
    from bulletin.publish import publish_demo, review_summary
    from bulletin.report import available_months

    try:
        data = data or project_root(root) / "data"
    except BulletinError as error:
        fail(error)
    if not data.is_dir():
        fail(ConfigError(f"找不到样例数据文件夹 {data}"))
    datasets = sorted(p for p in data.iterdir() if (p / "units.csv").exists())
    if not datasets:
        fail(ConfigError(f"{data} 中没有数据集（含 units.csv 的文件夹）"))
    try:
        months = {d: available_months(d) for d in datasets}
    except BulletinError as error:  # a registry that cannot be read: named, file and row
        fail(error)
    for empty in [d for d in datasets if not months[d]]:
        err.print(f"[yellow]注意[/]：数据集 {empty.name} 没有任何月份的输入数据，演示中跳过",
                  highlight=False)
    datasets = [d for d in datasets if months[d]]
    if not datasets:
        fail(ConfigError(f"{data} 中的数据集都没有月份的输入数据"))
    started = time.perf_counter()
    try:
        folders = publish_demo(datasets, months, reports, site, root, err)
    except BulletinError as error:
        fail(error)
    err.print(f"演示网站：{site.absolute() / 'index.html'}（{len(datasets)} 个数据集，"
              f"共 {time.perf_counter() - started:.0f} 秒）；各月 PDF 在 {reports.resolve()}/",
              highlight=False)
    for line in review_summary(folders):
        err.print(line, highlight=False, markup=False)


def main() -> None:  # pragma: no cover - console entry point
    sys.exit(app())

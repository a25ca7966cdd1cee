"""Publish months: execute the notebook, make the PDF, rebuild the site atomically.

The path of a month::

    notebooks/bulletin.ipynb --papermill--> reports/<dataset>/<YYYY-MM>/bulletin.ipynb + meta.json
        --pdf.make_pdf--> bulletin.pdf       --site.build_site--> _site/
        --docx.make_docx--> bulletin.docx (公文 format, for editing in Word / WPS)

Only the month being published is executed; the site is rebuilt from the executed
notebooks already in ``reports/`` (rendering them, never running them again). The
notebook template is found under the project root passed in (``root``), or the one found
upward from the current directory.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console

from bulletin.core.errors import PublishError
from bulletin.core.paths import project_root
from bulletin.publish.docx import make_docx
from bulletin.publish.fs import replace_dir
from bulletin.publish.notebook import NOTEBOOK_NAME
from bulletin.publish.pdf import make_pdf
from bulletin.publish.personal import check_published, typed_in_inputs
from bulletin.publish.quarto import front_matter, pdf_with_quarto, quarto_available
from bulletin.publish.site import build_site


def month_folder(reports: Path, dataset: Path, month: str) -> Path:
    return Path(reports) / Path(dataset).resolve().name / month


def execute_month(dataset: Path, month: str, folder: Path, notebook: Path) -> Path:
    """papermill the template into ``folder`` (parameters dataset, month, out_dir=folder).

    The kernel runs in the folder, with absolute paths. A failed run's notebook is kept
    beside the month folder as <month>.failed.ipynb, for the analyst to read.
    """
    import papermill as pm
    from traitlets.config import Config

    folder.mkdir(parents=True, exist_ok=True)
    try:
        pm.execute_notebook(
            str(notebook), str(folder / NOTEBOOK_NAME), kernel_name="python3",
            parameters={"dataset": str(Path(dataset).resolve()), "month": month,
                        "out_dir": str(folder.resolve())},
            cwd=str(folder), progress_bar=False,
            # The kernel talks over local IPC sockets: no TCP port opens on the analyst's
            # machine (and ipykernel has nothing to warn about in the progress output).
            config=Config({"KernelManager": {"transport": "ipc"}}))
    except pm.PapermillExecutionError as error:
        kept = folder.parent / f"{month}.failed.ipynb"
        shutil.copy2(folder / NOTEBOOK_NAME, kept)
        raise PublishError(f"执行笔记本 {notebook}（{month}）第 {error.exec_count} 个单元格出错："
                           f"{error.ename}: {error.evalue}；出错的笔记本见 {kept}") from error
    if not (folder / "meta.json").is_file():
        raise PublishError(f"笔记本执行完毕但没有写出 meta.json（{month}）")
    front_matter(folder)
    return folder


@dataclass
class PublishResult:
    route: str
    folders: list[Path]
    site: Path
    timings: dict[str, float]


def publish_many(dataset: Path, months: list[str], reports: Path = Path("reports"),
                 site: Path = Path("_site"), notebook: Path | None = None,
                 console=None, use_quarto: bool | None = None,
                 root: Path | None = None) -> PublishResult:
    """Execute each month and make its PDF and Word file, then rebuild the site once (other
    months are re-rendered from their executed notebooks, never re-executed). The site is
    built beside ``site`` and swapped in with renames: on failure the previous site stays
    as it was, and the PublishError says which step failed.
    """
    console = console or Console(stderr=True)
    if notebook is None:
        root = project_root(root)
        notebook = root / "notebooks" / NOTEBOOK_NAME
    notebook = Path(notebook)
    if not notebook.is_file():
        raise PublishError(f"找不到通报笔记本模板 {notebook}")
    if not Path(dataset).is_dir():
        raise PublishError(f"找不到数据集文件夹 {dataset}")
    quarto = quarto_available() if use_quarto in (None, True) else None
    if use_quarto and not quarto:
        raise PublishError("要求使用 Quarto，但 PATH 中没有 quarto 命令")
    route = f"Quarto（{quarto}）排版 PDF" if quarto else "papermill → pandoc → typst（未安装 Quarto）"
    console.print(f"发布路线：{route}", highlight=False)
    timings: dict[str, float] = {}
    folders = []

    def step(label: str, key: str, action):
        started = time.perf_counter()
        with console.status(label):
            try:
                value = action()
            except PublishError:
                raise
            except Exception as error:  # name the step in the message
                raise PublishError(f"{label.rstrip('…')}失败：{type(error).__name__}: {error}") \
                    from error
        timings[key] = timings.get(key, 0.0) + time.perf_counter() - started
        console.print(f"[green]✓[/] {label.rstrip('…')}（{time.perf_counter() - started:.1f} 秒）",
                      highlight=False)
        return value

    for month in months:
        folder = month_folder(reports, dataset, month)
        for found in typed_in_inputs(dataset, month):
            console.print(f"[yellow]注意[/]：{found}，发布内容中已隐去；请从输入中删去",
                          highlight=False)

        def make_month(tmp: Path, month=month) -> None:
            # executed and typeset in a temp folder, swapped in only when both worked
            step(f"执行笔记本 {month}…", "execute",
                 lambda: execute_month(dataset, month, tmp, notebook))
            if quarto:
                step(f"Quarto 排版 {month} PDF…", "pdf", lambda: pdf_with_quarto(tmp, quarto, project_root(root)))
            else:
                step(f"排版 {month} PDF…", "pdf", lambda: make_pdf(tmp))
            step(f"生成 {month} Word 文档…", "docx", lambda: make_docx(tmp))
            check_published(tmp)

        replace_dir(folder, make_month)
        (folder.parent / f"{month}.failed.ipynb").unlink(missing_ok=True)
        folders.append(folder)
    def make_site(out: Path) -> None:
        build_site(Path(reports), out)
        check_published(out)

    target = step("重建网站（目录、趋势、各月页面）…", "site",
                  lambda: replace_dir(Path(site), make_site))
    return PublishResult(route, folders, target, timings)

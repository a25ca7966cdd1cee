"""Publish months: execute the notebook, make the PDF, rebuild the site atomically.

The path of a month::

    notebooks/bulletin.ipynb --papermill--> reports/<dataset>/<YYYY-MM>/bulletin.ipynb + meta.json
        --pdf.make_pdf--> bulletin.pdf       --site.build_site--> _site/

Only the month being published is executed; the site is rebuilt from the executed
notebooks already in ``reports/`` (rendering them, never running them again).

This module also reads an executed notebook into :class:`Block` s — the three kinds
of output the notebook contract allows (markdown, great-tables HTML, charts) — which
both the PDF and the site render.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .config import MONTH_PATTERN

# "title-block": the notebook's own title lines, for Jupyter; both renderers draw the
# title block from meta.json instead.
HIDDEN_TAGS = {"parameters", "injected-parameters", "remove-cell", "remove-output", "remove_cell",
               "title-block"}
VEGALITE_MIMES = ("application/vnd.vegalite.v6+json", "application/vnd.vegalite.v5+json",
                  "application/vnd.vegalite.v4+json")
NOTEBOOK_NAME = "bulletin.ipynb"
PDF_NAME = "bulletin.pdf"


class PublishError(RuntimeError):
    """A publishing step failed; the message (Chinese) says which step and why."""


# ---------------------------------------------------------------- executed notebook model


@dataclass(frozen=True)
class Block:
    """One output of the executed notebook, in document order.

    kind is "markdown" (text), "table" (HTML of a great-tables table or other HTML),
    "chart" (svg + vega-lite spec) or "image" (png as base64 text).
    """

    kind: str
    text: str = ""
    svg: str = ""
    spec: dict | None = None


@dataclass
class MonthReport:
    """An executed month: its folder, meta.json and the outputs of its notebook."""

    folder: Path
    meta: dict
    blocks: list[Block] = field(default_factory=list)

    @property
    def month(self) -> str:
        return self.meta["month"]

    @property
    def dataset(self) -> str:
        return self.meta.get("dataset") or self.folder.parent.name

    @property
    def notebook(self) -> Path:
        return self.folder / NOTEBOOK_NAME

    @property
    def pdf(self) -> Path:
        return self.folder / PDF_NAME

    @property
    def title(self) -> str:
        return self.meta.get("profile_title") or "".join(self.meta.get("title_lines", []))

    def downloads(self) -> list[Path]:
        """The month's annex files that exist beside the notebook (XLSX, CSV…)."""
        names = self.meta.get("downloads") or []
        return [self.folder / name for name in names if (self.folder / name).is_file()]


_CJK = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
_CJK_SOFT_BREAK = re.compile(f"(?<=[{_CJK}])[ \\t]*\\n[ \\t]*(?=[{_CJK}])")

_ANCHOR_LINK = re.compile(r'<a class="anchor-link"[^>]*>.*?</a>')


def markdown_html(text: str) -> str:
    """Markdown of a notebook output as HTML (nbconvert's renderer).

    A line break inside a Chinese sentence is not a space: join such lines first, so
    neither the browser nor typst puts a gap between two characters.
    """
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    html = markdown2html_mistune(_CJK_SOFT_BREAK.sub("", text))
    return _ANCHOR_LINK.sub("", html)  # nbconvert's "¶" links are for notebooks, not bulletins


def _block_of(output: dict) -> Block | None:
    """The block one notebook output stands for, or None for outputs we do not publish."""
    if output.get("output_type") not in ("display_data", "execute_result"):
        return None  # stream text (print, warnings) and errors are not part of the bulletin
    data = output.get("data", {})
    spec_mime = next((mime for mime in VEGALITE_MIMES if mime in data), None)
    if spec_mime or "image/svg+xml" in data:
        spec = data.get(spec_mime) if spec_mime else None
        if isinstance(spec, str):
            spec = json.loads(spec)
        svg = data.get("image/svg+xml", "")
        svg = "".join(svg) if isinstance(svg, list) else svg
        return Block("chart", svg=svg, spec=spec)
    if "image/png" in data:
        return Block("image", text=data["image/png"])
    if "text/html" in data:
        html = data["text/html"]
        return Block("table", text="".join(html) if isinstance(html, list) else html)
    if "text/markdown" in data:
        text = data["text/markdown"]
        return Block("markdown", text="".join(text) if isinstance(text, list) else text)
    return None  # text/plain alone: a stray expression value


def read_blocks(notebook: Path) -> list[Block]:
    """The published outputs of an executed notebook, hiding parameter cells and all code."""
    nb = nbformat.read(notebook, as_version=4)
    blocks = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            # a markdown cell of the template is part of the bulletin text
            if cell.source.strip():
                blocks.append(Block("markdown", text=cell.source))
            continue
        if cell.cell_type != "code" or HIDDEN_TAGS & set(cell.metadata.get("tags", [])):
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                raise PublishError(f"{notebook} 中有执行出错的单元格："
                                   f"{output.get('ename')}: {output.get('evalue')}")
            block = _block_of(output)
            if block is not None:
                blocks.append(block)
    return blocks


def read_report(folder: Path, with_blocks: bool = True) -> MonthReport:
    """Read reports/<dataset>/<YYYY-MM>/ (meta.json and the executed notebook)."""
    meta_path = folder / "meta.json"
    if not meta_path.is_file():
        raise PublishError(f"{folder} 中没有 meta.json：该月的通报笔记本未执行完成")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise PublishError(f"{meta_path} 不是有效的 JSON：{error}") from error
    for key in ("month", "title_lines", "authority", "issue_label", "issue_date"):
        if key not in meta:
            raise PublishError(f"{meta_path} 缺少键「{key}」")
    meta.setdefault("dataset", folder.parent.name)
    report = MonthReport(folder, meta)
    if with_blocks:
        if not report.notebook.is_file():
            raise PublishError(f"{folder} 中没有已执行的 {NOTEBOOK_NAME}")
        report.blocks = read_blocks(report.notebook)
    return report


def find_reports(reports: Path) -> list[Path]:
    """Every month folder reports/<dataset>/<YYYY-MM>/ holding a meta.json, sorted."""
    found = []
    for meta in sorted(Path(reports).glob("*/*/meta.json")):
        if re.match(MONTH_PATTERN, meta.parent.name):
            found.append(meta.parent)
    return found


# ---------------------------------------------------------------- publishing


def quarto_available() -> str | None:
    """Path of the quarto command when installed (then the PDF goes through Quarto)."""
    return shutil.which("quarto")


def project_root() -> Path:
    """The folder holding _quarto.yml / notebooks/ (the checkout this package lives in)."""
    return Path(__file__).resolve().parents[2]


def month_folder(reports: Path, dataset: Path, month: str) -> Path:
    return Path(reports) / Path(dataset).resolve().name / month


def _front_matter(folder: Path) -> None:
    """Give the executed notebook Quarto front matter (title, date) from its meta.json.

    A raw cell at the top: Quarto reads it; our own route ignores raw cells.
    """
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    nb = nbformat.read(folder / NOTEBOOK_NAME, as_version=4)
    nb.cells = [c for c in nb.cells if "front-matter" not in c.metadata.get("tags", [])]
    for cell in nb.cells:  # Quarto understands remove-cell, not our hidden tags
        tags = cell.metadata.get("tags", [])
        if HIDDEN_TAGS & set(tags) and "remove-cell" not in tags:
            cell.metadata["tags"] = [*tags, "remove-cell"]
    title = meta.get("profile_title") or "".join(meta["title_lines"])
    cell = nbformat.v4.new_raw_cell(
        f'---\ntitle: "{title}（{meta["issue_label"]}）"\ndate: "{meta["month"]}-01"\n'
        f'subtitle: "{meta["authority"]}　{meta["issue_date"]}"\n---')
    cell.metadata["tags"] = ["front-matter"]
    nb.cells.insert(0, cell)
    nbformat.write(nb, folder / NOTEBOOK_NAME)


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
    _front_matter(folder)
    return folder


def pdf_with_quarto(folder: Path, quarto: str) -> Path:
    """Render the executed notebook's typst format (our template partials) with Quarto."""
    result = subprocess.run(
        [quarto, "render", str(folder / NOTEBOOK_NAME), "--to", "typst", "--no-execute",
         "--output", PDF_NAME], cwd=project_root(), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise PublishError(f"quarto render（typst）失败：{result.stderr.strip()[-800:]}")
    return folder / PDF_NAME


@dataclass
class PublishResult:
    route: str
    folders: list[Path]
    site: Path
    timings: dict[str, float]


def publish_many(dataset: Path, months: list[str], reports: Path = Path("reports"),
                 site: Path = Path("_site"), notebook: Path | None = None,
                 console=None, use_quarto: bool | None = None) -> PublishResult:
    """Execute and typeset each month, then rebuild the site once (other months are only
    re-rendered from their executed notebooks, never re-executed).

    The site is built beside ``site`` and swapped in with renames: on failure the previous
    site stays as it was, and the PublishError says which step failed.
    """
    from rich.console import Console

    from .pdf import make_pdf
    from .site import build_site, replace_dir

    console = console or Console(stderr=True)
    notebook = Path(notebook or project_root() / "notebooks" / NOTEBOOK_NAME)
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

        def make_month(tmp: Path, month=month) -> None:
            # executed and typeset in a temp folder, swapped in only when both worked
            step(f"执行笔记本 {month}…", "execute",
                 lambda: execute_month(dataset, month, tmp, notebook))
            if quarto:
                step(f"Quarto 排版 {month} PDF…", "pdf", lambda: pdf_with_quarto(tmp, quarto))
            else:
                step(f"排版 {month} PDF…", "pdf", lambda: make_pdf(tmp))

        replace_dir(folder, make_month)
        (folder.parent / f"{month}.failed.ipynb").unlink(missing_ok=True)
        folders.append(folder)
    target = step("重建网站（目录、趋势、各月页面）…", "site",
                  lambda: replace_dir(Path(site), lambda out: build_site(Path(reports), out)))
    return PublishResult(route, folders, target, timings)

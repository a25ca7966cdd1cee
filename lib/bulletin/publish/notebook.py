"""Reading an executed notebook: its published outputs as :class:`Block` s (markdown,
great-tables HTML, charts, images) in document order, with its ``meta.json``. Both the
PDF and the site render these blocks; code and hidden cells never reach them.

This is the boundary where the notebook's HTML is cleaned (``publish.sanitise``): a
table's HTML and a chart's SVG as they are read, Markdown as it is rendered
(``markdown_html``). The notebook's text holds strings from the analyst's notes, units.csv
and dataset.yml, and none of their markup may run in the site or shape the PDF.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from bulletin.core.errors import PublishError
from bulletin.core.meta import META_NAME, MonthMeta, read_meta
from bulletin.core.months import is_month
from bulletin.publish.sanitise import clean_markdown_html, clean_png, clean_svg, clean_table_html

# "title-block": the notebook's own title lines, for Jupyter; both renderers draw the
# title block from meta.json instead. "review": the analyst's review (never published).
HIDDEN_TAGS = {"parameters", "injected-parameters", "remove-cell", "remove-output", "remove_cell",
               "title-block", "review"}


VEGALITE_MIMES = ("application/vnd.vegalite.v6+json", "application/vnd.vegalite.v5+json",
                  "application/vnd.vegalite.v4+json")


NOTEBOOK_NAME = "bulletin.ipynb"


PDF_NAME = "bulletin.pdf"
# The Word file beside it (publish/word writes it, the site links it).
DOCX_NAME = "bulletin.docx"


@dataclass(frozen=True)
class Block:
    """One output of the executed notebook, in document order.

    kind is "markdown" (text), "table" (HTML of a great-tables table or other HTML),
    "chart" (svg + vega-lite spec) or "image" (png as base64 text). A table's HTML and a
    chart's SVG are already cleaned; Markdown is cleaned when rendered (``markdown_html``).
    """

    kind: str
    text: str = ""
    svg: str = ""
    spec: dict | None = None


@dataclass
class MonthReport:
    """An executed month: its folder, meta.json and the outputs of its notebook."""

    folder: Path
    meta: MonthMeta
    blocks: list[Block] = field(default_factory=list)

    @property
    def month(self) -> str:
        return self.meta.month

    @property
    def dataset(self) -> str:
        return self.meta.dataset

    @property
    def notebook(self) -> Path:
        return self.folder / NOTEBOOK_NAME

    @property
    def pdf(self) -> Path:
        return self.folder / PDF_NAME

    @property
    def title(self) -> str:
        return self.meta.title

    def downloads(self) -> list[Path]:
        """The month's annex files that exist beside the notebook (XLSX, CSV): each entry of
        meta.json's ``downloads`` must be one of them (``download_path``)."""
        paths = [download_path(self.folder, i, name) for i, name in enumerate(self.meta.downloads)]
        return [path for path in paths if path.is_file()]


# What the build writes as a month's downloads (report.downloads): tables as XLSX and CSV.
DOWNLOAD_SUFFIXES = (".xlsx", ".csv")


def download_path(folder: Path, index: int, name: str) -> Path:
    """``folder / name`` when ``name`` is the plain name of an XLSX or CSV file the build
    wrote in the month folder; anything else — an absolute path, ``..``, a subfolder, a
    link leading out of the folder, the notebook or the review — is a PublishError naming
    the key: the site copies and links what meta.json lists."""
    path = Path(folder) / name
    plain = name and name not in (".", "..") and not any(c in name for c in "/\\:\0")
    inside = plain and name.lower().endswith(DOWNLOAD_SUFFIXES) and not name.startswith(".")
    if inside and (path.exists() or path.is_symlink()):
        inside = not path.is_symlink() and path.resolve().parent == Path(folder).resolve()
    if not inside:
        raise PublishError(f"{Path(folder) / META_NAME} 的键「downloads[{index}]」无效（值为 "
                           f"{name!r}）：应为本月生成的 XLSX 或 CSV 文件名，位于该月文件夹内；"
                           "不复制、不链接其他文件")
    return path


_CJK = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"


_CJK_SOFT_BREAK = re.compile(f"(?<=[{_CJK}])[ \\t]*\\n[ \\t]*(?=[{_CJK}])")


_ANCHOR_LINK = re.compile(r'<a class="anchor-link"[^>]*>.*?</a>')


def markdown_html(text: str) -> str:
    """Markdown of a notebook output as clean HTML (nbconvert's renderer, then
    ``clean_markdown_html``: raw HTML in the text keeps only the bulletin's allow-list).

    A line break inside a Chinese sentence is not a space: join such lines first, so
    neither the browser nor typst puts a gap between two characters.
    """
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    html = markdown2html_mistune(_CJK_SOFT_BREAK.sub("", text))
    html = _ANCHOR_LINK.sub("", html)  # nbconvert's "¶" links are for notebooks, not bulletins
    return clean_markdown_html(html)


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
        return Block("chart", svg=clean_svg(svg) if svg.strip() else "", spec=spec)
    if "image/png" in data:
        png = data["image/png"]
        png = clean_png("".join(png) if isinstance(png, list) else png)
        return Block("image", text=png) if png else None
    if "text/html" in data:
        html = data["text/html"]
        return Block("table", text=clean_table_html("".join(html) if isinstance(html, list)
                                                    else html))
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
    folder = Path(folder)
    report = MonthReport(folder, read_meta(folder / META_NAME))
    if with_blocks:
        if not report.notebook.is_file():
            raise PublishError(f"{folder} 中没有已执行的 {NOTEBOOK_NAME}")
        report.blocks = read_blocks(report.notebook)
    return report


def dataset_of(folder: Path) -> Path | None:
    """The dataset folder a month was executed from (papermill's ``dataset`` parameter, as
    ``bulletin publish`` passes it), None when the notebook does not say."""
    try:
        nb = json.loads((Path(folder) / NOTEBOOK_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    metadata = nb.get("metadata") if isinstance(nb, dict) else None
    value = (((metadata or {}).get("papermill") or {}).get("parameters") or {}).get("dataset")
    return Path(value) if isinstance(value, str) and value else None


def find_reports(reports: Path) -> list[Path]:
    """Every month folder reports/<dataset>/<YYYY-MM>/ holding a meta.json, sorted."""
    found = []
    for meta in sorted(Path(reports).glob(f"*/*/{META_NAME}")):
        if is_month(meta.parent.name):  # exactly YYYY-MM, no newline after it
            found.append(meta.parent)
    return found

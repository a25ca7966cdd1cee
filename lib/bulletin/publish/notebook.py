"""Reading an executed month: its ``meta.json`` with the bulletin's blocks as values
(``core.blocks``: text, tables with their cells, charts), which the PDF, the Word file and
the site print; the executed notebook only says whether it ran without error. The
notebook's outputs (great-tables HTML, the rendered Markdown) are for Jupyter: nothing
here reads HTML or a printed string back.

The blocks' text holds strings from the analyst's notes, units.csv and dataset.yml, and
none of their markup may run in the site or shape the PDF: Markdown is cleaned as it is
rendered (``markdown_html``), a chart's SVG as it is read (``publish.sanitise``), and each
output escapes a table's strings as it writes them.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from bulletin.core.blocks import Chart, Table, Text
from bulletin.core.errors import PublishError
from bulletin.core.meta import BLOCKS_VERSION, META_NAME, MonthMeta, read_meta
from bulletin.core.months import is_month
from bulletin.publish.sanitise import clean_markdown_html, clean_svg

# Cells Quarto leaves out ("title-block": the notebook's own title lines, for Jupyter, the
# renderers draw the title block from meta.json; "review": the analyst's review).
HIDDEN_TAGS = {"parameters", "injected-parameters", "remove-cell", "remove-output", "remove_cell",
               "title-block", "review"}


NOTEBOOK_NAME = "bulletin.ipynb"


PDF_NAME = "bulletin.pdf"
# The Word file beside it (publish/word writes it, the site links it).
DOCX_NAME = "bulletin.docx"


# A block of the bulletin as the outputs print it.
Block = Text | Table | Chart


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
        """The document's name (its PDF's and its Word file's title property): a 公文's
        own title, as it prints it under its 版头 (``official_title``); a 简报's masthead
        title (region and profile title), also a 公文's that has no title of its own."""
        official = official_title(self.meta.blocks) if self.meta.kind == "公文" else ""
        return official or self.meta.title

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

    A function of the text alone, so each text is rendered once a process (``_RENDERED``):
    the PDF, the Word file and the site's page render the same texts of a month.
    """
    html = _RENDERED.get(text)
    if html is None:
        from nbconvert.filters.markdown_mistune import markdown2html_mistune

        html = markdown2html_mistune(_CJK_SOFT_BREAK.sub("", text))
        html = _ANCHOR_LINK.sub("", html)  # nbconvert's "¶" links: for notebooks only
        html = clean_markdown_html(html)
        if len(_RENDERED) >= _RENDERED_MAX:  # a preview's texts change at every save
            _RENDERED.clear()
        _RENDERED[text] = html
    return html


# markdown_html's texts rendered, by text (at most _RENDERED_MAX).
_RENDERED: dict[str, str] = {}
_RENDERED_MAX = 1024


def month_texts(folder: Path) -> list[str]:
    """The Markdown of the month's text blocks, as its meta.json has them ([] when it
    cannot be read: reading the month says why)."""
    try:
        blocks = json.loads((Path(folder) / META_NAME).read_text(encoding="utf-8"))["blocks"]
        return [b["markdown"] for b in blocks if b.get("kind") == "text"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return []


def rendered_html(texts: list[str]) -> dict[str, str]:
    """``markdown_html`` of each text, for another process (``remember_html``)."""
    return {text: markdown_html(text) for text in texts}


def remember_html(rendered: dict[str, str]) -> None:
    """Texts rendered by ``markdown_html`` in another process, taken as they are (the same
    code: a kernel of this run, making the Word file without loading nbconvert)."""
    _RENDERED.update(rendered)


_H2 = re.compile(r"<h2(?:\s[^>]*)?>(.*?)</h2>", re.DOTALL)


def official_title(blocks: list) -> str:
    """A 公文's own title (GB/T 9704 §7.3.1, the notes' 标题): its first level-2 heading,
    as plain text; "" when it prints none."""
    for block in blocks:
        if isinstance(block, Text):
            found = _H2.search(markdown_html(block.markdown))
            if found:
                text = html.unescape(re.sub(r"<[^>]*>", "", found[1]))
                return re.sub(r"\s+", " ", text).strip()
    return ""


def write_template_meta(report: MonthReport, folder: Path) -> Path:
    """The month's meta.json for the typst template (bulletin.typ) in ``folder``, with
    ``document_title``: the PDF's title property (``MonthReport.title``). Without the
    blocks — the body is main.typ; the template reads the title block's and 版记's keys —
    which are most of the month's meta.json (each chart's spec and SVG, each table's cells):
    written and read again by typst for nothing."""
    data = report.meta.model_dump(mode="json", by_alias=True, exclude={"blocks"})
    data["document_title"] = report.title
    path = Path(folder) / META_NAME
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def notebook_error(notebook: Path) -> str | None:
    """The first error output of an executed notebook (「名称: 说明」), None when it ran clean."""
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if output.get("output_type") == "error":
                return f"{output.get('ename')}: {output.get('evalue')}"
    return None


def published_blocks(meta: MonthMeta, folder: Path) -> list[Block]:
    """The month's blocks from its meta.json, each chart's SVG cleaned
    (``sanitise.clean_svg``); a PublishError for a meta.json written before it carried them."""
    if meta.schema_version < BLOCKS_VERSION:
        raise PublishError(f"{Path(folder) / META_NAME} 由旧版 bulletin 写出（schema_version "
                           f"{meta.schema_version}），不含通报内容：请重新发布该月（bulletin publish）")
    return [block.model_copy(update={"svg": clean_svg(block.svg)})
            if isinstance(block, Chart) and block.svg.strip() else block
            for block in meta.blocks]


def read_report(folder: Path, with_blocks: bool = True) -> MonthReport:
    """Read reports/<dataset>/<YYYY-MM>/: meta.json and, ``with_blocks``, the bulletin's
    blocks, once the executed notebook shows it ran without error."""
    folder = Path(folder)
    report = MonthReport(folder, read_meta(folder / META_NAME))
    if with_blocks:
        if not report.notebook.is_file():
            raise PublishError(f"{folder} 中没有已执行的 {NOTEBOOK_NAME}")
        error = notebook_error(report.notebook)
        if error:
            raise PublishError(f"{report.notebook} 中有执行出错的单元格：{error}")
        report.blocks = published_blocks(report.meta, folder)
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

"""bulletin.docx: the month's bulletin as a Word file in 公文 format, for the office's
edit-and-sign-off loop (tracked changes, approvals in Word or WPS), then print and file.

The same blocks as the PDF and the site (``publish.notebook``), through pandoc 3's docx
writer, then laid out with python-docx::

    blocks --docx_html--> HTML (the PDF's table and caption handling; charts as PNG)
           --pandoc--> raw .docx (paragraphs, headings, lists, tables with merged cells)
           --word.styles / word.layout--> bulletin.docx (styles, sections, 版头, 版记)

pandoc turns great-tables' two-row spanner headers into merged cells (gridSpan / vMerge)
and marks header rows to repeat (w:tblHeader); python-docx then writes what pandoc's
reference document cannot carry: per-run-chosen fonts (``BULLETIN_DOCX_FONTS``), the
portrait/landscape sections, odd/even page-number footers, the 版头 and the 版记.
"""

from __future__ import annotations

import base64
import copy
import html as html_lib
import re
import tempfile
from pathlib import Path

import docx
import pypandoc
from bs4 import BeautifulSoup

from bulletin.core.errors import PublishError
from bulletin.publish.blocks import (
    MEDIA_TAGS,
    has_own_contents,
    inert_html,
    is_caption,
    is_wide,
    table_html,
)
from bulletin.publish.notebook import DOCX_NAME, Block, MonthReport, markdown_html, read_report
from bulletin.publish.word.layout import (
    ANNEX_NOTE,
    LANDSCAPE,
    PORTRAIT,
    contents_block,
    lay_out_pages,
    title_block,
)
from bulletin.publish.word.styles import Fonts, font_set, set_font_table, set_styles
from bulletin.publish.word.tables import format_tables, size_images

CHART_SCALE = 3  # PNG at print resolution: three pixels per chart pixel


# What pandoc turns into Word styles: ``data-custom-style`` on a div (a paragraph style) or
# a span (a character style). The notebook's HTML never carries it (``inert_html`` drops
# every data-* attribute); only this module puts it, on the elements it writes.
CUSTOM = "data-custom-style"


# A table cell's colour and weight (great-tables tab_style: the red of a figure that misses
# its target or full marks), as blocks.lua reads them for the PDF.
_COLOUR = re.compile(r"(?:^|;)\s*color\s*:\s*#([0-9a-f]{6}|[0-9a-f]{3})\b", re.IGNORECASE)
_BOLD = re.compile(r"(?:^|;)\s*font-weight\s*:\s*(?:bold|[6-9]00)\b", re.IGNORECASE)
CELL_STYLE = "BulletinCell"  # + "-RRGGBB" and/or "-b": word.tables writes them as run formatting


def cell_style(style: str | None) -> str | None:
    """The character style standing for a cell's inline colour and weight, or None."""
    colour, bold = _COLOUR.search(style or ""), _BOLD.search(style or "")
    if not colour and not bold:
        return None
    name = CELL_STYLE
    if colour:
        hex_ = colour.group(1).upper()
        name += "-" + (hex_ if len(hex_) == 6 else "".join(c * 2 for c in hex_))
    return name + ("-b" if bold else "")


def _styled(html: str, classes: dict[str, str]) -> str:
    """``html`` (made inert already) with pandoc styles where this module wants them: the
    top-level divs of ``classes`` (class → paragraph style), and the text of table cells
    with a colour or weight (a character style, see ``cell_style``)."""
    soup = BeautifulSoup(html, "html.parser")
    for div in soup.find_all("div", recursive=False):
        style = next((classes[c] for c in div.get("class", []) if c in classes), None)
        if style:
            div[CUSTOM] = style
    for cell in soup.find_all(["td", "th"]):
        style = cell_style(cell.get("style"))
        for text in (list(cell.find_all(string=True)) if style else []):
            if text.strip():
                span = soup.new_tag("span", attrs={CUSTOM: style})
                text.wrap(span)
    return str(soup)


def _div(style: str, inner: str) -> str:
    return f'<div {CUSTOM}="{style}">{inner}</div>'


def _marker(style: str) -> str:
    """A paragraph word.layout turns into a section break (landscape annex pages)."""
    return _div(style, "<p>-</p>")


def chart_title(spec: dict) -> str:
    """The text of a vega-lite spec's title ("图1. …"), '' without one."""
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text", "")
    if isinstance(title, list):
        title = "".join(str(t) for t in title)
    return title if isinstance(title, str) else ""


def chart_png(block: Block) -> tuple[bytes, str]:
    """The chart as a print-resolution PNG and its caption: the spec drawn without its
    title (the caption carries it, as text Word can edit), else the notebook's SVG."""
    import vl_convert as vlc

    from bulletin.report.charts import register_fonts

    register_fonts()  # the CJK fonts (vl-convert has none of its own)
    if block.spec:
        caption = chart_title(block.spec)
        spec = copy.deepcopy(block.spec)
        if caption:
            spec.pop("title", None)
        return vlc.vegalite_to_png(spec, scale=CHART_SCALE), caption
    return vlc.svg_to_png(block.svg, scale=CHART_SCALE), ""


def docx_html(blocks: list[Block], build: Path) -> str:
    """The HTML pandoc reads; chart PNGs are written into ``build``.

    The notebook's HTML is made inert as for the PDF (``pdf.inert_html``). Wide tables (the
    annexes) sit between LANDSCAPE and PORTRAIT marker paragraphs, with the 「附件 n」 line
    before them; a chart is its caption, then its image. The only images are the charts
    written here (else PublishError).
    """
    body: list[str] = []
    written: list[str] = []
    last_kind = ""
    for block in blocks:
        if block.kind == "markdown":
            body.append(_styled(inert_html(markdown_html(block.text)),
                                {"centered": "BulletinCentered",
                                 "annex-list": ANNEX_NOTE}))
        elif block.kind == "table":
            table = _styled(table_html(inert_html(block.text)),
                            {"table-title": "Table Caption", "table-note": "BulletinTableNote"})
            if is_wide(block.text):
                lead = body.pop() if body and last_kind == "markdown" and is_caption(body[-1]) \
                    else ""
                table = _marker(LANDSCAPE) + lead + table + _marker(PORTRAIT)
            body.append(table)
        elif block.kind in ("chart", "image") and (block.svg or block.spec or block.text):
            png, caption = ((base64.b64decode(block.text), "") if block.kind == "image"
                            else chart_png(block))
            written.append(f"chart-{len(written) + 1}.png")
            (build / written[-1]).write_bytes(png)
            if caption:
                body.append(_div("Image Caption", f"<p>{html_lib.escape(caption)}</p>"))
            body.append(_div("BulletinChart", f'<p><img src="{written[-1]}" alt=""></p>'))
        last_kind = block.kind
    html = "<html><body>\n" + "\n".join(body) + "\n</body></html>\n"
    found = [img.get("src") for img in BeautifulSoup(html, "html.parser").find_all(MEDIA_TAGS)]
    if found != written:
        raise PublishError(f"Word 文档的中间文件含有并非由图表生成的图片引用：{found}；不予生成")
    return html


def pandoc_docx(html: str, build: Path) -> Path:
    """pandoc's docx of the intermediate (its images found in ``build``)."""
    raw = build / "pandoc.docx"
    try:
        pypandoc.convert_text(html, "docx", format="html", outputfile=str(raw),
                              extra_args=["--wrap=none", f"--resource-path={build}"])
    except RuntimeError as error:
        raise PublishError(f"pandoc 生成 Word 文档失败：{error}") from error
    return raw


def bulletin_docx(report: MonthReport, build: Path, fonts: Fonts):
    """The finished python-docx Document of ``report`` (pandoc's work in ``build``)."""
    html = docx_html(report.blocks, build)
    (build / "intermediate.html").write_text(html, encoding="utf-8")
    document = docx.Document(str(pandoc_docx(html, build)))
    set_styles(document.styles.element, fonts)
    set_font_table(document.part, fonts)
    body = document.element.body
    format_tables(body)
    size_images(body)
    front = title_block(report.meta)
    if not has_own_contents(report.blocks):
        front += contents_block(body)
    for element in reversed(front):
        body.insert(0, element)
    lay_out_pages(document, report.meta)
    props = document.core_properties
    props.title, props.author, props.language = report.title, report.meta.authority, "zh-CN"
    props.subject = report.meta.issue_label
    return document


def make_docx(folder: Path, out: Path | None = None, fonts: str | Fonts | None = None) -> Path:
    """Write reports/<dataset>/<YYYY-MM>/bulletin.docx (or ``out``).

    ``fonts``: "gongwen" (the 公文 faces an office PC has; the default) or "noto" (the open
    Noto CJK faces); None reads $BULLETIN_DOCX_FONTS.
    """
    report = read_report(Path(folder))
    out = Path(out) if out else report.folder / DOCX_NAME
    chosen = font_set(fonts)
    with tempfile.TemporaryDirectory(prefix="bulletin-docx-") as tmp:
        document = bulletin_docx(report, Path(tmp), chosen)
        partial = out.with_name(out.name + ".part")
        document.save(str(partial))
    partial.replace(out)
    return out

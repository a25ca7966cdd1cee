"""bulletin.docx: the month's bulletin as a Word file in 公文 format, for the office's
edit-and-sign-off loop (tracked changes, approvals in Word or WPS), then print and file.

The same blocks as the PDF and the site (``publish.notebook``), through pandoc 3's docx
writer, then laid out with python-docx::

    blocks --docx_html--> HTML (the PDF's tables and captions; charts as PNG)
           --pandoc--> raw .docx (paragraphs, headings, lists, tables with merged cells)
           --word.styles / word.layout--> bulletin.docx (styles, sections, 版头, 版记;
                                             a 公文's: word.official)

pandoc turns great-tables' two-row spanner headers into merged cells (gridSpan / vMerge)
and marks header rows to repeat (w:tblHeader); python-docx then writes what pandoc's
reference document cannot carry: per-run-chosen fonts (``BULLETIN_DOCX_FONTS``), the
portrait/landscape sections, odd/even page-number footers, the 版头 and the 版记.
"""

from __future__ import annotations

import copy
import html as html_lib
import re
import tempfile
from pathlib import Path

import docx
import pypandoc

from bulletin.core.blocks import Cell, Chart, Table, Text
from bulletin.core.errors import PublishError
from bulletin.publish.blocks import (
    figures,
    has_own_contents,
    is_caption,
    landscape,
    table_html,
)
from bulletin.publish.notebook import DOCX_NAME, Block, MonthReport, markdown_html, read_report
from bulletin.publish.titles import ANNEX_TITLE_CLASS, break_titles
from bulletin.publish.word.layout import (
    ANNEX_NOTE,
    LANDSCAPE,
    PORTRAIT,
    contents_block,
    lay_out_pages,
    title_block,
)
from bulletin.publish.word.official import (
    ADDRESSEES,
    ATTACHED_NOTE,
    SIGNATURE,
    annex_lead,
    annex_note,
    official_title_block,
    signature_lines,
)
from bulletin.publish.word.styles import Fonts, font_set, set_font_table, set_styles
from bulletin.publish.word.tables import format_tables, size_images

CHART_SCALE = 3  # PNG at print resolution: three pixels per chart pixel


# What pandoc turns into Word styles: ``data-custom-style`` on a div (a paragraph style) or
# a span (a character style). The cleaned Markdown never carries it (``markdown_html``
# keeps no data-* attribute), a table's strings are escaped: only this module puts it, on
# the elements it writes.
CUSTOM = "data-custom-style"


# A table cell's colour and weight (the red of a figure that misses its target, a bold 合计
# row), as a character style of its text: word.tables writes them as run formatting.
CELL_STYLE = "BulletinCell"  # + "-RRGGBB" and/or "-b"

# The paragraph styles of a table's title and notes, and of a centred line of the text.
TITLE_STYLE, NOTE_STYLE, CENTERED_STYLE = "Table Caption", "BulletinTableNote", "BulletinCentered"


def cell_style(cell: Cell) -> str | None:
    """The character style standing for a cell's colour and weight, or None."""
    if not cell.color and not cell.bold:
        return None
    name = CELL_STYLE
    if cell.color:
        hex_ = cell.color.lstrip("#").upper()
        name += "-" + (hex_ if len(hex_) == 6 else "".join(c * 2 for c in hex_))
    return name + ("-b" if cell.bold else "")


def _cell_mark(cell: Cell) -> str | None:
    style = cell_style(cell)
    return f'{CUSTOM}="{style}"' if style else None


# The classes the cleaned Markdown keeps (sanitise.MARKDOWN_CLASSES) → paragraph styles.
TEXT_STYLES = {"centered": CENTERED_STYLE, "annex-list": ANNEX_NOTE,
               "signature": SIGNATURE, "attached-note": ATTACHED_NOTE,
               "addressees": ADDRESSEES}


def _text_html(text: Text) -> str:
    """Rendered Markdown with its classed divs (a centred line, the 附件说明) in their
    paragraph styles."""
    html = markdown_html(text.markdown)
    for cls, style in TEXT_STYLES.items():
        html = html.replace(f'<div class="{cls}">', f'<div class="{cls}" {CUSTOM}="{style}">')
    return html


# An annex's title (publish.titles): the paragraph style of the title, centred 2号小标宋.
_ANNEX_TITLE = re.compile(rf'<h(\d)([^>]*) class="{ANNEX_TITLE_CLASS}">(.*?)</h\1>', re.DOTALL)


def _titles(html: str) -> str:
    """Headings broken between phrases; an annex's title in the Title style."""
    return _ANNEX_TITLE.sub(lambda m: _div("Title", f"<p>{m[3]}</p>"), break_titles(html))


def _table_html(table: Table) -> str:
    return table_html(table, title_extra=f' {CUSTOM}="{TITLE_STYLE}"',
                      note_extra=f' {CUSTOM}="{NOTE_STYLE}"', mark=_cell_mark)


def _div(style: str, inner: str) -> str:
    return f'<div {CUSTOM}="{style}">{inner}</div>'


def _marker(style: str) -> str:
    """A paragraph word.layout turns into a section break (landscape annex pages)."""
    return _div(style, "<p>-</p>")


def chart_png(chart: Chart) -> tuple[bytes, str]:
    """The chart as a print-resolution PNG and its caption: the spec drawn without its
    title (the caption carries it, as text Word can edit), else the notebook's SVG."""
    import vl_convert as vlc

    from bulletin.report.charts import register_fonts

    register_fonts()  # the CJK fonts (vl-convert has none of its own)
    if chart.spec:
        caption = chart.title
        spec = copy.deepcopy(chart.spec)
        if caption:
            spec.pop("title", None)
        return vlc.vegalite_to_png(spec, scale=CHART_SCALE), caption
    return vlc.svg_to_png(chart.svg, scale=CHART_SCALE), ""


def docx_html(blocks: list[Block], build: Path) -> str:
    """The HTML pandoc reads; chart PNGs are written into ``build``.

    Tables are written from their cells as for the PDF (``blocks.table_html``). Wide tables
    (the annexes) sit between LANDSCAPE and PORTRAIT marker paragraphs, with the 「附件 n」
    line before them; a chart is its caption, then its image. The only images are the
    charts written here: the cleaned Markdown keeps none.
    """
    body: list[str] = []
    written: list[str] = []
    previous = None
    for block in blocks:
        if isinstance(block, Text):
            body.append(_text_html(block))
        elif isinstance(block, Table):
            table = _table_html(block)
            if landscape(block):
                lead = body.pop() if body and is_caption(previous) else ""
                table = _marker(LANDSCAPE) + lead + table + _marker(PORTRAIT)
            body.append(table)
        elif isinstance(block, Chart) and (block.svg or block.spec):
            png, caption = chart_png(block)
            written.append(f"chart-{len(written) + 1}.png")
            (build / written[-1]).write_bytes(png)
            if caption:
                body.append(_div("Image Caption", f"<p>{html_lib.escape(caption)}</p>"))
            body.append(_div("BulletinChart", f'<p><img src="{written[-1]}" alt=""></p>'))
        previous = block
    html = "<html><body>\n" + _titles("\n".join(body)) + "\n</body></html>\n"
    found = [src for src, _ in figures(html)]
    if found != written:
        raise PublishError(f"Word 文档的中间文件含有并非由图表生成的图片引用：{found}；不予生成")
    return html


def body_tables(blocks: list[Block]) -> list[Table | None]:
    """The tables of the Word file in order: each table block, and None for a table of the
    text (Markdown the analyst wrote), which has no cells as values."""
    out: list[Table | None] = []
    for block in blocks:
        if isinstance(block, Text):
            out += [None] * markdown_html(block.markdown).count("<table")
        elif isinstance(block, Table):
            out.append(block)
    return out


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
    format_tables(body, body_tables(report.blocks))
    size_images(body)
    official = report.meta.kind == "公文"  # GB/T 9704's 版头; no 要目 (word.official)
    front = official_title_block(report.meta) if official else title_block(report.meta)
    if not official and not has_own_contents(report.blocks):
        front += contents_block(body)
    for element in reversed(front):
        body.insert(0, element)
    lay_out_pages(document, report.meta)
    annex_note(body)  # (word.official: the 附件说明s, the body's last paragraph with its own)
    annex_lead(body)
    signature_lines(body)
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

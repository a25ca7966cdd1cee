"""The tables of bulletin.docx: real Word tables, as pandoc wrote them from the tables'
cells (two-row spanner headers as merged cells, gridSpan / vMerge; header rows marked to
repeat on every page, w:tblHeader), given the bulletin's look: thin rules, header rows in
黑体, figures right-aligned (a cell whose value is a number, or the mark of a figure the
table does not have: ``Cell.is_figure``), 五号 type (7.5 pt in the landscape annexes), rows
that do not split across pages, the header kept with the first rows (KEEP_ROWS), column
widths shared out by content across the text block, and the lines of a header or a name
that wraps set by line breaks where the PDF breaks it (Word would break Chinese text
between any two characters).
"""

from __future__ import annotations

import re

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Twips

from bulletin.core.blocks import FORM_ROW_MM, Table
from bulletin.core.cell_breaks import cell_lines
from bulletin.core.phrases import header_lines
from bulletin.core.table_widths import PADDING, share
from bulletin.publish.word.layout import (
    LAND_TEXT_W,
    LANDSCAPE,
    PORTRAIT,
    TEXT_W,
    W,
    style_of,
    text_of,
    xp,
)

ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT}


# A table's caption (keep-with-next in its style), header and first rows stay on one page:
# the paragraphs of the header rows and of the rows before the KEEP_ROWS-th body row keep
# with the next (no header alone at the foot of a page with the rows on the next).
KEEP_ROWS = 3


def _grid(table) -> list[list[tuple[int, int, object]]]:
    """Each row's cells as (first grid column, span, tc)."""
    rows = []
    for tr in table.iterchildren(qn("w:tr")):
        column, cells = 0, []
        for tc in tr.iterchildren(qn("w:tc")):
            span = int((xp(tc, "./w:tcPr/w:gridSpan/@w:val") or ["1"])[0])
            cells.append((column, span, tc))
            column += span
        rows.append(cells)
    return rows


def _is_header(tr) -> bool:
    return bool(xp(tr, "./w:trPr/w:tblHeader"))


def column_widths(table, total: int, em: float) -> list[int]:
    """Twips for each grid column, ``total`` in all, for text of ``em`` twips: the shared
    rule of core.table_widths (a header broken between its phrases only, a name in whole
    phrases and on one line where the page allows, a number never broken) on the cells
    pandoc wrote (without the zero-width spaces the PDF's header phrases are parted by)."""
    count = len(xp(table, "./w:tblGrid/w:gridCol"))
    cells = [(column, span, text_of(tc).replace("\u200b", ""), _is_header(tr))
             for tr, row in zip(table.iterchildren(qn("w:tr")), _grid(table), strict=True)
             for column, span, tc in row]
    return [int(w * em) for w in share(cells, count, total / em)]


CELL_RUN = re.compile(r"^BulletinCell(?:-([0-9A-F]{6}))?(-b)?$")  # docx.cell_style's names


def cell_runs(table) -> None:
    """A cell's colour and weight (docx.cell_style's character styles) as the runs' own
    formatting: the red of a figure that misses its target, the bold 合计 row."""
    for style in xp(table, ".//w:r/w:rPr/w:rStyle"):
        found = CELL_RUN.match(style.get(qn("w:val")) or "")
        if not found:
            continue
        rpr = style.getparent()
        rpr.remove(style)
        if found.group(2):
            rpr.insert_element_before(parse_xml(f"<w:b {W}/>"), *_AFTER_B)
        if found.group(1):
            rpr.insert_element_before(parse_xml(f'<w:color {W} w:val="{found.group(1)}"/>'),
                                      *_AFTER_COLOR)


_AFTER_COLOR = tuple(f"w:{tag}" for tag in (
    "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd",
    "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath"))
_AFTER_B = ("w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike",
            "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
            "w:vanish", "w:webHidden", "w:color", *_AFTER_COLOR)


def format_tables(body, tables: list[Table | None]) -> None:
    """Every table of the body, ``tables`` their values in order (None for a table of the
    text, whose cells are left-aligned); those between the LANDSCAPE and PORTRAIT markers
    wide."""
    wide = False
    values = iter(tables)
    for element in body:
        if element.tag == qn("w:tbl"):
            format_table(element, wide, next(values, None))
            cell_runs(element)
        elif element.tag == qn("w:p") and style_of(element) in (LANDSCAPE, PORTRAIT):
            wide = style_of(element) == LANDSCAPE


def size_images(body) -> None:
    """Charts across the text block (as the PDF draws them), their height to scale."""
    wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    width = TEXT_W * 635  # EMU: 914400 an inch, 635 a twip
    for inline in body.iter(f"{{{wp}}}inline"):
        extent = inline.find(f"{{{wp}}}extent")
        cx, cy = int(extent.get("cx")), int(extent.get("cy"))
        height = int(cy * width / cx) if cx else cy
        for ext in (extent, *inline.iter(f"{{{a}}}ext")):
            if ext.get("cx") is not None:
                ext.set("cx", str(width))
                ext.set("cy", str(height))


def format_table(table, wide: bool, value: Table | None = None) -> None:
    """Borders, widths, repeated header rows, cell styles and the figures of ``value``
    (the table's cells) right-aligned."""
    total = LAND_TEXT_W if wide else TEXT_W
    widths = column_widths(table, total, em=150 if wide else 210)  # 7.5 pt, 10.5 pt
    small = "Small" if wide else ""
    margin = 40 if wide else 60
    old = table.find(qn("w:tblPr"))
    line = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
    table.replace(old, parse_xml(
        f'<w:tblPr {W}><w:tblStyle w:val="Table"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        '<w:jc w:val="center"/><w:tblBorders>'
        + "".join(f"<w:{side} {line}/>" for side in ("top", "left", "bottom", "right",
                                                      "insideH", "insideV"))
        + f'</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="{margin}" '
        f'w:type="dxa"/><w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0020" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="0"/></w:tblPr>'))
    grid = table.find(qn("w:tblGrid"))
    table.replace(grid, parse_xml(f"<w:tblGrid {W}>" + "".join(
        f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"))
    em = 150 if wide else 210
    form = value is not None and value.form
    centred = set()  # 序号 columns stay centred
    body_rows = 0
    for tr, cells in zip(table.iterchildren(qn("w:tr")), _grid(table), strict=True):
        header = _is_header(tr)
        body_rows += not header
        tr_pr = tr.get_or_add_trPr()
        if not xp(tr_pr, "./w:cantSplit"):
            tr_pr.insert(0, parse_xml(f"<w:cantSplit {W}/>"))
        keep = body_rows < KEEP_ROWS  # the header and the first rows keep with the next row
        if form and not header:  # a form's rows: room to write in
            tr_pr.append(parse_xml(f'<w:trHeight {W} w:val="{FORM_ROW_TWIPS}" '
                                   'w:hRule="atLeast"/>'))
        for column, span, tc in cells:
            text = text_of(tc).strip()
            if header:
                break_header(tc, sum(widths[column:column + span]) / em - PADDING)
            elif text:
                break_body(tc, sum(widths[column:column + span]) / em - PADDING)
            if header and text == "序号":
                centred.add(column)
            tc_pr = tc.get_or_add_tcPr()
            tc_pr.width = Twips(sum(widths[column:column + span]))
            tc_pr.vAlign_val = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            align = "center"
            if not header and column not in centred:
                align = "right" if _is_figure(value, body_rows - 1, column) else "left"
            for p in tc.iterchildren(qn("w:p")):
                p_pr = p.get_or_add_pPr()
                p_pr.style = f"BulletinTable{'Head' if header else 'Text'}{small}"
                p_pr.jc_val = ALIGN[align]
                if keep:
                    p_pr.keepNext_val = True


# A form's body rows: FORM_ROW_MM tall at least, in twips (1 mm = 56.7 twips).
FORM_ROW_TWIPS = round(FORM_ROW_MM * 1440 / 25.4)


def break_header(tc, width: float) -> None:
    """A header cell's text broken between its phrases only (core.phrases.header_lines for
    a column ``width`` ems wide), the lines parted by line breaks in its first run: Word
    would break Chinese text between any two characters (「按时办结 / 率」)."""
    raw = text_of(tc)
    _write_lines(tc, raw, header_lines(raw.replace("\u200b", "").strip(), width))


def break_body(tc, width: float) -> None:
    """A body cell's text broken as the PDF breaks it (core.cell_breaks.cell_lines for a
    column ``width`` ems wide: a name between its phrases only, 「格里坪镇 / 便民服务中心」,
    never 「…服务中 / 心」), the lines parted by line breaks in its first run; a cell of one
    line as it is."""
    raw = text_of(tc)
    _write_lines(tc, raw, cell_lines(raw.replace("\u200b", "").rstrip(), width))


def _write_lines(tc, raw: str, lines: list[str]) -> None:
    """``lines`` as the text of ``tc`` (whose text is ``raw``): its first run's, parted by
    line breaks; nothing done for one line without the PDF's break marks (a zero-width space
    between phrases) or a cell of more than one paragraph."""
    paragraphs = list(tc.iterchildren(qn("w:p")))
    runs = [r for p in paragraphs for r in p.iterchildren(qn("w:r"))]
    if len(paragraphs) != 1 or not runs or len(lines) < 2 and "\u200b" not in raw:
        return
    first = runs[0]
    for r in runs[1:]:
        r.getparent().remove(r)
    for t in list(first.iterchildren(qn("w:t"))):
        first.remove(t)
    for n, line in enumerate(lines):
        if n:
            first.append(parse_xml(f"<w:br {W}/>"))
        t = parse_xml(f'<w:t {W} xml:space="preserve"/>')
        t.text = line
        first.append(t)


def _is_figure(value: Table | None, row: int, column: int) -> bool:
    """Whether body cell (``row``, ``column``) of ``value`` is a figure."""
    if value is None or row >= len(value.rows) or column >= len(value.rows[row]):
        return False
    return value.rows[row][column].is_figure

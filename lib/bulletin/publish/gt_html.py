"""A table value (``core.blocks.Table``) as the HTML great-tables draws, written from its
cells: the site's month pages (``site.tables``) and the Quarto route show tables with the
look the notebook gives them (great-tables' classes and its style sheet,
templates/gt/table.css), and the site adds its own marks while it writes them. A group label
(``Column.merge``: seed 003's 镇（街道）) is one cell spanning its group's rows. A body cell's
text is written in the pieces it may break between (core.cell_breaks: a name between its
phrases only): on the site each a span the style sheet keeps on one line (``screen_text``).

For print (the Quarto route: Quarto reads the HTML into pandoc's table model and writes
typst) the table carries what the built-in route's ``publish.blocks.table_html`` does, by
the same rules: its column widths (``widths``, in ems: ``<col style="width: …%">``, which
pandoc's HTML reader reads into the column specs), each header and each body cell's text
as phrase spans for the column's width (``header_label``, ``cell_label``: a line breaks
between phrases only) and a left-aligned column's alignment as the cell's style (pandoc
reads it; great-tables' class it does not).

Every string of the table (title, labels, spanners, cells, notes) is escaped here as it is
written; nothing is read back from HTML. The markup is great-tables' as the sanitiser
(``publish.sanitise``) left it — an id of lower-case letters, one header row per spanner
level, a cell's marks as an inline style (colour, weight, fill) — so a page built from
values reads as one built from the notebook's HTML did.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache
from pathlib import Path

from bulletin.core.blocks import Cell, Table
from bulletin.core.cell_breaks import cell_lines, cell_spans
from bulletin.core.phrases import header_phrases, header_pieces
from bulletin.core.table_widths import TYPESET_PADDING

CSS = Path(__file__).parent / "templates" / "gt" / "table.css"

WRAPPER = ("padding-left:0px;padding-right:0px;padding-top:10px;padding-bottom:10px;"
           "overflow-x:auto;overflow-y:auto;width:auto;height:auto")

ALIGN = {"left": "gt_left", "center": "gt_center", "right": "gt_right"}


@cache
def _css() -> str:
    return CSS.read_text(encoding="utf-8")


def text(value: str) -> str:
    """``value`` as HTML text (what the HTML serialiser escapes: & < > and no-break space)."""
    return (value.replace("&", "&amp;").replace("\u00a0", "&nbsp;").replace("<", "&lt;")
            .replace(">", "&gt;"))


def attribute(value: str) -> str:
    """``value`` inside a double-quoted attribute."""
    return value.replace("&", "&amp;").replace("\u00a0", "&nbsp;").replace('"', "&quot;")


def table_id(table: Table, salt: str = "") -> str:
    """Ten lower-case letters from the table's content (and ``salt``): the same table gets
    the same id in every build; never one of the page's own ids, which have hyphens."""
    digest = hashlib.sha256((salt + table.model_dump_json()).encode("utf-8")).digest()
    return "".join(chr(ord("a") + b % 26) for b in digest[:10])


def cell_style(cell: Cell) -> str:
    """A cell's marks as great-tables writes them: 「color:#c00000;font-weight:bold」."""
    parts = []
    if cell.color:
        parts.append(f"color:{cell.color}")
    if cell.bold:
        parts.append("font-weight:bold")
    if cell.fill:
        parts.append(f"background-color:{cell.fill}")
    return ";".join(parts)


def header_label(label: str, width: float, padding: float = TYPESET_PADDING) -> str:
    """A header's text as phrase spans (``<span class="phrase">``, joined by a zero-width
    space), which a line breaks between only, for a column ``width`` ems wide: its phrases,
    one wider than the column cut in pieces of two characters at least
    (core.phrases.header_pieces); the plain text when it is one piece. ``padding``: the
    ems a cell adds to its text (core.table_widths)."""
    pieces = header_pieces(label, width - padding)
    if len(pieces) < 2:
        return text(label)
    return "\u200b".join(f'<span class="phrase">{text(p)}</span>' for p in pieces)


def _whole(piece: str, cls: str) -> str:
    """A piece kept whole as a span of ``cls``, the blank it ends on (a break) after it."""
    body = piece.rstrip()
    return f'<span class="{cls}">{text(body)}</span>{text(piece[len(body):])}'


def cell_label(cell: Cell, width: float, padding: float = TYPESET_PADDING) -> str:
    """A body cell's text for print in a column ``width`` ems wide, as it breaks
    (core.cell_breaks.cell_spans: a name between its phrases only, a sentence as text with
    its last two characters together): each piece kept whole a phrase span (typst breaks a
    line before and after a box: no mark between them, which would stay in the PDF's
    text); the plain text when the cell takes one line (a figure always)."""
    value = cell.text.rstrip()
    if cell.is_figure or len(cell_lines(value, width - padding)) < 2:
        return text(cell.text)
    return "".join(_whole(piece, "phrase") if whole else text(piece)
                   for piece, whole in cell_spans(value, width - padding))


# The widest a piece of a body cell goes on the site, in ems: what the phone's key column
# holds (templates/site/assets/style.css: 12em at most, 5 px of padding a side at 12 px:
# 11 characters); a longer phrase is cut in pieces.
SCREEN_PHRASE = 11.0


def screen_text(cell: Cell) -> str:
    """A body cell's text for the site: each piece (core.cell_breaks.cell_spans for a column
    SCREEN_PHRASE ems wide: a name's phrases) a ``<span class="cell-phrase">`` the site's
    style sheet keeps on one line; a line breaks between two pieces where the cell wraps
    (a phone's key column), as between any two characters of Chinese text, and never in a
    cell that does not (no ``<wbr>``, which chromium breaks at even there) —
    「河门口街道 / 便民服务中心」, never 「…服务中 / 心」 on a phone. A figure as it is."""
    if cell.is_figure or not cell.text.strip():
        return text(cell.text)
    return "".join(_whole(piece, "cell-phrase") if whole else text(piece)
                   for piece, whole in cell_spans(cell.text.rstrip(), SCREEN_PHRASE))


def screen_label(label: str) -> str:
    """A header's text for the site: each phrase (core.phrases.header_phrases) a
    ``<span class="header-phrase">`` the site's style sheet keeps on one line, a break
    opportunity (``<wbr>``) between them — 「已认领」 never 「已认 / 领」 on a phone."""
    return "<wbr>".join(f'<span class="header-phrase">{text(p)}</span>'
                        for p in header_phrases(label))


def _header(t: Table, key: int | None, marked: bool,
            widths: list[float] | None = None, padding: float = TYPESET_PADDING) -> list[str]:
    """The header rows: spanners over their columns, a column without one spanning both
    rows; with ``marked``, each column's label carries ``data-col`` (and ``data-key``);
    with ``widths``, each label is written as phrases for its column's width."""
    def label(value: str, start: int, end: int) -> str:
        return (header_label(value, sum(widths[start:end + 1]), padding) if widths
                else screen_label(value))

    two = t.depth > 0
    rows: list[list[str]] = [[], []]
    j = 0
    while j < len(t.columns):
        column = t.columns[j]
        if column.spanners:
            end = j
            while end + 1 < len(t.columns) and t.columns[end + 1].spanners == column.spanners:
                end += 1
            scope = "colgroup" if end > j else "col"
            rows[0].append(f'  <th class="gt_center gt_columns_top_border gt_column_spanner_outer" '
                           f'rowspan="1" colspan="{end - j + 1}" scope="{scope}">\n'
                           f'    <span class="gt_column_spanner">{label(column.spanners[0], j, end)}'
                           "</span>\n  </th>\n")
            for k in range(j, end + 1):
                rows[1].append(_label(t, k, key, marked, 1, label(t.columns[k].label, k, k)))
            j = end + 1
        else:
            rows[0].append(_label(t, j, key, marked, 2 if two else 1, label(column.label, j, j)))
            j += 1
    if not two:
        return ['  <tr class="gt_col_headings">\n' + "".join(rows[0]) + "</tr>\n"]
    return ['  <tr class="gt_col_headings gt_spanner_row">\n' + "".join(rows[0]) + "</tr>\n",
            '<tr class="gt_col_headings">\n' + "".join(rows[1]) + "</tr>\n"]


def _label(t: Table, j: int, key: int | None, marked: bool, rowspan: int, content: str) -> str:
    column = t.columns[j]
    marks = (f' data-col="{j}"' + (" data-key" if j == key else "")) if marked else ""
    return (f"  <th{marks} class=\"gt_col_heading gt_columns_bottom_border {ALIGN[column.align]}\" "
            f'rowspan="{rowspan}" colspan="1" scope="col">{content}</th>\n')


Link = Callable[[Cell], str | None]


def _body_cell(t: Table, j: int, cell: Cell, key: int | None, link: Link | None,
               rows: int = 1, width: float | None = None,
               padding: float = TYPESET_PADDING) -> str:
    """A body cell (a group label's marked ``data-group``); ``rows``: the rows it spans;
    ``width``: its column's in ems, for print (a left-aligned column's alignment written in
    its style too, its text as it breaks: ``cell_label``), else its text for the site
    (``screen_text``)."""
    aligned = width is not None
    attributes = " data-key" if j == key else ""
    if t.columns[j].merge:  # a group label: short, never a sentence column (the site's CSS)
        attributes += " data-group"
    if rows > 1:
        attributes += f' rowspan="{rows}"'
    style = cell_style(cell)
    if aligned and t.columns[j].align == "left":
        style = ";".join(filter(None, [style, "text-align:left"]))
    if style:
        attributes += f' style="{style}"'
    content = cell_label(cell, width, padding) if aligned else screen_text(cell)
    href = link(cell) if link else None
    if href:  # a unit indented under its area: the blanks stay outside the link
        name = cell.text.lstrip("\u3000 ")
        indent = cell.text[:len(cell.text) - len(name)]
        content = (f'{text(indent)}<a class="unit-link" href="{attribute(href)}">'
                   f'{screen_text(cell.model_copy(update={"text": name}))}</a>')
    return (f'    <td{attributes} class="gt_row {ALIGN[t.columns[j].align]}">'
            f"{content}</td>\n")


def gt_html(t: Table, gt_id: str | None, heading: bool = True, key: int | None = None,
            marked: bool = False, link: Link | None = None, widths: list[float] | None = None,
            foot: bool = True, padding: float = TYPESET_PADDING) -> str:
    """The table as great-tables draws it: its style sheet and the box it scrolls in (none
    without ``gt_id``: the table alone, for a reader that lays it out itself), the title
    row (``heading``), header, body and notes (``foot``). ``marked``: each column label
    carries its index (``data-col``); ``key``: the column marked ``data-key`` in its label
    and its cells; ``link``: the href a cell's text links to (None: no link); ``widths``:
    the columns' widths in ems, for print (see the module's notes), ``padding`` the ems a
    cell adds to its text."""
    width = len(t.columns)
    out = [f"<style>{_css().replace('GTID', gt_id)}</style>\n",
           f'<div id="{gt_id}" style="{WRAPPER}">\n\n'] if gt_id else []
    out.append('<table class="gt_table">\n')
    if widths:
        out.append("<colgroup>" + "".join(f'<col style="width: {100 * w / sum(widths):.2f}%">'
                                          for w in widths) + "</colgroup>\n")
    out.append("<thead>\n\n")
    header = _header(t, key, marked, widths, padding)
    if heading and t.title:
        out.append(f'  <tr class="gt_heading">\n    <td colspan="{width}" '
                   f'class="gt_heading gt_title gt_font_normal">{text(t.title)}</td>\n  </tr>\n')
        header[0] = header[0].removeprefix("  ")
    out += header
    out.append('</thead>\n<tbody class="gt_table_body">\n')
    spans = [t.merged_rows(j) for j in range(width)]
    for i, row in enumerate(t.rows):
        out.append("  <tr>\n" + "".join(_body_cell(t, j, cell, key, link, spans[j][i],
                                                    widths[j] if widths else None, padding)
                                         for j, cell in enumerate(row) if spans[j][i])
                   + "  </tr>\n")
    out.append("</tbody>\n")
    if t.notes and foot:
        out.append("<tfoot>" + "".join(
            f'<tr class="gt_sourcenotes"><td class="gt_sourcenote" colspan="{width}">'
            f'<span class="gt_from_md">{text(note)}</span></td></tr>' for note in t.notes)
            + "</tfoot>\n")
    else:
        out.append("\n")
    out.append("</table>\n\n</div>\n" if gt_id else "</table>\n")
    return "".join(out)

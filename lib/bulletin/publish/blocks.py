"""What the pandoc routes (the PDF's pdf/, the Word file's word/, the Quarto route's quarto/)
read of a block: a table written as pandoc-ready HTML from its cells (``table_html``: its
title above, its notes below, its strings escaped), which tables are wide, which text is
a caption, whether the bulletin prints its own 要目. They share these, so a table is wide,
or a caption, the same way in each.

A table's HTML carries its column widths (``<col style="width: …%">``, by the shared rule
of core.table_widths across the text block: ``TEXT_EMS``, or ``WIDE_EMS`` on a landscape
page), its header cells and its body's text cells as phrase spans (``<span class="phrase">``,
which blocks.lua keeps whole: a header, a name, breaks between phrases only), a group label
(``Column.merge``) as one cell spanning its rows, and a form (``Table.form``) as
``<table class="form">``."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser

from bulletin.core.blocks import Cell, Table, Text
from bulletin.core.table_widths import column_widths, printed
from bulletin.publish.gt_html import attribute, cell_label, cell_style, header_label, text
from bulletin.publish.titles import table_title_html

# The classes blocks.lua turns into typst calls (templates/typst/blocks.lua).
LAYOUT_CLASSES = {"chart", "wide-table", "table-title", "table-note", "table-intro", "phrase",
                  "form"}

# A caption: short text such as 「附件 1」 that belongs on the page of the table after it.
CAPTION_LENGTH = 40

# How a pandoc route marks a cell's text: the cell → (the element's attributes, else None).
CellMark = Callable[[Cell], str | None]


class _Figures(HTMLParser):
    """Every element a figure could be made of: class chart, a ``data-src`` or a ``src``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str | None, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if "chart" in (values.get("class") or "").split() or "data-src" in values \
                or "src" in values:
            self.found.append((values.get("data-src") or values.get("src"),
                               values.get("data-token")))


def figures(html: str) -> list[tuple[str | None, str | None]]:
    """(file, token) of every figure of an intermediate the route wrote, in order: what
    pandoc would read as a file of the build folder or blocks.lua as a chart."""
    parser = _Figures()
    parser.feed(html)
    parser.close()
    return parser.found


def _div(cls: str, inner: str, extra: str = "") -> str:
    return f'<div class="{cls}"{extra}>{inner}</div>\n'


def landscape(table: Table) -> bool:
    """A table printed on landscape pages: more columns than WIDE_TABLE_COLUMNS, or its
    names (a unit's in the body) not on one line across the portrait text block. Every
    route asks this, so a table turns the page in the PDF and the Word file alike."""
    return printed(table)[0]


def print_padding(table: Table) -> float:
    """Ems a typeset cell adds to its text: its inset at the type size of its page."""
    return printed(table)[2]


def print_widths(table: Table) -> list[float]:
    """The table's column widths in ems across the text block it is printed on (portrait,
    or landscape: ``landscape``), by core.table_widths' rule with the typeset cells'
    padding (``print_padding``): what every pandoc route writes as its ``<col>`` widths."""
    _, room, padding = printed(table)
    return column_widths(table, room, padding)


def _header(table: Table, widths: list[float]) -> str:
    """The header rows: a spanner over its columns, a column without one over both rows."""
    pad = print_padding(table)
    if not table.depth:
        return "<tr>" + "".join(f"<th>{header_label(c.label, w, pad)}</th>"
                                for c, w in zip(table.columns, widths, strict=True)) + "</tr>\n"
    top, bottom, j = [], [], 0
    while j < len(table.columns):
        column = table.columns[j]
        if not column.spanners:
            top.append(f'<th rowspan="2">{header_label(column.label, widths[j], pad)}</th>')
            j += 1
            continue
        end = j
        while end + 1 < len(table.columns) and table.columns[end + 1].spanners == column.spanners:
            end += 1
        top.append(f'<th colspan="{end - j + 1}">'
                   f'{header_label(column.spanners[0], sum(widths[j:end + 1]), pad)}</th>')
        bottom += [f"<th>{header_label(c.label, w, pad)}</th>"
                   for c, w in zip(table.columns[j:end + 1], widths[j:end + 1], strict=True)]
        j = end + 1
    return "<tr>" + "".join(top) + "</tr>\n<tr>" + "".join(bottom) + "</tr>\n"


def _cell(cell: Cell, align: str, mark: CellMark | None, rows: int = 1,
          width: float = 0.0, padding: float = 0.0) -> str:
    """A body cell: its marks as an inline style (blocks.lua and the Word route read them),
    a left-aligned column's alignment (a unit under its area is indented, which a centred
    cell would hide), its text as phrase spans for its column's ``width`` (``cell_label``:
    a name breaks between phrases only)."""
    style = "; ".join(filter(None, [cell_style(cell), "text-align: left" if align == "left"
                                    else ""]))
    content = cell_label(cell, width, padding) if width else text(cell.text)
    extra = mark(cell) if mark and content.strip() else None
    if extra:
        content = f"<span {extra}>{content}</span>"
    span = f' rowspan="{rows}"' if rows > 1 else ""
    return (f'<td{span} style="{attribute(style)}">{content}</td>' if style
            else f"<td{span}>{content}</td>")


def table_html(table: Table, title_extra: str = "", note_extra: str = "",
               mark: CellMark | None = None) -> str:
    """``table`` as HTML pandoc reads: its title above (``table-title``), the table with
    its spanner header, its notes below (``table-note``). ``title_extra``/``note_extra``:
    attributes a route adds to those divs; ``mark``: attributes for a cell's text (Word's
    character style for the red and bold)."""
    widths, pad = print_widths(table), print_padding(table)
    spans = [table.merged_rows(j) for j in range(len(table.columns))]
    body = "".join("<tr>" + "".join(_cell(cell, column.align, mark, spans[j][i], widths[j], pad)
                                    for j, (cell, column) in enumerate(
                                        zip(row, table.columns, strict=True)) if spans[j][i])
                   + "</tr>\n" for i, row in enumerate(table.rows))
    cols = "".join(f'<col style="width: {100 * w / sum(widths):.2f}%">' for w in widths)
    form = ' class="form"' if table.form else ""
    out = ""
    if table.title:
        out += _div("table-title", f"<p>{table_title_html(table.title, landscape(table))}</p>",
                    title_extra)
    if table.intro:
        out += _div("table-intro", "".join(f"<p>{text(n)}</p>" for n in table.intro),
                    note_extra)
    out += (f"<table{form}>\n<colgroup>{cols}</colgroup>\n<thead>\n{_header(table, widths)}"
            f"</thead>\n<tbody>\n{body}</tbody>\n</table>\n")
    if table.notes:
        out += _div("table-note", "".join(f"<p>{text(n)}</p>" for n in table.notes), note_extra)
    return out


def _plain(markdown: str) -> str:
    """The words of a short Markdown block: heading marks and blanks left out."""
    return re.sub(r"\s+", "", re.sub(r"^ {0,3}#{1,6}(?=\s)", "", markdown, flags=re.MULTILINE))


def is_caption(block) -> bool:
    """Text such as 「### 附件1」 that belongs on the page of the table after it."""
    return isinstance(block, Text) and 0 < len(_plain(block.markdown)) <= CAPTION_LENGTH


def has_own_contents(blocks: list) -> bool:
    """True when the bulletin prints its own 要目, so the template should not add one."""
    return any(isinstance(block, Text) and re.search(r"要\s*目", block.markdown)
               for block in blocks)

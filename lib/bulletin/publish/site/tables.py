"""A month page's tables as the site shows them (``annex_view``), written from the table
values (``publish.gt_html``) with the site's own marks:

* the table's title is the annex's caption, shown above the scrolling region, not a row of
  the table: inside the table it was centred over the whole scroll width, half of it out
  of sight on a phone;
* each column's label carries ``data-col`` = its index, which tables.js uses to sort by it;
* the key column (the unit, indicator or centre each row is about) is marked ``data-key``
  in its label and in every body cell: the stylesheet keeps it fixed on the left while the
  other columns scroll under it, and tables.js filters on it;
* a cell that names a unit with a page is a link to it (``unit_link``).

The key column is the left-aligned column with the most non-empty cells, the first of
equals (``Table.key_column``): 单位 beside 序号, 中心 beside a 镇（街道） column filled on
the first row of each town only, 指标 before 国内前沿水平.
"""

from __future__ import annotations

from bulletin.core.blocks import Cell, Table
from bulletin.core.meta import UnitFigures
from bulletin.publish.gt_html import Link, gt_html, table_id


def _words(text: str) -> str:
    return " ".join(text.split())


def unit_link(units: list[UnitFigures], caption: str, base: str = "../units/") -> Link | None:
    """What a cell of the table titled ``caption`` links to: the page of the unit its whole
    text names (an indented unit's blanks aside), when that page shows the unit's row of
    this table (a table without a title: any table); None when no unit has a row."""
    tables = {u.name: {_words(row.table) for row in u.rows} for u in units if u.rows}
    if not tables:
        return None
    slugs = {u.name: u.slug for u in units}
    caption = _words(caption)

    def link(cell: Cell) -> str | None:
        name = cell.text.strip()
        if name not in tables or (caption and caption not in tables[name]):
            return None
        return f"{base}{slugs[name]}.html"

    return link


def annex_view(table: Table, number: int, units: list[UnitFigures] | None = None) -> dict:
    """The view of a table on its month page: its ``html`` (title lifted out, columns and
    key column marked, units linked), ``caption`` (its title, '' when it has none),
    ``intro`` (a form's lines under its title: ``Table.intro``), ``label`` (the caption, or
    「表 N」) and ``id`` (``annex-N``, unique on the page)."""
    caption = _words(table.title)
    html = gt_html(table, table_id(table, str(number)), heading=False, key=table.key_column(),
                   marked=True, link=unit_link(units or [], caption))
    return {"html": html, "caption": caption, "intro": list(table.intro),
            "label": caption or f"表 {number}",
            "id": f"annex-{number}"}

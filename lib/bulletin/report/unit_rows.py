"""Each registry unit's rows in the month's published tables, for ``meta.json``
(``MonthMeta.units``) and from there the site's unit pages.

The rows are read from the table blocks the bulletin shows (each cell with the string
every renderer prints and the value it shows), so a unit page can only show what the month
page's table shows. A table names its units in the column ``unit`` (the annexes,
the 考核得分 tables, the 事项指标 tables); other tables (大厅窗口, 便民服务中心, 目标跟踪)
name centres or indicators, not registry units, and are left out; the 大厅 windows
table's 部门 column (``window``) names a unit when a window is named as one.

A column's catalogue figure comes from its id, never from its label: ``c<n>_<key>`` in
seed 000's annexes (``report.sections.operation.annexes.col_id``), the indicator or count
key in the 事项 tables, and the 考核得分 tables' ``rank`` / ``total`` / ``change`` / ``c<n>``
(the province's cells: points, counts or rates, which the catalogue does not name; a plain
number, or a rate when the cell is a percentage: its spreadsheet format,
``Cell.format``).
"""

from __future__ import annotations

import re

from bulletin.core.blocks import Table
from bulletin.core.definitions import BY_KEY, FIGURES, HALL_COUNTS, ITEM_COUNTS
from bulletin.core.meta import TrackedRow, UnitCell, UnitFigures, UnitRow, unit_slug

# The column naming a table's units: ``unit`` (annexes, 考核得分, 事项), ``window`` (大厅
# 部门窗口: a window named as its unit is that unit's row)
UNIT_COLUMNS = ("unit", "window")


SKIPPED = {"order", *UNIT_COLUMNS}


# The column naming a tracked indicator (目标跟踪, report.sections.targets.targets_table)
INDICATOR_COLUMN = "indicator"


# 大厅部门窗口 (report.sections.hall.windows_table): its count column
WINDOW_COLUMNS = {"count": HALL_COUNTS["window_cases"]}


# 考核得分 (report.sections.scores.scores_table): id → (key, kind, unit)
SCORE_COLUMNS = {"rank": ("rank", "rank", "位"), "total": ("total_score", "score", "分"),
                 "change": ("rank_change", "change", "位")}


_ANNEX_ID = re.compile(r"c\d+_(\w+)")


_CATEGORY_ID = re.compile(r"c\d+")


def column_figure(column: str, unit_column: str = "unit") -> tuple[str | None, str, str]:
    """(catalogue key, kind, unit) of a table column id; kind 「text」 for anything else."""
    if unit_column == INDICATOR_COLUMN and column == "achieved":  # 达到水平, as the table prints it
        return "achieved", "text", ""
    if unit_column == "window" and column in WINDOW_COLUMNS:
        f = WINDOW_COLUMNS[column]
        return f.key, f.kind, f.unit
    annex = _ANNEX_ID.fullmatch(column)
    if annex and annex[1] in FIGURES:
        f = FIGURES[annex[1]]
        return f.key, f.kind, f.unit
    if column in BY_KEY:
        i = BY_KEY[column]
        return i.key, i.kind, i.unit
    if column in ITEM_COUNTS:
        f = ITEM_COUNTS[column]
        return f.key, f.kind, f.unit
    if column == "change_completed":  # the annexes' 较上月 办结
        return "completed", "change", FIGURES["completed"].unit
    if column in SCORE_COLUMNS:
        return SCORE_COLUMNS[column]
    if _CATEGORY_ID.fullmatch(column):  # the province's cells: points, counts or rates
        return None, "number", ""
    return None, "text", ""


def table_rows(t: Table, columns: tuple[str, ...] = UNIT_COLUMNS) -> dict[str, UnitRow]:
    """Unit name → its row in the table as printed (no row for 合计 or a table without a
    unit column); ``columns``: the columns that may name the rows (the first the table
    shows)."""
    ids = [c.id for c in t.columns]
    unit_column = next((c for c in columns if c in ids), None)
    if unit_column is None:
        return {}
    at = ids.index(unit_column)
    rows = {}
    for record in t.rows:
        cells = []
        for column, cell in zip(t.columns, record, strict=True):
            if column.id in SKIPPED or column.id == unit_column:
                continue
            key, kind, unit = column_figure(column.id, unit_column)
            if kind in ("number", "text") and cell.is_percentage:
                kind, unit = "rate", "%"  # a province's or a target's cell printed as a percentage
            cells.append(UnitCell(column=column.header, key=key, kind=kind, unit=unit,
                                  display=cell.text, value=None if kind == "text" else cell.value))
        # an annex indents the units under an area with full-width spaces
        rows.setdefault(record[at].text.lstrip("\u3000"), UnitRow(table=t.title, cells=cells))
    return rows


def unit_figures(registry_units: list[tuple[str, str]], tables: list[Table]) -> list[UnitFigures]:
    """Every registry unit (name, level), in registry order, with its rows in ``tables``."""
    found = [table_rows(t) for t in tables]
    return [UnitFigures(name=name, slug=unit_slug(name), level=level,
                        rows=[rows[name] for rows in found if name in rows])
            for name, level in registry_units]


def tracked_rows(tables: list[Table]) -> list[TrackedRow]:
    """The rows of the tables that track indicators (目标跟踪), in table order."""
    return [TrackedRow(name=name, table=row.table, cells=row.cells)
            for t in tables for name, row in table_rows(t, (INDICATOR_COLUMN,)).items()]

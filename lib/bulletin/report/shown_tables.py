"""What a great-tables table of the bulletin shows, as plain data for the downloads:
its title, its columns (label, spanners, alignment), the cells' display strings, the red and
bold marks and the footnotes (``table_of``); which catalogue entry a column is
(``catalogue_entry``); and text made safe for a spreadsheet cell (``spreadsheet_text``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from great_tables import GT, loc

from bulletin.core.definitions import BY_KEY, FIGURES, HALL_COUNTS, ITEM_COUNTS
from bulletin.core.spreadsheet import FORMULA_START, spreadsheet_text  # noqa: F401  (re-exported)


@dataclass(frozen=True)
class Column:
    id: str  # the table's column id: a catalogue key (or c<n>_<key>) where it is a figure
    label: str
    spanners: tuple[tuple[str, str], ...] = ()  # (id, label), outermost first
    align: str = "center"

    @property
    def header(self) -> str:
        """The header as one line: 「办件情况（件）/申请」."""
        return "/".join([*(label for _, label in self.spanners), self.label])


@dataclass(frozen=True)
class Table:
    title: str
    columns: list[Column]
    rows: list[list[str]]  # display strings, as printed
    notes: list[str] = field(default_factory=list)
    marks: dict[tuple[int, int], dict] = field(default_factory=dict)  # (row, column) → format


def table_of(gt: GT) -> Table:
    """What a great-tables table shows. This module is the one place that reads
    great-tables' internals (``_heading``, ``_boxhead``, ``_spanners``, ``_tbl_data``,
    ``_styles``, ``_source_notes`` of great-tables 1.x, pinned in requirements.lock)."""
    shown = [c for c in gt._boxhead if c.type.name != "hidden"]
    columns = []
    for info in shown:
        spanners = sorted((s for s in gt._spanners if info.var in s.vars),
                          key=lambda s: s.spanner_level, reverse=True)
        columns.append(Column(info.var, str(info.column_label),
                              tuple((s.spanner_id, str(s.spanner_label)) for s in spanners),
                              info.column_align or "center"))
    frame = gt._tbl_data
    rows = [["" if v is None else str(v) for v in record]
            for record in frame.select([c.id for c in columns]).iter_rows()]
    index = {c.id: j for j, c in enumerate(columns)}
    marks: dict[tuple[int, int], dict] = {}
    for info in gt._styles:
        if not isinstance(info.locname, loc.body) or info.colname not in index:
            continue
        mark = marks.setdefault((info.rownum, index[info.colname]), {})
        for style in info.styles:
            kind = type(style).__name__
            if kind == "CellStyleText" and style.color:
                mark["font_color"] = style.color
            if kind == "CellStyleText" and style.weight == "bold":
                mark["bold"] = True
            if kind == "CellStyleFill" and style.color:
                mark["bg_color"] = style.color
    return Table(title_of(gt), columns, rows, [str(n) for n in gt._source_notes],
                 {k: v for k, v in marks.items() if v})


def title_of(gt: GT) -> str:
    """The table's title as printed (empty without one)."""
    return str(gt._heading.title or "") if gt._heading else ""


_ANNEX_ID = re.compile(r"c\d+_(\w+)")


def catalogue_entry(column_id: str):
    """The catalogue entry (a ``Figure`` or an ``Indicator``) a column id names, or None:
    ``c<n>_<key>`` (the annexes), an indicator key, an item or hall count, a unit_month
    figure — the 事项 indicators first (主动评价率 of the items is the platform's)."""
    annex = _ANNEX_ID.fullmatch(column_id)
    if annex and annex[1] in FIGURES:
        return FIGURES[annex[1]]
    for catalogue in (BY_KEY, ITEM_COUNTS, HALL_COUNTS, FIGURES):
        if column_id in catalogue:
            return catalogue[column_id]
    return None

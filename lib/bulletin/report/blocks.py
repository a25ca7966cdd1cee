"""The report's side of the typed handoff (``core.blocks``): table cells made with the value
they print, a typed :class:`Table` drawn with great-tables for the notebook, and a section's
blocks as the values meta.json carries.

A cell is made here from its number: the text is the bulletin's formatting (``report.fmt``)
and the value the number that text shows, computed the same way (a rate truncated to the
hundredth of a percent, a score half up), never read back from the text. A section builds
its tables as :class:`Table` values; the notebook shows each with great-tables
(``table_gt``), and every output — the PDF, the Word file, the site, the unit pages, the
downloads — prints the values.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_EVEN, Decimal

import polars as pl
from great_tables import GT, loc, style

from bulletin.core.blocks import Cell, Column, Table, places_format
from bulletin.indicators.scores import round_score
from bulletin.report.fmt import fmt_count, fmt_gap, fmt_rate, truncate_hundredths

# The tables' face in the notebook (great-tables); the PDF and the site use their own.
TABLE_FONT = ["Noto Serif CJK SC", "Noto Sans CJK SC", "serif"]

COUNT_FORMAT, RATE_FORMAT = "0", "0.00%"


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def text_cell(text: str | None) -> Cell:
    """Text as it is (a name, a note, a status): never a number."""
    return Cell(text="" if text is None else str(text))


def order_cell(number: int) -> Cell:
    """A row's 序号."""
    return Cell(text=str(number), value=number, format=COUNT_FORMAT)


def count_cell(value) -> Cell:
    """A count as an integer; 「-」 without one."""
    if _missing(value):
        return Cell(text=fmt_count(None))
    return Cell(text=fmt_count(value), value=int(value), format=COUNT_FORMAT)


def rate_cell(value, zero_denominator: str = "-") -> Cell:
    """A rate as a percentage truncated to two decimals (``fmt_rate``); without a value, the
    dataset's mark for a rate without denominator (「-」, or 「0.00%」 as it is configured)."""
    if _missing(value):  # 「-」 for a rate the input cannot give (NaN), whatever is configured
        return Cell(text="-") if value is not None else Cell.printed(zero_denominator)
    hundredths = truncate_hundredths(value)
    return Cell(text=fmt_rate(value, zero_denominator), value=float(Decimal(hundredths) / 100),
                format=RATE_FORMAT)


def score_cell(value) -> Cell:
    """A score half up to two decimals (``round_score``): 「95.50」, 「100」."""
    if _missing(value):
        return Cell(text="-")
    score = round_score(value)
    places = max(0, -score.as_tuple().exponent)
    number = int(score) if places == 0 else float(score)
    return Cell(text=str(score), value=number, format=places_format(places))


def number_cell(value) -> Cell:
    """A plain number with two decimals."""
    if _missing(value):
        return Cell(text="-")
    shown = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
    return Cell(text=f"{shown}", value=float(shown), format=places_format(2))


def figure_cell(kind: str, value, zero_denominator: str = "-") -> Cell:
    """A figure by its catalogue kind (as ``fmt.fmt_figure`` writes it)."""
    if kind == "rate":
        return rate_cell(value, zero_denominator)
    if kind == "count":
        return count_cell(value)
    if kind == "score":
        return score_cell(value)
    return number_cell(value)


def indicator_cell(ind, value) -> Cell:
    """An indicator's value (as ``fmt.fmt_value`` writes it): 「-」 without one."""
    if _missing(value):
        return Cell(text="-")
    return figure_cell(ind.kind, value)


def _arrow(change: int) -> Cell:
    """A change as the tables print it: 「↑12」, 「↓3」, 「持平」 (a spreadsheet keeps the text)."""
    if change == 0:
        return Cell(text="持平", value=0)
    return Cell(text=f"{'↑' if change > 0 else '↓'}{abs(change)}", value=change)


def change_cell(now, before, available: bool) -> Cell:
    """This month's count against the month before's (as ``fmt.fmt_change``)."""
    if not available or _missing(now) or _missing(before):
        return Cell(text="—")
    return _arrow(int(now) - int(before))


def rank_change_cell(change, available: bool) -> Cell:
    """A change of rank (as ``fmt.fmt_rank_change``): 「新增」 for a unit not ranked before."""
    if not available:
        return Cell(text="—")
    if change is None:
        return Cell(text="新增")
    return _arrow(int(change))


def gap_cell(gap) -> Cell:
    """A target's gap in 个百分点 (``fmt.fmt_gap``), kept as text."""
    return Cell(text=fmt_gap(gap))


def table(title: str, columns: list[Column], rows: list[dict[str, Cell]],
          notes: list[str] | None = None) -> Table:
    """A table of ``rows`` (column id → cell; a column a row lacks is an empty cell)."""
    return Table(title=title, columns=columns,
                 rows=[[row.get(c.id, Cell()) for c in columns] for row in rows],
                 notes=list(notes or []))


def texts(t: Table) -> pl.DataFrame:
    """The table's printed texts, one column per column id."""
    return pl.DataFrame({c.id: [row[j].text for row in t.rows] for j, c in enumerate(t.columns)},
                        schema={c.id: pl.String for c in t.columns})


def _spanner_runs(t: Table) -> list[tuple[str, list[str]]]:
    """(label, column ids) of each run of adjacent columns under one spanner."""
    runs: list[tuple[str, list[str]]] = []
    previous = None
    for column in t.columns:
        label = column.spanners[0] if column.spanners else None
        if label is not None and label == previous:
            runs[-1][1].append(column.id)
        elif label is not None:
            runs.append((label, [column.id]))
        previous = label
    return runs


def table_gt(t: Table) -> GT:
    """The table drawn with great-tables, for the notebook (Jupyter shows its HTML)."""
    gt = GT(texts(t))
    if t.title:
        gt = gt.tab_header(title=t.title)
    gt = gt.cols_align("center")
    for n, (label, ids) in enumerate(_spanner_runs(t)):
        gt = gt.tab_spanner(label, columns=ids, id=f"s{n}")
    # labels as a dict: a column id may be a keyword of cols_label (``cases``)
    gt = gt.cols_label(cases={c.id: c.label for c in t.columns})
    for align in ("left", "right"):
        ids = [c.id for c in t.columns if c.align == align]
        if ids:
            gt = gt.cols_align(align, columns=ids)
    gt = (gt.opt_table_font(font=TABLE_FONT)
          .tab_options(table_font_size="12px", column_labels_font_size="12px",
                       data_row_padding="2px"))
    marked: dict[tuple[str, bool, str | None, str | None], list[int]] = {}
    for i, row in enumerate(t.rows):
        for column, cell in zip(t.columns, row, strict=True):
            if cell.bold or cell.color or cell.fill:
                marked.setdefault((column.id, cell.bold, cell.color, cell.fill), []).append(i)
    for (column, bold, color, fill), rows in marked.items():
        styles = [style.text(color=color, weight="bold" if bold else None)]
        if fill:
            styles.append(style.fill(color=fill))
        gt = gt.tab_style(styles, loc.body(columns=column, rows=rows))
    for note in t.notes:
        gt = gt.tab_source_note(note)
    return gt

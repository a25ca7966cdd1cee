"""Where the table of an export starts and ends: the header row below the title and
export-information rows a platform writes above it (「青岚市一体化政务服务平台办件明细表」,
「导出时间：2024-07-01 09:00」), a two-row header whose upper row only groups the columns
(「办件信息」 over 办件编号 and 办理单位, merged or followed by blank cells), and a 合计 /
总计 row at the bottom of a case or evaluation export with the count it states.

Only the first rows (the header) and the last one (a total) are looked at, in Python;
the data rows between them stay a polars frame (lazy: a CSV's grid is scanned from disk).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import polars as pl

from bulletin.core.privacy import redact
from bulletin.ingest.cells import ascii_digits

# A title or export-information row has at most this many filled cells; any header of
# units, cases or evaluations has more (its required columns).
TITLE_CELLS = 2

# The header row is looked for among the first rows of a sheet only.
HEADER_WINDOW = 20

# How much of a skipped row's text messages quote.
SHOWN_CHARS = 24

# 合计, 总计, 合计：, 合计：5, 总计 共 5 件 (after blanks are removed and digits made ASCII).
_TOTAL = re.compile(r"^(合计|总计)[:：]?(共)?(?P<n>\d+(,\d{3})*)?(件|条|行|笔)?$")

# A count cell of a total row: 5, 1,234, 共5件.
_COUNT = re.compile(r"^(共)?(?P<n>\d+(,\d{3})*)(\.0+)?(件|条|行|笔)?$")

_BLANKS = re.compile(r"\s+")


@dataclass
class Grid:
    """A sheet's cells as text, no header interpretation: ``frame`` has one String column
    per grid column and ``height`` rows; grid row i is the sheet's row i + 1, blank rows
    included. Lazy: a CSV's grid is a temporary Parquet file (ingest.grid)."""

    frame: pl.LazyFrame
    height: int

    @classmethod
    def of(cls, frame: pl.DataFrame) -> Grid:
        return cls(frame.lazy(), frame.height)

    @property
    def columns(self) -> list[str]:
        return self.frame.collect_schema().names()

    def head(self, n: int) -> pl.DataFrame:
        return self.frame.head(n).collect()

    def rows(self, start: int, stop: int) -> list[tuple]:
        """The cells of grid rows start..stop-1."""
        return self.frame.slice(start, max(stop - start, 0)).collect().rows()


def normalise_label(text: object) -> str:
    """A header cell without spaces, full-width spaces and line breaks."""
    return str(text).strip().replace("\n", "").replace(" ", "").replace("\u3000", "")


def _cell(value: object) -> str:
    return "" if value is None else str(value).strip()


@dataclass
class Layout:
    """The header of a sheet: its labels (one per grid column), the Excel rows it takes
    (one, or two for a grouped header), and the title rows skipped above it."""

    labels: list[str]
    header_rows: tuple[int, ...]
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (Excel row, text shown)
    found: bool = True  # False: no row has the required columns; labels are what was found

    @property
    def first_data(self) -> int:
        """The grid index of the first row below the header."""
        return self.header_rows[-1]


# labels → (how many schema columns they name, whether the required ones are among them)
Recognise = Callable[[list[str]], tuple[int, bool]]


def combined(upper: list[str], lower: list[str]) -> list[str]:
    """The labels of a two-row header: the lower cell, or the upper one where the lower is
    blank (a label merged over both rows)."""
    width = max(len(upper), len(lower))
    return [(lower[j] if j < len(lower) and lower[j] else upper[j] if j < len(upper) else "")
            for j in range(width)]


def groups(upper: list[str], lower: list[str]) -> bool:
    """Whether ``upper`` only groups the columns of ``lower``: each of its cells either
    spans more than one column (the cells right of it blank, as a merged cell reads) or
    labels a column whose lower cell is blank (a label merged over both rows)."""
    for j, text in enumerate(upper):
        if not text:
            continue
        spans = j + 1 < len(upper) and not upper[j + 1]
        alone = j >= len(lower) or not lower[j]
        if not (spans or alone):
            return False
    return True


def _filled(cells: list[str]) -> int:
    return sum(1 for c in cells if c)


def header_here(cells: list[str], below: list[str] | None, recognise: Recognise) \
        -> list[str] | None:
    """The labels when the header starts at this row: the row itself, or this row over
    ``below`` when this row only groups the columns of the next; None when neither holds
    the required columns, or when this is a title above a header that needs no help."""
    count, covers = recognise(cells)
    two = combined(cells, below) if below and any(below) and groups(cells, below) else None
    count2, covers2 = recognise(two) if two else (0, False)
    if covers:
        return two if two and covers2 and count2 > count else cells
    if not covers2:
        return None
    if _filled(cells) <= TITLE_CELLS:
        # A title above a header row that reads on its own is skipped, unless it labels a
        # column the lower row leaves blank (a cell merged over both rows).
        count_below, covers_below = recognise(below)
        if covers_below and (count2, _filled(two)) <= (count_below, _filled(below)):
            return None
    return two


def find_header(grid: Grid, recognise: Recognise) -> Layout:
    """The header of a grid: the first row (among the first HEADER_WINDOW) that holds the
    required columns, alone or under a grouping row; every filled row above it must look
    like a title (at most TITLE_CELLS filled cells). Otherwise ``found`` is False and the
    labels are those of the row that stopped the search (or of the first filled row)."""
    rows = [[_cell(v) for v in r] for r in grid.head(HEADER_WINDOW + 1).iter_rows()]
    skipped: list[tuple[int, str]] = []
    first = None
    for i, cells in enumerate(rows[:HEADER_WINDOW]):
        if not any(cells):
            continue
        first = i if first is None else first
        below = rows[i + 1] if i + 1 < len(rows) else None
        labels = header_here(cells, below, recognise)
        if labels is not None:
            return Layout(labels, (i + 1,) if labels is cells else (i + 1, i + 2), skipped)
        if _filled(cells) > TITLE_CELLS:
            return Layout(cells, (i + 1,), skipped, found=False)
        skipped.append((i + 1, shown_row(cells)))
    at = first or 0
    return Layout(rows[at] if rows else [], (at + 1,), [], found=False)


def shown_row(cells: list[str]) -> str:
    """A skipped row as messages quote it: 「标题」, and for 「导出人：张三」 only 「导出人：…」
    (what follows the colon may be a person's name); long text cut short."""
    shown = []
    for text in (c for c in cells if c):
        at = min((text.find(mark) for mark in "：:" if mark in text), default=-1)
        if at >= 0 and at + 1 < len(text):
            text = text[:at + 1] + "…"
        elif len(text) > SHOWN_CHARS:
            text = text[:SHOWN_CHARS] + "…"
        shown.append(f"「{redact(text)}」")
    return "".join(shown)


@dataclass
class TotalRow:
    """A 合计 / 总计 row below the data: its Excel row and the counts it states."""

    row: int
    stated: list[int]

    def check(self, read: int) -> str | None:
        """The mismatch between the stated count and the ``read`` rows above, if any."""
        if not self.stated or read in self.stated:
            return None
        n = self.stated[0]
        gap = f"多 {read - n} 行" if read > n else f"少 {n - read} 行"
        return (f"第 {self.row} 行合计为 {n}，而其上的数据为 {read} 行（{gap}）："
                "导出可能不完整或合计有误，请核实")

    def describe(self, read: int) -> str:
        if not self.stated:
            return f"第 {self.row} 行为合计行（未写明件数），不作为数据读取"
        agrees = "与其上的数据行数相符" if self.check(read) is None else "与其上的数据行数不符"
        return f"第 {self.row} 行为合计行（合计 {self.stated[0]}，{agrees}），不作为数据读取"


def last_filled(grid: Grid, start: int) -> int | None:
    """The grid index of the last row with any cell, at or below ``start``."""
    tail = max(start, grid.height - 64)
    rows = grid.rows(tail, grid.height)
    for i in range(len(rows) - 1, -1, -1):
        if any(v is not None and str(v).strip() for v in rows[i]):
            return tail + i
    if tail == start:
        return None
    index = "__index__"
    found = (grid.frame.with_row_index(index).slice(start, tail - start)
             .filter(pl.any_horizontal(pl.exclude(index).is_not_null()))
             .select(pl.col(index).max()).collect(engine="streaming").item())
    return None if found is None else int(found)


def _plain(text: str) -> str:
    return _BLANKS.sub("", ascii_digits(text))


def find_total(grid: Grid, start: int, key_columns: list[int]) -> TotalRow | None:
    """The 合计 / 总计 row at the bottom of the data (grid rows from ``start`` on): the last
    filled row whose first filled cell, or its unit or id cell, reads 合计, 总计 or 合计：."""
    at = last_filled(grid, start)
    if at is None:
        return None
    cells = [_cell(v) for v in grid.rows(at, at + 1)[0]]
    keys = [next(c for c in cells if c)] + [cells[j] for j in key_columns if cells[j]]
    matched = [m for m in (_TOTAL.match(_plain(k)) for k in keys) if m]
    if not matched:
        return None
    stated = [int(m["n"].replace(",", "")) for m in matched if m["n"]]
    stated += [int(m["n"].replace(",", "")) for m in (_COUNT.match(_plain(c)) for c in cells) if m]
    return TotalRow(at + 1, list(dict.fromkeys(stated)))


def describe(layout: Layout | None, total: TotalRow | None, read: int) -> str:
    """What of a sheet was not data, for the file's ingestion line: the title rows skipped
    above the header, a two-row header, a 合计 row; empty when the table starts at row 1."""
    parts = []
    if layout is not None and layout.skipped:
        rows = "、".join(str(r) for r, _ in layout.skipped)
        texts = "".join(text for _, text in layout.skipped)
        parts.append(f"表头上方的第 {rows} 行{texts}不是数据，已跳过")
    if layout is not None and len(layout.header_rows) == 2:
        upper, lower = layout.header_rows
        parts.append(f"表头为第 {upper}—{lower} 行（两行表头，按第 {lower} 行的列名读取）")
    elif layout is not None and layout.skipped:
        parts.append(f"表头为第 {layout.header_rows[0]} 行")
    if total is not None:
        parts.append(total.describe(read))
    return "，".join(parts)

"""Read the platform's exports into polars frames with canonical column names.

Every reader accepts CSV (UTF-8, UTF-8 with BOM, GB18030/GBK), XLSX and Parquet, with
Chinese or English headers plus per-dataset aliases. Columns that are not part of the
contract — personal data above all — are dropped here and never leave this module.
Row numbers are kept (as ``__row__``) so that every later message can name the row the
analyst sees in Excel: the header is row 1, the first data row is row 2 (Parquet has no
header line, its first row is row 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from bulletin.core.errors import InputError, Problem
from bulletin.ingest.files import display_path, shown_as
from bulletin.ingest.grid import csv_grid, fingerprint, scratch
from bulletin.ingest.layout import (
    Grid,
    Layout,
    TotalRow,
    find_header,
    find_total,
    normalise_label,
)
from bulletin.ingest.parquet import verify_checksums
from bulletin.ingest.schema import CASES, EVALUATIONS, PERSONAL_MARKERS, UNITS, InputSchema

SCHEMAS = (CASES, EVALUATIONS, UNITS)

ROW = "__row__"


FILE = "__file__"


@dataclass
class RawTable:
    """One table of an input file (a CSV, a Parquet file, or one worksheet of an XLSX),
    columns renamed to canonical names, data as read."""

    path: Path
    frame: pl.LazyFrame
    dropped_personal: list[str] = field(default_factory=list)
    dropped_other: list[str] = field(default_factory=list)
    sheet: str | None = None  # the worksheet, when a workbook holds data on several
    layout: Layout | None = None  # where the header is (None for Parquet)
    total: TotalRow | None = None  # a 合计 row below the data, not read as data
    rows: int | None = None  # at least as many as the data rows, known without reading them

    @property
    def shown(self) -> str:
        return shown_as(self.path, self.sheet)


def unreadable(path: Path, err: Exception) -> InputError:
    """A file the readers cannot parse at all (cut short, damaged, not what its name says)."""
    text = str(err).strip()
    first = text.splitlines()[0] if text else type(err).__name__
    return InputError(Problem(display_path(path), None, None, None,
                              f"无法读取文件，文件可能已损坏或不完整（如复制、下载时被截断）：{first}"))


def read_grid(path: Path) -> Grid:
    """A CSV (or the one worksheet with data of an XLSX) as a grid of strings, no header
    interpretation."""
    path = Path(path)
    grids = read_grids(path)
    if not grids:
        raise InputError(Problem(display_path(path), None, None, None, "文件为空，没有表头"))
    if len(grids) > 1:
        raise several_sheets(path, [name for name, _ in grids])
    return grids[0][1]


def several_sheets(path: Path, names: list[str | None]) -> InputError:
    listed = "、".join(f"「{n}」" for n in names)
    return InputError(Problem(display_path(path), None, None, None,
                              f"此输入只读取一个工作表，而工作表 {listed} 都有内容："
                              "请把数据合并到一个工作表，或删除多余的工作表"))


def read_grids(path: Path) -> list[tuple[str | None, Grid]]:
    """Every worksheet with data of an XLSX (or the table of a CSV) as a grid of strings,
    named by the sheet (None for a CSV). Rows are as Excel numbers them: grid row i is
    row i + 1, blank rows included. A CSV's grid is read from disk as needed (ingest.grid):
    a file of any size in bounded memory; so is a worksheet's (ingest.workbook)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        grid = csv_grid(path)
        return [(None, grid)] if grid is not None else []
    if suffix in (".xlsx", ".xlsm"):
        return xlsx_grids(path)
    raise InputError(Problem(display_path(path), None, None, None,
                             f"不支持的文件类型「{suffix}」，应为 CSV、XLSX 或 Parquet"))


def xlsx_grids(path: Path) -> list[tuple[str | None, Grid]]:
    """The worksheets with data, read piece by piece into temporary files (ingest.workbook);
    a small workbook, or one that reading does not expect, is read whole by fastexcel (the
    same grids). A file read again unchanged reuses its grids (as a CSV does, ingest.grid)."""
    from bulletin.ingest.workbook import NotStreamable, small, streamed_grids, whole_grids

    name, key = str(Path(path).resolve()), fingerprint(path)
    cached = _workbooks.get(name)
    if cached is not None and cached[0] == key:
        return list(cached[1])
    grids = None
    if not small(path):
        try:
            grids = [(sheet, grid) for sheet, grid, filled in streamed_grids(path, scratch())
                     if grid.height and filled]
        except NotStreamable:
            pass
    if grids is None:
        try:
            whole = whole_grids(path)
        except Exception as err:  # fastexcel raises its own errors for a damaged workbook
            raise unreadable(path, err) from err
        grids = [(sheet, Grid.of(g)) for sheet, g in whole if g.height
                 and g.select(pl.any_horizontal(pl.all().is_not_null()).any()).item()]
    _workbooks[name] = (key, grids)
    return list(grids)


_workbooks: dict[str, tuple[tuple, list[tuple[str | None, Grid]]]] = {}  # path → (key, grids)


def header_map(schema: InputSchema, aliases: dict[str, str] | None = None) -> dict[str, str]:
    """Every accepted header spelling → canonical column name."""
    mapping: dict[str, str] = {}
    for col in schema.columns:
        mapping[col.name] = col.name
        for header in col.headers:
            mapping[header] = col.name
    for alias, target in (aliases or {}).items():
        mapping[alias] = target
    return mapping


def recogniser(schema: InputSchema, aliases: dict[str, str] | None):
    """Labels → (how many of the schema's columns they name, whether all required ones)."""
    mapping = header_map(schema, aliases)
    required = {c.name for c in schema.columns if c.required}

    def recognise(labels: list[str]) -> tuple[int, bool]:
        keys = [normalise_label(label) for label in labels if label]
        named = {mapping.get(k) or mapping.get(k.lower()) for k in keys} - {None}
        return len(named), required <= named

    return recognise


def is_personal(header: str) -> bool:
    low = header.lower()
    return any(marker in low for marker in PERSONAL_MARKERS)


def rename_columns(shown: str, headers: list[str], schema: InputSchema,
                   aliases: dict[str, str] | None, header_row: int = 1) \
        -> tuple[dict[str, str], list[str], list[str]]:
    """Map the table's headers to canonical names. Returns (rename, personal, other dropped).

    ``shown`` names the table in messages (the file, and its worksheet when it has several)."""
    mapping = header_map(schema, aliases)
    rename: dict[str, str] = {}
    personal: list[str] = []
    other: list[str] = []
    for header in headers:
        key = normalise_label(header)
        target = mapping.get(key) or mapping.get(key.lower())
        if target is None:
            (personal if is_personal(key) else other).append(key)
        elif target in rename.values():
            raise InputError(Problem(shown, header_row, key, None,
                                     f"表头重复：「{key}」与另一列都对应「{target}」"))
        else:
            rename[header] = target
    missing = [c for c in schema.columns if c.required and c.name not in rename.values()]
    if missing:
        problems = [
            Problem(shown, header_row, None, None,
                    f"缺少必需的列「{c.headers[0]}」（也可写作 {c.name}"
                    + (f"、{'、'.join(c.headers[1:])}" if len(c.headers) > 1 else "")
                    + f"）；文件中的表头为：{'、'.join(map(str, headers))}")
            for c in missing
        ]
        raise InputError(problems)
    return rename, personal, other


def read_table(path: Path, schema: InputSchema, aliases: dict[str, str] | None = None,
               file_index: int = 0) -> RawTable:
    """Read an input file that holds one table (the registry): a workbook with data on
    more than one worksheet is refused, naming the sheets."""
    path = Path(path)
    if path.suffix.lower() == ".parquet":
        return parquet_table(path, schema, aliases, file_index)
    grid = read_grid(path)
    return grid_table(path, None, grid, schema, aliases, file_index)


def read_tables(path: Path, schema: InputSchema, aliases: dict[str, str] | None = None,
                file_index: int = 0) -> list[RawTable]:
    """Read one input file lazily: one table per worksheet with data (cases and evaluations
    may continue on further sheets, each with the same header row), canonical columns plus
    ``__row__`` and ``__file__`` (``file_index``, then one more per further sheet)."""
    path = Path(path)
    if path.suffix.lower() == ".parquet":
        return [parquet_table(path, schema, aliases, file_index)]
    grids = read_grids(path)
    if not grids:
        raise InputError(Problem(display_path(path), None, None, None, "文件为空，没有表头"))
    several = len(grids) > 1
    tables = [grid_table(path, name if several else None, grid, schema, aliases, file_index + i)
              for i, (name, grid) in enumerate(grids)]
    first = tables[0]
    for table in tables[1:]:
        check_same_columns(first, table)
    return tables


def check_same_columns(first: RawTable, table: RawTable) -> None:
    """A further worksheet must have the same columns as the first (in any order)."""
    mine, theirs = set(table.frame.collect_schema()), set(first.frame.collect_schema())
    if mine == theirs:
        return
    names = {c.name: c.headers[0] for s in SCHEMAS for c in s.columns}
    detail = "；".join(part for part in (
        "缺少 " + "、".join(names.get(c, c) for c in sorted(theirs - mine)) if theirs - mine else "",
        "多出 " + "、".join(names.get(c, c) for c in sorted(mine - theirs)) if mine - theirs else "",
    ) if part)
    raise InputError(Problem(table.shown, None, None, None,
                             f"表头与第一个工作表「{first.sheet}」不同（{detail}）：每个工作表都应以"
                             "同样的表头行开始，否则请删除或移走此工作表"))


def parquet_table(path: Path, schema: InputSchema, aliases: dict[str, str] | None,
                  file_index: int) -> RawTable:
    try:
        headers = list(pl.read_parquet_schema(path).keys())
        rows = pl.scan_parquet(path).select(pl.len()).collect().item()  # from the footer
    except Exception as err:  # polars raises ComputeError/OSError for a damaged footer
        raise unreadable(path, err) from err
    rename, personal, other = rename_columns(display_path(path), headers, schema, aliases)
    verify_checksums(path, list(rename))  # pages with a CRC: verified (ingest.parquet)
    frame = (
        pl.scan_parquet(path)
        .select(list(rename))
        .rename(rename)
        .with_row_index(ROW, offset=1)
    )
    frame = frame.with_columns(pl.lit(file_index, dtype=pl.UInt16).alias(FILE))
    return RawTable(path, frame, personal, other, rows=rows)


# Inputs whose exports may end with a 合计 row, and the columns that may hold its label.
TOTALLED = {"cases": ("unit", "case_id"), "evaluations": ("unit", "evaluation_id")}


def grid_table(path: Path, sheet: str | None, grid: Grid, schema: InputSchema,
               aliases: dict[str, str] | None, file_index: int) -> RawTable:
    """A grid as a table: the header is found below any title rows (``layout``), a 合计 row
    at the bottom of cases and evaluations is set aside; data rows keep the numbers Excel
    shows."""
    shown = shown_as(path, sheet)
    layout = find_header(grid, recogniser(schema, aliases))
    headers = layout.labels
    rename, personal, other = rename_columns(shown, headers, schema, aliases,
                                             header_row=layout.header_rows[-1])
    names = grid.columns
    by_position = {names[i]: rename[h] for i, h in enumerate(headers) if h in rename}
    start, end, total = layout.first_data, grid.height, None
    if schema.kind in TOTALLED:
        keys = [i for i, h in enumerate(headers) if rename.get(h) in TOTALLED[schema.kind]]
        total = find_total(grid, start, keys)
        end = total.row - 1 if total else end
    frame = (
        grid.frame.slice(start, max(end - start, 0))
        .select(list(by_position))
        .rename(by_position)
        .with_row_index(ROW, offset=start + 1)
    )
    # Blank lines at the end of an export are not data.
    frame = frame.filter(~pl.all_horizontal(pl.exclude(ROW).is_null()))
    frame = frame.with_columns(pl.lit(file_index, dtype=pl.UInt16).alias(FILE))
    return RawTable(path, frame, personal, other, sheet, layout, total,
                    rows=max(end - start, 0))

"""The aggregated 运行情况表 export (docs/inputs.md, section 9) and the facts it can give.

The platform exports one row per unit with a two-row merged header: row 1 holds
序号 and 单位 (地区 for counties), each merged over both rows, and the spanners
(办件情况（件）, 承诺件办件情况（件）, …) merged across their leaves; row 2 holds the
leaves (申请, 受理, 办结, …). A leaf alone is ambiguous (办结 appears four times), so a
column is identified by its (spanner, leaf) pair through ``schema.UNIT_STATS_HEADERS``.

Reading rules:

* XLSX: every sheet is read (the seed puts 市级部门 and 县（市、区） on two sheets).
  CSV: UTF-8, UTF-8 with BOM or GB18030/GBK. Cells are read with their true row
  numbers (blank lines included) so that messages name the row Excel shows.
* Lines before the first header (a title, "附件 1") are ignored. A header block
  repeated further down (page-break repeats, or a second table stacked below) is
  recognised and skipped; it may also change the layout for the rows below it.
* Blank rows, rows without any unit and figure (notes such as "注：…") and the
  合计/总计/小计 rows are skipped: totals are not units, any roll-up is summed from
  the unit rows.
* A CSV line with more or fewer values than its header (a comma inside an unquoted value,
  or one left out), or a worksheet value right of the header, is an error naming the row
  (``sheets.misaligned``): read on, every later figure would sit in the wrong column.
* "-" and blank cells are null. Counts must be whole non-negative numbers (Int64);
  anything else is an :class:`InputError` naming file, sheet, row, column and value.
* Rates are kept *as given* (float fractions, "69.79%" → 0.6979, "-160.00%" → -1.6):
  they cannot be recomputed without case data. A bare number in a rate column is a
  percentage if the column's spanner says （%）, else a fraction (Excel stores a cell
  formatted as 69.79% as 0.6979). ``GIVEN_RATE_COLUMNS`` lists these columns.
* Unit names go through the registry (names and aliases); an unknown unit is an
  error, and so is a unit listed twice in one export.
* The month is the file name: ``2021-02.xlsx``. Any other name is an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from bulletin.core.errors import InputError, Problem
from bulletin.core.months import file_month
from bulletin.ingest.files import display_path
from bulletin.ingest.registry import Registry
from bulletin.ingest.schema import (
    UNIT_STATS_COUNTS,
    UNIT_STATS_HEADERS,
    UNIT_STATS_RATES,
)
from bulletin.ingest.sheets import (
    SPACE,
    header_width,
    misaligned,
    normalise_header,
    parse_count,
    parse_rate,
    read_sheets,
)

# Rates read from the export are reported as the platform computed them.
GIVEN_RATE_COLUMNS = list(UNIT_STATS_RATES)


COLUMNS = ["month", "unit", *UNIT_STATS_COUNTS, *UNIT_STATS_RATES]


UNIT_HEADERS = ("单位", "地区", "单位名称", "地区名称", "部门", "部门名称")


SERIAL_HEADERS = ("序号",)




def month_of_file(path: Path) -> str:
    """The month a unit_stats file covers, from its name (``2021-02.xlsx`` → ``2021-02``)."""
    path = Path(path)
    if file_month(path.stem) != (path.stem, None):
        raise InputError(Problem(display_path(path), None, None, path.name,
                                 "以月份命名的文件，如 2021-02.xlsx（YYYY-MM 加扩展名）"))
    return path.stem


@dataclass
class Layout:
    """Where the unit and each figure sit, as found in one header block."""

    unit_col: int
    unit_header: str
    columns: dict[int, tuple[str, str]]  # position → (canonical name, header as shown)
    width: int = 0  # the columns the header spans (see sheets.header_width)


def _cell(row: list[str | None], i: int) -> str | None:
    return row[i] if i < len(row) else None


def _is_header_top(row: list[str | None]) -> bool:
    names = {normalise_header(v) for v in row if v}
    return bool(names & set(UNIT_HEADERS)) and bool(
        names & {s for s, _ in UNIT_STATS_HEADERS})


def _alias_key(spanner: str, leaf: str) -> tuple[str, str]:
    return normalise_header(spanner), normalise_header(leaf)


def _header_map(aliases: dict[str, str] | None) -> dict[tuple[str, str], str]:
    """(spanner, leaf) → column. Aliases are written "spanner/leaf": "canonical name"."""
    mapping = dict(UNIT_STATS_HEADERS)
    valid = set(UNIT_STATS_HEADERS.values())
    for key, target in (aliases or {}).items():
        if target not in valid:
            continue
        spanner, _, leaf = key.replace("／", "/").partition("/")
        mapping[_alias_key(spanner, leaf)] = target
    return mapping


def _layout(shown: str, top_row: int, top: list[str | None], leaves: list[str | None],
            mapping: dict[tuple[str, str], str]) -> Layout:
    width = max(len(top), len(leaves))
    unit_col, unit_header = None, ""
    columns: dict[int, tuple[str, str]] = {}
    unknown: list[str] = []
    spanner_raw = ""
    for i in range(width):
        raw_top, raw_leaf = _cell(top, i), _cell(leaves, i)
        if raw_top:
            spanner_raw = raw_top  # a merged spanner's text sits in its first cell only
        name_top = normalise_header(raw_top)
        # Merged cells come out blank, or (some converters) repeated in every cell.
        alone = not raw_leaf or normalise_header(raw_leaf) == name_top
        if raw_top and alone and name_top in UNIT_HEADERS:
            unit_col, unit_header = i, SPACE.sub("", raw_top)
            spanner_raw = ""
            continue
        if raw_top and alone and name_top in SERIAL_HEADERS:
            spanner_raw = ""
            continue
        if not raw_leaf:
            continue
        shown_header = f"{SPACE.sub('', spanner_raw)}/{SPACE.sub('', raw_leaf)}"
        target = mapping.get(_alias_key(spanner_raw, raw_leaf))
        if target is None:
            unknown.append(shown_header)
            continue
        if target in (t for t, _ in columns.values()):
            raise InputError(Problem(shown, top_row, shown_header, None,
                                     f"表头重复：该列与另一列都对应「{target}」"))
        columns[i] = (target, shown_header)
    found = {t for t, _ in columns.values()}
    missing = [f"{s}/{leaf}" for (s, leaf), t in UNIT_STATS_HEADERS.items() if t not in found]
    if unit_col is None or missing:
        what = []
        if unit_col is None:
            what.append("缺少「单位」（或「地区」）列")
        if missing:
            what.append(f"缺少列：{'、'.join(missing)}")
        if unknown:
            what.append(f"无法识别的列：{'、'.join(unknown)}")
        raise InputError(Problem(shown, top_row, None, None,
                                 "；".join(what) + "（表头应为两行：第一行为「办件情况（件）」等分组，"
                                 "第二行为「申请」「受理」等指标）"))
    return Layout(unit_col, unit_header, columns)


def _figures(shown: str, number: int, cells: list[str | None], layout: Layout,
             problems: list[Problem]) -> dict:
    """One unit row's counts and given rates; a bad cell is added to ``problems``."""
    record: dict = {}
    for col, (target, header) in layout.columns.items():
        text = _cell(cells, col)
        if target in UNIT_STATS_RATES:
            try:
                record[target] = parse_rate(text, "%" in header.split("/")[0]
                                            or "％" in header.split("/")[0])
            except ValueError:
                problems.append(Problem(shown, number, header, text,
                                        "百分比（如 69.79%）、「-」或空白"))
        else:
            try:
                record[target] = parse_count(text)
            except ValueError:
                problems.append(Problem(shown, number, header, text,
                                        "非负整数（件数）、「-」或空白"))
    return record


def read_unit_stats(path: Path | str, registry: Registry,
                    aliases: dict[str, str] | None = None) -> pl.DataFrame:
    """One unit_stats export → month, unit, the counts (Int64) and the given rates (Float64).

    One row per unit present in the file, in registry order. ``aliases`` maps further
    header spellings, written "分组/指标" (e.g. "办件情况/申请件"), to canonical names.
    """
    path = Path(path)
    month = month_of_file(path)
    mapping = _header_map(aliases)
    order = {u: i for i, u in enumerate(registry.names)}
    records: dict[str, dict] = {}
    where: dict[str, str] = {}
    problems: list[Problem] = []
    for sheet in read_sheets(path):
        shown = display_path(path) + (f" 工作表「{sheet.name}」" if sheet.name else "")
        layout: Layout | None = None
        rows = sheet.rows
        i = 0
        while i < len(rows):
            number, cells = rows[i]
            if _is_header_top(cells):
                leaves = rows[i + 1][1] if i + 1 < len(rows) else []
                layout = _layout(shown, number, cells, leaves, mapping)
                layout.width = header_width(sheet, cells, leaves)
                i += 2
                continue
            i += 1
            if layout is None or not any(cells):
                continue  # title lines above the table, blank rows
            if (bad := misaligned(shown, sheet, number, cells, layout.width)) is not None:
                problems.append(bad)  # a row read shifted would give wrong figures
                continue
            raw_unit = _cell(cells, layout.unit_col)
            figures = [_cell(cells, c) for c in layout.columns]
            if not raw_unit:
                if any(v not in (None, "") for v in figures):
                    problems.append(Problem(shown, number, layout.unit_header, None,
                                            "单位名称（该行有数字但没有单位）"))
                continue  # notes such as "注：…" sit outside the figure columns
            unit = registry.table_unit(raw_unit, shown, number, layout.unit_header, problems)
            if unit is None:
                continue
            if unit in records:
                problems.append(Problem(shown, number, layout.unit_header, raw_unit,
                                        f"每个单位只出现一次（已见于{where[unit]}）"))
                continue
            records[unit] = {"month": month, "unit": unit,
                             **_figures(shown, number, cells, layout, problems)}
            where[unit] = f"{shown} 第 {number} 行"
        if layout is None and any(any(c) for _, c in sheet.rows):
            problems.append(Problem(shown, None, None, None,
                                    "找不到表头：应有一行含「序号」「单位」（或「地区」）及"
                                    "「办件情况（件）」等分组，下一行为「申请」「受理」等指标"))
    if problems:
        raise InputError(problems)
    schema = {"month": pl.String, "unit": pl.String,
              **{c: pl.Int64 for c in UNIT_STATS_COUNTS},
              **{c: pl.Float64 for c in UNIT_STATS_RATES}}
    rows = sorted(records.values(), key=lambda r: order[r["unit"]])
    return pl.DataFrame(rows, schema=schema).select(COLUMNS)

"""实体大厅 and 便民服务中心 counts (seed 003 annex 2 and 3).

Inputs in ``hall/``, named by month:

* ``YYYY-MM_windows.csv|xlsx`` — 大厅部门窗口办件情况: 序号, 部门, 大厅窗口办件数, 备注, and
  the printed 总计 row. A window is named as the hall names it (市公交公司(市级下沉窗口),
  婚姻登记处 …): windows are not registry units and are not looked up.
* ``YYYY-MM_centres.csv|xlsx`` — 便民服务中心办件情况 in the seed's layout: the town (镇、
  街道) in the first column on its first row only (a merged cell), the centre in the
  second, then 咨询, 申请, 受理, 办结; the printed 小计 row closes each town and 总计 ends
  the table.

Totals are computed from the centre / window rows; the printed 小计 and 总计 are kept as
stated and checked (``hall_findings``), never used as data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from bulletin.core.errors import InputError, Problem
from bulletin.core.months import file_month
from bulletin.core.privacy import PersonalData
from bulletin.ingest.files import display_path, input_files
from bulletin.ingest.sheets import (
    first_sheet,
    header_width,
    masked,
    misaligned,
    no_rows,
    normalise_header,
    parse_count,
)

CENTRE_COUNTS = {"咨询": "consult", "申请": "applied", "受理": "accepted", "办结": "completed"}


WINDOW_COUNT = ("大厅窗口办件数", "办件数", "窗口办件数")


SUBTOTAL, TOTAL = "小计", "总计"


@dataclass
class Hall:
    month: str
    windows: pl.DataFrame | None = None  # order, window, window_cases, note
    centres: pl.DataFrame | None = None  # town, centre, consult, applied, accepted, completed
    stated: dict[str, dict[str, int]] = field(default_factory=dict)  # "总计"/town → figures
    window_total_stated: int | None = None
    # ID and mobile numbers typed into window, note, town and centre names (masked)
    personal: list[PersonalData] = field(default_factory=list)


def _clean(text: str | None) -> str:
    return re.sub(r"[\s\u3000]+", "", text or "")


def hall_files(folder: Path, month: str) -> dict[str, Path]:
    out = {}
    for path in input_files(Path(folder) / "hall"):
        named = file_month(path.stem)
        if not named or named[1] not in ("windows", "centres"):
            raise InputError(Problem(display_path(path), None, None, path.name,
                                     "YYYY-MM_windows（大厅窗口）或 YYYY-MM_centres（便民服务中心）"
                                     "加扩展名，如 2022-09_centres.csv"))
        if named[0] == month:
            out[named[1]] = path
    return out


def _count(shown, number, header, text, problems) -> int | None:
    try:
        value = parse_count(text)
    except ValueError:
        problems.append(Problem(shown, number, header, text, "非负整数（件数）"))
        return None
    return value


def read_windows(path: Path, found: list[PersonalData] | None = None) \
        -> tuple[pl.DataFrame, int | None]:
    """The windows, their counts and notes (ID and mobile numbers masked and added to
    ``found``), and the printed 总计."""
    shown = display_path(path)
    sheet = first_sheet(path)
    problems: list[Problem] = []
    found = [] if found is None else found
    head_at = next((i for i, (_, cells) in enumerate(sheet.rows)
                    if any(normalise_header(c) in WINDOW_COUNT for c in cells if c)), None)
    if head_at is None:
        raise InputError(Problem(shown, None, None, None, "找不到表头：应有「部门」和「大厅窗口办件数」列"))
    header = [normalise_header(c) for c in sheet.rows[head_at][1]]
    unit_col = header.index("部门") if "部门" in header else 1
    count_col = next(i for i, h in enumerate(header) if h in WINDOW_COUNT)
    note_col = header.index("备注") if "备注" in header else None
    width = header_width(sheet, sheet.rows[head_at][1])
    rows, stated = [], None
    for number, cells in sheet.rows[head_at + 1:]:
        def cell(i, cells=cells):
            return cells[i] if i is not None and i < len(cells) else None

        bad = misaligned(shown, sheet, number, cells, width)
        if bad is not None:
            problems.append(bad)
            continue
        first = _clean(cell(0))
        if first == TOTAL or _clean(cell(unit_col)) == TOTAL:
            stated = _count(shown, number, header[count_col], cell(count_col), problems)
            continue
        name = cell(unit_col)
        if not name:
            if cell(count_col):
                problems.append(Problem(shown, number, "部门", None, "窗口所属部门（该行有数字但没有部门）"))
            continue
        value = _count(shown, number, header[count_col], cell(count_col), problems)
        if value is None and not problems:
            problems.append(Problem(shown, number, header[count_col], cell(count_col), "非负整数（件数）"))
        rows.append({"order": len(rows) + 1,
                     "window": masked(_clean(name), shown, number, header[unit_col], found),
                     "window_cases": value,
                     "note": masked(cell(note_col), shown, number, "备注", found) or ""})
    if not rows and not problems:
        problems.append(no_rows(shown))
    if problems:
        raise InputError(problems)
    return pl.DataFrame(rows, schema={"order": pl.Int64, "window": pl.String,
                                      "window_cases": pl.Int64, "note": pl.String}), stated


def read_centres(path: Path, found: list[PersonalData] | None = None) \
        -> tuple[pl.DataFrame, dict[str, dict[str, int]]]:
    """The centres by town and their counts (ID and mobile numbers in town and centre names
    masked and added to ``found``), and the printed 小计 and 总计 rows."""
    shown = display_path(path)
    sheet = first_sheet(path)
    problems: list[Problem] = []
    found = [] if found is None else found
    head_at = next((i for i, (_, cells) in enumerate(sheet.rows)
                    if any(normalise_header(c) == "咨询" for c in cells if c)), None)
    if head_at is None:
        raise InputError(Problem(shown, None, None, None,
                                 "找不到表头：应有「便民服务中心」「咨询」「申请」「受理」「办结」列"))
    header = [normalise_header(c) for c in sheet.rows[head_at][1]]
    cols = {key: header.index(h) for h, key in CENTRE_COUNTS.items() if h in header}
    missing = [h for h, key in CENTRE_COUNTS.items() if key not in cols]
    if missing:
        raise InputError(Problem(shown, sheet.rows[head_at][0], None, None,
                                 f"缺少列：{'、'.join(missing)}"))
    width = header_width(sheet, sheet.rows[head_at][1])
    rows, stated, town = [], {}, None
    for number, cells in sheet.rows[head_at + 1:]:
        if not any(cells):
            continue
        bad = misaligned(shown, sheet, number, cells, width)
        if bad is not None:
            problems.append(bad)
            continue
        first = masked(_clean(cells[0] if cells else None), shown, number, "镇（街道）", found)
        second = masked(_clean(cells[1] if len(cells) > 1 else None), shown, number,
                        "便民服务中心", found)
        figures = {key: _count(shown, number, h, cells[cols[key]] if cols[key] < len(cells) else None,
                               problems) for h, key in CENTRE_COUNTS.items()}
        if first == TOTAL or second == TOTAL:
            stated[TOTAL] = figures
            continue
        if first:
            town = first
        if second == SUBTOTAL:
            if town is None:
                problems.append(Problem(shown, number, "便民服务中心", SUBTOTAL, "小计前应有镇（街道）"))
                continue
            stated[town] = figures
            continue
        if town is None:
            problems.append(Problem(shown, number, "便民服务中心", cells[0],
                                    "第一列为镇（街道）名称（首个中心所在行）"))
            continue
        if not second:
            problems.append(Problem(shown, number, "便民服务中心", None, "便民服务中心名称"))
            continue
        rows.append({"town": town, "centre": second, **figures})
    if not rows and not problems:
        problems.append(no_rows(shown))
    if problems:
        raise InputError(problems)
    schema = {"town": pl.String, "centre": pl.String, **{k: pl.Int64 for k in CENTRE_COUNTS.values()}}
    return pl.DataFrame(rows, schema=schema), stated


def read_hall(folder: Path, month: str) -> Hall | None:
    files = hall_files(folder, month)
    if not files:
        return None
    hall = Hall(month)
    if "windows" in files:
        hall.windows, hall.window_total_stated = read_windows(files["windows"], hall.personal)
    if "centres" in files:
        hall.centres, hall.stated = read_centres(files["centres"], hall.personal)
    return hall

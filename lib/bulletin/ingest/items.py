"""事项清单 indicators (seeds 003 and 004) per unit and rolled up, each against its target.

Input: ``items/YYYY-MM*.csv|xlsx``, any number of files for the month, in one of two forms:

* a per-unit summary as the platform prints it (seed 003 annex 1 with its two-row header
  事项梳理 / 运行效能, seed 004 annex 2): counts (已认领, 待认领, 已发布, 事项数, 办件量 …)
  and rates as given (认领率, 承诺时限压缩比, 平均到现场次数 …);
* an item list (docs/inputs.md, section 11), recognised by a 事项名称 column: one row per item
  with 是/否 flags, 法定时限, 承诺时限, 到现场次数 and 办件量 (since January), from which
  every count is made here.

This module reads the files; ``indicators.items`` computes the indicators.
"""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl

from bulletin.core.definitions import INDICATORS, PARTS
from bulletin.core.errors import InputError, Problem
from bulletin.core.months import file_month
from bulletin.core.privacy import PersonalData
from bulletin.ingest.files import display_path, input_files
from bulletin.ingest.registry import Registry
from bulletin.ingest.sheets import (
    Sheet,
    header_at,
    header_columns,
    header_width,
    holds_figure,
    masked,
    misaligned,
    no_rows,
    parse_count,
    parse_rate,
    read_sheets,
)

TRUE = ("是", "Y", "y", "1", "true", "True", "√")


# Header label (normalised) → column of the per-unit summary.
SUMMARY_COUNTS = {
    "事项数": "items", "已认领": "claimed", "待认领": "unclaimed", "已发布": "published",
    "新增超时件": "overdue_new", "累计超时件": "overdue_total", "办件量": "cases",
    "累计办件量": "cases_ytd", "主动评价数": "active_evaluations",
    "累计主动评价数": "active_evaluations_ytd",
}


SUMMARY_RATES = {
    "认领率": "claim_rate", "发布率": "publish_rate", "办事指南准确率": "guide_accuracy",
    "梳理完成率": "sorting_completion", "办件覆盖率": "case_coverage", "超期率": "overdue_rate",
    "主动评价率": "active_evaluation_rate", "累计主动评价率": "active_evaluation_rate_ytd",
    "承诺时限压缩比": "promise_speedup", "即办件占比": "instant_share",
    "全程网办占比": "full_online_share",
}


# Columns of an item list that are free text, published as typed (the items without cases).
FREE_TEXT = ("事项名称",)


UNIT_LABELS = ("部门", "部门名称", "街镇名称", "单位", "单位名称", "区划", "地区", "实施主体")


def item_files(folder: Path, month: str) -> list[Path]:
    out = []
    for path in input_files(Path(folder) / "items"):
        named = file_month(path.stem)
        if not named:
            raise InputError(Problem(display_path(path), None, None, path.name,
                                     "以月份开头的文件名，如 2021-09.csv 或 2021-09_部门.csv"))
        if named[0] == month:
            out.append(path)
    return out


def _flag(text: str | None) -> int:
    return int(bool(text) and text.strip() in TRUE)


def read_items(folder: Path, month: str, registry: Registry,
               found: list[PersonalData] | None = None) -> pl.DataFrame | None:
    """Per registry unit present in the month's files: the counts (PARTS) and the given
    rates (``given_<key>``); None when the month has no items file. ID and mobile numbers
    typed into unit and item names are masked and added to ``found``."""
    paths = item_files(folder, month)
    if not paths:
        return None
    order = {u: i for i, u in enumerate(registry.names)}
    records: dict[str, dict] = {}
    problems: list[Problem] = []
    found = [] if found is None else found
    for path in paths:
        unit_rows = 0  # a file without a unit row is only a header
        for sheet in read_sheets(path):
            unit_rows += _read_sheet(path, sheet, registry, order, records, problems, found)
        if not unit_rows:
            problems.append(no_rows(display_path(path)))
    if problems:
        raise InputError(problems)
    schema = {"unit": pl.String, "order": pl.Int64, "items_list": pl.Boolean,
              **{p: pl.Float64 for p in PARTS},
              **{f"given_{k}": pl.Float64 for k in [*SUMMARY_RATES.values(), "visits_avg"]},
              **{c: pl.Int64 for c in SUMMARY_COUNTS.values() if c not in PARTS},
              "zero_case_items": pl.List(pl.String)}
    rows = [{k: r.get(k) for k in schema} for r in sorted(records.values(), key=lambda r: r["order"])]
    return pl.DataFrame(rows, schema=schema)


def _read_sheet(path: Path, sheet: Sheet, registry: Registry, order: dict[str, int],
                records: dict[str, dict], problems: list[Problem],
                found: list[PersonalData]) -> int:
    """One sheet's rows added to ``records``; returns how many rows name a unit."""
    shown = display_path(path) + (f" 工作表「{sheet.name}」" if sheet.name else "")
    at = header_at(sheet) if header_at(sheet) is not None else 0
    top = sheet.rows[at][1]
    below = sheet.rows[at + 1][1] if at + 1 < len(sheet.rows) else []
    two_rows = bool(below) and not (below[0] or "").strip() and \
        not (below[1] if len(below) > 1 else "")
    unit_col, _, columns = header_columns(top, below if two_rows else [])
    if unit_col is None:
        unit_col = next((i for i, c in enumerate(top) if c and re.sub(r"\s", "", c)
                         in UNIT_LABELS), None)
        columns = [c for c in columns if c.position != unit_col]
    if unit_col is None:
        problems.append(Problem(shown, sheet.rows[at][0], None, None,
                                "表头中应有单位列（部门、部门名称、街镇名称或单位）"))
        return 0
    unit_header = re.sub(r"\s", "", top[unit_col])
    width = header_width(sheet, top, *([below] if two_rows else []))
    labels = {c.label: c.position for c in columns}
    item_list = "事项名称" in labels
    unit_rows = 0
    for number, cells in sheet.rows[at + (2 if two_rows else 1):]:
        raw = masked(cells[unit_col] if unit_col < len(cells) else None, shown, number,
                     unit_header, found)
        if not any(cells):
            continue
        if not raw:
            if holds_figure([cells[c.position] for c in columns if c.position < len(cells)]):
                problems.append(Problem(shown, number, unit_header, None,
                                        "单位名称（该行有数字但没有单位）"))
            continue  # a note, a header line repeated
        unit_rows += 1
        bad = misaligned(shown, sheet, number, cells, width)
        if bad is not None:
            problems.append(bad)
            continue
        unit = registry.table_unit(raw, shown, number, unit_header, problems)
        if unit is None:
            continue
        rec = records.setdefault(unit, {"unit": unit, "order": order[unit]})

        def get(label, cells=cells, number=number):
            i = labels.get(label)
            text = cells[i] if i is not None and i < len(cells) else None
            return masked(text, shown, number, label, found) if label in FREE_TEXT else text

        if item_list:
            _add_item(rec, get, shown, number, problems)
            continue
        _add_summary(rec, get, labels, shown, number, problems)
    return unit_rows


def _number(get, label, shown, number, problems, kind="count"):
    text = get(label)
    try:
        if kind == "count":
            return parse_count(text)
        if kind == "rate":
            return parse_rate(text)
        return parse_rate(text)  # a plain number: parse_rate without % keeps the value
    except ValueError:
        expected = {"count": "非负整数、「-」或空白", "rate": "百分比（如 92.47%）、「-」或空白",
                    "number": "数值（如 0.08）、「-」或空白"}[kind]
        problems.append(Problem(shown, number, label, text, expected))
        return None


def _add_summary(rec, get, labels, shown, number, problems) -> None:
    for label, col in SUMMARY_COUNTS.items():
        if label in labels:
            rec[col] = _number(get, label, shown, number, problems)
    for label, col in SUMMARY_RATES.items():
        if label in labels:
            rec[f"given_{col}"] = _number(get, label, shown, number, problems, "rate")
    if "平均到现场次数" in labels:
        rec["given_visits_avg"] = _number(get, "平均到现场次数", shown, number, problems, "number")
    if rec.get("claimed") is not None and rec.get("unclaimed") is not None:
        rec["listed"] = rec["claimed"] + rec["unclaimed"]
    if rec.get("items") is None and rec.get("claimed") is not None:
        rec["items"] = rec["claimed"]
    # Indicators the summary gives only as a rate: numerator = rate × denominator.
    for ind in INDICATORS:
        given = rec.get(f"given_{ind.key}")
        den = rec.get(ind.denominator)
        if ind.key == "promise_speedup" and den is None and given is not None:
            den = rec["speedup_items"] = rec.get("items")
        if ind.numerator not in rec and given is not None and den is not None:
            rec[ind.numerator] = given * den


def _add_item(rec, get, shown, number, problems) -> None:
    def count(label):
        return _number(get, label, shown, number, problems) or 0

    def add(key, value):
        rec[key] = (rec.get(key) or 0) + value

    rec["items_list"] = True
    legal, promised = get("法定时限"), get("承诺时限")
    legal_n, promised_n = _number(get, "法定时限", shown, number, problems), \
        _number(get, "承诺时限", shown, number, problems)
    claimed = _flag(get("已认领"))
    published = _flag(get("已发布"))
    cases = count("办件量")
    for key, value in [("items", 1), ("listed", 1), ("claimed", claimed),
                       ("published", published), ("guide_accurate", published and _flag(get("办事指南准确"))),
                       ("sorted", claimed), ("items_with_cases", int(cases > 0)),
                       ("visits_sum", count("到现场次数")),
                       ("instant_items", int(promised_n == 0 or _flag(get("即办件")))),
                       ("full_online_items", _flag(get("全程网办")))]:
        add(key, value)
    if legal_n and promised is not None and legal is not None:
        add("speedup_items", 1)
        add("speedup_sum", (legal_n - (promised_n or 0)) / legal_n)
    if cases == 0:
        rec.setdefault("zero_case_items", []).append(get("事项名称") or get("事项编码") or "")

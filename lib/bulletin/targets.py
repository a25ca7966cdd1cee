"""目标跟踪 (seed 002): indicator, baseline, target, achieved, frontier; status and gap.

Input: ``targets/YYYY-MM.csv|xlsx`` with 序号, 指标, 基期年份, 基期水平, 目标年份, 目标,
达到水平, 国内前沿水平 (说明 optional). Values as printed: "70.41%", "80%以上", "88%".

口径: the achieved value is computed from the dataset when the engine has the indicator
(``targets.engine`` in dataset.yml maps the printed name to an indicator key of the
month's items roll-up or of the unit_month roll-up, e.g. promise_speedup,
bad_rectified_rate) and read from the table otherwise. Status 达标 when achieved ≥ target
(a target is a lower bound; "以上" says the same), else 未达标; the gap is achieved −
target in percentage points.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import polars as pl

from .errors import InputError, Problem
from .indicators import Finding, fmt_rate
from .readers import display_path, input_files
from .unit_stats import normalise_header, parse_rate, read_sheets

COLUMNS = {"序号": "order", "指标": "indicator", "指标(项目)": "indicator",
           "基期年份": "baseline_year", "基期水平": "baseline", "目标年份": "target_year",
           "目标": "target", "达到水平": "achieved", "国内前沿水平": "frontier", "说明": "note"}
REQUIRED = ("indicator", "target", "achieved")
VALUE = re.compile(r"^-?\d+(?:\.\d+)?%?")


def parse_value(text: str | None) -> float | None:
    """"80%以上" → 0.8; "97.2%" → 0.972; "" or text without a number → None."""
    if not text:
        return None
    m = VALUE.match(text.strip())
    return parse_rate(m.group(0)) if m else None


def target_files(folder: Path, month: str) -> list[Path]:
    return [p for p in input_files(Path(folder) / "targets") if p.stem == month]


def read_targets(folder: Path, month: str) -> pl.DataFrame | None:
    paths = target_files(folder, month)
    if not paths:
        return None
    problems, records = [], []
    for path in paths:
        shown = display_path(path)
        sheet = read_sheets(path)[0]
        (head_no, head), *body = sheet.rows
        cols = {COLUMNS[normalise_header(h)]: i for i, h in enumerate(head)
                if normalise_header(h) in COLUMNS}
        missing = [k for k in REQUIRED if k not in cols]
        if missing:
            names = {v: k for k, v in COLUMNS.items()}
            raise InputError(Problem(shown, head_no, None, None,
                                     "缺少列：" + "、".join(names[m] for m in missing)))
        for number, cells in body:
            if not any(cells):
                continue
            rec = {k: (cells[i] if i < len(cells) else None) or "" for k, i in cols.items()}
            rec["row"] = number
            for key in ("baseline", "target", "achieved"):
                text = rec.get(key, "")
                rec[f"{key}_value"] = parse_value(text)
                if key != "baseline" and text and rec[f"{key}_value"] is None:
                    problems.append(Problem(shown, number, key, text, "数值，如 80% 或 80%以上"))
            records.append(rec)
    if problems:
        raise InputError(problems)
    schema = {"indicator": pl.String, "baseline_year": pl.String, "baseline": pl.String,
              "target_year": pl.String, "target": pl.String, "achieved": pl.String,
              "frontier": pl.String, "note": pl.String, "baseline_value": pl.Float64,
              "target_value": pl.Float64, "achieved_value": pl.Float64}
    return pl.DataFrame([{k: r.get(k) for k in schema} for r in records], schema=schema)


def evaluate(table: pl.DataFrame, engine_keys: dict[str, str],
             computed: dict[str, float | None]) -> pl.DataFrame:
    """Add source (计算/读取), achieved (used), status and gap."""
    rows = []
    for r in table.iter_rows(named=True):
        key = engine_keys.get(r["indicator"])
        value = computed.get(key) if key else None
        source = "计算" if value is not None and not math.isnan(value) else "读取"
        achieved = value if source == "计算" else r["achieved_value"]
        target = r["target_value"]
        status = None if achieved is None or target is None else (
            "达标" if achieved >= target - 1e-12 else "未达标")
        gap = None if status is None else achieved - target
        rows.append({**r, "source": source, "achieved_used": achieved, "status": status,
                     "gap": gap})
    return pl.DataFrame(rows, schema=table.schema | {
        "source": pl.String, "achieved_used": pl.Float64, "status": pl.String, "gap": pl.Float64})


def fmt_gap(gap: float | None) -> str:
    if gap is None:
        return "-"
    text = fmt_rate(abs(gap)).rstrip("%")
    return f"{'+' if gap >= 0 else '−'}{text} 个百分点"


def target_findings(table: pl.DataFrame, stated_in_text: dict[str, str]) -> list[Finding]:
    """Achieved values the bulletin's text gives that differ from its table."""
    out = []
    rows = {r["indicator"]: r for r in table.iter_rows(named=True)}
    for name, text in stated_in_text.items():
        r = rows.get(name)
        value = parse_value(text)
        if r is None or value is None or r["achieved_value"] is None:
            continue
        if abs(value - r["achieved_value"]) > 1e-9:
            out.append(Finding("inconsistent_input",
                               f"{name}：正文写达到 {text}，而目标表为 {r['achieved']}。",
                               {"indicator": name, "text": text, "table": r["achieved"]}))
    return out

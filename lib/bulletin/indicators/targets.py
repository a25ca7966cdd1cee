"""目标跟踪 (seed 002): indicator, baseline, target, achieved, frontier; status and gap.

Input: ``targets/YYYY-MM.csv|xlsx`` with 序号, 指标, 基期年份, 基期水平, 目标年份, 目标,
达到水平, 国内前沿水平 (说明 optional). Values as printed: "70.41%", "80%以上", "88%".

口径: the achieved value is computed from the dataset when the engine has the indicator
(``targets.engine`` in dataset.yml maps the printed name to an indicator key of the
month's items roll-up or of the unit_month roll-up, e.g. promise_speedup,
bad_rectified_rate) and read from the table otherwise. Status 达标 when achieved ≥ target
(a target is a lower bound; "以上" says the same), else 未达标; the gap is achieved −
target in percentage points.

This module: the status and gap of each target (numbers only).
"""

from __future__ import annotations

import math

import polars as pl


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

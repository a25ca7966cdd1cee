"""目标跟踪 (seed 002): source, value used, status and gap of each target, worked out by hand
on a table shaped like ``ingest.targets`` gives it."""

from __future__ import annotations

import polars as pl
import pytest

from bulletin.indicators.targets import evaluate

SCHEMA = {"indicator": pl.String, "target_value": pl.Float64, "achieved_value": pl.Float64}


def table(rows: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=SCHEMA, orient="row")


def test_status_and_gap_by_hand():
    rows = table([
        ("承诺时限压缩比", 0.80, 0.70),  # computed 0.85 by the engine: 达标, +5 points
        ("差评整改率", 0.95, 0.90),  # engine has no value: read 0.90, 未达标, −5 points
        ("线上申请占比", 0.40, 0.30),  # engine NaN (not computable): read 0.30
        ("即办件占比", 0.40, 0.40),  # not an engine figure: read; exactly the target: 达标
        ("全程网办占比", None, 0.90),  # no target: no status, no gap
        ("办事指南准确率", 1.0, None),  # nothing achieved: no status, no gap
    ])
    engine = {"承诺时限压缩比": "promise_speedup", "差评整改率": "bad_rectified_rate",
              "线上申请占比": "online_share"}
    computed = {"promise_speedup": 0.85, "bad_rectified_rate": None,
                "online_share": float("nan")}
    out = evaluate(rows, engine, computed)
    assert out.columns == ["indicator", "target_value", "achieved_value", "source",
                           "achieved_used", "status", "gap"]
    assert out.schema["achieved_used"] == pl.Float64 and out.schema["gap"] == pl.Float64
    assert out["source"].to_list() == ["计算", "读取", "读取", "读取", "读取", "读取"]
    assert out["achieved_used"].to_list() == [0.85, 0.90, 0.30, 0.40, 0.90, None]
    assert out["status"].to_list() == ["达标", "未达标", "未达标", "达标", None, None]
    gaps = out["gap"].to_list()
    assert gaps[:4] == [pytest.approx(0.05), pytest.approx(-0.05), pytest.approx(-0.10), 0.0]
    assert gaps[4:] == [None, None]


def test_without_any_target_the_columns_keep_their_types():
    out = evaluate(table([("全程网办占比", None, None)]), {}, {})
    assert out.schema["status"] == pl.String and out.schema["source"] == pl.String
    assert out.row(0, named=True) | {} == {"indicator": "全程网办占比", "target_value": None,
                                          "achieved_value": None, "source": "读取",
                                          "achieved_used": None, "status": None, "gap": None}

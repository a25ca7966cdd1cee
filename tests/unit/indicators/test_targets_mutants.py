"""目标跟踪 status at the edge of the 1e-12 tolerance: an achieved value below the target by
exactly that much is 达标 (binary noise, not a miss); ten times as much is 未达标."""

from __future__ import annotations

import polars as pl
import pytest

from bulletin.indicators.targets import evaluate

SCHEMA = {"indicator": pl.String, "target_value": pl.Float64, "achieved_value": pl.Float64}


def test_status_at_the_tolerance():
    rows = pl.DataFrame([("甲", 0.8, 0.8 - 1e-12), ("乙", 0.8, 0.8 - 1e-11)],
                        schema=SCHEMA, orient="row")
    out = evaluate(rows, {}, {})
    assert out["status"].to_list() == ["达标", "未达标"]
    # gap = achieved − target: −1e-12 and −1e-11 (to float precision)
    assert out["gap"].to_list() == [pytest.approx(-1e-12, abs=1e-15),
                                    pytest.approx(-1e-11, abs=1e-15)]

"""Every rate of the catalogue from summed counts (``with_rates``), by hand: a row with
counts, a row of zeros (every denominator 0: null, not 0 and not an error), a row with a
negative saving; a frame without the evaluation counts (those rates not computable: NaN);
given rates of an aggregated export winning over computed ones and passing through."""

from __future__ import annotations

import math

import polars as pl
import pytest

from bulletin.facts.cube import FACT_COLUMNS
from bulletin.indicators.rollups import ITEM_COLUMNS, with_rates

A = {"applied": 20, "online_applied": 5, "completed": 10, "completed_overdue": 2,
     "promise_completed": 6, "promise_early": 3, "promise_legal_days": 36,
     "promise_saved_days": 9, "online_promise_completed": 3, "online_promise_early": 1,
     "online_legal_days": 12, "online_saved_days": 3, "active_evaluations": 15,
     "evaluations": 8, "bad_evaluations": 2, "bad_rectified": 1, "promise_items": 4,
     "promise_items_speedup": 1.5}
C = {"promise_completed": 2, "promise_legal_days": 16, "promise_saved_days": -4}


def frame(*rows: dict, drop: tuple[str, ...] = ()) -> pl.DataFrame:
    columns = [c for c in FACT_COLUMNS + ITEM_COLUMNS if c not in drop]
    data = [{c: r.get(c, 0) for c in columns} for r in rows]
    schema = {c: pl.Float64 if c == "promise_items_speedup" else pl.Int64 for c in columns}
    return pl.DataFrame(data, schema=schema)


EXPECTED_A = {
    "on_time_rate": 0.8,  # 1 − 2 / 10
    "promise_early_rate": 0.5,  # 3 / 6
    "handling_speedup_rate": 0.25,  # 9 / 36
    "online_handling_rate": 0.5,  # 3 / 6
    "online_share": 0.25,  # 5 / 20
    "active_evaluation_rate": 1.5,  # 15 / 10: may exceed 100 %
    "satisfaction_rate": 0.75,  # (8 − 2) / 8
    "bad_rectified_rate": 0.5,  # 1 / 2
    "promise_speedup_rate": 0.375,  # 1.5 / 4
    "online_handling_speedup_rate": 0.25,  # 3 / 12
    "online_promise_early_rate": 1 / 3,  # 1 / 3
}


def test_every_rate_from_counts_zero_denominators_and_negative_savings():
    out = with_rates(frame(A, {}, C))
    for key, value in EXPECTED_A.items():
        assert out[key][0] == pytest.approx(value), key
        assert out[key][1] is None, key  # 0 / 0: null
        assert out.schema[key] == pl.Float64, key
    assert out["handling_speedup_rate"][2] == pytest.approx(-0.25)  # −4 / 16
    assert out["promise_early_rate"][2] == 0.0  # 0 / 2


def test_rates_of_counts_the_input_lacks_are_not_computable():
    out = with_rates(frame(A, drop=("active_evaluations", "evaluations", "bad_evaluations",
                                    "bad_rectified")))
    for key in ("active_evaluation_rate", "satisfaction_rate", "bad_rectified_rate"):
        assert math.isnan(out[key][0]), key  # NaN: not computable, unlike a null 0 / 0
    assert out["on_time_rate"][0] == pytest.approx(0.8)


def test_given_rates_win_and_pass_through():
    base = frame(A, A, {})
    given = base.with_columns(
        pl.Series("given_on_time_rate", [0.9, None, None], dtype=pl.Float64),
        pl.Series("given_promise_speedup", [0.3, None, None], dtype=pl.Float64))
    out = with_rates(given)
    # given where stated, else computed: 1 − 2 / 10 = 0.8 on the second row, 0 / 0 on the third
    assert out["on_time_rate"].to_list() == [0.9, pytest.approx(0.8), None]
    # a given rate without a count formula here is passed through under its own name
    assert out["promise_speedup"].to_list() == [0.3, None, None]
    assert out["online_share"][0] == pytest.approx(0.25)  # not given: computed


def test_a_denominator_of_one_is_a_rate():
    # one completed case, overdue: 1 − 1 / 1 = 0; one evaluation, not bad: (1 − 0) / 1 = 1
    out = with_rates(frame({"completed": 1, "completed_overdue": 1, "evaluations": 1}))
    assert (out["on_time_rate"][0], out["satisfaction_rate"][0]) == (0.0, 1.0)

"""事项清单 indicators (seeds 003/004), worked out by hand: the targets and their bounds, the
rate a unit is given or computes, the pooled roll-up, which indicators an input states,
and the units below target."""

from __future__ import annotations

import math

import polars as pl
import pytest

from bulletin.core.config import DatasetConfig
from bulletin.core.definitions import PARTS
from bulletin.indicators.items import (
    below_target,
    default_targets,
    indicators_present,
    meets,
    rollup_items,
    with_indicators,
)

SPEC_TARGETS = {"claim_rate": (1.0, None), "publish_rate": (1.0, None),
                "guide_accuracy": (1.0, None), "sorting_completion": (1.0, None),
                "promise_speedup": (0.8, None), "visits_avg": (None, 0.3),
                "instant_share": (0.4, None), "full_online_share": (0.8, None)}


def test_default_targets_are_the_spec_targets():
    # seed 004: 承诺时限压缩比 ≥ 80%, 平均到现场次数 ≤ 0.3, 即办件占比 ≥ 40%,
    # 全程网办占比 ≥ 80%; 认领率, 发布率 (and the other two shares) 100%
    assert default_targets(DatasetConfig()) == SPEC_TARGETS


def test_targets_from_the_dataset_config():
    config = DatasetConfig.model_validate({
        "thresholds": {"promise_speedup_min": 0.7, "visits_max": 0.5, "instant_share_min": 0.3,
                       "full_online_share_min": 0.9},
        "item_targets": {"case_coverage": {"min": 0.95}, "claim_rate": {"min": 0.98},
                         "visits_avg": {"max": 0.4}}})
    assert default_targets(config) == SPEC_TARGETS | {
        "promise_speedup": (0.7, None), "instant_share": (0.3, None),
        "full_online_share": (0.9, None), "visits_avg": (None, 0.4),  # item_targets wins
        "claim_rate": (0.98, None), "case_coverage": (0.95, None)}


@pytest.mark.parametrize(("value", "target", "expected"), [
    (0.8, (0.8, None), True),  # exactly the minimum
    (0.1 + 0.7, (0.8, None), True),  # 0.7999999999999999: binary noise is not a miss
    (0.79, (0.8, None), False),
    (0.3, (None, 0.3), True),  # exactly the maximum
    (0.1 + 0.2, (None, 0.3), True),  # 0.30000000000000004
    (0.31, (None, 0.3), False),
    (0.5, (0.4, 0.6), True), (0.35, (0.4, 0.6), False), (0.65, (0.4, 0.6), False),
    (None, (0.8, None), None), (math.nan, (0.8, None), None),
])
def test_meets(value, target, expected):
    assert meets(value, target) is expected


def frame(rows: list[dict]) -> pl.DataFrame:
    cols = {p: pl.Int64 for p in PARTS} | {"speedup_sum": pl.Float64}
    full = [{"unit": "", **dict.fromkeys(PARTS), **r} for r in rows]
    return pl.DataFrame(full, schema={"unit": pl.String, **cols, "given_claim_rate": pl.Float64})


UNITS = frame([
    # A: 认领 9 of 10; 事项 4, 即办 2, 到现场 Σ 1; given 认领率 0.5 (kept as given)
    {"unit": "A", "claimed": 9, "listed": 10, "items": 4, "instant_items": 2, "visits_sum": 1,
     "given_claim_rate": 0.5},
    # B: 认领 1 of 10; 事项 6, 即办 1, 到现场 Σ 3; 承诺时限压缩比 Σ 1.8 over 2 items
    {"unit": "B", "claimed": 1, "listed": 10, "items": 6, "instant_items": 1, "visits_sum": 3,
     "speedup_sum": 1.8, "speedup_items": 2},
    # C: only 事项数 (no 即办 count): kept out of 即办件占比, in nothing else
    {"unit": "C", "items": 10},
])


def test_unit_values_given_or_computed():
    out = with_indicators(UNITS)
    assert out["claim_rate"].to_list() == [0.5, 0.1, None]  # given; 1 / 10; no counts
    assert out["instant_share"].to_list() == [0.5, pytest.approx(1 / 6), None]  # 2/4, 1/6
    assert out["visits_avg"].to_list() == [0.25, 0.5, None]  # 1/4, 3/6; C has no visits
    assert out["promise_speedup"].to_list() == [None, 0.9, None]  # 1.8 / 2
    assert out["publish_rate"].to_list() == [None, None, None]  # no 已发布 counts


def test_rollup_pools_the_units_that_state_both_parts():
    total = rollup_items(UNITS, "合计")
    assert total["unit"] == "合计"
    # sums of the parts; a part no unit states stays unknown
    assert (total["claimed"], total["listed"], total["items"]) == (10, 20, 20)
    assert total["published"] is None and total["guide_accurate"] is None
    assert total["claim_rate"] == pytest.approx(0.5)  # (9 + 1) / 20, the given 0.5 never enters
    # 即办件占比 over A and B only (C states 事项数 but no 即办 count): 3 / 10, not 3 / 20
    assert total["instant_share"] == pytest.approx(0.3)
    assert total["visits_avg"] == pytest.approx(0.4)  # (1 + 3) / (4 + 6)
    assert total["promise_speedup"] == pytest.approx(0.9)
    assert total["publish_rate"] is None


def test_indicators_an_input_states():
    keys = [i.key for i in indicators_present(UNITS)]
    # counts of both parts somewhere, or a given rate
    assert keys == ["claim_rate", "promise_speedup", "visits_avg", "instant_share"]
    only_given = frame([{"unit": "A", "given_claim_rate": 0.5}])
    assert [i.key for i in indicators_present(only_given)] == ["claim_rate"]
    nothing = frame([{"unit": "A"}])
    assert indicators_present(nothing) == []
    no_column = frame([{"unit": "A", "claimed": 1, "listed": 2}]).drop("given_claim_rate")
    assert [i.key for i in indicators_present(no_column)] == ["claim_rate"]


def test_units_below_target_in_registry_order():
    out = with_indicators(UNITS)
    missed = below_target(out, default_targets(DatasetConfig()))
    assert missed["claim_rate"] == [("A", 0.5), ("B", 0.1)]  # target 100%
    assert missed["instant_share"] == [("B", pytest.approx(1 / 6))]  # A's 50% ≥ 40%
    assert missed["visits_avg"] == [("B", 0.5)]  # A's 0.25 ≤ 0.3
    assert missed["promise_speedup"] == []  # B's 90% ≥ 80%
    assert set(missed) == {"claim_rate", "promise_speedup", "visits_avg", "instant_share"}
    assert "claim_rate" not in below_target(out, {"visits_avg": (None, 0.3)})


def test_values_from_partial_inputs():
    # only 事项数 and 即办件事项 columns, no given rates: the rest cannot be computed
    frame = pl.DataFrame({"unit": ["A", "B", "C"], "items": [0, 1, 4],
                          "instant_items": [0, 1, 1]})
    out = with_indicators(frame)
    # A: 0 / 0 has no value (not NaN, not inf); B: 1 / 1; C: 1 / 4
    assert out["instant_share"].to_list() == [None, 1.0, 0.25]
    assert out["claim_rate"].to_list() == [None, None, None]  # no 认领 columns at all
    assert [i.key for i in indicators_present(out)] == ["instant_share"]

"""The problem rules and the input checks (indicators.problems, indicators.checks) over
small tables worked out by hand: which units, which figures, in which order — and the
nearby cases each rule must leave out (no count, a zero denominator, a figure not stated)."""

from __future__ import annotations

import math

import polars as pl
import pytest

from bulletin.indicators.checks import (
    Difference,
    hall_differences,
    impossible_shares,
    stated_sums,
    stated_totals,
    target_differences,
)
from bulletin.indicators.problems import (
    below_minimum,
    low_evaluation_units,
    low_on_time_units,
    overdue_units,
    unrectified_units,
)
from bulletin.ingest.hall import Hall
from bulletin.ingest.targets import Stated, stated_values

# order: registry order (ties of a ranking); position: the annexes' order (ties of 超时办结件)
UNITS = pl.DataFrame({
    "unit": ["甲局", "乙局", "丙县", "丁镇"],
    "order": [2, 3, 4, 1],
    "position": [0, 1, 2, 3],
    "completed": [10, 0, 40, 8],
    "completed_overdue": [2, 0, 5, 2],
    "bad_evaluations": [3, 0, 1, 2],
    "bad_rectified": [3, 0, 0, 1],
    "active_evaluation_rate": [0.1, None, 0.25, 0.1],
})


def test_overdue_units_most_first_ties_in_the_annexes_order():
    found = overdue_units(UNITS)
    # 丙县 5; 甲局 and 丁镇 2 each, 甲局 first in the annexes; 乙局 0 left out
    assert found.select("unit", "completed_overdue").rows() == [("丙县", 5), ("甲局", 2),
                                                                ("丁镇", 2)]
    # the annexes' order, not the registry's: with 丁镇 before 甲局 the tie turns
    swapped = UNITS.with_columns(pl.Series("position", [3, 1, 2, 0]))
    assert overdue_units(swapped)["unit"].to_list() == ["丙县", "丁镇", "甲局"]


def test_unrectified_units_with_what_is_open():
    found = unrectified_units(UNITS)
    # 甲局 3 − 3 = 0 out; 丙县 1 − 0 = 1; 丁镇 2 − 1 = 1; in the rows' order
    assert found.select("unit", "open").rows() == [("丙县", 1), ("丁镇", 1)]
    assert unrectified_units(UNITS.drop("bad_evaluations", "bad_rectified")) is None


@pytest.mark.parametrize(("rate", "expected"), [
    (0.2999, True), (0.30, False), (0.5, False), (None, False), (math.nan, False)])
def test_below_minimum(rate, expected):
    assert below_minimum(rate, 0.30) is expected


def test_low_evaluation_units_lowest_first_ties_in_registry_order():
    found = low_evaluation_units(UNITS, 0.30)
    # 丁镇 and 甲局 0.1, 丁镇 first in registry order (1 before 2), then 丙县 0.25; 乙局 (no
    # 办结件, rate null) out
    assert found.select("unit", "active_evaluation_rate").rows() == [
        ("丁镇", 0.1), ("甲局", 0.1), ("丙县", 0.25)]
    assert low_evaluation_units(UNITS, 0.1)["unit"].to_list() == []  # 0.1 is not below 0.1


ROLLED = pl.DataFrame({"month": ["2021-02", "2021-02", "2021-01"],
                       "scope": ["全市", "市本级", "全市"],
                       "applied": [100, 40, 90], "completed": [95, None, 80]})


def test_stated_totals_against_the_roll_ups():
    stated = {"2021-02": {"全市": {"applied": 100, "completed": 97, "no_such": 1},
                          "市本级": {"completed": 3},  # no 办结件 in the roll-up: not checked
                          "某县": {"applied": 5}},  # no such scope
              "2021-01": {"全市": {"applied": 91}}}
    assert stated_totals(ROLLED, stated) == [
        Difference("全市", "completed", 95, 97, "2021-02"),
        Difference("全市", "applied", 90, 91, "2021-01")]


def test_stated_rates_against_the_rates_as_printed():
    rolled = ROLLED.with_columns(pl.Series("online_share", [0.41228, 0.9937, float("nan")]),
                                 pl.Series("handling_speedup_rate", [float("nan"), 0.5, 0.1]))
    stated = {"2021-02": {"全市": {"online_share": 0.4121,  # 41.22% printed: differs
                                   "handling_speedup_rate": 0.9937},  # not computable: no check
                          "市本级": {"online_share": 0.99379}},  # 99.37% both: the same
              "2021-01": {"全市": {"online_share": 0.5, "handling_speedup_rate": 0.1}}}
    assert stated_totals(rolled, stated) == [Difference("全市", "online_share", 0.41228, 0.4121,
                                                        "2021-02")]
    assert Difference("", "x", 0.5, 0.4).is_rate and not Difference("", "x", 5, 4).is_rate
    # a rate of the sums: 4084 / 4290 = 95.198…% against the text's 97.86%
    assert stated_sums({"active_evaluation_rate": 4084 / 4290}, {"active_evaluation_rate": 0.9786}) \
        == [Difference("", "active_evaluation_rate", 4084 / 4290, 0.9786)]
    assert stated_sums({"active_evaluation_rate": 4084 / 4290}, {"active_evaluation_rate": 0.9519}) == []


def test_stated_sums_round_the_sums():
    total = {"cases": 4289.6, "claimed": 6660, "active_evaluations": 4084}
    assert stated_sums(total, {"cases": 4288, "claimed": 6669, "active_evaluations": 4084,
                               "missing": 1}) == [Difference("", "cases", 4290, 4288),
                                                  Difference("", "claimed", 6660, 6669)]


def test_impossible_shares():
    frame = pl.DataFrame({"unit": ["甲局", "乙局", "丙局"], "items": [3, 4, None],
                          "given_instant_share": [0.3333, 0.3, 0.5]})
    found = impossible_shares(frame)
    # 甲局 1/3 = 0.33333 is within 0.00005 of 0.3333; 乙局 0.3 × 4 = 1.2 → 1/4 = 0.25 is not
    # 0.3; 丙局 without a count of items is not checked
    assert [(s.unit, s.indicator, s.value, s.items, s.nearest) for s in found] == [
        ("乙局", "instant_share", 0.3, 4, 1)]


def test_hall_differences_of_the_table_and_the_text():
    centres = pl.DataFrame({"town": ["甲镇", "甲镇", "乙镇"], "centre": ["a", "b", "c"],
                            "consult": [1, 1, 1], "applied": [2, 3, 4],
                            "accepted": [2, 3, 4], "completed": [1, 2, 3]})
    windows = pl.DataFrame({"window": ["x", "y"], "window_cases": [10, 5]})
    hall = Hall("2022-09", windows=windows, centres=centres,
                stated={"甲镇": {"applied": 5, "completed": 4}, "总计": {"applied": 9},
                        "丙镇": {"applied": 1}},  # a town the table does not have
                window_total_stated=16)
    text = {"便民服务中心": {"completed": 6, "applied": 10}, "大厅窗口": {"accepted": 14}}
    assert hall_differences(hall, text) == [
        Difference("甲镇（表中）", "completed", 3, 4),  # 1 + 2; 申请 2 + 3 = 5 as printed
        Difference("便民服务中心（正文）", "applied", 9, 10),  # 2 + 3 + 4; 办结 6 as stated
        Difference("大厅窗口（表中总计）", "window_cases", 15, 16),  # 10 + 5
        Difference("大厅窗口（正文）", "accepted", 15, 14)]
    # no text: the table's figures alone; no window total printed: not checked
    bare = Hall("2022-09", windows=windows, centres=centres, stated={"总计": {"completed": 6}})
    assert hall_differences(bare) == []


def test_target_differences():
    table = pl.DataFrame({"indicator": ["甲", "乙", "丙", "丁"],
                          "achieved": ["97.2%", "57.9%", "暂缺", "88%"],
                          "achieved_value": [0.972, 0.579, None, 0.88]})
    stated = stated_values({"甲": "98.9%", "乙": "57.9%", "丙": "50%", "丁": "约八成",
                            "戊": "10%"})
    assert stated["丁"] == Stated("约八成", None)
    found = target_differences(table, stated)
    # 乙 as in the table; 丙 the table has no value; 丁 no number in the text; 戊 not a row
    assert [(d.indicator, d.stated.text, d.table) for d in found] == [("甲", "98.9%", "97.2%")]
    assert found[0].stated.value == pytest.approx(0.989)


# ---------------------------------------------------------------- 按时办结率 below the threshold
# UNITS' 按时办结率 from each unit's counts, 1 − 超时办结件 / 办结件: 甲局 1 − 2/10 = 80 %,
# 乙局 no 办结件 (null), 丙县 1 − 5/40 = 87.5 %, 丁镇 1 − 2/8 = 75 %. 全市 from the summed
# counts: 办结件 10 + 0 + 40 + 8 = 58, 超时 2 + 0 + 5 + 2 = 9, 1 − 9/58 = 84.48 % (the mean
# of the units' rates would be 80.83 %).
CITY = {"completed": 58, "completed_overdue": 9, "on_time_rate": 1 - 9 / 58,
        "active_evaluation_rate": 0.5}


def rated(units: pl.DataFrame) -> pl.DataFrame:
    from bulletin.indicators.rollups import with_rates

    return with_rates(units)


def test_low_on_time_units_lowest_first_from_each_units_counts():
    units = rated(UNITS)
    assert units["on_time_rate"].to_list() == [0.8, None, 0.875, 0.75]
    found = low_on_time_units(units, 0.9)
    assert found.select("unit", "on_time_rate").rows() == [
        ("丁镇", 0.75), ("甲局", 0.8), ("丙县", 0.875)]
    assert low_on_time_units(units, 0.8)["unit"].to_list() == ["丁镇"]  # 80 % is not below 80 %
    assert low_on_time_units(units, 0.75)["unit"].to_list() == []
    assert low_on_time_units(UNITS.drop("completed_overdue"), 0.9).height == 0


def on_time(found) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in found if f.rule.startswith("on_time")]


def test_the_on_time_findings_word_the_city_from_summed_counts_and_the_units():
    from bulletin.core.config import Thresholds
    from bulletin.report.findings import problem_findings

    found = problem_findings(rated(UNITS), CITY, Thresholds(on_time_rate_min=0.9))
    assert on_time(found) == [
        ("on_time_low", ("按时办结率较低：全市办结件 58 件，超时办结件 9 件，按时办结率 84.48%，"
                         "低于 90.00% 的要求。")),
        ("on_time_low_units", ("按时办结率低于 90.00% 的单位有 3 个：丁镇（75.00%）、甲局（80.00%）、"
                               "丙县（87.50%）。"))]
    # 84.48 % is not below 84 %: the units alone (丁镇 and 甲局)
    assert [rule for rule, _ in on_time(problem_findings(rated(UNITS), CITY,
                                                         Thresholds(on_time_rate_min=0.84)))] \
        == ["on_time_low_units"]
    assert "2 个：丁镇（75.00%）、甲局（80.00%）。" in on_time(problem_findings(
        rated(UNITS), CITY, Thresholds(on_time_rate_min=0.84)))[0][1]


def test_at_the_default_of_100_percent_the_overdue_finding_says_it_alone():
    from bulletin.core.config import Thresholds
    from bulletin.report.findings import problem_findings

    found = problem_findings(rated(UNITS), CITY, Thresholds())
    assert Thresholds().on_time_rate_min == 1.0 and on_time(found) == []
    # the units below 100 % (丙县, 甲局, 丁镇) are the overdue finding's
    assert [f.rule for f in found] == ["overdue", "bad_not_rectified"]


@pytest.mark.parametrize("value", ["1.5", "-0.1"])
def test_an_on_time_threshold_outside_0_to_1_is_a_config_error_naming_it(value, tmp_path):
    from bulletin.core.config import load_config
    from bulletin.core.errors import ConfigError

    (tmp_path / "dataset.yml").write_text(f"thresholds:\n  on_time_rate_min: {value}\n",
                                          encoding="utf-8")
    with pytest.raises(ConfigError, match=r"thresholds\.on_time_rate_min"):
        load_config(tmp_path)

"""How figures are printed: rates truncated toward zero, changes described in words."""

from __future__ import annotations

import pytest

from bulletin.indicators.comparisons import Change
from bulletin.report.fmt import describe_change, fmt_rate, truncate_hundredths


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0.999988, "99.99%"),
        (1.0, "100.00%"),
        (0.29, "29.00%"),  # 0.29 * 10000 = 2899.9999999999995 in binary floating point
        (1106 / 859, "128.75%"),  # seed 000: 市人力资源和社会保障局
        (-1.6, "-160.00%"),  # seed 000: 通川区 线上办理提速
        (-0.00005, "0.00%"),
        (80165 / 243986, "32.85%"),  # seed 000 (存在的问题 text)
        (None, "-"),
    ],
)
def test_fmt_rate_truncates_toward_zero(value, shown):
    assert fmt_rate(value) == shown


def test_fmt_rate_zero_denominator_configurable():
    assert fmt_rate(None, "0.00%") == "0.00%"


def test_exact_boundary_from_large_counts():
    # one case short of 100% out of 20 million: must not show 100.00%
    assert fmt_rate(1 - 1 / 20_000_000) == "99.99%"
    assert truncate_hundredths(19_999_999 / 20_000_000) == 9999


def test_change_describes_counts_rates_and_missing_months():
    assert describe_change(Change(110, 100, False)) == "较上月增加 10 件（+10.00%）"
    assert describe_change(Change(90, 100, False)) == "较上月减少 10 件（-10.00%）"
    assert describe_change(Change(0.5, 0.4875, True)) == "较上月上升 1.25 个百分点"
    assert describe_change(Change(5, None, False)) == "上月无数据，不作比较"
    assert Change(5, 0, False).percent is None
    assert describe_change(Change(5, 5, False)) == "与上月持平"


# ---------------------------------------------------------------------- every formatter, by hand


def test_truncation_is_toward_zero_on_both_sides():
    from bulletin.report.fmt import truncate_hundredths

    assert truncate_hundredths(None) is None
    assert truncate_hundredths(0.123456) == 1234  # 12.3456% → 12.34%
    assert truncate_hundredths(-0.123456) == -1234  # −12.3456% → −12.34%, not −12.35%
    assert fmt_rate(-0.123456) == "-12.34%"
    assert fmt_rate(0.0001) == "0.01%" and fmt_rate(0.00009) == "0.00%"
    assert fmt_rate(float("nan")) == "-"  # not computable from this input
    assert fmt_rate(float("nan"), "0.00%") == "-"  # … which is not a zero denominator


def test_counts_scores_and_plain_numbers():
    from bulletin.report.fmt import fmt_count, fmt_figure, fmt_score

    assert (fmt_count(None), fmt_count(0), fmt_count(12.0)) == ("-", "0", "12")
    assert (fmt_score(None), fmt_score(89.701), fmt_score(89.677)) == ("-", "89.70", "89.68")
    assert fmt_score(89.675) == "89.68"  # half up, not to even
    assert fmt_figure("rate", 0.5) == "50.00%"
    assert fmt_figure("rate", None) == "-" and fmt_figure("rate", None, "0.00%") == "0.00%"
    assert fmt_figure("count", 7) == "7" and fmt_figure("count", None) == "-"
    assert fmt_figure("count", float("nan")) == "-"
    assert fmt_figure("score", 89.677) == "89.68"
    assert fmt_figure("number", 0.256) == "0.26" and fmt_figure("number", 1) == "1.00"
    assert fmt_figure("number", None, "0.00%") == "-"


def test_rank_and_count_changes():
    from bulletin.report.fmt import fmt_change, fmt_rank_change

    assert fmt_rank_change(2, False) == "—"  # no earlier ranking
    assert fmt_rank_change(None, True) == "新增"
    assert (fmt_rank_change(0, True), fmt_rank_change(2, True), fmt_rank_change(-3, True)) \
        == ("持平", "↑2", "↓3")
    assert (fmt_rank_change(1, True), fmt_rank_change(-1, True)) == ("↑1", "↓1")
    assert fmt_change(5, 3, False) == "—"  # no earlier month
    assert fmt_change(None, 3, True) == "—" and fmt_change(5, None, True) == "—"
    assert (fmt_change(5, 3, True), fmt_change(3, 5, True), fmt_change(4, 4, True)) \
        == ("↑2", "↓2", "持平")
    assert fmt_change(5.0, 3.0, True) == "↑2"


def test_item_values_targets_and_gaps():
    from bulletin.core.definitions import BY_KEY
    from bulletin.report.fmt import fmt_gap, fmt_target, fmt_value

    share, visits = BY_KEY["instant_share"], BY_KEY["visits_avg"]
    assert (fmt_value(share, None), fmt_value(share, float("nan"))) == ("-", "-")
    assert fmt_value(share, 0.4) == "40.00%" and fmt_value(visits, 0.3) == "0.30"
    assert fmt_target(share, (0.4, None)) == "≥ 40.00%"
    assert fmt_target(visits, (None, 0.3)) == "≤ 0.30"
    assert fmt_target(share, (0.4, 0.6)) == "40.00% 至 60.00%"
    assert fmt_gap(None) == "-"
    assert fmt_gap(0.0123) == "+1.23 个百分点" and fmt_gap(0.0) == "+0.00 个百分点"
    assert fmt_gap(-0.05) == "-5.00 个百分点"  # one minus sign: the hyphen-minus seed 000 prints (「-160.00%」)


def test_changes_in_words():
    assert describe_change(Change(None, None, False)) == "上月无数据，不作比较"
    assert describe_change(Change(None, 5, False)) == "本月无数据"
    assert describe_change(Change(5, 0, False)) == "较上月增加 5 件"  # no % from 0
    assert describe_change(Change(0, 5, False)) == "较上月减少 5 件（-100.00%）"
    assert describe_change(Change(3, 4, False), "去年同期") == "较去年同期减少 1 件（-25.00%）"
    assert describe_change(Change(0.4, 0.5, True)) == "较上月下降 10.00 个百分点"
    assert describe_change(Change(0.50004, 0.5, True)) == "与上月持平"  # under 0.01 point
    assert describe_change(Change(0.5, 0.5, True), "去年同期") == "与去年同期持平"
    assert describe_change(Change(1, None, True), "去年同期") == "去年同期无数据，不作比较"
    assert Change(0.4, 0.5, True).percent is None  # a rate changes in points only
    assert Change(None, 0.5, True).difference is None

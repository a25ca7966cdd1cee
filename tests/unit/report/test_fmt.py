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

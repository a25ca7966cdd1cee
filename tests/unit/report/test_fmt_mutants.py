"""report.fmt: the cases the mutation run found untested (bench/mutation-notes/report.md)."""

from __future__ import annotations

import pytest

from bulletin.report.fmt import fmt_figure, truncate_hundredths


@pytest.mark.parametrize(
    ("value", "hundredths"),
    [
        # 0.99999999999997 * 10000 = 9999.9999999997: 3e-10 under the boundary is binary
        # noise (the docstring's 1e-9 tolerance), so it counts as 100.00%
        (0.99999999999997, 10000),
        (-0.99999999999997, -10000),
        # 0.9999999999997 * 10000 = 9999.999999997: 3e-9 under is a real shortfall → 99.99%
        (0.9999999999997, 9999),
        (-0.9999999999997, -9999),
    ],
)
def test_truncation_removes_only_noise_under_a_billionth(value, hundredths):
    assert truncate_hundredths(value) == hundredths


def test_scores_are_rounded_half_up_not_by_binary_float():
    # 89.675 is stored as 89.67499999…, which "{:.2f}" prints as 89.67; a score is read
    # as the decimal 89.675 and rounded half up to 89.68
    assert fmt_figure("score", 89.675) == "89.68"
    assert fmt_figure("score", 89.674) == "89.67"

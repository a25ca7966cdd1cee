"""``meets`` at the very edge of its tolerance: a value off a bound by exactly the 1e-12
allowed for binary noise still meets it (both bounds inclusive)."""

from __future__ import annotations

import pytest

from bulletin.indicators.items import meets


@pytest.mark.parametrize(("value", "target", "expected"), [
    (1.0 - 1e-12, (1.0, None), True),  # the lowest value that meets a minimum of 1.0
    (0.95 - 1e-12, (0.95, None), True),
    (3.0 + 1e-12, (None, 3.0), True),  # the highest value that meets a maximum of 3.0
    (2.0 + 1e-12, (1.0, 2.0), True),
    (1.0 - 1e-12, (1.0, 2.0), True),
    (1.0 - 1e-11, (1.0, None), False),  # ten times the tolerance: a miss
    (3.0 + 1e-11, (None, 3.0), False),
])
def test_bounds_are_inclusive_up_to_the_tolerance(value, target, expected):
    assert meets(value, target) is expected

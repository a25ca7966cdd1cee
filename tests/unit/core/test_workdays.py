"""Hand-worked `elapsed` (indicators.md): working days d with date(accepted) < d ≤ date(completed).

2021 Spring Festival: 2021-02-11 (Thu) … 02-17 (Wed) off; make-up working days
Sunday 2021-02-07 and Saturday 2021-02-20.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from bulletin.core.errors import ConfigError
from bulletin.core.workdays import Calendar

CAL = Calendar(dt.date(2020, 12, 1), dt.date(2021, 4, 30))


def elapsed(accepted: str, completed: str) -> int:
    df = pl.DataFrame({"a": [dt.datetime.fromisoformat(accepted)],
                       "c": [dt.datetime.fromisoformat(completed)]})
    return df.select(CAL.elapsed(pl.col("a"), pl.col("c"))).to_series()[0]


@pytest.mark.parametrize(
    ("accepted", "completed", "expected", "why"),
    [
        ("2021-02-10 09:00", "2021-02-18 10:00", 1, "02-11..17 holiday, 02-18 is the only day"),
        ("2021-02-05 16:00", "2021-02-08 09:00", 2, "Sun 02-07 is a make-up working day, Sat 02-06 is not"),
        ("2021-02-19 09:00", "2021-02-22 09:00", 2, "Sat 02-20 make-up day + Mon 02-22"),
        ("2021-02-09 09:00", "2021-02-22 17:00", 5, "02-10, 02-18, 02-19, 02-20, 02-22"),
        ("2021-02-10 08:00", "2021-02-10 18:00", 0, "same day: 即办件 on time"),
        ("2021-01-29 09:00", "2021-02-02 09:00", 2, "cross-month: 02-01, 02-02"),
        ("2021-02-26 09:00", "2021-03-03 09:00", 3, "cross-month: 03-01..03-03"),
        ("2021-02-12 09:00", "2021-02-14 09:00", 0, "accepted and completed inside the holiday"),
    ],
)
def test_elapsed_hand_worked(accepted, completed, expected, why):
    assert elapsed(accepted, completed) == expected, why


def test_equal_to_promise_is_neither_early_nor_overdue():
    # promised 5 working days; 02-09 → 02-22 is exactly 5 (see above)
    e = elapsed("2021-02-09 09:00", "2021-02-22 17:00")
    assert not (e < 5) and not (e > 5)


def test_uncovered_year_is_a_clear_error():
    with pytest.raises(ConfigError, match="工作日历未覆盖 2099-01-01"):
        Calendar(dt.date(2099, 1, 1), dt.date(2099, 1, 31))


def test_dataset_holidays_cover_an_unknown_year():
    days = [dt.date(2099, 1, d) for d in range(1, 32)]
    off = [d for d in days if d.weekday() >= 5]
    on = [d for d in days if d.weekday() < 5]
    cal = Calendar(dt.date(2099, 1, 1), dt.date(2099, 1, 31), holidays=off, workdays=on)
    assert int(cal.is_workday.sum()) == len(on)

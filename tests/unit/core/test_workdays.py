"""The working-day calendar as the facts read it: ``Calendar.is_workday`` and its cumulative
``index`` (the cube takes elapsed = index[completed] − index[accepted]), and its errors.

Elapsed working days of real cases, across the 2021 Spring Festival and its make-up days,
are checked through the cube in tests/unit/facts/test_definitions_by_hand.py.

2021 Spring Festival: 02-11 (Thu) … 02-17 (Wed) off; make-up working days Sunday 02-07
and Saturday 02-20.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bulletin.core.errors import ConfigError
from bulletin.core.workdays import Calendar


def test_working_days_around_the_2021_spring_festival():
    cal = Calendar(dt.date(2021, 2, 5), dt.date(2021, 2, 22))
    #               Fri 05  Sat 06  Sun 07 (make-up)  Mon 08  Tue 09  Wed 10
    expected = [True, False, True, True, True, True]
    expected += [False] * 7  # Thu 11 … Wed 17
    #            Thu 18  Fri 19  Sat 20 (make-up)  Sun 21  Mon 22
    expected += [True, True, True, False, True]
    assert cal.is_workday.to_list() == expected
    # the running count of working days up to and including each day
    assert cal.index.to_list() == [1, 1, 2, 3, 4, 5, 5, 5, 5, 5, 5, 5, 5, 6, 7, 8, 8, 9]
    assert (cal.start, cal.end) == (dt.date(2021, 2, 5), dt.date(2021, 2, 22))


def test_dataset_days_override_the_official_calendar():
    # 02-13 (holiday) made a working day, 02-18 (working day) made a day off; 02-14 listed as
    # both: workdays wins
    cal = Calendar(dt.date(2021, 2, 12), dt.date(2021, 2, 18),
                   holidays=[dt.date(2021, 2, 18), dt.date(2021, 2, 14)],
                   workdays=[dt.date(2021, 2, 13), dt.date(2021, 2, 14)])
    assert cal.is_workday.to_list() == [False, True, True, False, False, False, False]


def test_uncovered_year_is_a_clear_error():
    with pytest.raises(ConfigError, match="工作日历未覆盖 2099-01-01 至 2099-01-31"):
        Calendar(dt.date(2099, 1, 1), dt.date(2099, 1, 31))


def test_dataset_holidays_cover_an_unknown_year():
    days = [dt.date(2099, 1, d) for d in range(1, 32)]
    off = [d for d in days if d.weekday() >= 5]
    on = [d for d in days if d.weekday() < 5]
    cal = Calendar(dt.date(2099, 1, 1), dt.date(2099, 1, 31), holidays=off, workdays=on)
    # January 2099 starts on a Thursday: 01, 02, then four full weeks 05 … 30 = 22
    assert int(cal.is_workday.sum()) == len(on) == 22
    assert cal.index.to_list()[-1] == 22

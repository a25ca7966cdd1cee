"""``Calendar.elapsed`` called directly (the cube computes the same gather itself; the facts
oracle in tests/support/oracle.py is the only other caller, so the stats run of mutmut saw no
unit test on it).

Calendar 2021-02-05 … 2021-02-22 (2021 Spring Festival, see test_workdays.py), position and
cumulative working-day index w:

    pos  0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17
    day 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 21 22
    w    1  1  2  3  4  5  5  5  5  5  5  5  5  6  7  8  8  9
"""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import polars as pl
import pytest

from bulletin.core.errors import ConfigError
from bulletin.core.workdays import Calendar

CAL = Calendar(dt.date(2021, 2, 5), dt.date(2021, 2, 22))


def _t(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2021, 2, day, hour, minute)


def _elapsed(pairs: list[tuple[dt.datetime, dt.datetime]]) -> list[int | None]:
    frame = pl.DataFrame({"a": [a for a, _ in pairs], "c": [c for _, c in pairs]},
                         schema={"a": pl.Datetime("us"), "c": pl.Datetime("us")})
    return frame.select(CAL.elapsed(pl.col("a"), pl.col("c")).alias("e"))["e"].to_list()


@pytest.mark.parametrize(("accepted", "completed", "expected"), [
    # first day of the calendar to its last: w[17] − w[0] = 9 − 1 = 8
    (_t(5, 10), _t(22, 9), 8),
    # the same day, morning to evening: w[3] − w[3] = 0
    (_t(8, 9), _t(8, 17), 0),
    # a minute before and after midnight: days, not hours, count: w[5] − w[4] = 5 − 4 = 1
    (_t(9, 23, 59), _t(10, 0, 1), 1),
    # Saturday to the make-up Sunday: w[2] − w[1] = 2 − 1 = 1
    (_t(6, 12), _t(7, 12), 1),
    # across the seven days off: w[13] − w[5] = 6 − 5 = 1
    (_t(10, 16), _t(18, 9), 1),
    # holiday to holiday: w[12] − w[6] = 5 − 5 = 0
    (_t(11, 9), _t(17, 9), 0),
    # accepted the day before the calendar starts: null, never a count
    (_t(4, 9), _t(8, 9), None),
    # completed the day after the calendar ends (position 18 = its length): null
    (_t(8, 9), _t(23, 9), None),
    # accepted and completed on the first day (position 0 at both ends): w[0] − w[0] = 0
    (_t(5, 9), _t(5, 17), 0),
    # accepted the day after the calendar ends (position 18), completed inside: still null
    (_t(23, 9), _t(22, 9), None),
    # completed on the last day, accepted on the first: both ends inside
    (_t(5, 0), _t(22, 23, 59), 8),
])
def test_elapsed_working_days_by_hand(accepted, completed, expected):
    assert _elapsed([(accepted, completed)]) == [expected]


def test_elapsed_row_by_row():
    # several rows at once: each row its own pair of positions
    pairs = [(_t(5, 10), _t(9, 10)), (_t(8, 10), _t(19, 10)), (_t(20, 10), _t(22, 10))]
    # w[4] − w[0] = 4 − 1 = 3; w[14] − w[3] = 7 − 3 = 4; w[17] − w[15] = 9 − 8 = 1
    assert _elapsed(pairs) == [3, 4, 1]


def test_uncovered_days_message_in_full():
    # chinese-calendar knows no 2099: every day is uncovered, the message names the first and
    # the last, the package's version and both ways out
    with pytest.raises(ConfigError) as err:
        Calendar(dt.date(2099, 3, 30), dt.date(2099, 4, 2))
    assert str(err.value) == (
        "工作日历未覆盖 2099-03-30 至 2099-04-02（chinese-calendar "
        f"{chinese_calendar.__version__} 只收录已公布的节假日安排）。请升级 chinese-calendar，"
        "或在 dataset.yml 的 holidays / workdays 中列出这些日期的放假与调休安排。")


def test_only_the_days_the_dataset_leaves_out_are_uncovered():
    # 2099-01-01 … 01-04 listed by the dataset, 01-05 and 01-06 not: the message names those two
    listed = [dt.date(2099, 1, d) for d in (1, 2, 3, 4)]
    with pytest.raises(ConfigError, match=r"^工作日历未覆盖 2099-01-05 至 2099-01-06（"):
        Calendar(dt.date(2099, 1, 1), dt.date(2099, 1, 6), holidays=listed[:2],
                 workdays=listed[2:])


def test_series_names_and_types():
    cal = Calendar(dt.date(2021, 2, 5), dt.date(2021, 2, 8))
    assert (cal.is_workday.name, cal.is_workday.dtype) == ("is_workday", pl.Boolean)
    assert (cal.index.name, cal.index.dtype) == ("workday_index", pl.Int32)
    # Fri 05 on, Sat 06 off, Sun 07 make-up day on, Mon 08 on: 1, 1, 2, 3
    assert cal.index.to_list() == [1, 1, 2, 3]


def test_a_day_listed_as_both_is_a_working_day_even_where_the_calendar_has_none():
    # 2099: only the dataset's lists count; 01-01 in both lists → working day
    day = dt.date(2099, 1, 1)
    cal = Calendar(day, day, holidays=[day], workdays=[day])
    assert cal.is_workday.to_list() == [True]

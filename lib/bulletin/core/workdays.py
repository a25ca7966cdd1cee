"""Working days of the official mainland-China calendar, as a lookup table.

``elapsed`` (docs/definitions.md, section 1.2) counts the working days d with date(accepted) < d ≤
date(completed). With a cumulative working-day index w (w[d] = number of working days
up to and including d) that is w[completed] − w[accepted]: one gather per case, no loop.
The calendar is ``chinese-calendar``; a dataset may add or override days in its config
(``holidays`` / ``workdays``), which is the way to cover years the package does not know.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable

import chinese_calendar
import polars as pl

from bulletin.core.errors import ConfigError


@functools.cache
def official_workday(day: dt.date) -> bool | None:
    """chinese-calendar's answer for ``day``, None for a year it has no schedule of. Kept for
    the process: every month opened builds a calendar of three years and more, mostly the
    same days."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return None


class Calendar:
    """Working-day index over [start, end], built once per run."""

    def __init__(self, start: dt.date, end: dt.date, holidays: Iterable[dt.date] = (),
                 workdays: Iterable[dt.date] = ()):
        self.start, self.end = start, end
        extra_off, extra_on = set(holidays), set(workdays)
        days = pl.date_range(start, end, "1d", eager=True)
        uncovered = []
        flags = []
        for day in days:
            if day in extra_on:
                flags.append(True)
            elif day in extra_off:
                flags.append(False)
            elif (official := official_workday(day)) is None:
                uncovered.append(day)  # reported below; the run stops, no flag needed
            else:
                flags.append(official)
        if uncovered:
            raise ConfigError(
                f"工作日历未覆盖 {uncovered[0]} 至 {uncovered[-1]}（chinese-calendar "
                f"{chinese_calendar.__version__} 只收录已公布的节假日安排）。请升级 chinese-calendar，"
                "或在 dataset.yml 的 holidays / workdays 中列出这些日期的放假与调休安排。"
            )
        self.is_workday = pl.Series("is_workday", flags, dtype=pl.Boolean)
        self.index = self.is_workday.cast(pl.Int32).cum_sum().alias("workday_index")

    def elapsed(self, accepted: pl.Expr, completed: pl.Expr) -> pl.Expr:
        """Working days after the day of acceptance up to and including the day of completion."""
        base = pl.lit(self.start)
        a = (accepted.dt.date() - base).dt.total_days()
        c = (completed.dt.date() - base).dt.total_days()
        index = pl.lit(self.index)
        # Dates outside the calendar give null (the caller reports them), never a wrong count.
        a = pl.when((a >= 0) & (a < len(self.index))).then(a)
        c = pl.when((c >= 0) & (c < len(self.index))).then(c)
        return index.gather(c) - index.gather(a)

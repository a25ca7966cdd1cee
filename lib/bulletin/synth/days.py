"""Days as the generator counts them: day numbers since 1970-01-01, the months of a
range, and the working days of the official calendar (``core.workdays.Calendar``) as
sorted day numbers."""

from __future__ import annotations

import datetime as dt

import numpy as np

from bulletin.core.workdays import Calendar

DAY = 86_400


EPOCH = dt.date(1970, 1, 1)


def months_between(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def month_days(month: str) -> tuple[int, int]:
    """[first, last] day of a month as days since 1970-01-01."""
    y, m = int(month[:4]), int(month[5:])
    start = dt.date(y, m, 1)
    end = dt.date(y + (m == 12), m % 12 + 1, 1)
    return (start - EPOCH).days, (end - EPOCH).days - 1


class WorkingDays:
    """Working days as sorted day numbers (days since 1970-01-01)."""

    def __init__(self, first: dt.date, last: dt.date):
        cal = Calendar(first, last)
        offset = (first - EPOCH).days
        flags = cal.is_workday.to_numpy()
        self.first = offset
        self.flags = flags
        self.days = np.flatnonzero(flags) + offset

    def is_working(self, day: np.ndarray) -> np.ndarray:
        return self.flags[day - self.first]

    def position(self, day: np.ndarray) -> np.ndarray:
        """Index of the first working day on or after ``day``."""
        return np.searchsorted(self.days, day, side="left")

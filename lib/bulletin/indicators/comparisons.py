"""Comparisons: a value against an earlier one (环比 / 同比) and 累计 (January to the month).

Numbers only; the Chinese wording of a change is ``report.fmt.describe_change``.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from bulletin.core.definitions import known
from bulletin.indicators.rollups import count_columns


@dataclass(frozen=True)
class Change:
    """A value compared with an earlier one (环比 / 同比)."""

    current: float | None
    previous: float | None
    is_rate: bool

    @property
    def available(self) -> bool:
        return known(self.current) and known(self.previous)

    @property
    def difference(self) -> float | None:
        return self.current - self.previous if self.available else None

    @property
    def percent(self) -> float | None:
        """Relative change of a count; None for rates, a missing or a zero earlier value."""
        if self.is_rate or not self.available or self.previous == 0:
            return None
        return (self.current - self.previous) / self.previous


def year_to_date(facts: pl.DataFrame, month: str) -> pl.DataFrame:
    """累计: facts summed per unit from January of the month's year to the month; None if
    any of those months is missing from ``facts``."""
    months = [f"{month[:4]}-{m:02d}" for m in range(1, int(month[5:]) + 1)]
    present = set(facts["month"].unique().to_list())
    if not set(months) <= present:
        return None
    counts = count_columns(facts)
    return (
        facts.filter(pl.col("month").is_in(months))
        .group_by("unit", maintain_order=True)
        .agg([pl.when(pl.col(c).is_not_null().any()).then(pl.col(c).sum()).alias(c)
              for c in counts])
        .with_columns(pl.lit(f"{month[:4]}-01..{month}").alias("month"))
    )

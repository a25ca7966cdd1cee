"""The problem rules (存在的问题 线索) over one month's unit rows: which units and which
figures are a problem. Numbers and rows only; ``report.findings`` words them.

The rules: a unit with 超时办结件; a unit whose 差评 are not all 整改; the 全市 主动评价率
below ``thresholds.active_evaluation_rate_min``, and each unit with 办结件 below it; the
same of the 按时办结率 and ``thresholds.on_time_rate_min`` when that is under 100 % (at
100 % every unit below it has 超时办结件: the first rule's, not a second finding).
"""

from __future__ import annotations

import polars as pl

from bulletin.core.definitions import known
from bulletin.indicators.rankings import top


def overdue_units(units: pl.DataFrame) -> pl.DataFrame:
    """The rows with 超时办结件, the most first, ties in the annexes' order (``position``:
    ``indicators.rollups.own_rows``)."""
    return units.filter(pl.col("completed_overdue") > 0).sort(
        ["completed_overdue", "position"], descending=[True, False])


def unrectified_units(units: pl.DataFrame) -> pl.DataFrame | None:
    """The rows whose 差评 are not all 整改, in the rows' order, with ``open`` = 差评数 −
    已整改; None where the rows have no 差评 (an input without evaluations)."""
    if "bad_evaluations" not in units.columns:
        return None
    return units.with_columns((pl.col("bad_evaluations") - pl.col("bad_rectified"))
                              .alias("open")).filter(pl.col("open") > 0)


def below_minimum(rate: float | None, minimum: float) -> bool:
    """Whether a rate the data gives is below ``minimum`` (an unknown rate is not)."""
    return known(rate) and rate < minimum


def low_evaluation_units(units: pl.DataFrame, minimum: float) -> pl.DataFrame:
    """The units with 办结件 whose 主动评价率 is below ``minimum``, the lowest first, ties in
    registry order (``indicators.rankings.top``)."""
    return top(units, "active_evaluation_rate", n=units.height, ascending=True,
               where=(pl.col("completed") > 0) & (pl.col("active_evaluation_rate") < minimum))


def low_on_time_units(units: pl.DataFrame, minimum: float) -> pl.DataFrame:
    """The units with 办结件 whose 按时办结率 (1 − 超时办结件 / 办结件, of the unit's own
    counts) is below ``minimum``, the lowest first, ties in registry order; none where the
    rows have no 超时办结件 (an input that does not give it)."""
    if "on_time_rate" not in units.columns:
        return units.clear()
    return top(units, "on_time_rate", n=units.height, ascending=True,
               where=(pl.col("completed") > 0) & (pl.col("on_time_rate") < minimum))

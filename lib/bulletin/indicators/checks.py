"""The checks of the input against itself: a figure it states (a total line, a printed
小计 or 综合得分, a share, a figure of the bulletin's text) that differs from the one
computed from its rows. Numbers only; ``report.findings`` words each difference.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

import polars as pl

from bulletin.core.definitions import INDICATORS
from bulletin.indicators.hall import centres_total, town_subtotals
from bulletin.indicators.scores import round_score
from bulletin.ingest.hall import TOTAL, Hall
from bulletin.ingest.scores import MonthScores
from bulletin.ingest.targets import Stated


@dataclass(frozen=True)
class Difference:
    """A figure stated in the input (``stated``) that differs from the sum of the rows
    (``computed``): ``where`` it is stated (a scope, a unit, a place of a table) and
    ``column``, the key of the figure."""

    where: str
    column: str
    computed: int | float  # a rate (a fraction) where ``stated`` is one
    stated: int | float  # a count, or a rate written as a percentage in dataset.yml
    month: str | None = None

    @property
    def is_rate(self) -> bool:
        return isinstance(self.stated, float)


def hundredths(rate: float) -> int:
    """A rate in hundredths of a percent, truncated as the bulletin prints it."""
    return int(round(rate * 10000, 9))


def differs(computed: float | None, stated: float) -> bool:
    """Whether a stated figure differs from the computed one: a count from the sum rounded
    to a whole number; a rate (a float) from the computed rate as printed (two decimals of a
    percent, truncated). A figure that cannot be computed (None, NaN) is not checked."""
    if computed is None or math.isnan(computed):
        return False
    if isinstance(stated, float):
        return hundredths(computed) != hundredths(stated)
    return round(computed) != int(stated)


def _difference(where: str, column: str, computed: float, stated: float,
                month: str | None = None) -> Difference:
    return Difference(where, column, computed if isinstance(stated, float) else round(computed),
                      stated, month)


def stated_totals(rolled: pl.DataFrame, stated: dict[str, dict[str, dict[str, int | float]]]) \
        -> list[Difference]:
    """Totals stated in the input (month → scope → figure, an export's total line, the
    text of a bulletin) that differ from the roll-up of the unit rows (``rolled``); a
    scope or a figure the roll-ups do not have, or cannot compute, is not checked."""
    out = []
    for month, by_scope in stated.items():
        for scope, figures in by_scope.items():
            row = rolled.filter((pl.col("month") == month) & (pl.col("scope") == scope))
            if row.height == 0:
                continue
            for column, value in figures.items():
                if column in row.columns and differs(row[column][0], value):
                    out.append(_difference(scope, column, row[column][0], value, month))
    return out


def stated_sums(total: dict, stated: dict[str, int | float]) -> list[Difference]:
    """Figures the text states (figure → value) that differ from the sums of the unit rows
    (``total``): counts against the sums rounded to whole numbers, rates against the rates
    of the sums."""
    return [_difference("", column, total[column], value) for column, value in stated.items()
            if differs(total.get(column), value)]


@dataclass(frozen=True)
class ScoreDifference:
    """A printed 综合得分 (``what`` = "total") or 序号 ("rank") that differs from the
    computed one; scores rounded as the province prints them (``round_score``)."""

    group: str
    unit: str
    what: str
    computed: Decimal | int
    stated: Decimal | int
    stated_raw: float | int  # as the table prints it, unrounded


def score_differences(scores: MonthScores) -> list[ScoreDifference]:
    """Each printed 综合得分 that differs from the sum of the categories, and each printed
    序号 that differs from the rank by 综合得分, group by group, row by row."""
    out = []
    for g in scores.groups:
        for r in g.rows.iter_rows(named=True):
            computed = round_score(r["total"])
            if r["stated_total"] is not None and round_score(r["stated_total"]) != computed:
                out.append(ScoreDifference(g.group.name, r["unit"], "total", computed,
                                           round_score(r["stated_total"]), r["stated_total"]))
            if r["printed_rank"] is not None and r["printed_rank"] != r["rank"]:
                out.append(ScoreDifference(g.group.name, r["unit"], "rank", r["rank"],
                                           r["printed_rank"], r["printed_rank"]))
    return out


@dataclass(frozen=True)
class ImpossibleShare:
    """A printed share of ``items`` items that no whole number of them gives: ``value``
    as printed, ``nearest`` the k of the closest k / items."""

    unit: str
    indicator: str  # the key of the indicator (core.definitions.INDICATORS)
    value: float
    items: int | float
    nearest: int


def impossible_shares(frame: pl.DataFrame) -> list[ImpossibleShare]:
    """Each printed share of n items (``given_<indicator>``, a rate over 事项数) that is
    no k / n, indicator by indicator, unit by unit (已有办件事项 aside: its numerator is
    not a count of the items)."""
    out = []
    for ind in INDICATORS:
        given = f"given_{ind.key}"
        if not ind.is_rate or ind.denominator != "items" or given not in frame.columns \
                or ind.numerator == "items_with_cases":
            continue
        for r in frame.iter_rows(named=True):
            n, value = r.get("items"), r.get(given)
            if not n or value is None:
                continue
            k = round(value * n)
            if abs(k / n - value) > 0.00005 + 1e-12:
                out.append(ImpossibleShare(r["unit"], ind.key, value, n, k))
    return out


def hall_differences(hall: Hall, stated_text: dict[str, dict[str, int]] | None = None) \
        -> list[Difference]:
    """Printed 小计 / 总计, and totals stated in the bulletin's text (``stated_totals`` of
    dataset.yml under 大厅窗口 / 便民服务中心), that differ from the sums of the rows;
    ``where`` names the place: 「西城街道（表中）」, 「便民服务中心（正文）」."""
    out = []

    def check(where, column, computed, value):
        if value is not None and differs(computed, value):
            out.append(_difference(where, column, computed, value))

    if hall.centres is not None:
        subtotals = {r["town"]: r for r in town_subtotals(hall.centres).iter_rows(named=True)}
        total = centres_total(hall.centres)
        for where, figures in hall.stated.items():
            computed = total if where == TOTAL else subtotals.get(where)
            for column, value in figures.items():
                if computed is not None:
                    check(f"{where}（表中）", column, computed[column], value)
        for column, value in (stated_text or {}).get("便民服务中心", {}).items():
            if column in total:
                check("便民服务中心（正文）", column, total[column], value)
    if hall.windows is not None:
        total = int(hall.windows["window_cases"].sum())
        check("大厅窗口（表中总计）", "window_cases", total, hall.window_total_stated)
        for column, value in (stated_text or {}).get("大厅窗口", {}).items():
            check("大厅窗口（正文）", column, total, value)
    return out


@dataclass(frozen=True)
class TargetDifference:
    """An achieved value the bulletin's text gives (``stated``) that differs from the
    targets table's (``table``, as printed there)."""

    indicator: str
    stated: Stated
    table: str


def target_differences(table: pl.DataFrame, stated: dict[str, Stated]) -> list[TargetDifference]:
    """Achieved values the text gives (indicator → value, ``MonthInputs.stated_targets``)
    that differ from the targets table; an indicator the table has no value of, or a text
    without a number, is not checked."""
    out = []
    rows = {r["indicator"]: r for r in table.iter_rows(named=True)}
    for name, given in stated.items():
        r = rows.get(name)
        if r is None or given.value is None or r["achieved_value"] is None:
            continue
        if abs(given.value - r["achieved_value"]) > 1e-9:
            out.append(TargetDifference(name, given, r["achieved"]))
    return out

"""考核得分 (seed 001), the computation: 综合得分 rounding, rank changes against the
previous month, and the 较好 / 较差 categories.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import polars as pl

from bulletin.ingest.scores import GroupScores, MonthScores

CENT = Decimal("0.01")


def round_score(value: Decimal | float) -> Decimal:
    """Two decimals, half up: the province prints 89.701 as 89.70 and 89.677 as 89.68."""
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def rank_changes(now: GroupScores, before: GroupScores | None) -> pl.DataFrame:
    """unit, rank, previous_rank, change (positive = moved up); previous null when absent."""
    rows = now.rows.select("unit", "rank")
    if before is None:
        return rows.with_columns(pl.lit(None, dtype=pl.Int64).alias("previous_rank"),
                                 pl.lit(None, dtype=pl.Int64).alias("change"))
    prev = before.rows.select("unit", pl.col("rank").alias("previous_rank"))
    return rows.join(prev, on="unit", how="left", maintain_order="left").with_columns(
        (pl.col("previous_rank") - pl.col("rank")).alias("change"))


@dataclass
class CategoryResult:
    """较好 / 较差: a category, and the units (with points and shortfall) behind it."""

    name: str
    good: bool
    shortfalls: list[tuple[str, str, float, float]]  # (group, unit, points, max − points)


def category_results(scores: MonthScores) -> list[CategoryResult]:
    """Over all groups, each full-marks category: 较好 when every unit has full marks,
    else 较差 with the units that lost points (largest shortfall first, ties by registry)."""
    names: list[str] = []
    for g in scores.groups:
        names += [c.name for c in g.group.categories
                  if c.full_marks_expected and c.name not in names]
    out = []
    for name in names:
        short = []
        for g in scores.groups:
            cat = next((c for c in g.group.categories if c.name == name), None)
            if cat is None or not cat.full_marks_expected:
                continue
            for r in g.rows.sort("order").iter_rows(named=True):
                lost = Decimal(str(cat.max)) - Decimal(str(r[name]))
                if lost > 0:
                    short.append((g.group.name, r["unit"], r[name], float(lost), r["order"]))
        short.sort(key=lambda s: (-s[3], s[4]))
        out.append(CategoryResult(name, not short, [s[:4] for s in short]))
    return out

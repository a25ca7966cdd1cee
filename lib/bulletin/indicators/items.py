"""事项清单 indicators (seeds 003 and 004) per unit and rolled up, each against its target.

口径 (``INDICATORS``): each indicator is Σ numerator / Σ denominator at the level shown.
A unit's figure is the platform's where the input gives it (kept as given) and is
computed from its counts otherwise. A roll-up sums counts; where a summary gives an
indicator only as a rate, its numerator is restored as rate × denominator (事项数, or
已认领) before summing, which is the pooled ratio over all items, never a mean of rates.

This module: the indicator definitions, targets, per-unit values and pooled roll-ups.
"""

from __future__ import annotations

import math

import polars as pl

from bulletin.core.definitions import INDICATORS, PARTS, Indicator


def default_targets(config) -> dict[str, tuple[float | None, float | None]]:
    """(min, max) per indicator: ``item_targets`` in dataset.yml, else the defaults: 100 %
    for the four 梳理 rates, the ``thresholds`` for the rest (docs/config.md)."""
    t = config.thresholds
    out = {"claim_rate": (1.0, None), "publish_rate": (1.0, None),
           "guide_accuracy": (1.0, None), "sorting_completion": (1.0, None),
           "promise_speedup": (t.promise_speedup_min, None), "visits_avg": (None, t.visits_max),
           "instant_share": (t.instant_share_min, None),
           "full_online_share": (t.full_online_share_min, None)}
    for key, target in config.item_targets.items():
        out[key] = (target.min, target.max)
    return out


def meets(value: float | None, target: tuple[float | None, float | None]) -> bool | None:
    if value is None or math.isnan(value):
        return None
    lo, hi = target
    return (lo is None or value >= lo - 1e-12) and (hi is None or value <= hi + 1e-12)


def with_indicators(frame: pl.DataFrame) -> pl.DataFrame:
    """Add each indicator: the given rate where the input has it, else Σnum / Σden."""
    exprs = []
    for ind in INDICATORS:
        cols = frame.columns
        computed = (pl.when(pl.col(ind.denominator) > 0)
                    .then(pl.col(ind.numerator) / pl.col(ind.denominator))
                    if ind.numerator in cols and ind.denominator in cols else pl.lit(None))
        given = f"given_{ind.key}"
        value = pl.coalesce(pl.col(given), computed) if given in cols else computed
        exprs.append(value.cast(pl.Float64).alias(ind.key))
    return frame.with_columns(exprs)


def rollup_items(units: pl.DataFrame, name: str) -> dict:
    """Σ counts over the units → one row of indicators (a given rate never enters)."""
    sums = {p: units[p].drop_nulls().sum() if units[p].null_count() < units.height else None
            for p in PARTS}
    out = {"unit": name, **sums}
    for ind in INDICATORS:
        # Units lacking this indicator must not dilute it: use only units with both parts.
        both = units.filter(pl.col(ind.numerator).is_not_null() & pl.col(ind.denominator).is_not_null())
        den = both[ind.denominator].sum() if both.height else 0
        out[ind.key] = both[ind.numerator].sum() / den if den else None
    return out


def indicators_present(frame: pl.DataFrame) -> list[Indicator]:
    """Indicators the input states for some unit (given rate, or both counts)."""
    out = []
    for ind in INDICATORS:
        given = f"given_{ind.key}"
        has_given = given in frame.columns and frame[given].null_count() < frame.height
        has_counts = all(c in frame.columns and frame[c].null_count() < frame.height
                         for c in (ind.numerator, ind.denominator))
        if has_given or has_counts:
            out.append(ind)
    return out


def below_target(frame: pl.DataFrame, targets: dict) -> dict[str, list[tuple[str, float]]]:
    """indicator → [(unit, value)] of units that miss the target, in registry order."""
    out = {}
    for ind in indicators_present(frame):
        if ind.key not in targets:
            continue
        rows = [(r["unit"], r[ind.key]) for r in frame.iter_rows(named=True)
                if meets(r[ind.key], targets[ind.key]) is False]
        out[ind.key] = rows
    return out

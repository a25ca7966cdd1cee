"""Roll-ups and rates from summed counts.

This module: scopes (全市, 市本级, 各县（市、区）, each area, each unit with everything under
it), roll-ups as sums of the unit rows, and every rate of the catalogue
(``core.definitions``) from the summed counts — nothing here averages rates. Every figure
the bulletin prints for a scope or a unit comes from ``rollup``: a county's figure is the
same number in the text, the charts, the annexes, the unit pages and the explorer.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from bulletin.core.definitions import RATES
from bulletin.core.units import CITY, COUNTIES, DEPARTMENT, OWN_SUFFIX
from bulletin.facts.cube import FACT_COLUMNS
from bulletin.ingest.registry import Registry

NOT_COMPUTABLE = float("nan")


@dataclass(frozen=True)
class Scope:
    name: str
    kind: str  # city | city_level | counties | county | unit
    members: tuple[str, ...]


def scopes(registry: Registry, city_level_name: str = "市本级") -> list[Scope]:
    """全市, 市本级, 各县（市、区） and each area (a county with its departments, towns and
    communities; a town without a county with its communities)."""
    units = registry.names
    area_of = {u: registry.area_of(u) for u in units}
    out = [
        Scope(CITY, "city", tuple(units)),
        Scope(city_level_name, "city_level", tuple(registry.of_level(DEPARTMENT))),
        Scope(COUNTIES, "counties", tuple(u for u in units if area_of[u] is not None)),
    ]
    out += [Scope(a, "county", tuple(registry.subtree(a))) for a in registry.areas]
    return out


def unit_scopes(registry: Registry) -> list[Scope]:
    """One scope per registry unit, in registry order: the unit with every unit under it."""
    return [Scope(u, "unit", tuple(registry.subtree(u))) for u in registry.names]


def own_name(registry: Registry, unit: str) -> str:
    """The name of a unit's own cases: the unit's name, or 「西岭县本级」 for a unit with
    units under it (whose name stands for all of them)."""
    return f"{unit}{OWN_SUFFIX}" if registry.children[unit] else unit


def membership(scope_list: list[Scope]) -> pl.DataFrame:
    return pl.DataFrame(
        [(s.name, s.kind, m) for s in scope_list for m in s.members],
        schema={"scope": pl.String, "kind": pl.String, "unit": pl.String}, orient="row",
    )


# Additive side figures beside the unit_month facts: the number of distinct 承诺件 items
# (法定时限 > 0) a unit completed cases of, and the sum of their (legal − promised) / legal.
ITEM_COLUMNS = ["promise_items", "promise_items_speedup"]


def count_columns(facts: pl.DataFrame) -> list[str]:
    return [c for c in FACT_COLUMNS + ITEM_COLUMNS if c in facts.columns]


def rollup(facts: pl.DataFrame, scope_list: list[Scope]) -> pl.DataFrame:
    """Summed counts per (month, scope), in the order of ``scope_list``. A count that no
    member unit states (all null, as in an aggregated export that lacks it) stays null. A
    rate an aggregated export gives (``given_…``) is kept for a scope of one unit (a
    county without units under it is its own row: 达川区 39.15%, the platform's rounding)
    and dropped for a sum of several, whose rate ``with_rates`` computes."""
    counts = count_columns(facts)
    given = [c for c in facts.columns if c.startswith("given_")]
    order = {s.name: i for i, s in enumerate(scope_list)}
    return (
        facts.join(membership(scope_list), on="unit", how="inner")
        .group_by("month", "scope", "kind")
        .agg([pl.when(pl.col(c).is_not_null().any()).then(pl.col(c).sum()).alias(c)
              for c in counts]
             + [pl.when(pl.len() == 1).then(pl.col(c).first()).alias(c) for c in given])
        .with_columns(pl.col("scope").replace_strict(order, return_dtype=pl.Int32).alias("_o"))
        .sort("month", "_o")
        .drop("_o")
    )


def unit_rows(facts: pl.DataFrame, registry: Registry) -> pl.DataFrame:
    """Each registry unit's figures with everything under it (a county with its
    departments, towns and communities; a unit without units under it is its own row),
    with its registry columns, in registry order (the row order of ``registry.units``:
    level, then 序号, which may restart for each level)."""
    rolled = rollup(facts, unit_scopes(registry)).rename({"scope": "unit"}).drop("kind")
    return _with_registry(rolled, registry)


def own_rows(facts: pl.DataFrame, registry: Registry) -> pl.DataFrame:
    """Each registry unit's own cases (every case counted once, in the unit that handled
    it), with its registry columns, ``name``: the unit's name, or 「西岭县本级」 where
    units are under it (``own_name``), and ``position``: its place in the annexes'
    order (``Registry.tree_order``: ties of units of different levels, whose 序号 restart,
    are broken by it)."""
    names = {u: own_name(registry, u) for u in registry.names}
    own = facts.with_columns(pl.col("unit").cast(pl.String))
    return _with_registry(own, registry, keep_position=True).with_columns(
        pl.col("unit").replace_strict(names, return_dtype=pl.String).alias("name"))


def _with_registry(frame: pl.DataFrame, registry: Registry,
                   keep_position: bool = False) -> pl.DataFrame:
    """``frame`` with the registry columns, in registry order; ``position``: the annexes'."""
    position = {u: i for i, u in enumerate(registry.tree_order)}
    columns = (registry.units.select("unit", "level", "parent", "order").with_row_index("_row")
               .with_columns(pl.col("unit").replace_strict(position, return_dtype=pl.Int64)
                             .alias("position")))
    out = (frame.with_columns(pl.col("unit").cast(pl.String))
           .join(columns, on="unit", how="left").sort("month", "_row").drop("_row"))
    return out if keep_position else out.drop("position")


def with_rates(frame: pl.DataFrame) -> pl.DataFrame:
    """Add every rate computable from the frame's counts (null where the denominator is 0
    or a count is missing). A ``given_<rate>`` column (copied from an aggregated export)
    wins over the computed rate: rates in such exports are shown as given."""
    exprs = []
    for rate in RATES.values():
        needed = rate.numerator.meta.root_names() + [rate.denominator]
        if not all(c in frame.columns for c in needed):
            # Not computable from this input (NaN), as opposed to a zero denominator (null).
            computed = pl.lit(NOT_COMPUTABLE, dtype=pl.Float64)
        else:
            den = pl.col(rate.denominator)
            value = rate.numerator / den
            computed = pl.when(den > 0).then(1 - value if rate.complement else value)
        given = f"given_{rate.name}"
        if given in frame.columns:
            computed = pl.coalesce(pl.col(given), computed)
        exprs.append(computed.cast(pl.Float64).alias(rate.name))
    # Given rates with no count-based formula here (承诺提速率) pass through as given.
    exprs += [pl.col(c).alias(c.removeprefix("given_")) for c in frame.columns
              if c.startswith("given_") and c.removeprefix("given_") not in RATES]
    return frame.with_columns(exprs)

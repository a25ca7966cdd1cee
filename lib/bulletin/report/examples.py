"""Examples an explorer's notebook picks from the dataset it is given, instead of naming
the units of one registry (notebooks/explore.ipynb): the same questions then run on any
dataset with unit_month facts (cases/ or unit_stats/)."""

from __future__ import annotations

import polars as pl

from bulletin.report.month import MonthlyBulletin

COUNTY_KIND = "county"  # a county with everything under it (indicators.rollups)


def example_scope(b: MonthlyBulletin) -> str:
    """The county whose roll-up (with its departments, towns and villages) completed the
    most cases this month, ties by registry order; in a registry without counties, the
    unit that completed the most. A name ``b.series`` takes."""
    if COUNTY_KIND in {scope.kind for scope in b.scopes}:
        rows = b.rollup_table(kind=COUNTY_KIND, chinese=False).rename({"scope": "name"})
    else:
        rows = b.unit_table(chinese=False).rename({"unit": "name"})
    if rows.height == 0:
        raise ValueError(f"{b.dataset_name} {b.month}: the registry has no unit to take as example")
    rows = rows.with_columns(pl.col("completed").fill_null(0))
    return rows.sort("completed", descending=True, maintain_order=True)["name"][0]

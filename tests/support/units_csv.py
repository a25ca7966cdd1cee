"""A dataset's units.csv read as written, with plain polars: what the explorer's tables are
checked against, not the model's registry."""

from __future__ import annotations

from pathlib import Path

import polars as pl

COUNTY = "县（市、区）"


def units_with_county(folder: Path) -> pl.DataFrame:
    """units.csv as written: unit, level, parent, order, and the county each unit is in (the
    unit itself for a county, None for a unit under no county)."""
    units = pl.read_csv(folder / "units.csv", infer_schema_length=0).select(
        pl.col("单位名称").alias("unit"), pl.col("层级").alias("level"),
        pl.col("上级单位").alias("parent"), pl.col("序号").cast(pl.Int64).alias("order"))
    level = dict(zip(units["unit"], units["level"], strict=True))
    parent = dict(zip(units["unit"], units["parent"], strict=True))

    def county(u):
        while u is not None and level.get(u) != COUNTY:
            u = parent.get(u)
        return u

    return units.with_columns(pl.col("unit").map_elements(county, return_dtype=pl.String)
                              .alias("county"))


def busiest_county(facts: pl.DataFrame, month: str) -> str:
    """The county whose units (itself and every unit under it) completed most in ``month``,
    ties by the county's 序号: ``facts`` are unit_month rows joined with
    ``units_with_county`` (unit, completed, county, and the county's own row for its order)."""
    order = dict(facts.filter(pl.col("level") == COUNTY).select("unit", "order").unique().rows())
    totals = (facts.filter((pl.col("month") == month) & pl.col("county").is_not_null())
              .group_by("county").agg(pl.col("completed").sum()).rows())
    return min(totals, key=lambda row: (-row[1], order[row[0]]))[0]

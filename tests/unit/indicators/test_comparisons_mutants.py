"""累计 (year_to_date) of many units: units in the order of the facts, the label of the
months summed, and January … the month of the same year only."""

from __future__ import annotations

import polars as pl

from bulletin.facts.cube import FACT_COLUMNS
from bulletin.indicators.comparisons import year_to_date

# forty units, in an order that is neither sorted nor hashed
UNITS = [f"单位{(i * 37) % 97:02d}" for i in range(40)]


def _facts(months: list[str]) -> pl.DataFrame:
    return pl.DataFrame([{"month": m, "unit": u, **{c: 1 for c in FACT_COLUMNS}}
                         for m in months for u in UNITS])


def test_year_to_date_of_many_units_keeps_their_order():
    ytd = year_to_date(_facts(["2020-12", "2021-01", "2021-02", "2021-03"]), "2021-03")
    assert ytd["unit"].to_list() == UNITS
    # 2021-01 + 2021-02 + 2021-03 = 1 + 1 + 1 (not 2020-12)
    assert set(ytd["completed"].to_list()) == {3}
    assert set(ytd["month"].to_list()) == {"2021-01..2021-03"}


def test_year_to_date_of_december_sums_twelve_months():
    months = [f"2020-{m:02d}" for m in range(1, 13)]
    ytd = year_to_date(_facts(["2019-12", *months]), "2020-12")
    assert ytd["month"].to_list() == ["2020-01..2020-12"] * 40
    assert set(ytd["applied"].to_list()) == {12}  # twelve months of 1

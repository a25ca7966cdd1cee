"""Dates that parse into nonsense: two-digit years (read as year 0021), years far in the past
or the future. Such a cell is a bad cell (quarantined, with a message that asks for a
four-digit year), never a case counted in no month."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from bulletin.core.errors import InputError
from bulletin.facts.build import case_facts
from bulletin.ingest.dataset import Dataset, Ingestion
from support.hostile import case, frame, make_dataset

GOOD = case("G1", "2021-02-03 09:00:00", "2021-02-03 10:00:00", "2021-02-05 10:00:00")


def facts_of(folder, strict=False):
    ds = Dataset.open(folder, strict=strict)
    ing = Ingestion()
    facts = case_facts(ds, "2021-02", "2021-02", ing)
    return facts, ing


@pytest.mark.parametrize("cell", ["21-2-3 09:05", "21/02/03", "21-02-03", "0021-02-03 09:05:00",
                                  "99/1/1 00:00", "1899-12-31 10:00:00", "1999-12-31",
                                  "2101-01-01 00:00:00", "9999-01-01"])
def test_implausible_year_in_applied_at_is_quarantined(tmp_path, cell):
    folder = make_dataset(tmp_path, {"a.csv": [GOOD, case("B1", cell)]})
    facts, ing = facts_of(folder)
    f = ing.files[0]
    assert (f.read, f.used, f.quarantined) == (2, 1, 1)
    [p] = ing.problems
    assert (p.row, p.column, p.value) == (3, "申请时间", cell)
    assert "四位年份" in p.expected
    assert facts["applied"].sum() == 1


@pytest.mark.parametrize("column,index", [("受理时间", 5), ("办结时间", 6)])
def test_two_digit_year_in_other_datetimes_is_quarantined(tmp_path, column, index):
    cells = GOOD.split(",")
    cells[0], cells[index] = "B1", "21-2-4 09:05"
    folder = make_dataset(tmp_path, {"a.csv": [GOOD, ",".join(cells)]})
    _, ing = facts_of(folder)
    [p] = ing.problems
    assert (p.row, p.column) == (3, column) and "四位年份" in p.expected


def test_two_digit_year_is_an_error_under_strict(tmp_path):
    folder = make_dataset(tmp_path, {"a.csv": [GOOD, case("B1", "21/02/03")]})
    with pytest.raises(InputError) as err:
        facts_of(folder, strict=True)
    assert "第 3 行" in str(err.value) and "申请时间" in str(err.value)
    assert "四位年份" in str(err.value)


def test_parquet_datetime_with_year_0021_is_quarantined(tmp_path):
    folder = make_dataset(tmp_path)
    rows = frame([GOOD, case("B1", "2021-02-03 09:00:00")]).with_columns(
        pl.col("申请时间").str.to_datetime("%Y-%m-%d %H:%M:%S"))
    rows = rows.with_columns(
        pl.when(pl.col("办件编号") == "B1").then(pl.lit(dt.datetime(21, 2, 3, 9)))
        .otherwise(pl.col("申请时间")).alias("申请时间"))
    (folder / "cases").mkdir()
    rows.write_parquet(folder / "cases" / "a.parquet")
    _, ing = facts_of(folder)
    [p] = ing.problems
    assert (p.row, p.column) == (2, "申请时间") and "四位年份" in p.expected


def test_future_date_is_quarantined(tmp_path):
    future = (dt.date.today() + dt.timedelta(days=40)).strftime("%Y-%m-%d 09:00:00")
    folder = make_dataset(tmp_path, {"a.csv": [GOOD, case("B1", "2021-02-03 09:00:00",
                                                          "2021-02-03 10:00:00", future)]})
    _, ing = facts_of(folder)
    [p] = ing.problems
    assert (p.row, p.column, p.value) == (3, "办结时间", future)
    assert "未来" in p.expected


def test_evaluation_with_two_digit_year_is_quarantined(tmp_path):
    folder = make_dataset(tmp_path, {"a.csv": [GOOD]})
    (folder / "evaluations").mkdir()
    (folder / "evaluations" / "e.csv").write_text(
        "评价编号,办件编号,被评价单位,评价时间,评价等级,评价方式,整改完成时间\n"
        "E1,G1,市公安局,2021-02-05 12:00:00,满意,主动评价,\n"
        "E2,G1,市公安局,21-2-5 12:00,满意,主动评价,\n", encoding="utf-8")
    facts, ing = facts_of(folder)
    [p] = ing.problems
    assert (p.row, p.column) == (3, "评价时间") and "四位年份" in p.expected
    assert facts["evaluations"].sum() == 1

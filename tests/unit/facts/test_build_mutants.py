"""Bad rows as ``case_facts`` reports them, by hand: 25 cases of a unit the registry does not
know (rows 2 … 26 of the file, below the header) and one good case.

Without ``strict`` every bad cell is listed and the run goes on; with ``strict`` the run
stops with the first 20 of them (an error listing thousands of lines helps nobody)."""

from __future__ import annotations

import polars as pl
import pytest

from bulletin.core.errors import InputError, Problem
from bulletin.facts.build import case_facts
from bulletin.ingest.dataset import Dataset, Ingestion
from support.handmade import case, make

EXPECTED = "单位名录中的单位或其别名"


@pytest.fixture
def folder(tmp_path):
    rows = [case(f"U{i}", "市未知局", "2021-03-01 09:00:00") for i in range(25)]
    rows.append(case("G1", "市甲局", "2021-03-02 09:00:00"))
    return make(tmp_path / "ds", rows)


def test_every_bad_row_is_listed_and_the_good_one_counted(folder):
    ingestion = Ingestion()
    facts = case_facts(Dataset.open(folder), "2021-03", "2021-03", ingestion)
    assert ingestion.problems == [
        Problem("ds/cases/cases.csv", row, "办理单位", "市未知局", EXPECTED) for row in range(2, 27)]
    (count,) = ingestion.files
    assert (count.read, count.used, count.quarantined) == (26, 1, 25)  # 25 + 1 rows
    assert facts.filter(pl.col("unit") == "市甲局")["applied"].to_list() == [1]
    assert facts["applied"].sum() == 1


def test_strict_stops_with_the_first_twenty(folder):
    with pytest.raises(InputError) as err:
        case_facts(Dataset.open(folder, strict=True), "2021-03", "2021-03", Ingestion())
    assert err.value.problems == [
        Problem("ds/cases/cases.csv", row, "办理单位", "市未知局", EXPECTED) for row in range(2, 22)]
    assert str(err.value.problems[0]) == ("文件 ds/cases/cases.csv 第 2 行「办理单位」列：值「市未知局」"
                                          "不符合要求，应为单位名录中的单位或其别名")

"""A month inside a dataset's span without any data (its case file missing, every row of it
quarantined, its unit_stats export missing) is not available: never the base of 环比 as
zeros, never summed into 累计, and it cannot be published."""

from __future__ import annotations

import shutil

import polars as pl
import pytest

import bulletin
from bulletin.core.errors import InputError
from bulletin.facts.build import case_facts
from bulletin.ingest.dataset import Dataset, Ingestion
from bulletin.report.sections.operation import base_reviews
from bulletin.report.sections.operation.narrative import comparison_sentence, operation_paragraphs
from support.hostile import ROOT, copy_synthetic


def without(folder, *names):
    for name in names:
        (folder / "cases" / name).unlink()
    return folder


def two_digit_years(folder, name):
    """Every 申请时间 of a CSV written with a two-digit year (all its rows are then bad)."""
    path = folder / "cases" / name
    frame = pl.read_csv(path, infer_schema=False, encoding="utf8")
    frame = frame.with_columns(pl.col("申请时间").str.slice(2))
    frame.write_csv(path, include_bom=True)
    return folder


@pytest.fixture(params=["missing file", "every row bad"])
def december_without_data(request, tmp_path):
    folder = copy_synthetic(tmp_path)
    if request.param == "missing file":
        return without(folder, "2020-12.csv")
    return two_digit_years(folder, "2020-12.csv")


def test_a_month_without_case_rows_is_not_available(december_without_data):
    months = bulletin.available_months(december_without_data)
    assert "2020-12" not in months
    assert months[0] == "2020-10" and months[-1] == "2021-04"


def test_the_next_month_says_the_previous_month_has_no_data(december_without_data):
    b = bulletin.open_month(december_without_data, "2021-01")
    assert not b.has("2020-12")
    assert b.change("全市", "completed").available is False
    # no 环比 and nothing said of it in the bulletin (no year-ago month, no 累计 in January);
    # the review tells the analyst why
    assert comparison_sentence(b, "全市") == ""
    assert "较上月" not in " ".join(operation_paragraphs(b, "全市", "city"))
    assert base_reviews(b)[0].text.startswith("2020年12月无数据：本期正文不作环比，图1—图3只绘本月")


def test_a_month_without_data_cannot_be_published(december_without_data):
    with pytest.raises(InputError) as err:
        bulletin.open_month(december_without_data, "2020-12")
    assert "2020-12" in str(err.value) and "无数据" in str(err.value)


def test_year_to_date_is_not_given_when_january_has_no_data(tmp_path):
    folder = without(copy_synthetic(tmp_path), "2021-01.xlsx")
    b = bulletin.open_month(folder, "2021-02")
    assert b.year_to_date is None
    assert comparison_sentence(b, "全市") == ""  # no 累计, no 环比, no word of either


def test_case_facts_leave_out_a_month_without_data_and_say_so(december_without_data):
    ing = Ingestion()
    facts = case_facts(Dataset.open(december_without_data), "2020-11", "2021-01", ing)
    assert sorted(facts["month"].unique()) == ["2020-11", "2021-01"]
    assert any("2020-12" in line and "无数据" in line for line in ing.lines())


@pytest.fixture
def unit_stats_with_a_gap(tmp_path):
    """seed 000's export as January and March, February missing."""
    folder = tmp_path / "seed000"
    shutil.copytree(ROOT / "data" / "seed000", folder)
    exports = folder / "unit_stats"
    shutil.copy(exports / "2021-02.xlsx", exports / "2021-01.xlsx")
    (exports / "2021-02.xlsx").rename(exports / "2021-03.xlsx")
    return folder


def test_unit_stats_month_without_export_is_no_base_and_no_part_of_year_to_date(
        unit_stats_with_a_gap):
    b = bulletin.open_month(unit_stats_with_a_gap, "2021-03")
    assert not b.has("2021-02")
    assert b.year_to_date is None
    assert comparison_sentence(b, "全市") == ""
    assert "2021年2月无数据" in base_reviews(b)[0].text

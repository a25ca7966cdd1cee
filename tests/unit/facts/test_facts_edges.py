"""Where the facts refuse to guess, worked out by hand: a case accepted before the working-day
calendar, a month's aggregated export given twice, an empty month range, a month without
any valid case; and the months a dataset holds."""

from __future__ import annotations

import shutil

import polars as pl
import pytest

from bulletin.core.errors import ConfigError, InputError
from bulletin.facts.build import case_facts, facts_for, months_in, unit_stats_facts
from bulletin.ingest.dataset import Dataset, Ingestion
from support.handmade import case, done, make
from support.paths import DATA


@pytest.mark.parametrize(("accepted", "fails"), [("2018-02-27 09:00:00", False),
                                                  ("2018-02-26 23:59:59", True)])
def test_acceptance_before_the_calendar_is_an_error_not_a_guess(tmp_path, accepted, fails):
    # Computing March 2021: the calendar starts 3 × 366 = 1098 days before 2021-03-01, on
    # 2018-02-27 (2018-02-27 → 2021-02-27 is 365 + 365 + 366 = 1096 days, + 2 to 03-01).
    folder = make(tmp_path, [done("L1", "市甲局", accepted, "2021-03-02 10:00:00", 10, 5),
                             case("L2", "市乙局", "2021-03-01 09:00:00")])
    ds = Dataset.open(folder)
    if not fails:
        facts = case_facts(ds, "2021-03", "2021-03")
        assert facts.filter(pl.col("unit") == "市甲局")["completed"].to_list() == [1]
        return
    with pytest.raises(InputError) as err:
        case_facts(ds, "2021-03", "2021-03")
    (problem,) = err.value.problems
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "cases/", None, "受理时间", "2018-02-26 23:59:59")
    assert problem.expected == "不早于 2018-02-27 的受理时间（超出工作日历范围，无法计算办理用时）"


def test_a_month_without_any_valid_case_is_left_out_and_said(tmp_path):
    folder = make(tmp_path, [
        case("A1", "市甲局", "2021-01-05 09:00:00"),
        case("B1", "市未知局", "2021-02-05 09:00:00"),  # February's only case is bad
        case("C1", "市甲局", "2021-03-05 09:00:00"),
    ])
    ingestion = Ingestion()
    facts = case_facts(Dataset.open(folder), "2021-01", "2021-03", ingestion)
    assert facts["month"].unique(maintain_order=True).to_list() == ["2021-01", "2021-03"]
    assert ingestion.empty_months == ["2021-02"]
    assert ingestion.lines()[-1] == \
        "2021-02：没有任何有效的办件（无数据），不计入事实表，也不作为比较的基期"
    assert months_in(Dataset.open(folder)) == ["2021-01", "2021-03"]


def test_without_evaluations_the_evaluation_figures_are_unknown_not_zero(tmp_path):
    folder = make(tmp_path, [done("A1", "市甲局", "2021-03-01 09:00:00", "2021-03-01 10:00:00")])
    facts = facts_for(Dataset.open(folder), "2021-03", "2021-03")
    for column in ("active_evaluations", "evaluations", "bad_evaluations", "bad_rectified"):
        assert facts[column].null_count() == facts.height == 5, column
    assert facts["completed"].sum() == 1
    assert facts["promise_items"].to_list() == [0] * 5  # no 承诺件: 0 items, not unknown


@pytest.fixture
def exports(tmp_path):
    """seed 000's export as February and March."""
    folder = tmp_path / "seed000"
    shutil.copytree(DATA / "seed000", folder)
    shutil.copy(folder / "unit_stats" / "2021-02.xlsx", folder / "unit_stats" / "2021-03.xlsx")
    return folder


def test_months_of_aggregated_exports_are_the_files(exports):
    assert months_in(Dataset.open(exports)) == ["2021-02", "2021-03"]


def test_a_month_given_twice_is_an_error(exports):
    (exports / "unit_stats" / "2021").mkdir()
    shutil.copy(exports / "unit_stats" / "2021-02.xlsx", exports / "unit_stats" / "2021" / "2021-02.xlsx")
    with pytest.raises(InputError) as err:
        unit_stats_facts(Dataset.open(exports), "2021-02", "2021-02")
    (problem,) = err.value.problems
    assert problem.file == "seed000/unit_stats/2021/2021-02.xlsx"
    assert problem.value == "2021-02.xlsx"
    assert problem.expected == "每月只有一个运行情况表（2021-02 已有 seed000/unit_stats/2021-02.xlsx）"


def test_an_empty_range_of_months_is_an_error(exports):
    with pytest.raises(ConfigError, match="月份范围 2021-03..2021-02 为空：截止月份早于起始月份"):
        unit_stats_facts(Dataset.open(exports), "2021-03", "2021-02")


def test_a_month_without_export_has_unknown_figures(exports):
    facts = unit_stats_facts(Dataset.open(exports), "2021-01", "2021-03")
    assert facts["month"].unique(maintain_order=True).to_list() == ["2021-01", "2021-02", "2021-03"]
    jan = facts.filter(pl.col("month") == "2021-01")
    assert jan.height == 49 and jan["applied"].null_count() == 49
    feb = facts.filter(pl.col("month") == "2021-02")
    assert feb["applied"].sum() == 6545 + 243134  # the two annexes of seed 000
    assert facts_for(Dataset.open(exports), "2021-03", "2021-03")["given_active_evaluation_rate"] \
        .is_not_null().sum() > 0


def test_optional_columns_may_be_absent(tmp_path):
    """Only the required columns: no 事项编码/事项名称/法定时限 in the cases, no 办件编号 and
    整改完成时间 in the evaluations. Absent means blank: no 法定时限 (no legal days, no
    承诺提速率 items), no rectification."""
    from support.handmade import write

    folder = make(tmp_path, [])
    write(folder, "cases/cases.csv",
          "办件编号,办理单位,申请时间,受理时间,办结时间,承诺时限,申请方式\n"
          "K1,市甲局,2021-03-01 09:00:00,2021-03-01 09:00:00,2021-03-03 09:00:00,3,线上\n"
          "K2,市甲局,2021-03-01 09:00:00,2021-03-01 09:00:00,2021-03-05 09:00:00,3,线下\n")
    write(folder, "evaluations/e.csv", "评价编号,被评价单位,评价时间,评价等级,评价方式\n"
          "V1,市甲局,2021-03-04 10:00:00,非常不满意,主动评价\n")
    facts = facts_for(Dataset.open(folder), "2021-03", "2021-03")
    unit = facts.filter(pl.col("unit") == "市甲局").row(0, named=True)
    # K1 elapsed 2 < 3: early; K2 elapsed 4 > 3: overdue
    assert (unit["completed"], unit["promise_early"], unit["completed_overdue"]) == (2, 1, 1)
    assert (unit["promise_legal_days"], unit["promise_saved_days"]) == (0, 0)
    assert unit["promise_items"] == 0
    assert (unit["evaluations"], unit["bad_evaluations"], unit["bad_rectified"]) == (1, 1, 0)


def test_every_badly_named_or_repeated_export_is_listed(exports):
    from support.handmade import write

    write(exports, "unit_stats/二月.csv", "x\n")
    write(exports, "unit_stats/三月.csv", "x\n")
    for sub in ("a", "b"):
        (exports / "unit_stats" / sub).mkdir()
        shutil.copy(exports / "unit_stats" / "2021-02.xlsx",
                    exports / "unit_stats" / sub / "2021-02.xlsx")
    with pytest.raises(InputError) as err:
        unit_stats_facts(Dataset.open(exports), "2021-02", "2021-03")
    values = sorted(p.value for p in err.value.problems)
    assert values == ["2021-02.xlsx", "2021-02.xlsx", "三月.csv", "二月.csv"]


def test_a_range_without_any_export_has_every_column_unknown(exports):
    facts = unit_stats_facts(Dataset.open(exports), "2020-11", "2020-12")
    assert facts.height == 2 * 49
    assert facts.schema["applied"] == pl.Int64 and facts["applied"].null_count() == 98
    assert facts.schema["active_evaluation_rate"] == pl.Float64
    assert facts["active_evaluation_rate"].null_count() == 98
    # the same columns as where an export is given
    with_export = unit_stats_facts(Dataset.open(exports), "2021-02", "2021-02")
    assert facts.schema == with_export.schema


def test_export_rows_keep_registry_order(exports):
    ds = Dataset.open(exports)
    facts = unit_stats_facts(ds, "2021-02", "2021-03")
    for month in ("2021-02", "2021-03"):
        assert facts.filter(pl.col("month") == month)["unit"].to_list() == ds.registry.names
    # 市人力资源和社会保障局 is the 13th department: 1131 applications in the seed's annex 1
    assert facts.row(12, named=True)["applied"] == 1131


def test_header_aliases_of_the_dataset_apply_to_its_exports(exports):
    from openpyxl import load_workbook

    path = exports / "unit_stats" / "2021-03.xlsx"
    book = load_workbook(path)
    for sheet in book.worksheets:
        assert sheet["C2"].value == "申请"
        sheet["C2"].value = "申请件"  # 办件情况/申请件: not a spelling the reader knows
    book.save(path)
    with pytest.raises(InputError):
        unit_stats_facts(Dataset.open(exports), "2021-03", "2021-03")
    config = exports / "dataset.yml"
    config.write_text(config.read_text(encoding="utf-8")
                      + "\nheader_aliases:\n  unit_stats:\n    办件情况/申请件: applied\n",
                      encoding="utf-8")
    facts = unit_stats_facts(Dataset.open(exports), "2021-03", "2021-03")
    assert facts["applied"].sum() == 6545 + 243134

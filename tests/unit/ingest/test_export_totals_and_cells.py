"""The bottom and the cells of platform exports (docs/inputs.md §3, §5): a 合计 / 总计 row
is set aside, not quarantined, and checked against the rows above it (a mismatch is an
item of the month's review); date-times stored as Excel serial numbers; full-width digits,
thousands separators and dotted dates; what stays refused."""

from __future__ import annotations

import datetime as dt

import pytest

from bulletin.ingest.dataset import Dataset
from bulletin.ingest.sheets import parse_count
from bulletin.report.loader import open_month
from bulletin.report.sections.review import review_markdown
from support.exports import (
    EXPECTED,
    HEADER,
    ROWS,
    csv_text,
    dataset,
    facts_of,
    figures,
    workbook,
)
from support.handmade import EVALUATION_HEADER


def total_line(cells: dict[int, str]) -> list[str]:
    return [cells.get(j, "") for j in range(10)]


@pytest.mark.parametrize("total", [
    total_line({0: "合计", 9: "3"}),
    total_line({0: "合计：3"}),
    total_line({0: "总计", 1: "共 3 件"}),
    total_line({0: "合计：", 8: "３"}),
    total_line({0: "3", 1: "合计"}),  # the label in the unit column, the count before it
])
def test_a_total_row_that_matches_is_set_aside(tmp_path, total):
    folder = dataset(tmp_path)
    (folder / "cases" / "a.csv").write_text(csv_text([HEADER, *ROWS, total]), encoding="utf-8")
    facts, ing = facts_of(folder)
    assert figures(facts) == EXPECTED
    (count,) = ing.files
    assert (count.read, count.used, count.quarantined) == (3, 3, 0)
    assert ing.problems == []
    assert ing.lines() == [("ds/cases/a.csv：读取 3 行 = 使用 3 行 + 隔离 0 行；第 5 行为合计行（合计 3，"
                           "与其上的数据行数相符），不作为数据读取")]
    assert ing.notes == ["ds/cases/a.csv：第 5 行为合计行（合计 3，与其上的数据行数相符），不作为数据读取"]


def test_a_total_row_that_does_not_match_is_a_review_item(tmp_path):
    folder = dataset(tmp_path)
    rows = [HEADER, *ROWS, ["BJ-009", "市未知局", *ROWS[0][2:]], total_line({0: "合计", 9: "5"})]
    workbook(folder / "cases" / "a.xlsx", {"Sheet1": [*rows, [], []]})  # blank rows below
    facts, ing = facts_of(folder)
    assert figures(facts) == EXPECTED
    (count,) = ing.files
    assert (count.read, count.used, count.quarantined) == (4, 3, 1)  # the bad row is read
    mismatch = ("ds/cases/a.xlsx：第 6 行合计为 5，而其上的数据为 4 行（少 1 行）："
                "导出可能不完整或合计有误，请核实")
    assert ing.notes[0] == mismatch
    assert "第 6 行为合计行（合计 5，与其上的数据行数不符）" in ing.lines()[0]
    # The month's review lists it under 输入数据.
    review = review_markdown(open_month(folder, "2024-06"), [])
    inputs = review[review.index("## 输入数据"):]
    assert mismatch in inputs


def test_an_evaluation_export_ends_with_a_total_too(tmp_path):
    folder = dataset(tmp_path)
    header = EVALUATION_HEADER.split(",")
    rows = [["PJ-1", "BJ-001", "市甲局", "2024-06-05 17:00:00", "满意", "主动评价", ""],
            ["PJ-2", "BJ-003", "丁镇", "2024-06-06 10:00:00", "非常满意", "回访", ""]]
    total = ["总计：共2条", "", "", "", "", "", ""]
    workbook(folder / "evaluations" / "e.xlsx", {"Sheet1": [["好差评明细"], header, *rows, total]})
    (folder / "cases" / "a.csv").write_text(csv_text([HEADER, *ROWS]), encoding="utf-8")
    facts, ing = facts_of(folder)
    assert facts["evaluations"].sum() == 2
    evaluations = ing.files[1]
    assert (evaluations.read, evaluations.quarantined, evaluations.total.row) == (2, 0, 5)
    assert ing.notes == [("ds/evaluations/e.xlsx：表头上方的第 1 行「好差评明细」不是数据，已跳过，表头为第 2 行，"
                         "第 5 行为合计行（合计 2，与其上的数据行数相符），不作为数据读取")]


def test_a_total_row_in_the_middle_is_a_bad_row_as_before(tmp_path):
    folder = dataset(tmp_path)
    rows = [HEADER, ROWS[0], total_line({0: "合计", 9: "1"}), *ROWS[1:]]
    (folder / "cases" / "a.csv").write_text(csv_text(rows), encoding="utf-8")
    _, ing = facts_of(folder)
    assert ing.files[0].quarantined == 1 and ing.files[0].total is None
    assert {p.row for p in ing.problems} == {3}


# --------------------------------------------------------------------------- cells

def typed(folder) -> dict[str, dict[str, object]]:
    validated, _ = Dataset.open(folder).validated("cases")
    frame = validated.frame.collect()
    return {r["case_id"]: r for r in frame.iter_rows(named=True)}


def test_excel_serial_dates_with_and_without_time(tmp_path):
    """45446 is 2024-06-03 (days since 1899-12-30); .375 of a day is 09:00; 45446.3833 is
    09:11:57 (0.3833 × 86 400 s = 33 117.1 s, to the nearest second). Number cells without a
    date format in XLSX, text in CSV."""
    folder = dataset(tmp_path)
    row = ["S1", "市甲局", "A1", "示例事项", 45446, 45446.375, 45448.3833, 10, 3, "线上"]
    workbook(folder / "cases" / "a.xlsx", {"Sheet1": [HEADER, row]})
    (folder / "cases" / "b.csv").write_text(
        csv_text([HEADER, ["S2", "市甲局", "A1", "示例事项", "45447", "45447.5", "45447.75",
                           "10", "3", "线下"]]), encoding="utf-8")
    cells = typed(folder)
    assert [cells["S1"][c] for c in ("applied_at", "accepted_at", "completed_at")] == [
        dt.datetime(2024, 6, 3), dt.datetime(2024, 6, 3, 9), dt.datetime(2024, 6, 5, 9, 11, 57)]
    assert [cells["S2"][c] for c in ("applied_at", "accepted_at", "completed_at")] == [
        dt.datetime(2024, 6, 4), dt.datetime(2024, 6, 4, 12), dt.datetime(2024, 6, 4, 18)]
    assert not cells["S1"]["__bad__"] and not cells["S2"]["__bad__"]


def test_numbers_and_dates_in_every_usual_form(tmp_path):
    folder = dataset(tmp_path)
    # 法定时限 1,234 and 12,345 are beyond the default plausible maximum (365 working days)
    config = folder / "dataset.yml"
    old = config.read_text(encoding="utf-8") if config.exists() else ""
    config.write_text(old + "\nlimit_days_max: 20000\n", encoding="utf-8")
    rows = [
        ["F1", "市甲局", "A1", "示例事项", "2024年6月3日", "2024.6.3 9:12", "2024/6/4 9:12",
         "\"1,234\"", "１２", "线上"],
        ["F2", "市甲局", "A1", "示例事项", "２０２４年６月３日", "2024.06.03", " 2024-6-4 ",
         "\"1，234\"", " １２ ", "线下"],
        ["F3", "丁镇", "A2", "示例证明", "２０２４－０６－０３　０９：１２", "", "", "\"12,345\"",
         "12", "窗口"],
    ]
    (folder / "cases" / "a.csv").write_text(csv_text([HEADER, *rows]), encoding="utf-8")
    cells = typed(folder)
    assert [(c["applied_at"], c["legal_limit_days"], c["promised_limit_days"], c["__bad__"])
            for c in cells.values()] == [
        (dt.datetime(2024, 6, 3), 1234, 12, False),
        (dt.datetime(2024, 6, 3), 1234, 12, False),
        (dt.datetime(2024, 6, 3, 9, 12), 12345, 12, False),
    ]
    assert cells["F1"]["accepted_at"] == dt.datetime(2024, 6, 3, 9, 12)
    assert cells["F1"]["completed_at"] == dt.datetime(2024, 6, 4, 9, 12)


@pytest.mark.parametrize("cell,column", [
    ("24.6.3", "申请时间"),  # two-digit year
    ("2024.2.30", "申请时间"),  # no such day
    ("2099.1.1", "申请时间"),  # after the day of the run
    ("36525", "申请时间"),  # the serial of 1999-12-31
    ("99999", "申请时间"),  # the serial of 2173
    ("12,34", "承诺时限"),  # not thousands
    ("１２.５", "承诺时限"),  # not whole
    ("十二", "承诺时限"),
])
def test_what_stays_refused(tmp_path, cell, column):
    folder = dataset(tmp_path)
    row = ["R1", "市甲局", "A1", "示例事项", "2024-06-03 09:00", "", "", "10", "3", "线上"]
    row[HEADER.index(column)] = f"\"{cell}\""
    (folder / "cases" / "a.csv").write_text(csv_text([HEADER, row]), encoding="utf-8")
    _, ing = facts_of(folder)
    [problem] = ing.problems
    assert (problem.row, problem.column, problem.value) == (2, column, cell)


def test_counts_of_the_aggregated_tables_in_full_width_and_with_separators():
    assert [parse_count(t) for t in ["１２", "1,234", "1，234", "１，２３４", " 7 "]] == [
        12, 1234, 1234, 1234, 7]
    for bad in ["12,34", "１.５", "十二"]:
        with pytest.raises(ValueError):
            parse_count(bad)

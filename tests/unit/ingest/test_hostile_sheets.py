"""Workbooks with more than one worksheet: the rows of cases/ and evaluations/ may continue
on further sheets (every sheet with the same header is read, and counted per sheet); a
sheet with another header is an error naming it; the inputs read from one sheet only
(units, hall, targets) refuse a workbook whose other sheets hold something."""

from __future__ import annotations

import pytest
import xlsxwriter

from bulletin.core.errors import InputError
from bulletin.facts.build import case_facts
from bulletin.ingest.dataset import Dataset, Ingestion
from bulletin.ingest.registry import read_registry
from bulletin.ingest.targets import read_targets
from support.hostile import UNITS, case, frame, make_dataset, write


def row(i: int, applied: str = "2021-02-03 09:00:00") -> str:
    return case(f"C{i}", applied, "2021-02-03 10:00:00", "2021-02-05 10:00:00")


def workbook(path, sheets: dict[str, list[list[str]]]):
    """An XLSX with the given sheets (lists of rows of text cells)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with xlsxwriter.Workbook(path) as wb:
        for name, rows in sheets.items():
            ws = wb.add_worksheet(name)
            for r, cells in enumerate(rows):
                for c, value in enumerate(cells):
                    ws.write_string(r, c, value)


def table(rows: list[str]) -> list[list[str]]:
    f = frame(rows)
    return [f.columns, *[list(r) for r in f.iter_rows()]]


def facts_of(folder, strict=False):
    ds = Dataset.open(folder, strict=strict)
    ing = Ingestion()
    return case_facts(ds, "2021-02", "2021-02", ing), ing


def test_rows_continued_on_a_second_sheet_are_read_and_counted_per_sheet(tmp_path):
    folder = make_dataset(tmp_path)
    workbook(folder / "cases" / "a.xlsx", {
        "Sheet1": table([row(1), row(2)]),
        "Sheet2": table([row(3), row(4), row(5, "21-2-3 09:00")]),
    })
    facts, ing = facts_of(folder)
    assert facts["applied"].sum() == 4
    counts = [(f.sheet, f.read, f.used, f.quarantined) for f in ing.files]
    assert counts == [("Sheet1", 2, 2, 0), ("Sheet2", 3, 2, 1)]
    lines = ing.lines()
    assert "Sheet1" in lines[0] and "读取 2 行" in lines[0]
    assert "Sheet2" in lines[1] and "读取 3 行 = 使用 2 行 + 隔离 1 行" in lines[1]
    [p] = ing.problems
    assert "Sheet2" in p.file and (p.row, p.column) == (4, "申请时间")


def test_sheets_with_columns_in_another_order_are_read(tmp_path):
    folder = make_dataset(tmp_path)
    second = [list(reversed(r)) for r in table([row(3)])]
    workbook(folder / "cases" / "a.xlsx", {"一": table([row(1)]), "二": second})
    facts, ing = facts_of(folder)
    assert facts["applied"].sum() == 2 and [f.read for f in ing.files] == [1, 1]


@pytest.mark.parametrize("second", [
    [["说明"], ["本表由平台导出"]],  # a note sheet
    [r[:-1] for r in table([row(3)])],  # a column short
    table([row(3)])[1:],  # rows continued without a header row
])
def test_a_sheet_with_another_header_is_an_error_naming_it(tmp_path, second):
    folder = make_dataset(tmp_path)
    workbook(folder / "cases" / "a.xlsx", {"Sheet1": table([row(1)]), "第二页": second})
    with pytest.raises(InputError) as err:
        facts_of(folder)
    assert "第二页" in str(err.value) and "a.xlsx" in str(err.value)


def test_an_empty_second_sheet_changes_nothing(tmp_path):
    folder = make_dataset(tmp_path)
    workbook(folder / "cases" / "a.xlsx", {"Sheet1": table([row(1)]), "Sheet2": []})
    facts, ing = facts_of(folder)
    assert facts["applied"].sum() == 1
    assert [(f.sheet, f.read) for f in ing.files] == [(None, 1)]


def test_evaluations_continue_on_a_second_sheet(tmp_path):
    folder = make_dataset(tmp_path, {"a.csv": [row(1)]})
    head = ["评价编号", "办件编号", "被评价单位", "评价时间", "评价等级", "评价方式"]
    workbook(folder / "evaluations" / "e.xlsx", {
        "A": [head, ["E1", "C1", "市公安局", "2021-02-05 12:00:00", "满意", "主动评价"]],
        "B": [head, ["E2", "C1", "市公安局", "2021-02-06 12:00:00", "不满意", "主动评价"]],
    })
    facts, _ = facts_of(folder)
    assert facts["evaluations"].sum() == 2 and facts["bad_evaluations"].sum() == 1


def test_units_xlsx_with_a_second_sheet_is_refused(tmp_path):
    lines = [r.split(",") for r in UNITS.strip().splitlines()]
    workbook(tmp_path / "units.xlsx", {"名录": lines[:3], "续": [lines[0], *lines[3:]]})
    with pytest.raises(InputError) as err:
        read_registry(tmp_path)
    assert "续" in str(err.value)


def test_targets_xlsx_with_a_second_sheet_is_refused(tmp_path):
    write(tmp_path, "units.csv", UNITS)
    head = ["序号", "指标", "目标", "达到水平"]
    workbook(tmp_path / "targets" / "2021-02.xlsx", {
        "A": [head, ["1", "甲指标", "80%", "85%"]], "B": [head, ["2", "乙指标", "80%", "70%"]]})
    with pytest.raises(InputError) as err:
        read_targets(tmp_path, "2021-02")
    assert "「B」" in str(err.value)

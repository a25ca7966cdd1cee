"""Case-level exports as platforms write them (docs/inputs.md §3): title and
export-information rows above the header, in XLSX, UTF-8 and GBK CSV and on every sheet of
a workbook, skipped and named; a two-row header whose upper row only groups the columns
(merged cells in XLSX, a group cell followed by blanks in CSV); rows numbered as Excel
shows them; and the error when the rows above a header are not titles."""

from __future__ import annotations

import shutil

import pytest

from bulletin.core.errors import InputError
from bulletin.ingest.dataset import Dataset
from bulletin.ingest.registry import read_registry
from support.exports import (
    BAD,
    EXPECTED,
    EXPORTED,
    FIXTURES,
    HEADER,
    ROWS,
    SKIPPED,
    TITLE,
    csv_text,
    dataset,
    facts_of,
    figures,
    workbook,
)
from support.handmade import UNITS, write

TITLED = [[TITLE], [EXPORTED[0], "", "", "", "", EXPORTED[1]], [], HEADER, *ROWS, BAD]


@pytest.mark.parametrize("kind", ["xlsx", "csv", "csv-gbk", "csv-padded"])
def test_title_rows_above_the_header_are_skipped_and_named(tmp_path, kind):
    folder = dataset(tmp_path)
    if kind == "xlsx":
        workbook(folder / "cases" / "export.xlsx", {"Sheet1": TITLED}, {"Sheet1": ["A1:J1"]})
        name = "export.xlsx"
    else:
        # As platforms write them: the title lines shorter than the header, or padded.
        rows = [r + [""] * (10 - len(r)) if kind == "csv-padded" else r for r in TITLED]
        encoding = "gbk" if kind == "csv-gbk" else "utf-8"
        (folder / "cases" / "export.csv").write_bytes(csv_text(rows).encode(encoding))
        name = "export.csv"
    facts, ing = facts_of(folder)
    assert figures(facts) == EXPECTED
    (count,) = ing.files
    assert (count.read, count.used, count.quarantined) == (4, 3, 1)  # the title rows: not read
    assert ing.lines() == [(f"ds/cases/{name}：读取 4 行 = 使用 3 行 + 隔离 1 行；表头上方的第 1、2 行"
                           f"{SKIPPED}不是数据，已跳过，表头为第 4 行")]
    # Excel's row numbers: header row 4, BJ-001 … BJ-003 rows 5-7, the bad row 8.
    [problem] = ing.problems
    assert (problem.row, problem.column, problem.value) == (8, "办理单位", "市未知局")
    assert ing.notes == [f"ds/cases/{name}：表头上方的第 1、2 行{SKIPPED}不是数据，已跳过，表头为第 4 行"]


def test_the_exporters_name_is_not_quoted(tmp_path):
    folder = dataset(tmp_path)
    rows = [[TITLE], ["导出人：王小明"], *TITLED[3:-1]]
    workbook(folder / "cases" / "a.xlsx", {"Sheet1": rows})
    _, ing = facts_of(folder)
    assert "王小明" not in "".join(ing.lines() + ing.notes)
    assert "「导出人：…」" in ing.lines()[0]


def test_a_second_sheet_with_the_same_title_rows_is_read_and_counted(tmp_path):
    folder = dataset(tmp_path)
    first = [[TITLE], [EXPORTED[0]], HEADER, *ROWS[:2]]
    second = [[TITLE], [EXPORTED[0]], HEADER, ROWS[2], BAD]
    workbook(folder / "cases" / "a.xlsx", {"6月上": first, "6月下": second})
    facts, ing = facts_of(folder)
    assert figures(facts) == EXPECTED
    assert [(f.sheet, f.read, f.quarantined) for f in ing.files] == [("6月上", 2, 0), ("6月下", 2, 1)]
    assert all("表头上方的第 1、2 行" in line and "表头为第 3 行" in line for line in ing.lines())
    [problem] = ing.problems
    assert "6月下" in problem.file and problem.row == 5  # title 1-2, header 3, BJ-003 4, bad 5


def test_the_committed_gbk_export_reads_as_worked_out(tmp_path):
    """tests/fixtures/exports/cases-titled-gbk.csv: the shape of docs/inputs.md §3 — GBK,
    two title lines, a blank line, the header on line 4, three cases and a 合计 line."""
    folder = dataset(tmp_path)
    shutil.copy(FIXTURES / "cases-titled-gbk.csv", folder / "cases" / "2024-06.csv")
    facts, ing = facts_of(folder)
    assert figures(facts) == EXPECTED
    (count,) = ing.files
    assert (count.read, count.used, count.quarantined) == (3, 3, 0)
    assert ing.lines() == [("ds/cases/2024-06.csv：读取 3 行 = 使用 3 行 + 隔离 0 行；表头上方的第 1、2 行"
                           f"{SKIPPED}不是数据，已跳过，表头为第 4 行，第 8 行为合计行（合计 3，与其上的数据"
                           "行数相符），不作为数据读取")]


# A two-row header: 办件信息 over 办件编号 / 办理单位, 事项 over the item, 时间 over the three
# date-times, 时限 over the two limits; 申请方式 merged over both rows.
GROUPS = ["办件信息", "", "事项", "", "时间", "", "", "时限", "", "申请方式"]
LEAVES = HEADER[:9] + [""]
GROUP_MERGES = ["A2:B2", "C2:D2", "E2:G2", "H2:I2", "J2:J3"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_two_row_header_with_group_cells_is_read_by_its_lower_row(tmp_path, kind):
    folder = dataset(tmp_path)
    rows = [[TITLE], GROUPS, LEAVES, *ROWS, BAD]
    if kind == "xlsx":
        workbook(folder / "cases" / "a.xlsx", {"Sheet1": rows},
                 {"Sheet1": ["A1:J1", *GROUP_MERGES]})
    else:  # the group cell followed by blanks, as Excel saves merged cells to CSV
        write(folder, "cases/a.csv", csv_text(rows))
    facts, ing = facts_of(folder)
    assert figures(facts) == EXPECTED
    assert ing.files[0].dropped_other == []  # no group label taken for a column
    assert f"表头上方的第 1 行「{TITLE}」不是数据，已跳过，表头为第 2—3 行（两行表头，按第 3 行的列名读取）" \
        in ing.lines()[0]
    [problem] = ing.problems
    assert (problem.row, problem.column) == (7, "办理单位")  # header rows 2-3, data 4-6


def test_a_label_merged_over_both_rows_is_kept_when_the_lower_row_alone_would_do(tmp_path):
    """The upper row has two cells only (like a title), but 事项名称 stands in it merged over
    both rows: the header is both rows, so the optional column is read, not lost."""
    folder = dataset(tmp_path)
    upper = ["", "", "", "事项名称", "时间", "", "", "", "", ""]
    lower = [c if c != "事项名称" else "" for c in HEADER]
    workbook(folder / "cases" / "a.xlsx", {"Sheet1": [upper, lower, *ROWS]},
             {"Sheet1": ["D1:D2", "E1:G1"]})
    validated, _ = Dataset.open(folder).validated("cases")
    items = validated.frame.collect()["item_name"].to_list()
    assert items == ["示例事项", "示例事项", "示例证明"]


def test_a_header_needing_no_help_is_not_joined_to_the_title_above(tmp_path):
    folder = dataset(tmp_path)
    workbook(folder / "cases" / "a.xlsx", {"Sheet1": [["办件明细", "2024年6月"], HEADER, *ROWS]})
    facts, ing = facts_of(folder)
    assert figures(facts) == EXPECTED
    assert "表头上方的第 1 行「办件明细」「2024年6月」不是数据，已跳过，表头为第 2 行" in ing.lines()[0]


def test_a_file_starting_with_its_header_says_nothing_more(tmp_path):
    folder = dataset(tmp_path)
    write(folder, "cases/a.csv", csv_text([HEADER, *ROWS]))
    _, ing = facts_of(folder)
    assert ing.lines() == ["ds/cases/a.csv：读取 3 行 = 使用 3 行 + 隔离 0 行"]
    assert ing.notes == []


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("above", [
    ["说明", "本表由平台导出", "请勿修改"],  # three filled cells: not a title
    HEADER[:5],  # half a header
])
def test_rows_above_the_header_that_are_not_titles_keep_the_error(tmp_path, above, kind):
    folder = dataset(tmp_path)
    rows = [[TITLE], above + [""] * (10 - len(above)), HEADER, *ROWS]
    if kind == "xlsx":
        workbook(folder / "cases" / "a.xlsx", {"Sheet1": rows})
    else:  # saved by Excel: every line as wide as the table
        write(folder, "cases/a.csv", csv_text([r + [""] * (10 - len(r)) for r in rows]))
    with pytest.raises(InputError) as err:
        facts_of(folder)
    text = str(err.value)
    assert "缺少必需的列" in text and f"ds/cases/a.{kind}" in text
    assert f"文件中的表头为：{'、'.join(above)}" in text
    assert all(p.row == 2 for p in err.value.problems)


def test_a_header_with_a_missing_column_below_titles_is_named_at_its_row(tmp_path):
    folder = dataset(tmp_path)
    header = [h for h in HEADER if h != "承诺时限"]
    write(folder, "cases/a.csv", csv_text([[TITLE], [EXPORTED[0]], header]))
    with pytest.raises(InputError) as err:
        facts_of(folder)
    [problem] = err.value.problems
    assert problem.row == 3 and "缺少必需的列「承诺时限」" in problem.expected


def test_the_header_is_looked_for_in_the_first_twenty_rows(tmp_path):
    folder = dataset(tmp_path)
    titles = [[f"说明 {i}"] for i in range(1, 20)]
    write(folder, "cases/a.csv", csv_text([*titles, HEADER, *ROWS]))  # header on row 20
    facts, _ = facts_of(folder)
    assert figures(facts) == EXPECTED
    write(folder, "cases/a.csv", csv_text([*titles, ["说明 20"], HEADER, *ROWS]))  # row 21
    with pytest.raises(InputError, match="缺少必需的列"):
        facts_of(folder)


def test_a_registry_with_title_rows_is_read(tmp_path):
    folder = tmp_path / "ds"
    lines = [r.split(",") for r in UNITS.strip().splitlines()]
    workbook(folder / "units.xlsx", {"单位名录": [["青岚市政务服务单位名录"], ["导出时间：2024-07-01"],
                                                 *lines]})
    registry = read_registry(folder)
    assert registry.names == ["市甲局", "市乙局", "丙县", "戊区", "丙县丁镇"]


def test_a_title_right_above_the_header_is_skipped_not_taken_for_a_group(tmp_path):
    """A title merged over the table's width sits like a group cell over the header; as the
    header reads on its own and the title labels no blank column, it is a skipped title."""
    folder = dataset(tmp_path)
    workbook(folder / "cases" / "a.xlsx", {"Sheet1": [[TITLE], HEADER, *ROWS]},
             {"Sheet1": ["A1:J1"]})
    facts, ing = facts_of(folder)
    assert figures(facts) == EXPECTED
    assert ing.notes == [f"ds/cases/a.xlsx：表头上方的第 1 行「{TITLE}」不是数据，已跳过，表头为第 2 行"]

"""Aggregated inputs (unit_stats, scores, items, hall, targets): a row whose cells do not
line up with its header is an error naming file and row, never a row read shifted.

A CSV line with one value more (a comma inside an unquoted value) or one fewer (a comma
left out) moves every value after it into the next column; a worksheet value right of
the header's last column belongs to no column. The seed files, edited by hand one line or
cell at a time, must give exactly these messages; the seed files as committed still read
the values printed in them.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from bulletin.core.config import load_config
from bulletin.core.errors import InputError
from bulletin.ingest.hall import read_hall
from bulletin.ingest.items import read_items
from bulletin.ingest.registry import read_registry
from bulletin.ingest.scores import read_scores
from bulletin.ingest.sheets import column_letter
from bulletin.ingest.targets import read_targets
from bulletin.ingest.unit_stats import read_unit_stats
from support.aggregated import (
    copy_seed,
    csv_rows,
    edit_line,
    sheet_grids,
    sheet_rows,
    write_csv,
    write_xlsx,
)

MORE = "其后的值会错列：含逗号的值须整体用英文双引号括起（如 \"甲,乙\"），多余的逗号请删除"
FEWER = "其后的值会错列：空白的值也须保留它的逗号（如 1,,3），请补上漏掉的逗号"
KINDS = ["one more", "two more", "one fewer"]
RIGHT = "表头右侧的值不属于任何一列，此行可能错列；请删除该值或把它移回所属的列"


def message(call) -> str:
    with pytest.raises(InputError) as err:
        call()
    return str(err.value)


# ------------------------------------------------------------------ the seeds, readers

def scores_as_csv(tmp_path: Path) -> Path:
    """seed001 with its A组 sheet as scores/2023-06_A组.csv (the workbook removed)."""
    ds = copy_seed("seed001", tmp_path)
    workbook = ds / "scores" / "2023-06.xlsx"
    rows = sheet_rows(workbook, "A组")
    workbook.unlink()
    write_csv(ds / "scores" / "2023-06_A组.csv", rows)
    return ds


def stats_as_csv(tmp_path: Path) -> Path:
    """seed000's two sheets stacked in unit_stats/2021-02.csv (header blocks at rows 1 and 44)."""
    ds = copy_seed("seed000", tmp_path)
    workbook = ds / "unit_stats" / "2021-02.xlsx"
    rows = sheet_rows(workbook, "市级部门") + sheet_rows(workbook, "县（市、区）")
    workbook.unlink()
    write_csv(ds / "unit_stats" / "2021-02.csv", rows)
    return ds


@pytest.fixture
def scores_csv(tmp_path):
    ds = scores_as_csv(tmp_path)
    return ds, ds / "scores" / "2023-06_A组.csv"


@pytest.fixture
def stats_csv(tmp_path):
    ds = stats_as_csv(tmp_path)
    return ds, ds / "unit_stats" / "2021-02.csv"


# Each reader given the dataset and the file edited (only read_unit_stats takes a file).
def items_in(ds: Path, _file: Path):
    return read_items(ds, "2022-09", read_registry(ds))


def hall_in(ds: Path, _file: Path):
    return read_hall(ds, "2022-09")


def targets_in(ds: Path, _file: Path):
    return read_targets(ds, "2020-12")


def scores_in(ds: Path, _file: Path):
    return read_scores(ds, "2023-06", load_config(ds), read_registry(ds))


def unit_stats_in(ds: Path, file: Path):
    return read_unit_stats(file, read_registry(ds))


# ------------------------------------------------------------------ a CSV line with a value more or fewer
# Each edit: (line, old, new, the message after 文件 … 第 n 行：), one a kind of KINDS.

# items/2022-09.csv line 3, 19 values under the two-row header (序号, 部门, 7 事项梳理, 10 运行效能):
# 1,区委办公室(区档案局),18,0,100.00%,18,100.00%,100.00%,100.00%,0,0,0.00%,0,0,0,0,-,-,100.00%
ITEMS_EDITS = [
    (3, "区委办公室(区档案局)", "区委办公室,区档案局",
     f"此行有 20 个值，比表头的 19 列多 1 个，{MORE}"),
    (3, "区委办公室(区档案局)", "区委办公室,区档案局,档案馆",
     f"此行有 21 个值，比表头的 19 列多 2 个，{MORE}"),
    (3, ",18,0,", ",18,", f"此行只有 18 个值，比表头的 19 列少 1 个，{FEWER}"),
]

# hall/2022-09_windows.csv line 2, 4 values (序号,部门,大厅窗口 办件数,备注):
# 1,市公交公司(市级下沉窗口),4406,
WINDOW_EDITS = [
    (2, "市公交公司(市级下沉窗口)", "市公交公司,市级下沉窗口",
     f"此行有 5 个值，比表头的 4 列多 1 个，{MORE}"),
    (2, "4406,", "4,406,,", f"此行有 6 个值，比表头的 4 列多 2 个，{MORE}"),
    (2, "4406,", "4406", f"此行只有 3 个值，比表头的 4 列少 1 个，{FEWER}"),
]

# hall/2022-09_centres.csv line 3, 6 values: ,金林社区便民服务中心,57,46,46,46
CENTRE_EDITS = [
    (3, ",57,", ",5,7,", f"此行有 7 个值，比表头的 6 列多 1 个，{MORE}"),
    (3, ",57,", ",5,7,,", f"此行有 8 个值，比表头的 6 列多 2 个，{MORE}"),
    (3, ",57,", ",", f"此行只有 5 个值，比表头的 6 列少 1 个，{FEWER}"),
]

# targets/2020-12.csv line 2, 9 values (the 国内前沿水平 value is quoted, it holds a comma):
# 1,政务服务事项不见面审批事项占比,2019,70.41%,2020,80%,97.2%,"暂缺国内前沿水平,无法对比",省定目标:…
TARGET_EDITS = [
    (2, '"暂缺国内前沿水平,无法对比"', "暂缺国内前沿水平,无法对比",
     f"此行有 10 个值，比表头的 9 列多 1 个，{MORE}"),
    (2, '"暂缺国内前沿水平,无法对比"', "暂缺国内前沿水平,无法,对比",
     f"此行有 11 个值，比表头的 9 列多 2 个，{MORE}"),
    (2, ",2019,", ",", f"此行只有 8 个值，比表头的 9 列少 1 个，{FEWER}"),
]

# A组 line 3, 19 values: 1,市城管执法局,22,100.00%,—,100.00%,100.00%,16,0,0,—,14,7,0,2.09,5.00,21.09,10.00,90.18
SCORE_EDITS = [
    (3, "市城管执法局", "市城管,执法局", f"此行有 20 个值，比表头的 19 列多 1 个，{MORE}"),
    (3, ",2.09,", ",2,09,,", f"此行有 21 个值，比表头的 19 列多 2 个，{MORE}"),
    (3, ",2.09,", ",", f"此行只有 18 个值，比表头的 19 列少 1 个，{FEWER}"),
]

# line 4, 21 values: 2,市发展和改革委员会,0,1,5,0,4,4,69.79%,16.25%,100.00%,0,1,1,0,0,0.00%,0.00%,0.00%,2,40.00%
# line 46 (county block): 1,通川区,9380,9379,9319,0,491,491,50.61%,…,8172,87.69%
STATS_EDITS = [
    (4, "市发展和改革委员会", "市发展,和改革委员会", f"此行有 22 个值，比表头的 21 列多 1 个，{MORE}"),
    (4, "市发展和改革委员会", "市发展,和改革,委员会", f"此行有 23 个值，比表头的 21 列多 2 个，{MORE}"),
    (46, ",9380,", ",", f"此行只有 20 个值，比表头的 21 列少 1 个，{FEWER}"),
]

# (name, reader, the dataset made in tmp_path, the CSV edited as messages name it, its edits)
CSV_FILES = [
    ("items", items_in, partial(copy_seed, "seed003"), "seed003/items/2022-09.csv", ITEMS_EDITS),
    ("hall windows", hall_in, partial(copy_seed, "seed003"), "seed003/hall/2022-09_windows.csv",
     WINDOW_EDITS),
    ("hall centres", hall_in, partial(copy_seed, "seed003"), "seed003/hall/2022-09_centres.csv",
     CENTRE_EDITS),
    ("targets", targets_in, partial(copy_seed, "seed002"), "seed002/targets/2020-12.csv",
     TARGET_EDITS),
    ("scores", scores_in, scores_as_csv, "seed001/scores/2023-06_A组.csv", SCORE_EDITS),
    ("unit_stats", unit_stats_in, stats_as_csv, "seed000/unit_stats/2021-02.csv", STATS_EDITS),
]
CSV_CASES = [pytest.param(read, make, file, *edit, id=f"{name}, {kind}")
             for name, read, make, file, edits in CSV_FILES
             for kind, edit in zip(KINDS, edits, strict=True)]


@pytest.mark.parametrize(("read", "make", "file", "line", "old", "new", "expected"), CSV_CASES)
def test_csv_row_with_other_count(tmp_path, read, make, file, line, old, new, expected):
    ds = make(tmp_path)
    edit_line(tmp_path / file, line, old, new)
    got = message(lambda: read(ds, tmp_path / file))
    assert got == f"文件 {file} 第 {line} 行：{expected}"


# ------------------------------------------------------------------ a worksheet value right of the header
# (reader, the file whose rows are put in a workbook as messages name it: a CSV becomes one
# sheet of that name, a workbook keeps all its sheets; the sheet and 1-based row to which
# the values are added; the message)
XLSX_CASES = {
    "items": (items_in, "seed003/items/2022-09.csv", "附件1", 5, ["备注"],
              # row 5 (区发展改革局), column T: the header ends at S (19 columns)
              ("文件 seed003/items/2022-09.xlsx 工作表「附件1」 第 5 行「T」列：值「备注」"
               f"不符合要求，应为空白：表头只有 19 列（A 至 S 列），{RIGHT}")),
    "hall": (hall_in, "seed003/hall/2022-09_windows.csv", "Sheet1", 3, ["9"],
             # row 3, column E: the header ends at D (4 columns)
             ("文件 seed003/hall/2022-09_windows.xlsx 第 3 行「E」列：值「9」不符合要求，"
              f"应为空白：表头只有 4 列（A 至 D 列），{RIGHT}")),
    "targets": (targets_in, "seed002/targets/2020-12.csv", "Sheet1", 7, ["见附件"],
                # row 7, column J: the header ends at I (9 columns)
                ("文件 seed002/targets/2020-12.xlsx 第 7 行「J」列：值「见附件」不符合要求，"
                 f"应为空白：表头只有 9 列（A 至 I 列），{RIGHT}")),
    "scores": (scores_in, "seed001/scores/2023-06.xlsx", "B组", 6, ["88.00"],
               # row 6, column S: B组's header ends at R (18 columns)
               ("文件 seed001/scores/2023-06.xlsx 工作表「B组」 第 6 行「S」列：值「88.00」"
                f"不符合要求，应为空白：表头只有 18 列（A 至 R 列），{RIGHT}")),
    "unit_stats": (unit_stats_in, "seed000/unit_stats/2021-02.xlsx", "县（市、区）", 4, [None, 12],
                   # row 4, column W: the header ends at U (21 columns)
                   ("文件 seed000/unit_stats/2021-02.xlsx 工作表「县（市、区）」 第 4 行「W」列：值「12」"
                    f"不符合要求，应为空白：表头只有 21 列（A 至 U 列），{RIGHT}")),
}


@pytest.mark.parametrize(("read", "file", "sheet", "row", "added", "expected"),
                         XLSX_CASES.values(), ids=XLSX_CASES)
def test_xlsx_value_right_of_the_header(tmp_path, read, file, sheet, row, added, expected):
    ds = copy_seed(file.split("/")[0], tmp_path)
    source = tmp_path / file
    if source.suffix == ".csv":
        sheets = {sheet: csv_rows(source)}
        source.unlink()
    else:
        sheets = sheet_grids(source)
    sheets[sheet][row - 1] += added
    workbook = write_xlsx(source.with_suffix(".xlsx"), sheets)
    assert message(lambda: read(ds, workbook)) == expected


# ------------------------------------------------------------------ the seeds as committed

def test_items_seed_reads_its_printed_values(tmp_path):
    ds = copy_seed("seed003", tmp_path)
    frame = read_items(ds, "2022-09", read_registry(ds))
    # line 5: 3,区发展改革局,63,0,100.00%,63,100.00%,100.00%,100.00%,0,0,0.00%,28,177,27,181,96.42%,100.00%,85.71%
    row = frame.filter(frame["unit"] == "区发展改革局").row(0, named=True)
    assert (row["claimed"], row["unclaimed"], row["published"]) == (63, 0, 63)
    assert (row["cases"], row["cases_ytd"], row["active_evaluations"]) == (28, 177, 27)
    assert row["given_active_evaluation_rate"] == pytest.approx(0.9642)
    assert row["given_case_coverage"] == pytest.approx(0.8571)
    assert frame.height == 38  # 序号 1 … 38


def test_hall_seed_reads_its_printed_values(tmp_path):
    ds = copy_seed("seed003", tmp_path)
    hall = read_hall(ds, "2022-09")
    # windows line 2: 1,市公交公司(市级下沉窗口),4406,   total line: 总计,,13907,
    assert hall.windows.row(0) == (1, "市公交公司(市级下沉窗口)", 4406, "")
    assert hall.window_total_stated == 13907
    # centres line 3: ,金林社区便民服务中心,57,46,46,46 under 格里坪镇 (line 2)
    assert hall.centres.row(1) == ("格里坪镇", "金林社区便民服务中心", 57, 46, 46, 46)
    # last line: 总计,,5331,4904,4904,4904
    assert hall.stated["总计"] == {"consult": 5331, "applied": 4904, "accepted": 4904,
                                   "completed": 4904}
    assert hall.personal == []


def test_targets_seed_reads_its_printed_values(tmp_path):
    ds = copy_seed("seed002", tmp_path)
    frame = read_targets(ds, "2020-12")
    first = frame.row(0, named=True)
    assert first["indicator"] == "政务服务事项不见面审批事项占比"
    assert (first["baseline"], first["target"], first["achieved"]) == ("70.41%", "80%", "97.2%")
    assert first["frontier"] == "暂缺国内前沿水平,无法对比"
    assert first["achieved_value"] == pytest.approx(0.972)
    assert frame.height == 6


def test_scores_csv_reads_its_printed_values(scores_csv):
    ds, _ = scores_csv
    scores = read_scores(ds, "2023-06", load_config(ds), read_registry(ds))
    group = scores.group("A组")
    row = group.rows.filter(group.rows["unit"] == "市城管执法局").row(0, named=True)
    # line 3: … 事项梳理得分 22, 综合得分 90.18, 序号 1
    assert (row["事项梳理"], row["stated_total"], row["printed_rank"]) == (22.0, 90.18, 1)
    assert row["cells"][:3] == ["22", "100.00%", "—"]
    assert group.rows.height == 15  # rows 3 … 17 of the A组 sheet


def test_unit_stats_csv_reads_its_printed_values(stats_csv):
    ds, path = stats_csv
    frame = read_unit_stats(path, read_registry(ds))
    row = frame.filter(frame["unit"] == "市发展和改革委员会").row(0, named=True)
    # line 4: 申请 0, 受理 1, 办结 5, … 承诺提速 69.79%, … 主动评价数 2, 主动评价率 40.00%
    assert (row["applied"], row["accepted"], row["completed"]) == (0, 1, 5)
    assert row["promise_speedup_rate"] == pytest.approx(0.6979)
    assert (row["active_evaluations"], row["active_evaluation_rate"]) == (2, pytest.approx(0.4))
    county = frame.filter(frame["unit"] == "通川区").row(0, named=True)
    assert (county["applied"], county["online_applied"]) == (9380, 5972)  # line 46
    assert frame.height == 49  # 41 departments + 8 counties


def test_a_note_line_below_a_csv_table_is_not_a_row(stats_csv):
    """A hand-typed 「注：…」 line holds one value: a note, not a data row."""
    ds, path = stats_csv
    with path.open("a", encoding="utf-8") as fh:
        fh.write("注：1.申请件：统计时间段内的申请件数。\n")
    assert read_unit_stats(path, read_registry(ds)).height == 49


# ------------------------------------------------------------------ figures without a unit

def test_an_items_row_with_figures_but_no_unit(tmp_path):
    """Dropped silently, its counts would be missing from every roll-up."""
    ds = copy_seed("seed003", tmp_path)
    edit_line(ds / "items" / "2022-09.csv", 3, "区委办公室(区档案局)", "")
    got = message(lambda: read_items(ds, "2022-09", read_registry(ds)))
    assert got == "文件 seed003/items/2022-09.csv 第 3 行「部门」列：单位名称（该行有数字但没有单位）"


def test_a_scores_row_with_points_but_no_unit(scores_csv):
    ds, path = scores_csv
    edit_line(path, 3, "市城管执法局", "")
    config, registry = load_config(ds), read_registry(ds)
    got = message(lambda: read_scores(ds, "2023-06", config, registry))
    assert got == "文件 seed001/scores/2023-06_A组.csv 第 3 行「部门」列：单位名称（该行有得分但没有单位）"


def test_a_repeated_header_and_a_note_are_not_rows_without_a_unit(scores_csv):
    ds, path = scores_csv
    lines = path.read_text(encoding="utf-8").split("\n")  # csv's \r\n read as \n
    # the two header lines again after row 10 (a page break), a note below the table
    lines[10:10] = lines[0:2]
    lines.insert(len(lines) - 1, "注：得分保留两位小数。")
    path.write_text("\n".join(lines), encoding="utf-8")
    scores = read_scores(ds, "2023-06", load_config(ds), read_registry(ds))
    assert scores.group("A组").rows.height == 15  # the 15 units of rows 3 … 17, as before


def test_a_targets_row_with_values_but_no_indicator(tmp_path):
    ds = copy_seed("seed002", tmp_path)
    edit_line(ds / "targets" / "2020-12.csv", 3, "承诺办结时限平均压缩比例", "")
    got = message(lambda: read_targets(ds, "2020-12"))
    assert got == "文件 seed002/targets/2020-12.csv 第 3 行「指标」列：指标名称（该行有目标或达到水平但没有指标）"


def test_a_note_below_the_targets_is_not_a_target(tmp_path):
    ds = copy_seed("seed002", tmp_path)
    with (ds / "targets" / "2020-12.csv").open("a", encoding="utf-8") as fh:
        fh.write("注：国内前沿水平暂缺的指标不作对比。\n")
    assert read_targets(ds, "2020-12")["indicator"].to_list() == [
        "政务服务事项不见面审批事项占比", "承诺办结时限平均压缩比例", "行政许可事项即办件占比",
        "统一受理事项覆盖度", "一窗分类受理率", "实名差评按期整改率"]


def test_column_letters_as_excel_names_them():
    # A … Z are 0 … 25; AA follows Z; ZZ is 26 + 26 × 26 − 1 = 701; AAA follows it
    assert [column_letter(i) for i in (0, 18, 25, 26, 27, 701, 702)] == \
        ["A", "S", "Z", "AA", "AB", "ZZ", "AAA"]

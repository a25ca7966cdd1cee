"""Tables an input gives as printed (``tables/YYYY-MM/NN_标题.csv``, seed 001's annexes 4–11):
rows numbered as a text editor or Excel shows them, a long row reported as the other
aggregated readers report it, a short row padded (docs/inputs.md § 13a), ID and mobile
numbers masked and named with file, row and column, the seed's files read as written.
"""

from __future__ import annotations

import pytest

from bulletin.core.errors import InputError
from bulletin.core.privacy import PersonalData
from bulletin.ingest.tables import read_given_tables
from support.paths import DATA

LONG_ROW = ("文件 tables/2023-06/04_表.csv 第 5 行：此行有 3 个值，比表头的 2 列多 1 个，其后的值会错列："
            "含逗号的值须整体用英文双引号括起（如 \"甲,乙\"），多余的逗号请删除")


def given(tmp_path, files: dict[str, str]):
    where = tmp_path / "ds" / "tables" / "2023-06"
    where.mkdir(parents=True)
    for name, text in files.items():
        (where / name).write_text(text, encoding="utf-8")
    return tmp_path / "ds"


def test_a_long_row_after_blank_lines_is_named_by_its_line_in_the_file(tmp_path):
    # line 1 header, 2 blank, 3 a row, 4 blank, 5 the row with one value too many
    folder = given(tmp_path, {"04_表.csv": "序号,地区\n\n1,通川区\n\n2,达川区,多余\n"})
    with pytest.raises(InputError) as err:
        read_given_tables(folder, "2023-06")
    assert str(err.value) == LONG_ROW


def test_an_empty_label_below_a_blank_first_line_is_named_on_the_header_s_line(tmp_path):
    folder = given(tmp_path, {"04_表.csv": "\n序号,\n1,2\n"})  # the header is on line 2
    with pytest.raises(InputError) as err:
        read_given_tables(folder, "2023-06")
    assert str(err.value) == "文件 tables/2023-06/04_表.csv 第 2 行：第 2 列表头为空"


def test_every_long_row_is_named_not_only_the_first(tmp_path):
    folder = given(tmp_path, {"04_表.csv": "序号\n\n\n1,甲\n2\n3,乙,丙\n"})
    with pytest.raises(InputError) as err:
        read_given_tables(folder, "2023-06")
    assert [(p.row, p.expected[:7]) for p in err.value.problems] == [
        (4, "此行有 2 个"), (6, "此行有 3 个")]  # lines 4 and 6; line 5 fits


def test_a_short_row_is_padded_with_blanks_on_the_right(tmp_path):
    folder = given(tmp_path, {"04_表.csv": "序号,地区,得分\n1,通川区\n2\n3,达川区,0.6\n"})
    (table,) = read_given_tables(folder, "2023-06")
    assert table.rows == (("1", "通川区", ""), ("2", "", ""), ("3", "达川区", "0.6"))


def test_a_mobile_number_in_a_cell_is_masked_and_named_with_row_and_column(tmp_path):
    folder = given(tmp_path, {
        "04_表.csv": "序号,地区,事项梳理|联系人\n\n1,通川区,张三 13812345678\n",
        "04_表.txt": "\n联系电话：13987654321\n"})
    found: list[PersonalData] = []
    (table,) = read_given_tables(folder, "2023-06", found)
    # 13812345678 → first three and last four digits kept: 138＊＊＊＊5678
    assert table.rows == (("1", "通川区", "张三 138＊＊＊＊5678"),)
    assert table.notes == ("联系电话：139＊＊＊＊4321",)
    assert [str(p) for p in found] == [
        "tables/2023-06/04_表.csv 第 3 行「事项梳理|联系人」列：手机号码 138＊＊＊＊5678",
        "tables/2023-06/04_表.txt 第 2 行「备注」列：手机号码 139＊＊＊＊4321"]


def test_an_id_number_in_a_cell_is_masked_and_named(tmp_path):
    folder = given(tmp_path, {"04_表.csv": "序号,备注\n1,身份证 51170219900101123X\n"})
    found: list[PersonalData] = []
    (table,) = read_given_tables(folder, "2023-06", found)
    assert table.rows == (("1", "身份证 ［身份证号已隐去］"),)
    assert [str(p) for p in found] == [
        "tables/2023-06/04_表.csv 第 2 行「备注」列：身份证号 ［身份证号已隐去］"]


def test_the_seed_s_tables_read_as_written():
    found: list[PersonalData] = []
    tables = read_given_tables(DATA / "seed001", "2023-06", found)
    assert found == []
    assert [len(t.rows) for t in tables] == [22, 41, 41, 15, 8, 8, 8]  # wc -l minus the header
    special = tables[1]  # 05_市级部门（单位）专项工作情况表.csv, line 5:
    # 4,A组,市生态环境局,2,100.00%,0,0,0,0.6,5,0,2,0.99 — 5th value under
    # “一件事一次办”情况|入驻综窗系统情况
    assert special.title == "市级部门（单位）专项工作情况表"
    assert (special.spanners[4], special.columns[4]) == ("“一件事一次办”情况", "入驻综窗系统情况")
    assert special.rows[3][2:5] == ("市生态环境局", "2", "100.00%")
    watch = tables[6]  # 11_县（市、区）“互联网+监管”情况表.csv, line 9: 8,达州高新区,0,0,-,1
    assert (watch.spanners[4], watch.columns[4]) == ("数据汇聚", "监管事项行为覆盖率")
    assert watch.rows[7] == ("8", "达州高新区", "0", "0", "-", "1")
    assert watch.notes[0] == "1. 目录清单未认领数：通过省“互联网+监管”平台推进监管事项目录清单认领情况，分值为 1 分。"

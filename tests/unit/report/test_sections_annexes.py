"""Annexes numbered as one list across the sections that print them, the 附件 list in
GB/T 9704's form, and tables an input gives as printed (tables/YYYY-MM/)."""

from __future__ import annotations

import shutil
from itertools import pairwise

import pytest

import bulletin
from bulletin.core.blocks import Table
from bulletin.core.errors import InputError
from bulletin.ingest.tables import read_given_tables
from bulletin.report.sections.annex_list import section_annex_list
from bulletin.report.sections.common import annex_note, for_readers
from bulletin.report.sections.registry import profile_blocks
from support.annex_text import set_sections
from support.paths import DATA


def seed003(tmp_path, sections: str):
    folder = tmp_path / "ds"
    shutil.copytree(DATA / "seed003", folder, ignore=shutil.ignore_patterns("*.py"))
    set_sections(folder / "dataset.yml", sections)
    return folder


def captions(blocks) -> list[str]:
    """The 「### 附件n」 line before each table, and the table's title."""
    out = []
    for before, block in pairwise(blocks):
        if isinstance(block, Table):
            out.append(f"{before} {block.title}")
    return out


def test_numbers_follow_the_profile_s_order(tmp_path):
    folder = seed003(tmp_path, "title, hall, items, annex_list, hall_annexes, items_annexes")
    b = bulletin.open_month(folder, "2022-09")
    blocks = for_readers(profile_blocks(b))
    # hall's two tables first (附件1, 2), then the items' two levels (3, 4)
    assert captions(blocks) == [
        "### 附件1 攀枝花市西区政务服务大厅2022年9月部门窗口办件情况",
        "### 附件2 2022年9月攀枝花市西区街道（镇）、社区（村）便民服务中心办件情况统计表",
        "### 附件3 攀枝花市西区各部门事项指标情况（2022年9月）",
        "### 附件4 攀枝花市西区各镇（街道）事项指标情况（2022年9月）"]
    assert section_annex_list(b) == [
        ('<div class="annex-list">\n'
         "<p>附件：1. 攀枝花市西区政务服务大厅2022年9月部门窗口办件情况</p>\n"
         "<p>2. 2022年9月攀枝花市西区街道（镇）、社区（村）便民服务中心办件情况统计表</p>\n"
         "<p>3. 攀枝花市西区各部门事项指标情况（2022年9月）</p>\n"
         "<p>4. 攀枝花市西区各镇（街道）事项指标情况（2022年9月）</p>\n</div>")]


def test_the_annex_note_is_a_paragraph_per_title_its_text_escaped():
    # GB/T 9704 7.3.4: 「附件：」 before the first number only; a title is text, never markup
    assert annex_note(["甲表（2021年2月）", "乙<b>&表", "丙表"]) == (
        '<div class="annex-list">\n<p>附件：1. 甲表（2021年2月）</p>\n'
        "<p>2. 乙&lt;b&gt;&amp;表</p>\n<p>3. 丙表</p>\n</div>")
    assert annex_note([]) == ""


def test_without_annex_sections_the_tables_stay_in_their_sections(tmp_path):
    folder = seed003(tmp_path, "title, hall, items, annex_list")
    b = bulletin.open_month(folder, "2022-09")
    blocks = for_readers(profile_blocks(b))
    assert section_annex_list(b) == []  # no annexes: no 附件 list
    assert [c.split(" ")[1] for c in captions(blocks)] == [
        "大厅部门窗口办件情况", "便民服务中心办件情况", "事项指标表1", "事项指标表2"]


def given(tmp_path, files: dict[str, str]):
    where = tmp_path / "ds" / "tables" / "2023-06"
    where.mkdir(parents=True)
    for name, text in files.items():
        (where / name).write_text(text, encoding="utf-8")
    return tmp_path / "ds"


def test_given_tables_in_their_order_with_spanners_and_notes(tmp_path):
    folder = given(tmp_path, {
        "10_后表.csv": "序号,地区\n1,通川区\n",
        "9_前表.csv": "序号,地区,事项梳理|未认领数,事项梳理|未发布数,得分\n1,通川区,0,,1\n2,达川区,0\n",
        "9_前表.txt": "1. 未认领数：说明。\n\n2. 未发布数：说明。\n"})
    first, second = read_given_tables(folder, "2023-06")  # 9 before 10 (by number)
    assert (first.title, second.title) == ("前表", "后表")
    assert first.spanners == ("", "", "事项梳理", "事项梳理", "")
    assert first.columns == ("序号", "地区", "未认领数", "未发布数", "得分")
    assert first.rows == (("1", "通川区", "0", "", "1"), ("2", "达川区", "0", "", ""))  # short rows padded
    assert first.notes == ("1. 未认领数：说明。", "2. 未发布数：说明。")
    assert second.notes == ()
    assert read_given_tables(tmp_path / "nothing", "2023-06") == []


@pytest.mark.parametrize("files,message", [
    ({"前表.csv": "序号\n1\n"}, "前表.csv"),  # no number in front
    ({"04_表.csv": "序号,地区\n1,通川区,多余\n"}, "第 2 行"),  # a row wider than the header
    ({"04_表.csv": "序号,\n1,2\n"}, "第 2 列表头为空"),
    ({"04_表.csv": "序号,地区\n"}, "没有数据行"),
])
def test_bad_given_tables_name_file_and_row(tmp_path, files, message):
    folder = given(tmp_path, files)
    with pytest.raises(InputError) as err:
        read_given_tables(folder, "2023-06")
    assert message in str(err.value) and "tables/2023-06/" in str(err.value)

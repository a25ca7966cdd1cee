"""Seed 001's text beside its score tables: the analyst's 总体情况 and 二、(一)/(二) from the
notes, each group's 备注 from dataset.yml under its table, and the review's word on the given
tables printed under another number than their file's."""

from __future__ import annotations

import shutil

import bulletin
from bulletin.report.notes import read_notes
from bulletin.report.sections.common import CHECKS, SOURCES, Review, for_readers, review_items
from bulletin.report.sections.given import renumbered
from bulletin.report.sections.registry import profile_blocks
from bulletin.report.sections.scores import month_scores, province_review, scores_table
from support.paths import DATA

MONTH = "2023-06"


def copy(tmp_path):
    folder = tmp_path / "seed001"
    shutil.copytree(DATA / "seed001", folder)
    return folder


def test_the_notes_sections_of_seed001(write, tmp_path):
    path = write("2023-06.md", "## 一、总体情况\n\n甲。\n\n## （一）本月完成情况较好的指标情况\n\n乙。\n\n"
                               "## （二）完成情况较差的指标\n\n丙。\n\n## 三、主要问题和下步工作要求\n\n丁。\n")
    notes = read_notes(path)
    assert notes.sections == {"总体情况": "甲。", "较好的指标": "乙。", "较差的指标": "丙。",
                              "存在的问题": "丁。"}
    assert notes.unused == []


def test_seed001_prints_them_and_leaves_nothing_unused():
    b = bulletin.open_month(DATA / "seed001", MONTH)
    blocks = profile_blocks(b)
    text = "\n".join(x for x in for_readers(blocks) if isinstance(x, str))
    one = text[text.index("### 一、总体情况"):text.index("### 二、")]
    # the analyst's sentence in place of the engine's 「2023年6月，达州市综合得分 93.24 分…」
    assert "省大数据中心对全省一体化政务服务平台事项梳理、证照印章应用、工程审批等指标进行了综合考核排名，" \
           "达州市综合得分 93.24 分，全省排名第 2 位。" in one
    assert "2023年6月，达州市综合得分" not in one and one.count("93.24") == 1
    assert "本月新增办件 24.9 万件，全年累计 129.79 万件" in text
    assert "新增证照签章率为 99.58%（大竹县财政局电子证照未同步签章 6 个）" in text
    assert not [r for r in review_items(blocks) if "未被采用" in r.text]
    assert province_review(b) == []


def test_a_total_the_analyst_does_not_give_is_a_check(tmp_path):
    folder = copy(tmp_path)
    notes = folder / "notes" / f"{MONTH}.md"
    notes.write_text(notes.read_text(encoding="utf-8").replace("全省排名第 2 位。", "全省排名第 3 位。"),
                     encoding="utf-8")
    assert province_review(bulletin.open_month(folder, MONTH)) == [Review(
        CHECKS, "notes/2023-06.md 的「总体情况」印在一、总体情况中，但未写出 dataset.yml scores.province "
                "所载的全市综合得分 93.24 分、全省排名第 2 位，请核实。")]


def test_other_profiles_do_not_take_these_notes(write, tmp_path):
    folder = tmp_path / "seed003"
    shutil.copytree(DATA / "seed003", folder)
    notes = folder / "notes" / "2022-09.md"
    notes.write_text(notes.read_text(encoding="utf-8") + "\n## 总体情况\n\n甲。\n", encoding="utf-8")
    blocks = profile_blocks(bulletin.open_month(folder, "2022-09"))
    assert any("「总体情况」一节未被采用" in r.text for r in review_items(blocks))


def test_each_group_s_notes_under_its_table():
    b = bulletin.open_month(DATA / "seed001", MONTH)
    scores = month_scores(b)
    notes = [scores_table(b, scores, i, None).notes for i in range(3)]
    assert [len(n) for n in notes] == [8 + 1, 7 + 1, 8 + 1]  # the 备注, then how it is ranked
    assert notes[0][0] == ("备注：1. 事项梳理得分：实施清单未认领数、办事指南未发布数、办事指南准确性等指标"
                           "的综合得分情况，分值为 22 分。")
    assert notes[1][6].startswith("7. 综合得分：总分100分") and notes[1][6].endswith("32%。")
    assert notes[2][-1].startswith("综合得分 = 各类别得分之和（事项梳理 14 分")


def test_the_given_tables_printed_under_other_numbers():
    b = bulletin.open_month(DATA / "seed001", MONTH)
    assert [t.number for t in b.inputs.given] == [4, 5, 6, 7, 9, 10, 11]
    assert renumbered(b, 4) == [
        ("tables/2023-06/ 的文件序号 09、10、11 印为附件 8、9、10：文件序号中没有 08，该附件无表，不印，"
        "也不列入附件说明；附件按印出的表依次编号。")]
    # a table before them (附件 5 onwards): 04–07 move, 09–11 fall on their own numbers
    assert renumbered(b, 5)[0].startswith("tables/2023-06/ 的文件序号 04、05、06、07 印为附件 5、6、7、8：")
    blocks = profile_blocks(b)
    assert Review(SOURCES, renumbered(b, 4)[0]) in review_items(blocks)

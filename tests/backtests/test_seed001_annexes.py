"""Seed 001 beside its source (达州市's bulletin of 2023-06): its masthead and
its own 公文 title, 三、主要问题和下步工作要求 after the engine's 一、 and 二、, the 附件
list, and every annex whose table the source prints, with the source's titles and rows.

The source's 附件 list names 11 annexes; its text has no table for 附件 8 (县（市、区）事项
梳理进度表), so the bulletin prints the other ten, numbered 1–10 (data/seed001/dataset.yml)."""

from __future__ import annotations

import bulletin
from bulletin.core.blocks import Table
from bulletin.ingest.tables import read_given_tables
from bulletin.report.blocks import table_gt
from bulletin.report.sections.common import for_readers, profile_title
from bulletin.report.sections.registry import profile_blocks
from support.paths import DATA
from support.published_text import reader_blocks

# The source's 附件 list (lines 37-47), less 附件 8; the first three are dated there
# 「（6 月 1 日—6 月 30 日）」 and here by the month.
SOURCE_TITLES = [
    "市级部门（单位）A 组“一网通办”能力巩固提升汇总表",
    "市级部门（单位）B 组“一网通办”能力巩固提升汇总表",
    "县（市、区）“一网通办”能力巩固提升汇总表",
    "市级部门（单位）事项梳理进度表",
    "市级部门（单位）专项工作情况表",
    "市级部门（单位）“互联网+监管”情况表",
    "市级部门（单位）A 组推广使用省工程建设项目审批管理系统情况表",
    # 8. 县（市、区）事项梳理进度表: no table in the source
    "县（市、区）专项工作情况表",
    "县（市、区）推广使用省工程建设项目审批管理系统情况表",
    "县（市、区）“互联网+监管”情况表",
]


def test_masthead_and_title_as_the_source_has_them():
    b = bulletin.open_month(DATA / "seed001", "2023-06")
    # the source's masthead: 「达州市政府职能转变和“放管服”改革 / 情 况 通 报」
    assert b.config.region + profile_title(b.config) == "达州市政府职能转变和“放管服”改革情况通报"
    blocks = reader_blocks("seed001", "2023-06")
    assert blocks[1] == ("## 达州市推进政府职能转变和“放管服”改革协调小组办公室关于2023年6月"
                         "全市“一网通办”推进情况的通报")
    heads = [b.split("\n")[0] for b in blocks if b.startswith("### ") and "附件" not in b]
    assert heads == ["### 一、总体情况", "### 二、各项考核指标具体情况", "### 三、主要问题和下步工作要求"]


def test_annex_count_and_titles_equal_the_source_s():
    blocks = reader_blocks("seed001", "2023-06")
    tables = [i for i, x in enumerate(blocks) if x.startswith("表：")]
    assert len(tables) == 10
    assert [blocks[i - 1] for i in tables] == [f"### 附件{n}" for n in range(1, 11)]
    titles = [blocks[i].removeprefix("表：") for i in tables]
    assert [t.removesuffix("（2023年6月）") for t in titles] == SOURCE_TITLES
    listing = next(x for x in blocks if x.startswith('<div class="annex-list">'))
    assert ("\n<p>附件：1. 市级部门（单位）A 组“一网通办”能力巩固提升汇总表（2023年6月）</p>\n"
            in listing)
    assert listing.endswith("\n<p>10. 县（市、区）“互联网+监管”情况表</p>\n</div>")
    problems = next(i for i, x in enumerate(blocks) if x.startswith("### 三、"))
    assert problems < blocks.index(listing) < tables[0]  # the body, the list, the annexes


def test_given_tables_hold_the_source_s_rows():
    tables = read_given_tables(DATA / "seed001", "2023-06")
    by_title = {t.title: t for t in tables}
    special = by_title["市级部门（单位）专项工作情况表"]
    # source row 30: 「30	B组	市市场监管局	6	100.00%	0	0	0	0.7	25	1	1.9	1」
    assert special.rows[29] == ("30", "B组", "市市场监管局", "6", "100.00%", "0", "0", "0", "0.7",
                                "25", "1", "1.9", "1")
    assert len(special.rows) == 41 and special.notes[-1].startswith("任务落实情况:")
    assert special.spanners[3:6] == ("“一件事一次办”情况",) * 3
    # 附件 10, row 7: 「7	开江县	13.85%	5.99	100.0%	6.00	25.00%	5.98	1.9」
    works = by_title["县（市、区）推广使用省工程建设项目审批管理系统情况表"]
    assert works.rows[6] == ("7", "开江县", "13.85%", "5.99", "100.0%", "6.00", "25.00%", "5.98", "1.9")
    # 附件 7, row 2: a blank 推进并联审批改革情况 stays blank
    assert by_title["市级部门（单位）A 组推广使用省工程建设项目审批管理系统情况表"].rows[1][8] == ""
    assert len(by_title["市级部门（单位）事项梳理进度表"].rows) == 22  # the source prints rows 1-22


def test_the_annexes_print_spanners_and_notes():
    b = bulletin.open_month(DATA / "seed001", "2023-06")
    gts = [x for x in for_readers(profile_blocks(b)) if isinstance(x, Table)]
    html = table_gt(gts[5]).as_raw_html()  # 附件6 市级部门（单位）“互联网+监管”情况表
    assert "数据资源编目" in html and "异常目录解决率" in html and "22.22%" in html
    assert "备注：1. 目录清单完成情况" in html

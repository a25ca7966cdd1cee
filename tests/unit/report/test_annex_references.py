"""Every 「附件N」 the reader's text refers to is an annex the bulletin prints, and the 附件说明
lists exactly the annexes printed, in order: for every sample dataset's published month,
and by hand for seeds 004 and 003.

Seed 004 (重庆市江北区's notice of 2021-09) says 「书面反馈原因（见附件1）」 and
「单位自身的指标完成情况（见附件2）」; its 附件说明: 「附件：1.办件情况反馈表 / 2.各部门各街镇行政许可
事项4个指标详情 / 3.…」 (3, the forwarded city document, typed into attachments/2021-09/); 附件2
is one annex, 「各部门、各街镇行政许可事项4个指标详情」, holding the 部门 table (28 rows,
区交通局 … 区烟草专卖局) and the 街镇 table (12 rows, 石马河街道 … 五宝镇).
Seed 003 (攀枝花市西区's bulletin of 2022-09) says the windows 「（见附件2）」 and the
centres 「（见附件3）」; we print the items table per level first (附件1 部门, 附件2 镇（街道）),
so the windows are our 附件3 and the centres our 附件4.
"""

from __future__ import annotations

import re
import shutil

import pytest

import bulletin
from bulletin.core.blocks import Table
from bulletin.report.downloads import name_tables
from bulletin.report.sections.annex_list import section_annex_list
from bulletin.report.sections.common import as_blocks, for_readers
from bulletin.report.sections.registry import profile_blocks
from support.annex_text import annex_text, with_sections
from support.paths import DATA

MONTHS = {"seed000": "2021-02", "seed001": "2023-06", "seed002": "2020-12",
          "seed003": "2022-09", "seed004": "2021-09", "synthetic": "2021-03"}

# the annex numbers each sample's text refers to, read from the seeds (000-002 refer to none
# in their text: their annexes are only listed)
REFERRED = {"seed003": [3, 4], "seed004": [1, 2]}
# the 附件说明 of an attached document, after the bulletin's own: seed 004's 附件3 (the
# forwarded city document) lists its own three tables, as the seed prints it
ATTACHED_LISTS = {"seed004": [[(1, "各区县行政许可事项4个指标详情"), (2, "各区县监管事项清单认领率"),
                               (3, "各区县行政检查实施清单编制率")]]}


def note(*titles: str) -> str:
    """The 附件说明 of ``titles`` as report.sections.common.annex_note writes it."""
    rows = [f"<p>{'附件：' if n == 1 else ''}{n}. {t}</p>\n" for n, t in enumerate(titles, 1)]
    return '<div class="annex-list">\n' + "".join(rows) + "</div>"


def reader_blocks(folder, month: str) -> list:
    return for_readers(profile_blocks(bulletin.open_month(folder, month)))


@pytest.mark.parametrize("name", sorted(MONTHS))
def test_every_annex_referred_to_is_printed_and_listed_in_order(name):
    annexes = annex_text(reader_blocks(DATA / name, MONTHS[name]))
    numbers = [n for n, _ in annexes.headings]
    assert numbers == list(range(1, len(numbers) + 1)), f"{name}: annexes numbered {numbers}"
    assert annexes.bare == [], f"{name}: 「见附件」 without its number"
    missing = sorted(set(annexes.references) - set(numbers))
    assert missing == [], f"{name}: the text refers to 附件{missing}, not printed"
    assert annexes.references == REFERRED.get(name, []), name
    if numbers:  # one 附件说明, naming each annex printed, by its number and printed title
        assert annexes.listed == [annexes.headings, *ATTACHED_LISTS.get(name, [])], name
    else:
        assert annexes.listed == [], f"{name}: a 附件说明 without annexes"


def outline(blocks: list) -> list[str]:
    """Headings and tables of the blocks from the first annex on: 「### 附件1」,
    「[表] title (rows)」."""
    start = blocks.index("### 附件1")
    return [f"[表] {b.title} ({len(b.rows)})" if isinstance(b, Table) else b
            for b in blocks[start:] if isinstance(b, Table) or b.startswith("#")]


def test_seed004_annexes_as_the_seed():
    b = bulletin.open_month(DATA / "seed004", "2021-09")
    blocks = for_readers(profile_blocks(b))
    assert outline(blocks) == [
        "### 附件1",
        "[表] 办件情况反馈表 (5)",  # the seed's blank form: five empty rows
        "### 附件2",
        "#### 各部门、各街镇行政许可事项4个指标详情",
        "[表] 重庆市江北区各部门事项指标情况（2021年9月） (29)",  # 28 departments + 合计
        "[表] 重庆市江北区各镇（街道）事项指标情况（2021年9月） (13)",  # 12 街镇 + 合计
        # 附件3: the document it forwards (attachments/2021-09/), its headings and tables
        "### 附件3", "#### 市政府交办事项（“渝快办”专项工作2021年第1号）",
        "##### 一、关于政务服务“好差评”（联系人：尹翔，187＊＊＊＊0028）",
        "##### 二、关于政务服务事项（联系人：马小琦，177＊＊＊＊6938）",
        "##### 附件1", "[表] 各区县行政许可事项4个指标详情 (42)",
        "##### 附件2", "[表] 各区县监管事项清单认领率 (42)",
        "##### 附件3", "[表] 各区县行政检查实施清单编制率 (42)"]
    # the form under its title, then its lines, as the seed's 附件1 prints them: a form
    # (printed across the text block, rows to write in) with those lines as its intro
    form = blocks[blocks.index("### 附件1") + 1]
    assert isinstance(form, Table) and form.form and form.title == "办件情况反馈表"
    assert form.intro[0].startswith("填报单位：（加盖单位鲜章）")
    assert form.intro[1].startswith("本单位共××项依申请类政务服务事项")
    assert section_annex_list(b) == [note("办件情况反馈表", "各部门、各街镇行政许可事项4个指标详情",
                                          "市政府交办事项（“渝快办”专项工作2021年第1号）")]
    # the 附件说明 comes after the body (its last section, 事项指标情况) and before 附件1
    body = [i for i, x in enumerate(blocks) if isinstance(x, str) and x.startswith("### 事项指标情况")]
    listed = blocks.index(section_annex_list(b)[0])
    assert body[0] < listed < blocks.index("### 附件1")
    # no table in the body: the items tables and the form are annexes only
    assert not any(isinstance(x, Table) for x in blocks[:blocks.index("### 附件1")])
    tables = [x for x in blocks if isinstance(x, Table)]
    units = [[c.text for c in t.column("unit")] for t in tables[1:3]]
    assert units[0][:1] == ["区交通局"]
    assert units[0][-2:] == ["区烟草专卖局", "合计"]
    assert units[1][0] == "石马河街道"
    assert units[1][-2:] == ["五宝镇", "合计"]


def test_seed004_one_annex_per_level_without_the_title(tmp_path):
    """Without profile.items_annex_title the items tables are one annex per level (as seed
    003's), after the form: 附件1 the form, 附件2 部门, 附件3 街镇."""
    folder = with_sections(tmp_path, "seed004", "title, preface, items, annex_list, signature, "
                                                "zero_case_items_annexes, items_annexes")
    shutil.rmtree(folder / "attachments")  # its 附件3, the forwarded document: not asked for
    config = folder / "dataset.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  items_annex_title: 各部门、各街镇行政许可事项4个指标详情\n", ""),
                      encoding="utf-8")
    b = bulletin.open_month(folder, "2021-09")
    assert b.config.profile.items_annex_title is None
    assert outline(for_readers(profile_blocks(b))) == [
        "### 附件1", "[表] 办件情况反馈表 (5)",
        "### 附件2", "[表] 重庆市江北区各部门事项指标情况（2021年9月） (29)",
        "### 附件3", "[表] 重庆市江北区各镇（街道）事项指标情况（2021年9月） (13)"]
    assert section_annex_list(b) == [note("办件情况反馈表", "重庆市江北区各部门事项指标情况（2021年9月）",
                                          "重庆市江北区各镇（街道）事项指标情况（2021年9月）")]


def test_seed004_form_in_the_body_without_its_annex_section(tmp_path):
    """zero_case_items (no annex section) keeps the form in the body under its own heading."""
    folder = with_sections(tmp_path, "seed004", "title, preface, items, zero_case_items, signature")
    shutil.rmtree(folder / "attachments")  # its 附件3, the forwarded document: not asked for
    blocks = reader_blocks(folder, "2021-09")
    heads = [x.split("\n")[0] for x in blocks if isinstance(x, str) and x.startswith("#")]
    assert heads == ["# 重庆市江北区政务服务管理办公室", "### 事项指标情况", "### 事项指标表1",
                     "### 事项指标表2", "## 办件情况反馈表"]


def hall_text(folder) -> str:
    blocks = reader_blocks(folder, "2022-09")
    # seed 003's outline numbers it 「（一）实体大厅办件情况」 under 「一、办件情况」
    return next(x for x in blocks if isinstance(x, str)
                and re.match(r"#{3,4} (（一）)?实体大厅办件情况", x))


def test_seed003_hall_text_names_its_annexes():
    text = hall_text(DATA / "seed003")
    # items_annexes first: 部门 附件1, 镇（街道） 附件2; then the windows 附件3, the centres 附件4
    assert "20 个部门窗口共受理 13907 件，办结 13907 件（见附件3）。" in text
    assert "受理 4904 件，办结 4904 件（见附件4）。" in text


def test_seed003_hall_numbers_follow_the_profile(tmp_path):
    # hall_annexes first: the windows 附件1, the centres 附件2
    text = hall_text(with_sections(tmp_path, "seed003",
                                   "title, hall, items, annex_list, hall_annexes, items_annexes"))
    assert "办结 13907 件（见附件1）。" in text and "办结 4904 件（见附件2）。" in text


def test_seed003_hall_tables_in_the_body_refer_to_no_annex(tmp_path):
    text = hall_text(with_sections(tmp_path, "seed003", "title, hall, items"))
    assert "附件" not in text
    assert "共受理 13907 件，办结 13907 件。" in text and "办结 4904 件。" in text


def test_item_lists_as_an_annex_one_form_per_unit(tmp_path, write):
    """With item lists (a 办件量 per item), 附件1 lists per unit its items without a case, a
    heading below the 附件1 line for each unit; both forms' downloads are 附件1's."""
    write("ds/units.csv", "单位名称,层级,序号\n区交通局,市级部门,1\n区教委,市级部门,2\n")
    write("ds/dataset.yml", "profile:\n  sections: [items, annex_list, zero_case_items_annexes]\n")
    write("ds/items/2021-09.csv",
          "事项编码,事项名称,部门,法定时限,承诺时限,到现场次数,全程网办,已认领,已发布,办事指南准确,办件量\n"
          "A1,道路运输许可,区交通局,20,5,0,是,是,是,是,12\n"
          "A2,出租车证,区交通局,10,0,1,否,是,是,否,0\n"
          "B1,办学许可,区教委,20,10,1,否,是,否,否,0\n")
    b = bulletin.open_month(tmp_path / "ds", "2021-09")
    blocks = for_readers(profile_blocks(b))
    # 区交通局: 2 items, 1 with cases (A1: 12), 1 without (A2); 区教委: 1 item, without (B1)
    assert outline(blocks) == [
        "### 附件1",
        "#### 区交通局\n\n本单位共 2 项依申请类政务服务事项，其中 1 项事项产生办件量，1 项事项办件量为 0。",
        "[表] 区交通局办件情况反馈表 (1)",
        "#### 区教委\n\n本单位共 1 项依申请类政务服务事项，其中 0 项事项产生办件量，1 项事项办件量为 0。",
        "[表] 区教委办件情况反馈表 (1)"]
    assert section_annex_list(b) == [note("办件情况反馈表")]
    stems = [stem for stem, _, _ in name_tables(as_blocks(blocks), "", "2021年9月")]
    # the items table stays in the body (no items_annexes), under 「### 事项指标表1」
    assert stems == ["事项指标表1_本市各部门事项指标情况", "附件1_区交通局办件情况反馈表",
                     "附件1_区教委办件情况反馈表"]


@pytest.mark.parametrize(("stated", "printed"), [
    ("{accepted: 13907, completed: 13907}", "共受理 13907 件，办结 13907 件。"),
    # a stated figure that differs (a 数据核对 item) or only one of them: the windows' 办件数
    ("{accepted: 13900, completed: 13907}", "共办件 13907 件。"),
    ("{completed: 13907}", "共办件 13907 件。"),
    ("{}", "共办件 13907 件。")])
def test_seed003_windows_accepted_and_completed_only_where_stated_and_agreeing(tmp_path, stated,
                                                                              printed):
    folder = with_sections(tmp_path, "seed003", "title, hall, items")
    config = folder / "dataset.yml"
    text = config.read_text(encoding="utf-8")
    old = "大厅窗口: {accepted: 13907, completed: 13907}"
    assert old in text
    config.write_text(text.replace(old, f"大厅窗口: {stated}"), encoding="utf-8")
    assert printed in hall_text(folder)

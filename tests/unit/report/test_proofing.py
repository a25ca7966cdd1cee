"""The analyst's typed text in print and in the review: the notes of seeds 002 and 003 are
printed with full-width punctuation between Chinese characters, each change listed in the
review by file and line; slips (心心心心, a unit name one character off, a sentence twice)
are flagged in the review and printed as typed."""

from __future__ import annotations

import shutil

import bulletin
from bulletin.core.blocks import Table
from bulletin.report.blocks import table_gt
from bulletin.report.proofing import proofing
from bulletin.report.sections.common import for_readers
from bulletin.report.sections.registry import profile_blocks
from bulletin.report.sections.review import review_markdown
from support.paths import DATA


def printed(b) -> str:
    return "\n".join(x for x in for_readers(profile_blocks(b)) if isinstance(x, str))


def test_seed002_notes_print_full_width_and_the_review_lists_each_change():
    b = bulletin.open_month(DATA / "seed002", "2020-12")
    text = printed(b)
    assert "指标的牵头任务，该指标主要包括" in text and "整改提升情况如下：" in text
    assert "（一）网上政务服务事项可办率。2019年我市网上政务服务事项可办率为100分，2020年" in text
    assert "任务,该" not in text and "(一)" not in text
    lines = proofing(b)
    # line 12 of notes/2020-12.md (正文): 「任务,该」 and 「如下:」, two marks by hand;
    # line 16: 「(一)」 and 「100分,2020年」
    assert lines[0] == ("seed002/notes/2020-12.md 第 12 行：印发时改为全角标点 "
                        "「任务,该指」→「任务，该指」；「如下:」→「如下：」")
    assert lines[1] == ("seed002/notes/2020-12.md 第 16 行：印发时改为全角标点 "
                        "「(一)网上」→「（一）网上」；「0分,20」→「0分，20」")
    # the eight items of 二、整改提升措施 (lines 24–38) and the three of 一、 each open with (n)
    assert sum("→「（" in line for line in lines) == 11
    review = review_markdown(b, profile_blocks(b))
    assert "## 文字校对" in review and "第 12 行：印发时改为全角标点" in review


def test_seed003_work_notes_and_the_centre_typed_with_four_hearts():
    b = bulletin.open_month(DATA / "seed003", "2022-09")
    text = printed(b)
    assert "近期，全国新冠肺炎疫情防控形势出现新的变化，为认真落实好省、市、区疫情防控工作要求" in text
    assert "构建市、县（区）、镇（街道）、村（社区）“四位一体”" in text
    tables = "".join(table_gt(x).as_raw_html() for x in profile_blocks(b) if isinstance(x, Table))
    assert "格里坪镇便民服务中心心心心" in tables  # printed as typed: the analyst corrects it
    lines = proofing(b)
    heads = [f"seed003/notes/2022-09.md 第 {n} 行：印发时改为全角标点 「" for n in (6, 8, 10, 12)]
    assert [line[:len(head)] for line, head in zip(lines, heads, strict=False)] == heads
    # line 12, item 4: 「本月,按照」「工作,及时」「部门(单位)完成」「6669项,认领」「100%,发布」「100%,办事」
    assert lines[3].count("→") == 6 and "「部门(单位)完成」→「部门（单位）完成」" in lines[3]
    assert lines[-1] == ("seed003/hall/2022-09_centres.csv「镇便民服务中心心心心」中「心心心心」连续重复，"
                         "是否误输入？通报按原文印出，如需更正请修改原文后重新发布。")


NOTES = """## 工作动态

格里平镇便民服务中心本月办件较多,群众满意。全区一体化平台运行平稳。

全区一体化平台运行平稳。办理提速率为－3.5%。
"""


def test_slips_are_flagged_and_printed_as_typed(tmp_path):
    folder = tmp_path / "seed003"
    shutil.copytree(DATA / "seed003", folder, ignore=shutil.ignore_patterns("*.py"))
    (folder / "notes" / "2022-09.md").write_text(NOTES, encoding="utf-8")
    b = bulletin.open_month(folder, "2022-09")
    text = printed(b)
    # 格里平镇 as typed (registry: 格里坪镇); the comma between Chinese and the minus set
    assert "格里平镇便民服务中心本月办件较多，群众满意。" in text
    assert "办理提速率为-3.5%。" in text
    assert proofing(b)[:4] == [
        "seed003/notes/2022-09.md 第 3 行：印发时改为全角标点 「较多,群众」→「较多，群众」",
        "seed003/notes/2022-09.md 第 5 行：印发时改为全角标点 「率为－3.」→「率为-3.」",
        ("seed003/notes/2022-09.md 第 3 行「格里平镇」与单位名录中的「格里坪镇」只差一个字，是否笔误？"
         "通报按原文印出，如需更正请修改原文后重新发布。"),
        "seed003/notes/2022-09.md 第 3、5 行重复出现同一句话「全区一体化平台运行平稳。」，请核实是否误粘贴。",
    ]

"""Seed 003 beside its source (the office's bulletin of 2022-09): its outline 「一、办件情况」
over 「（一）实体大厅办件情况」 and 「（二）“一网通办”指标情况」, then 「二、工作动态」 after the
figures and before the 附件 list and the annexes, as the source places it."""

from __future__ import annotations

from bulletin.core.typography import typeset
from support.published_text import reader_blocks

WORK = ["近期,全国新冠肺炎疫情防控形势出现新的变化,为认真落实好省、市、区疫情防控工作要求",
        "9月以来,核验办事群众7200余人次,提供代办帮办服务216件次。",
        "9月22日,西区行政审批局组织召开镇村便民服务体系“三化”建设工作推进会",
        "我区一体化平台认领事项6669项,认领率100%,发布率100%,办事指南准确率100%。"]


def test_work_between_the_figures_and_the_annexes():
    blocks = reader_blocks("seed003", "2022-09")
    work = next(i for i, b in enumerate(blocks) if b.startswith("### 二、工作动态\n\n"))
    # as the source typed them, its half-width commas between Chinese characters set full-width
    assert all(typeset(w) in blocks[work] for w in WORK)
    assert "近期，全国新冠肺炎疫情防控形势出现新的变化，为认真落实好" in blocks[work]
    part = blocks.index("### 一、办件情况")
    hall = next(i for i, b in enumerate(blocks) if b.startswith("#### （一）实体大厅办件情况\n"))
    items = next(i for i, b in enumerate(blocks)
                 if b.startswith("#### （二）“一网通办”指标情况\n"))
    assert part < hall < items < work
    # the source's body has these four headings and no other
    headings = [line for b in blocks[part:work + 1] for line in b.split("\n")
                if line.startswith("#")]
    assert headings == ["### 一、办件情况", "#### （一）实体大厅办件情况",
                        "#### （二）“一网通办”指标情况", "### 二、工作动态"]
    assert blocks[work + 1].startswith('<div class="annex-list">\n<p>附件：1. ')  # 附件说明
    tables = [i for i, b in enumerate(blocks) if b.startswith("表：")]
    assert tables and min(tables) > work + 1  # every table is an annex after the text
    # the source's annexes 1-3: its 附件1 is printed as one table per level (部门, 镇（街道）)
    assert [blocks[i] for i in tables] == [
        "表：攀枝花市西区各部门事项指标情况（2022年9月）",
        "表：攀枝花市西区各镇（街道）事项指标情况（2022年9月）",
        "表：攀枝花市西区政务服务大厅2022年9月部门窗口办件情况",
        "表：2022年9月攀枝花市西区街道（镇）、社区（村）便民服务中心办件情况统计表"]
    assert [blocks[i - 1] for i in tables] == ["### 附件1", "### 附件2", "### 附件3", "### 附件4"]

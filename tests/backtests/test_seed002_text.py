"""Seed 002 beside its source: its title, its lead, the three 目标 and the eight 措施 of
seed 002 (平顶山市's bulletin of 2020-12) are printed, in the source's order, each under its
own heading, and the targets table closes the body as in the source. The source's text is
printed as typed but for its half-width punctuation between Chinese characters, set
full-width (core.typography): the snippets below are the source's, compared typeset."""

from __future__ import annotations

from bulletin.core.typography import typeset
from support.published_text import positions, reader_blocks

# Literal snippets of the source, in its order (lead, 一、(一)-(三), 二、(一)-(八)).
GOALS = ["(一)网上政务服务事项可办率。2019年我市网上政务服务事项可办率为100分,2020年持续保持满分成绩。",
         "(二)政务服务便利度。2019年评价指标为68.34分,预计2020年能提高到85分。",
         "(三)与国家政务平台数据共享。2019年评价指标为85分,预计2020年能提高到90分。"]
MEASURES = ["(一)提升网上政务服务评估指标。强化“五减一优”,稳步提升政务服务成绩单各项指标。",
            "(二)实行“周末不打烊”服务。针对办件量大、办事频率高且紧密关系民生的不动产、税务、房产、社保、医保五部门",
            "(三)提供24小时自助政务服务。2020年在市行政审批服务中心南门西侧建设了24小时自助政务服务大厅",
            "(四)实行无差别综合受理。把37家单位的办事窗口整合成8个综合受理窗口,2个综合出证窗口",
            "(五)建立帮办代办员制度。2020年实行帮办代办+联合辅导,设立帮办代办室",
            "将企业登记方式由“线下为主”变为“线上为主”,由“面对面”变为“键对键”,实现了网上申请、网上审核、网上准入。",
            "(七)强化政务服务“就近办”工作力度。规范乡镇(街道)便民服务机构建设标准、场所设施标准",
            "截止2020年底,我市“豫事办”用户达1255420人。"]
LEAD = "市政务服务和大数据局承担“政务服务”指标的牵头任务,该指标主要包括网上政务服务事项可办率、政务服务事项便利度、与国家政务平台数据共享3项。我市该指标整改提升情况如下:"


def test_the_source_s_text_is_printed_in_its_order():
    blocks = reader_blocks("seed002", "2020-12")
    text = "\n\n".join(blocks)
    source = [typeset(s) for s in [LEAD, *GOALS, *MEASURES]]
    found = positions(text, source)
    assert -1 not in found, [s for s, at in zip(source, found) if at < 0]
    assert found == sorted(found)
    # as typed in the source, none of them is printed: each holds a half-width mark set full-width
    assert positions(text, [LEAD, *GOALS, *MEASURES]) == [-1] * 12
    assert "牵头任务，该指标" in text and "（一）网上政务服务事项可办率。" in text


def test_each_part_under_its_heading_and_the_table_last():
    blocks = reader_blocks("seed002", "2020-12")
    assert blocks[1] == "## 关于“政务服务”指标整改提升情况的通报"  # after the masthead block
    assert blocks[2] == typeset(LEAD)  # the lead has no heading of its own
    goals = next(b for b in blocks if b.startswith("### 一、整改提升目标及成效\n\n"))
    measures = next(b for b in blocks if b.startswith("### 二、整改提升措施\n\n"))
    goals_typed, measures_typed = [typeset(g) for g in GOALS], [typeset(m) for m in MEASURES]
    assert all(g in goals for g in goals_typed) and not any(m in goals for m in measures_typed[1:])
    assert all(m in measures for m in measures_typed)
    assert blocks.index(goals) < blocks.index(measures)
    assert blocks[-1] == "表：平顶山市指标整改提升目标及完成情况"
    # the typo fixed in the notes (as their comment says): a full stop after (六)'s lead
    assert "（六）提升网上政务服务能力。利用“互联网+企业登记”平台" in measures

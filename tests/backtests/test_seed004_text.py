"""Seed 004 beside its source: the notice's title and text (重庆市江北区's of 2021-09)
are printed before the figures, in the source's order; its signature, date and 附注 after
the 附件说明."""

from __future__ import annotations

from support.published_text import positions, reader_blocks

TEXT = ["根据全国网上政务服务能力评估指标要求，市政府办公厅梳理了各区县存在的13个问题并要求立即整改。",
        "一是抓好数据汇集。要对照本单位依申请类政务服务事项清单，将全部事项的办件数据及评价数据归集到“渝快办”政务服务平台",
        "请于10月12日之前书面反馈原因（见附件1），加盖公章后报我办301办公室",
        "二是继续提升指标。请对照时限压缩、跑动次数、即办件和全程网办比例等指标要求",
        "三是完善办事指南。要确保办事指南准确度。",
        "此项工作涉及国务院对重庆市的年度考核，市政府办公厅将对各区县的完成情况进行督查通报。",
        "文件中涉及“互联网+监管”的内容将由区大数据发展局另行安排布置。其他未尽事宜可与我办审批服务科联系。"]
NOTE = "（区政务服务办联系人及电话：张竞  黄茜 67560907）"


def test_the_notice_is_printed_in_its_order_before_the_figures():
    blocks = reader_blocks("seed004", "2021-09")
    assert blocks[1] == "## 关于转发《市政府交办事项（“渝快办”专项工作2021年第1号）》的通知"
    # 主送机关 flush left under the title (GB/T 9704 §7.3.2), then the body
    assert blocks[2] == '<div class="addressees">\n<p>各有关单位、各街镇：</p>\n</div>'
    notice = blocks[3]
    found = positions(notice, TEXT)
    assert -1 not in found, [s for s, at in zip(TEXT, found) if at < 0]
    assert found == sorted(found)
    assert blocks[4].startswith("### 事项指标情况")  # the figures follow the notice
    assert "附件：" not in notice and "印发" not in notice  # the bulletin's own annexes and 版记
    assert NOTE not in notice  # the 附注, under the date


def test_the_notice_is_signed_and_dated_after_its_annex_note_with_its_note():
    """A 公文 (GB/T 9704): 署名 and 成文日期 after the 附件说明, the 附注 on the next line,
    then 附件1 — as the seed has them."""
    blocks = reader_blocks("seed004", "2021-09")
    at = next(n for n, block in enumerate(blocks) if 'class="annex-list"' in block)
    assert blocks[at + 1] == (
        '<div class="signature">\n<p>重庆市江北区政务服务管理办公室</p>\n<p>2021年9月29日</p>\n'
        f'</div>\n\n<div class="attached-note">\n<p>{NOTE}</p>\n</div>')
    assert blocks[at + 2].startswith("### 附件1")

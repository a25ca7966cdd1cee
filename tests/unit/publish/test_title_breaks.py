"""Printed titles broken between phrases (core.phrases.title_break, publish.titles): the
lines worked out by hand for the seeds' titles at the widths the PDF and the Word file
print them in; never a word, a number or a date cut; one line when it fits."""

from __future__ import annotations

import pytest

from bulletin.core.phrases import text_width, title_break
from bulletin.publish.titles import TITLE_EMS, break_titles, table_title_html

TITLE = TITLE_EMS  # 2号 over 156 mm: about 20 characters


@pytest.mark.parametrize(("title", "expected"), [
    # seed 004's body title: no cut between its outer phrases fits, the one inside the
    # quotation least deep and most even (never 「…专项工 / 作2021年…」)
    ("关于转发《市政府交办事项（“渝快办”专项工作2021年第1号）》的通知",
     ["关于转发《市政府交办事项（“渝快办”", "专项工作2021年第1号）》的通知"]),
    # seed 004's 附件3 as the seed prints it: before the bracket, not inside it
    ("市政府交办事项（“渝快办”专项工作2021年第1号）",
     ["市政府交办事项", "（“渝快办”专项工作2021年第1号）"]),
    # a place name and 情况通报 are phrases; lines even
    ("重庆市江北区政务服务管理办公室关于全区政务服务事项办理情况的通报",
     ["重庆市江北区政务服务管理办公室", "关于全区政务服务事项办理情况的通报"]),
    ("关于印发《重庆市江北区政务服务“好差评”工作实施方案》的通知",
     ["关于印发《重庆市江北区政务服务", "“好差评”工作实施方案》的通知"]),
    # fits: one line
    ("各部门、各街镇行政许可事项4个指标详情", ["各部门、各街镇行政许可事项4个指标详情"]),
])
def test_titles_break_between_phrases(title, expected):
    lines = title_break(title, TITLE)
    assert lines == expected
    assert "".join(lines) == title
    assert all(text_width(line) <= TITLE for line in lines)


def test_narrow_widths_take_more_lines_never_a_line_of_one_character():
    title = "关于转发《市政府交办事项（“渝快办”专项工作2021年第1号）》的通知"
    lines = title_break(title, 12)
    assert lines == ["关于转发《市政府交办事项", "（“渝快办”专项工作", "2021年第1号）》的通知"]
    assert min(len(line) for line in lines) >= 2


def test_a_title_without_phrases_that_fit_is_left_to_the_renderer():
    assert title_break("行政许可事项承诺时限压缩比平均到现场次数即办件占比", 10) == \
        ["行政许可事项承诺时限压缩比平均到现场次数即办件占比"]


def test_headings_get_line_breaks_and_an_annex_title_the_title_width():
    html = ("<h2>关于转发《市政府交办事项（“渝快办”专项工作2021年第1号）》的通知</h2>\n"
            "<p>正文</p>\n<h3>附件3</h3>\n<h4>市政府交办事项（“渝快办”专项工作2021年第1号）</h4>\n"
            "<h4>市政府交办事项（“渝快办”专项工作2021年第1号）</h4>\n<h3>一、<b>x</b></h3>")
    out = break_titles(html)
    assert "<h2>关于转发《市政府交办事项（“渝快办”<br />专项工作2021年第1号）》的通知</h2>" in out
    # the title under 「附件3」 is the annex's title: broken for the title's width
    assert ('<h4 class="annex-title">市政府交办事项<br />（“渝快办”专项工作2021年第1号）</h4>'
            in out)
    # a heading of the text after it wraps as the text does (no forced break)
    assert "<h4>市政府交办事项（“渝快办”专项工作2021年第1号）</h4>" in out
    assert "<h3>一、<b>x</b></h3>" in out  # markup inside: left as it is


def test_title_text_is_escaped():
    out = break_titles("<h2>关于转发《A&amp;B市政府交办事项（“渝快办”专项工作2021年第1号）》的通知</h2>")
    assert "A&amp;B" in out and "<br />" in out


def test_a_heading_of_the_text_is_never_broken_by_force():
    """一、 and （一） headings are set as paragraphs (two characters in, justified): a forced
    break would stretch their first line across the page in Word (seed 004's 「一、关于政务服务
    “好差评”（联系人：…）」 printed as 「一 、 关 于 政 务 …」)."""
    long = "一、关于政务服务“好差评”（联系人：尹翔，187＊＊＊＊0028）"
    for level in (3, 4, 5, 6):
        html = f"<h{level}>{long}</h{level}>"
        assert break_titles(html) == html



@pytest.mark.parametrize(("title", "wide", "expected"), [
    # data/yunling's 附件2 (14 pt across the portrait page): never 「…统 / 计表」
    ("2023年9月云岭市东区街道（镇）、社区（村）便民服务中心办件情况统计表", False,
     "2023年9月云岭市东区街道（镇）、<br />社区（村）便民服务中心办件情况统计表"),
    # the same title across a landscape page fits on one line
    ("2023年9月云岭市东区街道（镇）、社区（村）便民服务中心办件情况统计表", True,
     "2023年9月云岭市东区街道（镇）、社区（村）便民服务中心办件情况统计表"),
    ("2021年2月<b>各单位</b>办件情况", False, "2021年2月&lt;b&gt;各单位&lt;/b&gt;办件情况"),
])
def test_a_table_title_breaks_between_phrases_and_is_escaped(title, wide, expected):
    assert table_title_html(title, wide) == expected


def test_the_printed_table_carries_its_title_s_breaks():
    from bulletin.publish.blocks import table_html
    from support.executed import table

    title = "2023年9月云岭市东区街道（镇）、社区（村）便民服务中心办件情况统计表"
    printed = table_html(table(title, ["单位", "办件量"], [["甲局", "12"]]))
    assert "<p>2023年9月云岭市东区街道（镇）、<br />社区（村）便民服务中心办件情况统计表</p>" \
        in printed

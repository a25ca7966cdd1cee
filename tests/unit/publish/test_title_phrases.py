"""The site's titles cut into phrases (publish.site_phrases): the seeds' titles, 发文机关 and
table titles, cut where a reader would break them, never inside a word, a quotation or a
bracket, and no phrase of one character. Expected phrases are written by hand."""

from __future__ import annotations

import pytest

from bulletin.core.phrases import phrase_list
from bulletin.publish.site.phrases import header, phrases


@pytest.mark.parametrize(("title", "expected"), [
    # the mastheads of seeds 000–004, whole
    ("达州市一体化政务服务平台运行情况通报", ["达州市", "一体化政务服务平台运行", "情况通报"]),
    ("达州市政府职能转变和“放管服”改革情况通报",
     ["达州市", "政府职能转变和", "“放管服”", "改革", "情况通报"]),
    ("攀枝花市西区政务服务工作情况通报", ["攀枝花市西区", "政务服务工作", "情况通报"]),
    ("重庆市江北区行政许可事项指标", ["重庆市江北区", "行政许可事项指标"]),
    # 发文机关 and table titles
    ("达州市推进政府职能转变和“放管服”改革协调小组办公室",
     ["达州市", "推进政府职能转变和", "“放管服”", "改革协调小组办公室"]),
    ("市级部门（单位）A 组“一网通办”能力巩固提升汇总表",
     ["市级部门", "（单位）A 组", "“一网通办”", "能力巩固提升汇总表"]),
    ("县（市、区）专项工作情况表", ["县（市、区）", "专项工作", "情况表"]),
    ("攀枝花市西区政务服务大厅2022年9月部门窗口办件情况",
     ["攀枝花市西区", "政务服务大厅", "2022年9月", "部门窗口办件情况"]),
    # short ones stay whole: no place name before 「市级」, 「城市」
    ("市级部门", ["市级部门"]),
    ("市城市管理局", ["市城市管理局"]),
    ("各单位历史数据", ["各单位历史数据"]),
])
def test_titles_are_cut_between_phrases(title, expected):
    assert phrase_list(title) == expected


def test_no_phrase_of_one_character():
    # 「A 组」: the cut after the space would leave 「组」 alone; 「县」 before 「（市、区）」 too
    assert phrase_list("（单位）A 组") == ["（单位）A 组"]
    assert phrase_list("县（市、区）推广") == ["县（市、区）", "推广"]


def test_the_filter_escapes_and_writes_spans_with_break_opportunities():
    assert str(phrases("达州市<b>通报")) == (
        '<span class="phrase">达州市</span><wbr><span class="phrase">&lt;b&gt;通报</span>')
    assert str(phrases("")) == ""
    assert str(phrases("市<公安>局")) == "市&lt;公安&gt;局"  # one phrase: no span


@pytest.mark.parametrize(("label", "expected"), [
    # the headline columns of the index and trends pages: never 「按时办结 / 率」
    ("按时办结率", ["按时", "办结率"]),
    ("线上申请占比（%）", ["线上申请", "占比", "（%）"]),
    ("主动评价数（条）", ["主动", "评价数", "（条）"]),
    ("超时办结件", ["超时办结件"]),  # one phrase: kept whole, its 「件」 never alone
    ("申请件", ["申请件"]),
])
def test_the_header_filter_keeps_each_phrase_whole(label, expected):
    html = str(header(label))
    spans = html.split("<wbr>")
    assert spans == [f'<span class="header-phrase">{p}</span>' for p in expected]


def test_the_header_filter_escapes():
    assert str(header("<b>率")) == '<span class="header-phrase">&lt;b&gt;率</span>'
    assert str(header("")) == ""


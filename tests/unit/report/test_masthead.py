"""The red title (版头) breaks at sensible points: lines that fit the text block, none of
one or two characters, 情况通报 on a line of its own when the rest fits (seed 000), else
at a quotation, 关于 or 的, balanced."""

from __future__ import annotations

import pytest

from bulletin.report.sections.common import TITLE_WIDTH, title_lines


@pytest.mark.parametrize("title,region,lines", [
    ("达州市一体化政务服务平台运行情况通报", "达州市", ["达州市一体化政务服务平台运行", "情况通报"]),
    ("平顶山市“政务服务”指标整改提升情况通报", "平顶山市", ["平顶山市“政务服务”", "指标整改提升情况通报"]),
    ("达州市“一网通办”推进情况通报", "达州市", ["达州市“一网通办”推进", "情况通报"]),
    ("攀枝花市西区政务服务工作情况通报", "攀枝花市西区", ["攀枝花市西区政务服务工作", "情况通报"]),
    ("重庆市江北区行政许可事项指标情况通报", "重庆市江北区", ["重庆市江北区行政许可事项指标", "情况通报"]),
    ("达州市关于2023年6月全市“一网通办”推进情况的通报", "达州市",
     ["达州市关于2023年6月全市", "“一网通办”推进情况的通报"]),
    ("达州市推进政府职能转变和“放管服”改革协调小组办公室", "达州市",
     ["达州市推进政府职能转变和", "“放管服”改革协调小组办公室"]),
    ("政务服务情况通报", "", ["政务服务情况通报"]),
])
def test_title_lines(title, region, lines):
    assert title_lines(title, region) == lines


@pytest.mark.parametrize("title", [
    "平顶山市“政务服务”指标整改提升情况通报", "重庆市江北区政务服务管理办公室关于行政许可事项指标情况的通报",
    "某某自治州某某县人民政府政务服务中心一体化政务服务平台运行情况通报",
])
def test_no_orphans_and_nothing_too_wide(title):
    lines = title_lines(title)
    assert "".join(lines) == title
    assert all(len(line) <= TITLE_WIDTH for line in lines)
    assert len(lines) == 1 or all(len(line) >= 3 for line in lines)
    for line in lines:  # a quotation is never split
        assert line.count("“") == line.count("”")

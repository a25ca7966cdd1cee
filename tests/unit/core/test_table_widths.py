"""Table headers broken between phrases only, and column widths from content."""

from __future__ import annotations

import pytest

from bulletin.core.blocks import Cell, Column, Table
from bulletin.core.phrases import header_lines, header_phrases, split_phrase
from bulletin.core.table_widths import column_widths


@pytest.mark.parametrize(("label", "expected"), [
    ("按时办结率", ["按时", "办结率"]),  # never 「按时办结 / 率」
    ("超时办结", ["超时办结"]),
    ("主动评价中的差评情况", ["主动评价中的", "差评", "情况"]),
    ("新增证照未签章率", ["新增证照", "未签章率"]),
    ("办件情况（件）", ["办件", "情况", "（件）"]),
    ("平均到现场次数", ["平均到现场", "次数"]),
    ("线上承诺办件效率", ["线上承诺办件", "效率"]),
    ("镇（街道）", ["镇（街道）"]),
])
def test_header_phrases(label, expected):
    assert header_phrases(label) == expected


def test_no_line_holds_one_character():
    for label in ("按时办结率", "信息宣传具体落实情况得分", "“川渝通办”未认领发布事项数", "2019年评价水平"):
        for width in (2, 3, 4.5, 6):
            lines = header_lines(label, width)
            assert "".join(lines) == label
            assert all(len(line.strip()) >= 2 for line in lines), (label, width, lines)
    assert split_phrase("2019年评价", 2) == ["2019", "年评价"]  # a number never cut


def test_names_on_one_line_before_headers_at_phrases():
    # 46 ems: 序号 3, the name 11 + 1, five figures of 5.02 + 1 (45.1 in all): the name keeps
    # its line, each header is broken at its phrases (「新增证照 / 未签章率」)
    columns = [Column(id="n", label="序号"), Column(id="u", label="部门", align="left")] + [
        Column(id=f"c{i}", label="新增证照未签章率") for i in range(5)]
    rows = [[Cell(text="1"), Cell(text="市公共资源交易服务中心")]
            + [Cell(text="100.00%", value=100.0, format="0.00%")] * 5]
    widths = column_widths(Table(columns=columns, rows=rows), 46.0)
    assert abs(sum(widths) - 46.0) < 1e-9
    assert widths[1] >= 11 + 1.0  # 11 characters and the padding
    assert all(w >= 5.02 + 1.0 for w in widths[2:])  # 「100.00%」 whole: 5.02 ems


def test_merged_rows_of_a_group_label():
    columns = [Column(id="t", label="镇（街道）", merge=True), Column(id="c", label="中心")]
    rows = [[Cell(text=t), Cell(text=c)] for t, c in
            [("甲镇", "a"), ("", "b"), ("", "小计"), ("乙镇", "c"), ("", "小计"), ("总计", "")]]
    table = Table(columns=columns, rows=rows)
    assert table.merged_rows(0) == [3, 0, 0, 2, 0, 1]
    assert table.merged_rows(1) == [1] * 6

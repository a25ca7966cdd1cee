"""Table headers broken between phrases only, and column widths from content."""

from __future__ import annotations

import math

import pytest

from bulletin.core import table_widths
from bulletin.core.blocks import Cell, Column, Table
from bulletin.core.cell_breaks import cell_lines
from bulletin.core.phrases import header_lines, header_phrases, split_phrase
from bulletin.core.table_widths import PADDING, column_widths, cut_cells, cut_headers, printed


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


def _table(labels: list[str], rows: list[list[str]], spanners=None) -> Table:
    spanners = spanners or [[] for _ in labels]
    columns = [Column(id=f"c{i}", label=label, spanners=s)
               for i, (label, s) in enumerate(zip(labels, spanners, strict=True))]
    return Table(columns=columns, rows=[[Cell(text=t) for t in row] for row in rows])


def test_as_many_headers_whole_as_the_room_allows():
    # padding 1: 序号 3; 「超时办结」 (one phrase of 4) 3 at two characters a line, 5 whole;
    # 「主动评价中的差评情况」 3, its widest phrase 「主动评价中的」 7. Numbers, names: 3 each.
    table = _table(["序号", "超时办结", "主动评价中的差评情况"], [["1", "5", "7"]])
    # 11 ems: 2 spare — 「超时办结」 whole (wants 2 more), not the other (wants 4)
    assert column_widths(table, 11.0, 1.0) == pytest.approx([3, 5, 3])
    assert cut_headers(table, [3, 5, 3], 1.0) == ["主动评价中的差评情况"]
    # 13 ems: 4 spare — 「超时办结」 whole, the rest (2) to the one still cut
    assert column_widths(table, 13.0, 1.0) == pytest.approx([3, 5, 5])
    # 15 ems: both whole
    widths = column_widths(table, 15.0, 1.0)
    assert widths == pytest.approx([3, 5, 7])
    assert cut_headers(table, widths, 1.0) == []


def test_many_numeric_columns_keep_half_their_headers_whole():
    # ten columns 「超时办结」 over 「12」 (1.44 ems): 3 each unbroken, 5 whole; 40 ems: 10
    # spare — five headers whole, five at two characters a line, the figures never broken
    table = _table(["超时办结"] * 10, [["12"] * 10])
    widths = column_widths(table, 40.0, 1.0)
    assert sorted(widths) == pytest.approx([3] * 5 + [5] * 5)
    assert len(cut_headers(table, widths, 1.0)) == 5


def test_a_spanner_wants_its_phrase_over_its_columns():
    # 「分站点建设维护」 (7 ems, one phrase) over 「接入」 and 「异常」 (2 + 1 each): the two
    # columns share the 2 ems it lacks; 11 ems is what every cell wants on one line
    table = _table(["序号", "接入", "异常"], [["1", "5", "6"]],
                   [[], ["分站点建设维护"], ["分站点建设维护"]])
    widths = column_widths(table, 11.0, 1.0)
    assert widths == pytest.approx([3, 4, 4])
    assert cut_headers(table, widths, 1.0) == []


def test_a_header_of_one_long_phrase_is_cut_only_when_nothing_else_gives():
    # 「线上承诺件办件情况（件）」: its widest phrase 「线上承诺件办件」 7 ems, 8 with the padding
    table = _table(["线上承诺件办件情况（件）"], [["12"]])
    assert cut_headers(table, column_widths(table, 8.0, 1.0), 1.0) == []
    assert cut_headers(table, column_widths(table, 6.0, 1.0), 1.0) == ["线上承诺件办件情况（件）"]


def test_a_long_sentence_gets_the_room_its_row_needs():
    # 序号 3; a name of 10 characters and a sentence of 40 in one row; 20 ems (padding 1):
    # 14 to share. Three lines would take 10/3 + 1 and 40/3 + 1 (18.7 > 17): four is the
    # least, which 3.5 and 11 give; both cells are printed in four lines at most
    table = _table(["序号", "指标", "说明"], [["1", "甲" * 10, "乙" * 40]])
    widths = column_widths(table, 20.0, 1.0)
    assert sum(widths) == pytest.approx(20.0)
    assert widths[0] == pytest.approx(3.0)
    assert math.ceil(10 / (widths[1] - 1)) <= 4 and math.ceil(40 / (widths[2] - 1)) <= 4
    # (shared in proportion as before, the sentence got 9.6 ems: five lines)


def test_a_name_column_with_one_very_long_name():
    # a name of 20 characters: its column wants no more than LINE_CAP (14) + 1 on one line;
    # the four figures of 「100.00%」 (5.02 + 1) stay whole
    table = _table(["部门", "办结率", "办结率", "办结率", "办结率"],
                   [["丙" * 20] + ["100.00%"] * 4, ["市医保局"] + ["99.00%"] * 4])
    widths = column_widths(table, 42.0, 1.0)
    assert all(w >= 6.02 - 1e-9 for w in widths[1:])
    assert widths[0] >= 15.0 - 1e-9


def test_two_text_columns_share_the_room_for_the_fewest_lines_in_one_row():
    # padding 1, 20 ems: 序号 3, each text column 3 at least (two characters). In proportion
    # (7.4 and 9.6) the sentence of 40 takes 5 lines. Four lines: the sentence 40/4 + 1 = 11,
    # leaving 6 to the name of 10 — 10/5 = 2 lines (fewer cell lines than 3.5 at four);
    # three lines would want 40/3 + 1 = 14.3 and leave 2.7 (< 3): so [3, 6, 11]
    table = _table(["序号", "指标", "说明"], [["1", "甲" * 10, "乙" * 40]])
    assert column_widths(table, 20.0, 1.0) == pytest.approx([3, 6, 11])


def test_two_text_columns_trade_lines_between_two_rows():
    # padding 1, 21 ems: 序号 3; row 1 a name of 12 and 2, row 2 a name of 2 and a sentence
    # of 30. In proportion (8.45, 9.55): rows of 2 and 4 lines, 6. Of the widths where a cell
    # loses a line (the name: 13, 7, 5, 4; the sentence: 11, 8.5, 7, ...) within 18: 13 and
    # 5 (1 + 8 lines), 7 and 11 (2 + 3), 5 and 11 (3 + 3), 4 and 11 (4 + 3): so [3, 7, 11]
    table = _table(["序号", "指标", "说明"], [["1", "甲" * 12, "乙" * 2], ["2", "甲" * 2, "乙" * 30]])
    widths = column_widths(table, 21.0, 1.0)
    assert widths == pytest.approx([3, 7, 11])
    assert [math.ceil(12 / (widths[1] - 1)), math.ceil(30 / (widths[2] - 1))] == [2, 3]


def _sample_tables(months: str) -> list[Table]:
    from pathlib import Path

    import bulletin
    from bulletin.report.loader import available_months
    from bulletin.report.sections.common import for_readers
    from bulletin.report.sections.registry import profile_blocks
    tables = []
    for folder in sorted(p for p in Path("data").iterdir() if p.is_dir()):
        chosen = available_months(folder)
        for month in chosen if months == "all" else chosen[:1]:
            blocks = for_readers(profile_blocks(bulletin.open_month(folder, month)))
            tables += [(folder.name, month, b) for b in blocks if isinstance(b, Table)]
    return tables


def _body_lines(table: Table, widths: list[float], padding: float) -> list[int]:
    # each row's lines as it is printed (core.cell_breaks: a name between its phrases only,
    # a sentence as running text, whole characters a line)
    return [max(len(cell_lines(cell.text.rstrip(), widths[j] - padding)) or 1
                for j, cell in enumerate(row)) for row in table.rows]


def _no_taller(tables, monkeypatch) -> None:
    # the widths in proportion (the rule before the search: ``least_lines`` finding nothing)
    # against the search's, in the PDF (its padding) and the Word file (PADDING)
    for name, month, table in tables:
        _, room, padding = printed(table)
        for pad in (padding, PADDING):
            widths = column_widths(table, room, pad)
            with monkeypatch.context() as patch:
                patch.setattr(table_widths, "least_lines", lambda *args: None)
                even = column_widths(table, room, pad)
            assert sum(_body_lines(table, widths, pad)) <= sum(_body_lines(table, even, pad)), \
                (name, month, table.title)
            assert set(cut_headers(table, widths, pad)) <= set(cut_headers(table, even, pad))


def test_no_sample_table_gets_taller_nor_more_cut_headers(monkeypatch):
    _no_taller(_sample_tables("first"), monkeypatch)


@pytest.mark.slow
def test_no_sample_table_of_any_month_gets_taller(monkeypatch):
    _no_taller(_sample_tables("all"), monkeypatch)


def test_seed_002s_sentence_column(monkeypatch):
    # 「平顶山市指标整改提升目标及完成情况」 on a portrait page (42.11 ems, padding 0.9). The
    # names in whole phrases first: 序号 2.9, 指标 7.9 (「不见面审批事项」 7), 2019年评价水平 and
    # 目标 5.36 (「70%以上」, 「80%以上」 4.46 whole), 达到水平 4.48 (「97.2%」), 状态 2.9, 差距
    # 5.03 (「+17.20」 4.13; 「个百分点」 on its own line), 国内前沿水平 4.9 (a sentence: its
    # last two characters 「覆盖。」 kept together and the one before them on a line,
    # 「全覆盖。」 4): 38.83, 3.28 to spare. 国内前沿水平 at 8.01 holds 7 a line: row 5's
    # sentence (70.3 ems, as running text) in 11 lines — 8 a line would want 8.9, 0.72 more
    # than is left; rows 1-4 and 6 hold their sentence 「暂缺国内前沿水 / 平,无法对比」 in
    # two, row 1 its 15-character name in three (「政务服务事项 / 不见面审批事项 / 占比」 at
    # 7 a line), the others two: 22 lines. In proportion (before the search): the sentence
    # column at 6.44 (5 a line), 29 lines.
    table = next(t for name, _, t in _sample_tables("first") if name == "seed002")
    wide, room, padding = printed(table)
    widths = column_widths(table, room, padding)
    assert not wide and widths[1] >= 7.9 - 1e-9 and widths[2] == widths[3] == pytest.approx(5.36)
    assert cell_lines(table.rows[0][1].text, widths[1] - padding) == [
        "政务服务事项", "不见面审批事项", "占比"]
    assert cell_lines(table.rows[4][3].text, widths[3] - padding) == ["80%以上"]
    assert _body_lines(table, widths, padding) == [3, 2, 2, 2, 11, 2]
    assert cut_cells(table, widths, padding) == []
    with monkeypatch.context() as patch:
        patch.setattr(table_widths, "least_lines", lambda *args: None)
        assert _body_lines(table, column_widths(table, room, padding), padding) == [3, 3, 3, 3, 14, 3]

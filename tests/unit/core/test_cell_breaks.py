"""A table's body cells broken into lines (core.cell_breaks, core.phrases.cell_phrases): a
name between its phrases only, a sentence as running text, never one character alone on a
line, never a number broken; the column widths planned by the same rule
(core.table_widths), a name cut only where the page leaves no room, and then reviewed."""

from __future__ import annotations

import math
import re
from itertools import pairwise

import pytest

from bulletin.core.blocks import Cell, Column, Table
from bulletin.core.cell_breaks import (
    cell_lines,
    cell_spans,
    least_width,
    prose_lines,
    run_widths,
)
from bulletin.core.phrases import UNBREAKABLE, cell_phrases, letters, text_width
from bulletin.core.table_widths import (
    TEXT_EMS,
    TYPESET_PADDING,
    column_widths,
    cut_cells,
    printed,
)
from bulletin.report.sections.review import table_reviews

LONG = "云岭湖街道金沙江大道南段社区党群便民服务中心"  # 22 characters
WORD = "攀西阳光康养旅游度假服务驿站"  # 14 characters, no phrase boundary


@pytest.mark.parametrize(("text", "phrases"), [
    ("格里坪镇便民服务中心", ["格里坪镇", "便民服务中心"]),
    ("河门口街道便民服务中心", ["河门口街道", "便民服务中心"]),
    ("金林社区便民服务中心", ["金林社区", "便民服务中心"]),
    (LONG, ["云岭湖街道", "金沙江大道南段社区", "党群便民服务中心"]),
    (WORD, [WORD]),
    ("80%以上", ["80%以上"]),  # a figure and its words: one phrase
    ("+5.00 个百分点", ["+5.00 ", "个百分点"]),
    ("银江镇第2社区便民服务中心", ["银江镇", "第2社区", "便民服务中心"]),  # never 「第 / 2社区」
    ("B区便民服务中心", ["B区", "便民服务中心"]),
    ("沙坝村（街道）便民服务中心", ["沙坝村", "（街道）", "便民服务中心"]),
    ("市公安局西区分局交警窗口", ["市公安局", "西区分局", "交警窗口"]),
    ("市住房公积金中心西区管理部(市级下沉窗口)",
     ["市住房公积金中心", "西区", "管理部", "(市级下沉窗口)"]),
    ("市发展和改革委员会", ["市发展和", "改革", "委员会"]),  # never 「改革委 / 员会」
    ("市住房和城乡建设局", ["市住房和", "城乡建设局"]),  # 城乡 is no town
    ("市农业农村局", ["市农业农村局"]),  # 农村 neither
    ("市住房公积金管理中心", ["市住房公积金", "管理中心"]),
    ("一窗分类受理率", ["一窗分类", "受理率"]),
    ("\u3000\u3000西岭县东关镇本级", ["\u3000\u3000西岭县东关镇", "本级"]),  # the indent with it
    ('<img src=x onerror="alert(1)">局', ["<img ", "src=x ", 'onerror="alert(1)">局']),
])
def test_cell_phrases(text, phrases):
    assert cell_phrases(text) == phrases


NAMES = [LONG, WORD, "格里坪镇便民服务中心", "银江镇第2社区便民服务中心", "沙坝村（街道）便民服务中心",
         "市住房公积金中心西区管理部(市级下沉窗口)", "+17.20 个百分点", "80%以上", "A组",
         "政务服务事项不见面审批事项占比", "\u3000\u3000西岭县东关镇本级"]
SENTENCES = ["暂缺国内前沿水平,无法对比",
             ("上海市人民政府办公厅印发《关于深入推进一网通办进一步加强本市政务服务中心标准化"
              "建设与管理的意见(试行)的通知》工作目标提出:实现综合窗口全覆盖。")]


@pytest.mark.parametrize("text", NAMES + SENTENCES)
def test_no_line_holds_one_character_and_no_number_is_broken(text):
    # at any width the plan may give its column (its least width and wider)
    for tenth in range(math.ceil(least_width(text) * 10), 241, 3):
        width = tenth / 10
        lines = cell_lines(text, width)
        assert "".join(lines) == text, (width, lines)
        assert all(letters(line) >= 2 for line in lines), (width, lines)
        for number in UNBREAKABLE.findall(text):
            assert any(number in line for line in lines), (width, number, lines)


@pytest.mark.parametrize("text", NAMES)
def test_a_name_breaks_between_its_phrases_wherever_they_fit(text):
    phrases = cell_phrases(text)
    widest = max(text_width(p.rstrip()) for p in phrases)
    ends = {sum(len(p) for p in phrases[:k]) for k in range(len(phrases) + 1)}
    for tenth in range(int(widest * 10), 241, 3):
        lines = cell_lines(text, tenth / 10)
        cuts = {sum(len(line) for line in lines[:k]) for k in range(len(lines) + 1)}
        assert cuts <= ends, (tenth / 10, lines)


def test_a_name_one_phrase_longer_than_its_column():
    # 「格里坪镇便民服务中心」 (4 + 6): 9 a line would print 「…服务中 / 心」 as text does
    assert cell_lines("格里坪镇便民服务中心", 9.0) == ["格里坪镇", "便民服务中心"]
    assert cell_lines("格里坪镇便民服务中心", 6.0) == ["格里坪镇", "便民服务中心"]
    assert cell_lines(LONG, 21.0) == ["云岭湖街道金沙江大道南段社区", "党群便民服务中心"]
    assert cell_lines(LONG, 9.0) == ["云岭湖街道", "金沙江大道南段社区", "党群便民服务中心"]
    # narrower than a phrase: cut as a header's phrase is, two characters a piece at least
    # (5 + 1 would leave one: two even halves)
    assert cell_lines("格里坪镇便民服务中心", 5.0) == ["格里坪镇", "便民服", "务中心"]
    assert cell_lines(WORD, 13.0) == ["攀西阳光康养旅", "游度假服务驿站"]
    assert cell_lines("沙坝村（街道）便民服务中心", 2.0) == ["沙坝", "村", "（街道）", "便民", "服务", "中心"] \
        or least_width("沙坝村（街道）便民服务中心") > 2.0


def test_a_sentence_wraps_as_text_its_last_line_two_characters():
    text = SENTENCES[1]
    # 7 a line: running text, 「…(试 / 行)…」 kept with its marks, the last line 「覆盖。」
    assert prose_lines(text, 7.0)[-2:] == ["现综合窗口全", "覆盖。"]
    assert all(not line.startswith((")", "》", "。", ":")) for line in prose_lines(text, 7.0))
    assert len(cell_lines(text, 7.0)) == 11
    # its phrases where they fit and cost no line: 「暂缺国内前沿水平, / 无法对比」
    assert cell_lines(SENTENCES[0], 9.0) == ["暂缺国内前沿水平,", "无法对比"]
    assert cell_lines(SENTENCES[0], 7.0) == ["暂缺国内前沿水", "平,无法对比"]


def test_what_a_renderer_is_given():
    assert cell_spans("格里坪镇便民服务中心", 9.0) == [("格里坪镇", True), ("便民服务中心", True)]
    head, tail = cell_spans(SENTENCES[1], 7.0)
    assert head == (SENTENCES[1][:-3], False) and tail == ("覆盖。", True)
    assert cell_spans("", 5.0) == []


@pytest.mark.parametrize("text", NAMES + SENTENCES)
def test_lines_change_only_at_the_width_of_a_run_of_tokens(text):
    # between two run widths the lines are those at the narrower: the plan's options
    # (core.table_widths._breaks) are these widths
    points = run_widths(text, least_width(text), 30.0)
    for low, high in pairwise(points):
        assert cell_lines(text, (low + high) / 2) == cell_lines(text, low), (low, high)


# ------------------------------------------------------------------------------ widths


def _centres(names: list[str]) -> Table:
    columns = [Column(id="n", label="序号"), Column(id="c", label="中心", align="left"),
               Column(id="a", label="申请"), Column(id="d", label="办结")]
    return Table(title="便民服务中心办件情况", columns=columns, rows=[
        [Cell(text=str(i)), Cell(text=name), Cell(text="960", value=960), Cell(text="9", value=9)]
        for i, name in enumerate(names, 1)])


def test_a_name_column_gets_its_widest_phrase_where_the_page_allows():
    # padding 1: 序号 3, 申请 3.16 (「960」), 办结 3 (「办结」 over 「9」), the names their
    # widest phrase 「便民服务中心」 6 + 1: 16.16 fits in 20 ems; whole on one line (10 + 1)
    # they would want 20.16. The names get the 10.84 left, 9 a line: 「格里坪镇 / 便民服务
    # 中心」 — as text, 「格里坪镇便民服务中 / 心」
    table = _centres(["格里坪镇便民服务中心", "金林社区便民服务中心"])
    widths = column_widths(table, 20.0, 1.0)
    assert widths == pytest.approx([3.0, 10.84, 3.16, 3.0])
    assert cell_lines("格里坪镇便民服务中心", widths[1] - 1.0) == ["格里坪镇", "便民服务中心"]
    assert cut_cells(table, widths, 1.0) == []
    # 16 ems: not even the phrases fit (16.32): the name is cut, and the review names it
    widths = column_widths(table, 16.0, 1.0)
    assert cut_cells(table, widths, 1.0) == [(1, "格里坪镇便民服务中心"), (1, "金林社区便民服务中心")]


def test_the_22_character_name_on_a_portrait_page():
    # a centres table (seed 003's shape: 镇（街道）, 中心, four counts under 「…（件）」) on
    # 42.11 ems, padding 0.9: 「咨询（件）」 … 3 + 0.9 each, the towns 5 (「云岭湖街道」, the
    # spanner 「便民服务中心」 over both) + 0.9, the names the 20.62 left, 19 a line: every
    # name on one line but 「云岭湖街道…」 (22), in two lines at its phrases (14 + 8), never
    # 「…党群便民服 / 务中心」
    columns = [Column(id=c, label=label, spanners=("便民服务中心",), align="left", merge=c == "t")
               for c, label in (("t", "镇（街道）"), ("c", "中心"))]
    columns += [Column(id=c, label=f"{c}（件）") for c in ("咨询", "申请", "受理", "办结")]
    names = ["云岭湖街道便民服务中心", LONG, "银江镇第2社区便民服务中心", "沙坝村（街道）便民服务中心",
             WORD, "小计"]
    rows = [[Cell(text="" if i else "云岭湖街道"), Cell(text=name)]
            + [Cell(text="1214", value=1214)] * 4 for i, name in enumerate(names)]
    table = Table(title="便民服务中心办件情况", columns=columns, rows=rows)
    wide, room, padding = printed(table)
    assert (wide, room, padding) == (False, TEXT_EMS, TYPESET_PADDING)
    widths = column_widths(table, room, padding)
    assert widths == pytest.approx([5.9, TEXT_EMS - 5.9 - 4 * 3.9, 3.9, 3.9, 3.9, 3.9])
    assert cell_lines(LONG, widths[1] - padding) == ["云岭湖街道金沙江大道南段社区", "党群便民服务中心"]
    assert [len(cell_lines(name, widths[1] - padding)) for name in names] == [1, 2, 1, 1, 1, 1]
    assert cut_cells(table, widths, padding) == []


def test_a_word_the_page_cannot_hold_is_named_in_the_review():
    # 24 ems: 序号 3, 申请 3.16 and 办结 3 leave 14.84 to 「攀西阳光康养旅游度假服务驿站」
    # (14 + 1): cut in two even halves, and the review says how it prints
    table = _centres([WORD])
    widths = column_widths(table, 24.0, 1.0)
    assert widths == pytest.approx([3.0, 14.84, 3.16, 3.0])
    assert cut_cells(table, widths, 1.0) == [(1, WORD)]
    assert cell_lines(WORD, widths[1] - 1.0) == ["攀西阳光康养旅", "游度假服务驿站"]
    assert column_widths(table, 24.16, 1.0)[1] == pytest.approx(15.0)  # where it fits, whole
    assert cut_cells(table, column_widths(table, 24.16, 1.0), 1.0) == []
    texts = [r.text for r in table_reviews([_centres([WORD * 3])])]
    name = re.escape(f"「便民服务中心办件情况」「中心」列的「{WORD * 3}」：PDF 中断为「")
    assert len(texts) == 1 and re.match(name + r".+ / .+」，Word 文件中同样断开$", texts[0]), texts

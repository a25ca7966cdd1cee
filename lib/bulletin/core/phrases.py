"""How the bulletin's Chinese text is measured and broken, for every output: the width of
a text in ems (``text_width``), a title cut into phrases (``phrase_list``: the site's
titles, 「重庆市江北区 / 行政许可事项指标 / 情况通报」, never 「…江北区行 / 政许可…」) and a
table header cut into the pieces a line may break between (``header_phrases``:
「按时办结率」 whole, never 「按时办结 / 率」).

The phrase rules (the same kind as the masthead's ``title_lines`` in
report.sections.common): a phrase ends after the leading place name, around a quotation,
a bracket or a date (「2022年9月」), before 情况通报 / 情况表 / 关于, after 的 / 和 / 及 / 与 /
：/ a space; never inside a quotation or a bracket, and no phrase is shorter than two
characters. A table header also breaks before the words a header ends with (得分, 情况,
占比…), before 未 (「目录清单 / 未认领数」) and before a bracketed unit (「办件情况 / （件）」).
"""

from __future__ import annotations

import re
from functools import cache

# ------------------------------------------------------------------------------ widths

LATIN_WIDTHS = {"%": 1.02, "‰": 1.1, ".": 0.4, ",": 0.4, ":": 0.4, ";": 0.4, "-": 0.45,
                "+": 0.85, "(": 0.45, ")": 0.45, " ": 0.35, "/": 0.4}
LATIN_WIDTH = 0.72  # a digit or a letter (DejaVu Sans Bold: 0.70 for digits)
ZERO_WIDTH = "\u200b\u2060\ufeff"  # a break opportunity (between a header's phrases)


def text_width(text: str) -> float:
    """Width in ems: a CJK character (or a Chinese quotation mark) 1, anything else as
    LATIN_WIDTHS has it — the widest of the faces the text may be shown in (the open
    Noto/DejaVu faces and the 公文 faces alike)."""
    return sum(0.0 if ch in ZERO_WIDTH else 1.0 if ord(ch) > 0x2E80 or ch in "‘’“”—…"
               else LATIN_WIDTHS.get(ch, LATIN_WIDTH) for ch in text)


# ------------------------------------------------------------------------------ phrases

_HAN = "\u4e00-\u9fff"

# A leading place name: 「达州市」, 「攀枝花市西区」, 「重庆市江北区」, 「四川省达州市」; its
# characters are no 省 / 市 / 区 / 县 (「市城市管理局」 starts with none).
_NAME = rf"(?:(?![省市区县])[{_HAN}])"
PLACE = re.compile(rf"^(?:{_NAME}{{2,3}}省)?{_NAME}{{2,4}}?[市州](?:{_NAME}{{1,4}}?[区县])?")

OPENING, CLOSING = "“‘（(《〈「『【", "”’）)》〉」』】"

# Words a phrase starts with, and characters a phrase ends with.
STARTS = ("情况通报", "情况表", "关于")
ENDS = "的和及与：:；;，,、·"

# Words never broken inside (a cut may fall before or after them).
WHOLE = ("情况通报", "情况表", "关于", "通报")

# Words a table header's phrase starts with (besides STARTS): what a column measures.
HEADER_STARTS = ("得分", "情况", "占比", "次数", "效率", "未")


def _depth(text: str) -> int:
    return sum(ch in OPENING for ch in text) - sum(ch in CLOSING for ch in text)


def _inside_word(text: str, i: int, words: tuple[str, ...] = WHOLE) -> bool:
    return any(text[:i].endswith(w[:k]) and text[i:].startswith(w[k:])
               for w in words for k in range(1, len(w)))


def _may_cut(text: str, i: int, place: int, starts: tuple[str, ...] = STARTS) -> bool:
    """Whether a phrase may end before ``text[i]``."""
    return _depth(text[:i]) <= 0 and _boundary(text, i, place, starts)


def _boundary(text: str, i: int, place: int, starts: tuple[str, ...] = STARTS) -> bool:
    """Whether ``text[i]`` starts a phrase, brackets aside (a phrase inside a quotation)."""
    if _inside_word(text, i):
        return False
    before, after = text[i - 1], text[i]
    if before in OPENING or after in CLOSING:
        return False  # a line never ends on an opening bracket or starts on a closing one
    dated = before in "年月日" and i > 1 and text[i - 2].isdigit()  # after 「2022年9月」
    return (i == place or after in OPENING or before in CLOSING or before in ENDS
            or before.isspace() or text[i:].startswith(starts)
            or after.isdigit() and not before.isdigit() and before not in "年月"
            or dated and not after.isdigit())


def _length(phrase: str) -> int:
    return len(phrase.strip())


def _phrases(text: str, place: int, starts: tuple[str, ...], cut=None) -> list[str]:
    """``text`` cut where ``cut(text, i)`` allows (by default the phrase rules, a phrase
    starting with one of ``starts``), a one-character phrase joined to its neighbour."""
    cut = cut or (lambda text, i: _may_cut(text, i, place, starts))
    cuts = [i for i in range(1, len(text)) if cut(text, i)]
    parts = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    merged: list[str] = []
    for part in parts:  # a one-character phrase joins its neighbour
        if merged and (_length(part) < 2 or _length(merged[-1]) < 2):
            merged[-1] += part
        else:
            merged.append(part)
    return merged


def phrase_list(text: str) -> list[str]:
    """``text`` cut into phrases (joined they are ``text``); none shorter than two
    characters unless the text is."""
    found = PLACE.match(text)
    return _phrases(text, found.end() if found else -1, STARTS)


# ------------------------------------------------------------------------------ titles

# A cut inside brackets or quotations costs their depth; right after a date's 年 / 月
# (「2021年 / 第1号」) one more; each is worth this many ems of imbalance between lines
# (words whole before lines even: a title's lines are at most 20 ems).
CUT_COST = 12.0
MAX_TITLE_LINES = 4


def title_cuts(text: str) -> dict[int, int]:
    """Where a printed title may break (an index of ``text``) and what it costs: 0 between
    its phrases (``phrase_list``), else the depth of the brackets or quotations around a
    place where a phrase inside them ends (「…交办事项（“渝快办” / 专项工作…）》」)."""
    found = PLACE.match(text)
    place = found.end() if found else -1
    cuts: dict[int, int] = {}
    for i in range(2, len(text) - 1):
        if _boundary(text, i, place):
            dated = text[i - 1] in "年月" and text[i - 2].isdigit()
            cuts[i] = max(0, _depth(text[:i])) + int(dated)
    return cuts


def title_break(text: str, width: float) -> list[str]:
    """A title (GB/T 9704 7.3.1: 回行时要做到词意完整，排列对称，长短适宜) in lines of at most
    ``width`` ems, broken between phrases only: the fewest lines; of those, the breaks
    least deep inside brackets (``title_cuts``), then the lines most even, the first the
    longer (梯形). One line when it fits; as typed when no phrases fit (the renderer
    breaks it)."""
    from itertools import combinations

    text = text.strip()
    if text_width(text) <= width:
        return [text]
    cuts = title_cuts(text)
    for count in range(2, MAX_TITLE_LINES + 1):
        best: tuple[tuple[float, float], list[str]] | None = None
        for chosen in combinations(sorted(cuts), count - 1):
            lines = [text[a:b] for a, b in zip((0, *chosen), (*chosen, len(text)), strict=True)]
            widths = [text_width(line) for line in lines]
            if max(widths) > width or min(len(line.strip()) for line in lines) < 2:
                continue
            score = (CUT_COST * sum(cuts[i] for i in chosen) + max(widths) - min(widths),
                     -widths[0])
            if best is None or score < best[0]:
                best = (score, [line.strip() for line in lines])
        if best is not None:
            return best[1]
    return [text]


# What a header's last word ends with: a rate, a count, a ratio, a quality (「…准确率」).
MEASURES = "率数比性"


def _measure(phrase: str) -> list[str]:
    """A phrase of five characters or more ending in a three-character measure word cut
    before it (「办事指南 / 准确率」, 「差评按期 / 整改率」), but after 未 (「未签章率」)."""
    if len(phrase) >= 5 and phrase[-1] in MEASURES and phrase[-4] != "未" \
            and all("\u4e00" <= ch <= "\u9fff" for ch in phrase[-5:]):
        return [phrase[:-3], phrase[-3:]]
    return [phrase]


def header_phrases(text: str) -> list[str]:
    """A table header cut where its lines may break (joined they are ``text``): the phrase
    rules, HEADER_STARTS and MEASURES, no piece shorter than two characters —
    「主动评价中的 / 差评情况」, 「目录清单 / 未认领数」, 「办件情况 / （件）」,
    「梳理 / 完成率」, never 「按时办结 / 率」."""
    if not text:
        return []
    return [part for phrase in _phrases(text, -1, STARTS + HEADER_STARTS)
            for part in _measure(phrase)]


# A number or a Latin word: never broken (and with a Chinese character, one token).
UNBREAKABLE = re.compile(r"[^\s\u2e80-\uffff]+")
_TOKEN = re.compile(r"[^\s\u2e80-\uffff]+|\s+|.")


def tokens(text: str) -> list[str]:
    """``text``'s tokens: a number or a Latin word (never broken), a run of blanks, or any
    other character (joined they are ``text``)."""
    return _TOKEN.findall(text)


# Marks a line never starts with (closing brackets and quotation marks, punctuation): each
# joins the token before it; an opening mark joins the token after it (行首行尾禁则).
NO_START = CLOSING + "，。、；：！？,.;:!?"


def mark_tokens(text: str) -> list[str]:
    """``text``'s tokens (``tokens``) as a line may break between them: a closing mark
    joined to the token before it, an opening mark to the token after it."""
    out: list[str] = []
    opening = ""
    for token in _TOKEN.findall(text):
        if out and not opening and token[0] in NO_START:
            out[-1] += token
        elif all(ch in OPENING for ch in token):
            opening += token
        else:
            out.append(opening + token)
            opening = ""
    if opening:
        out.append(opening)
    return out


def letters(text: str) -> int:
    """The characters of ``text`` that are no blank and no mark (NO_START, OPENING): what
    a line must hold two of."""
    return sum(1 for ch in text if not ch.isspace() and ch not in NO_START + OPENING)


def split_phrase(phrase: str, width: float, marks: bool = False) -> list[str]:
    """A phrase wider than ``width`` ems cut into pieces as wide as fit, each of two
    characters at least (a line never holds one character alone) and no number cut: the
    last resort of a column too narrow for its header's phrases. ``marks`` (a body cell's
    name): two characters besides its marks (``letters``), no mark parted from its
    character (``mark_tokens``)."""
    tokens, count = (mark_tokens, letters) if marks else (_TOKEN.findall, _stripped)
    parts = tokens(phrase)
    if text_width(phrase) <= width + 1e-9 or len(parts) < 4:
        return [phrase]
    pieces, line = [], ""
    for token in parts:
        if count(line) >= 2 and text_width(line + token.rstrip()) > width + 1e-9:
            pieces.append(line)
            line = ""
        line += token
    if pieces and count(line) < 2:  # the last piece: two characters at least
        line = pieces.pop() + line
        return [*pieces, *split_phrase_even(line, marks)]
    return [*pieces, line] if line else pieces


def _stripped(text: str) -> int:
    return len(text.strip())


def split_phrase_even(text: str, marks: bool = False) -> list[str]:
    """``text`` (three to five tokens) in two pieces of two tokens at least."""
    tokens = mark_tokens(text) if marks else _TOKEN.findall(text)
    half = max(2, len(tokens) // 2)
    if len(tokens) - half < 2:
        return [text]
    return ["".join(tokens[:half]), "".join(tokens[half:])]


def header_pieces(text: str, width: float) -> list[str]:
    """The pieces a header may break between in a column ``width`` ems wide: its phrases,
    a phrase wider than the column cut by ``split_phrase``."""
    return [piece for phrase in header_phrases(text) for piece in split_phrase(phrase, width)]


def fill(pieces: list[str], width: float) -> list[str]:
    """``pieces`` in lines of at most ``width`` ems, filled greedily (a piece wider than a
    line alone on its line; the blank a line ends on not counted, as it is not printed):
    what a renderer that breaks between them only prints."""
    lines: list[str] = []
    for piece in pieces:
        if lines and text_width((lines[-1] + piece).rstrip()) <= width + 1e-9:
            lines[-1] += piece
        else:
            lines.append(piece)
    return lines


def header_lines(text: str, width: float) -> list[str]:
    """The header's lines in a column ``width`` ems wide: its pieces filled greedily."""
    return fill(header_pieces(text, width), width)


# ------------------------------------------------------------------------------ body cells

# A table's body cell (a unit's name, an indicator's, 「80%以上」) breaks between its
# phrases only (``cell_phrases``; how its lines are filled: core.cell_breaks): the phrase
# rules, and besides them after a town's or a community's place word (「格里坪镇 / 便民服务
# 中心」, 「金林社区 / …」), after an office's word that more of the name follows (「市公安局 /
# 西区分局 / 交警窗口」, 「…公积金中心 / 西区管理部」), before an office's last words
# (「市住房公积金 / 管理中心」, 「市卫生健康 / 委员会」) and the words a header's phrase starts
# with (「行政许可事项 / 即办件 / 占比」), a measure cut off as in a header (「一窗分类 / 受理率」). Never inside a bracket, a number or a word of CELL_WHOLE
# (「委员会」); no phrase of one character.
PLACE_WORDS = ("街道", "社区", "镇", "乡", "村")
NOT_PLACE = ("城乡", "乡镇", "乡村", "农村", "城镇", "村镇")  # words, not a place's end
OFFICE_WORDS = ("局", "中心", "委员会", "办公室", "厅", "支队", "大队", "事项")
CELL_STARTS = ("便民服务中心", "党群服务中心", "服务中心", "管理局", "管理中心", "管理部", "管理处",
               "事务局", "事务中心", "委员会", "平均", *STARTS, *HEADER_STARTS)
CELL_WHOLE = (*WHOLE, "委员会", "办公室", "居委会", "村委会", "部门", "中心", "便民服务中心",
              "党群便民服务中心", "政务服务中心")

# A cell holding one of these is a sentence (「暂缺国内前沿水平,无法对比」), not a name: it
# wraps as running text does (core.cell_breaks.prose_lines).
SENTENCE_MARKS = "，。；！？：,;!?:"


def _cell_cut(text: str, i: int, place: int) -> bool:
    """Whether a body cell's phrase may end before ``text[i]``."""
    if _depth(text[:i]) > 0 or _inside_word(text, i, CELL_WHOLE):
        return False
    before, after, head = text[i - 1], text[i], text[:i]
    if before in OPENING or after in CLOSING or after.isspace() \
            or UNBREAKABLE.match(before + after):  # inside a number or a Latin word
        return False
    return (i == place or after in OPENING or before in CLOSING or before in ENDS
            or before.isspace() or text[i:].startswith(CELL_STARTS)
            or head.endswith(PLACE_WORDS) and not head.endswith(NOT_PLACE)
            or head.endswith(OFFICE_WORDS))


def cell_phrases(text: str) -> list[str]:
    """A body cell's text cut into the phrases a line may break between (joined they are
    ``text``; its leading blanks, a unit's indent under its area, with the first):
    「格里坪镇 / 便民服务中心」, 「80%以上」 and 「+5.00 / 个百分点」 whole where they may."""
    return list(_cell_phrases(text))


@cache
def _cell_phrases(text: str) -> tuple[str, ...]:
    if not text.strip():
        return (text,) if text else ()
    found = PLACE.match(text.lstrip())
    place = found.end() + len(text) - len(text.lstrip()) if found else -1
    return tuple(part for phrase in _phrases(text, place, (), lambda t, i: _cell_cut(t, i, place))
                 for part in _measure(phrase))


def is_sentence(text: str) -> bool:
    """A cell's text that reads as a sentence (SENTENCE_MARKS), not a name."""
    return any(mark in text for mark in SENTENCE_MARKS)

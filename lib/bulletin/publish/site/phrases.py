"""The site's titles broken only between phrases: on a phone (390 px) a title such as
「重庆市江北区行政许可事项指标情况通报」 wraps as 「重庆市江北区 / 行政许可事项指标 / 情况通报」,
never 「…江北区行 / 政许可…」, and no line holds one character alone.

``phrases`` cuts a title where a phrase of these titles ends (the rules below, the same
kind as the masthead's ``title_lines`` in report.sections.common): after the leading place
name, around a quotation, a bracket or a date (「2022年9月」), before 情况通报 / 情况表 /
关于, after 的 / 和 / 及 / 与 / ：/ a space; never inside a quotation or a bracket, and no phrase shorter than two
characters. The ``phrases`` filter of the site's templates writes each phrase as a
``<span class="phrase">`` that style.css keeps whole (an inline block: it wraps inside only
when it is wider than the line) with a break opportunity (``<wbr>``) between phrases.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

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


def _depth(text: str) -> int:
    return sum(ch in OPENING for ch in text) - sum(ch in CLOSING for ch in text)


def _inside_word(text: str, i: int) -> bool:
    return any(text[:i].endswith(w[:k]) and text[i:].startswith(w[k:])
               for w in WHOLE for k in range(1, len(w)))


def _may_cut(text: str, i: int, place: int) -> bool:
    """Whether a phrase may end before ``text[i]``."""
    if _depth(text[:i]) > 0 or _inside_word(text, i):
        return False
    before, after = text[i - 1], text[i]
    dated = before in "年月日" and i > 1 and text[i - 2].isdigit()  # after 「2022年9月」
    return (i == place or after in OPENING or before in CLOSING or before in ENDS
            or before.isspace() or text[i:].startswith(STARTS)
            or after.isdigit() and not before.isdigit() and before not in "年月"
            or dated and not after.isdigit())


def _length(phrase: str) -> int:
    return len(phrase.strip())


def phrase_list(text: str) -> list[str]:
    """``text`` cut into phrases (joined they are ``text``); none shorter than two
    characters unless the text is."""
    found = PLACE.match(text)
    place = found.end() if found else -1
    cuts = [i for i in range(1, len(text)) if _may_cut(text, i, place)]
    parts = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    merged: list[str] = []
    for part in parts:  # a one-character phrase joins its neighbour
        if merged and (_length(part) < 2 or _length(merged[-1]) < 2):
            merged[-1] += part
        else:
            merged.append(part)
    return merged


def phrases(text: object) -> Markup:
    """The ``phrases`` filter: ``text`` (escaped) as phrase spans with <wbr> between; a
    text of one phrase as it is."""
    parts = phrase_list(str(text)) if text else []
    if len(parts) < 2:
        return escape(text or "")
    return Markup("<wbr>").join(Markup('<span class="phrase">{}</span>').format(p) for p in parts)

"""The analyst's text as it is printed: half-width punctuation typed between Chinese
characters made full-width, and one minus sign — nothing else of the text is changed.

What is changed, character for character (the text keeps its length):

* ``, ; : ? !`` typed after a Chinese character (or Chinese punctuation) and before one,
  before a digit (「100分,2020年」) or at the end of a line (「情况如下:」); or after a number
  that follows Chinese text and before a Chinese character (「占比100%,不见面」);
* a pair ``( … )`` holding Chinese text (「乡镇(街道)便民」, 「(一)网上政务服务」), after a
  Chinese character or at the start of a line (after a Markdown heading or list marker),
  not followed by a Latin letter; a pair holding a number only where it numbers an item
  (「(1)受理」);
* a minus typed as 「−」「－」「﹣」「–」 directly before a digit, not after a digit or a
  letter (「为－3.5%」 → 「为-3.5%」): the bulletin writes its own figures with ``MINUS``.

Never inside fenced or inline code, an HTML comment, a URL or an autolink; never in
numbers (「1,234」「3.5」), nor in Latin text (a mark next to a Latin letter is left).
Changes are made until none applies (a mark converted can make its neighbour's context
Chinese), so ``typeset(typeset(t)) == typeset(t)``. ``typeset_fixes`` also says what
changed, by line, as the review lists it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MINUS = "-"  # as report.fmt writes a negative figure (「-160.00%」, as seed 000 prints it)
FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
MINUSES = "−－﹣–"
MARKS = ",;:?!"

_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# Chinese punctuation and full-width forms, Chinese quotation marks, the dash and ellipsis.
_CJK_MARK = re.compile(r"[\u3000-\u303f\uff00-\uffef“”‘’—…·]")
_NUMBERING = re.compile(r"[0-9]{1,2}|[一二三四五六七八九十]{1,3}")
_LINE_START = re.compile(r"(?:[ \t\u3000]*(?:#{1,6}|[-*+>|]|\d{1,3}[.)、．])(?=[ \t\u3000]))*"
                         r"[ \t\u3000|]*")
_NUMBER_LEFT = re.compile(r"(?:^|(?<=[^0-9A-Za-z.%+\-−－]))[+\-−－]?[0-9][0-9.]*%?$")
# Spans left exactly as typed (besides fenced code blocks, found line by line): inline
# code, HTML comments, autolinks, URLs (ASCII up to the first space or non-ASCII character).
_PROTECTED = re.compile(
    r"(`+)(?:(?!\1).)+?\1"
    r"|<!--.*?(?:-->|\Z)"
    r"|<[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>]*>"
    r"|(?:[A-Za-z][A-Za-z0-9+.\-]*://|www\.)[\x21-\x7e]*",
    re.DOTALL)
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


def is_ideograph(ch: str | None) -> bool:
    return bool(ch) and _IDEOGRAPH.fullmatch(ch) is not None


def is_chinese(ch: str | None) -> bool:
    """A Chinese character or a mark of Chinese text (，。（「“ …)."""
    return bool(ch) and (_IDEOGRAPH.fullmatch(ch) is not None or _CJK_MARK.fullmatch(ch) is not None)


def _latin(ch: str | None) -> bool:
    return bool(ch) and ch.isascii() and ch.isalpha()


def protected(text: str) -> list[bool]:
    """For each character of ``text``, whether it lies in code, a comment or a URL."""
    out = [False] * len(text)
    fence, at = None, 0
    for line in text.split("\n"):
        m = _FENCE.match(line)
        if m and (fence is None or m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence)):
            inside, fence = True, None if fence else m.group(1)
        else:
            inside = fence is not None
        if inside:
            out[at:at + len(line) + 1] = [True] * (len(line) + 1)
        at += len(line) + 1
    out = out[:len(text)]
    for m in _PROTECTED.finditer(text):
        out[m.start():m.end()] = [True] * (m.end() - m.start())
    return out


def _at(text: str, i: int) -> str | None:
    """The character at ``i`` on the same line, None past either end of the line."""
    if 0 <= i < len(text) and text[i] != "\n":
        return text[i]
    return None


def _mark_is_chinese(text: str, i: int) -> bool:
    """Whether the ASCII mark at ``i`` is typed in Chinese text (see the module)."""
    left, right = _at(text, i - 1), _at(text, i + 1)
    if is_chinese(left):
        signed = right == MINUS and (_at(text, i + 2) or "").isdigit()  # 「注:-3」
        return right is None or is_chinese(right) or right.isdigit() and right.isascii() or signed
    if left is not None and (left.isdigit() or left == "%") and is_chinese(right):
        start = text.rfind("\n", 0, i) + 1
        number = _NUMBER_LEFT.search(text[start:i])
        return number is not None and (number.start() == 0 or is_chinese(text[start + number.start() - 1]))
    return False


def _pair_is_chinese(text: str, open_: int, close: int) -> bool:
    """Whether ``( … )`` at ``open_`` and ``close`` encloses Chinese text (see the module)."""
    inner = text[open_ + 1:close]
    left, right = _at(text, open_ - 1), _at(text, close + 1)
    line_start = _LINE_START.fullmatch(text[text.rfind("\n", 0, open_) + 1:open_]) is not None
    if not (line_start or is_chinese(left)) or _latin(right):
        return False
    if _NUMBERING.fullmatch(inner):
        return is_chinese(right)
    return any(is_ideograph(c) for c in inner) and not any(_latin(c) for c in inner)


def _pass(chars: list[str], guard: list[bool]) -> bool:
    """One pass over the text; True when anything changed."""
    text = "".join(chars)
    changed = False
    # minus signs first: a mark beside 「－3」 is judged by the 「-」 that is printed
    for i, ch in enumerate(text):
        if not guard[i] and ch in MINUSES and _minus(text, i):
            chars[i], changed = MINUS, True
    text = "".join(chars)
    for i, ch in enumerate(text):
        if not guard[i] and ch in MARKS and _mark_is_chinese(text, i):
            chars[i], changed = FULL[ch], True
    for m in re.finditer(r"\(([^()\n]*)\)", text):
        a, b = m.start(), m.end() - 1
        if m.group(1) and not any(guard[a:b + 1]) and _pair_is_chinese(text, a, b):
            chars[a], chars[b], changed = FULL["("], FULL[")"], True
    return changed


def _minus(text: str, i: int) -> bool:
    left, right = _at(text, i - 1), _at(text, i + 1)
    if right is None or not (right.isascii() and right.isdigit()):
        return False
    return left is None or not (left.isdigit() or _latin(left) or left in "." + MINUSES + MINUS)


def typeset(text: str) -> str:
    """``text`` as printed (see the module): only punctuation changes, one for one."""
    chars, guard = list(text), protected(text)
    while _pass(chars, guard):
        pass
    return "".join(chars)


@dataclass(frozen=True)
class Fix:
    """Punctuation changed on one line: ``before`` and ``after`` are the same excerpt of
    the line (the changed marks with two characters either side), as typed and as printed."""

    line: int  # 1-based
    before: str
    after: str

    def __str__(self) -> str:
        return f"「{self.before}」→「{self.after}」"


CONTEXT = 2  # characters shown either side of a change


def fixes(before: str, after: str) -> list[Fix]:
    """What changed from ``before`` to ``after`` (the same length, as ``typeset`` gives),
    line by line, changes close together in one excerpt, a pair of brackets in one."""
    out = []
    for number, (old, new) in enumerate(zip(before.split("\n"), after.split("\n"), strict=True), 1):
        at = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
        groups: list[list[int]] = []
        for i in at:
            opened = groups and sum((new[j] == "（") - (new[j] == "）") for j in groups[-1]) > 0
            if groups and (i - groups[-1][-1] <= 2 * CONTEXT or opened and new[i] == "）"):
                groups[-1].append(i)
            else:
                groups.append([i])
        for g in groups:
            lo, hi = max(g[0] - CONTEXT, 0), g[-1] + CONTEXT + 1
            out.append(Fix(number, old[lo:hi], new[lo:hi]))
    return out


def typeset_fixes(text: str) -> tuple[str, list[Fix]]:
    """``typeset(text)`` and the changes it made, by line."""
    printed = typeset(text)
    return printed, fixes(text, printed)


def by_line(found: list[Fix]) -> dict[int, list[Fix]]:
    """Fixes grouped by their line, in order."""
    out: dict[int, list[Fix]] = {}
    for fix in found:
        out.setdefault(fix.line, []).append(fix)
    return out

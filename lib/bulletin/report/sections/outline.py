"""The body's outline (``profile.outline``): 「一、办件情况」 over 「（一）实体大厅办件情况」 and
「（二）“一网通办”指标情况」, then 「二、工作动态」, as seed 003 numbers its body.

Each section writes its own heading (``### 实体大厅办件情况``). An outline part with one
section gives that heading the part's number and title (``### 二、工作动态``); a part with
several gets a heading of its own (``### 一、办件情况``) and its sections' headings become
``#### （一）…``, a level lower, as do the headings inside them (a number the analyst
typed on a heading gives way to the outline's). A section that prints
nothing this month (no heading: only review items) takes no number.

The items inside a section take the level below its heading (GB/T 9704: 一、 → （一） →
1. → （1）, then ①): where the outline puts a section at （一） and its own items are
numbered （一）（二）… (the analyst's text, or the section's own sub-headings), every
numbered line of it moves one level down — （一） to 1., 1. to （1）, （1） to ① — the
numbers kept. A number the analyst typed that is printed otherwise is said in the review.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bulletin.core.config import Profile
from bulletin.report.fmt import CN_NUMBERS, cn_number
from bulletin.report.notes import ORDINAL
from bulletin.report.sections.common import NOTES, Review

_HEADING = re.compile(r"^(#{3,5}) +(.*)$", re.MULTILINE)

# A numbered line's marks by level (GB/T 9704 7.3.3, and ① below （1））.
_CN = f"[{CN_NUMBERS}]+"
_MARKS = {1: re.compile(rf"({_CN})、"), 2: re.compile(rf"[（(]({_CN})[）)]"),
          3: re.compile(r"(\d{1,2})[.．、](?![\d.．])\s*"), 4: re.compile(r"[（(](\d{1,2})[）)]"),
          5: re.compile("([\u2460-\u2473])")}
# What may stand before the mark on its line: a heading's hashes, bold, an indent.
_LEAD = re.compile(r"^(#{3,6} +|[ \t]{0,3})((?:<strong>|\*\*)?)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def _from_cn(text: str) -> int:
    """一 … 九十九 as an int (the inverse of fmt.cn_number)."""
    if "十" not in text:
        return CN_NUMBERS.index(text) + 1
    tens, _, ones = text.partition("十")
    return (CN_NUMBERS.index(tens) + 1 if tens else 1) * 10 + (CN_NUMBERS.index(ones) + 1 if ones else 0)


def _mark(level: int, n: int) -> str | None:
    """The mark of item ``n`` at ``level`` (None past ⑳ at the fifth)."""
    if level == 5:
        return chr(0x2460 + n - 1) if n <= 20 else None
    return {1: f"{cn_number(n)}、", 2: f"（{cn_number(n)}）", 3: f"{n}.", 4: f"（{n}）"}[level]


def _numbered(line: str) -> tuple[int, int, re.Match, re.Match] | None:
    """(level, number, lead, mark) of a line that starts with an item's mark, else None."""
    lead = _LEAD.match(line)
    for level, pattern in _MARKS.items():
        m = pattern.match(line, lead.end())
        if m and line[m.end():].strip():
            n = m.group(1)
            number = (int(n) if level in (3, 4) else ord(n) - 0x245F if level == 5
                      else _from_cn(n))
            return level, number, lead, m
    return None


def _lines(blocks: list):
    """(block index, line index, line) of the lines of ``blocks`` outside code, less the
    section's own heading (its first) and tables."""
    first, fence = True, False
    for i, block in enumerate(blocks):
        if not isinstance(block, str):
            continue
        for j, line in enumerate(block.split("\n")):
            if _FENCE.match(line):
                fence = not fence
            elif fence or line.lstrip().startswith("|"):
                continue
            elif first and _HEADING.match(line):
                first = False
            else:
                yield i, j, line


def renumbered(blocks: list, level: int, typed: Callable[[str], bool]) -> list:
    """``blocks`` of a section whose heading is at ``level`` with its numbered lines moved
    down as far as their first level must go to sit below it (none when they do); a
    review item listing the numbers ``typed`` by the analyst that are printed otherwise."""
    found = [(i, j, hit) for i, j, line in _lines(blocks) if (hit := _numbered(line))]
    shift = level + 1 - min((hit[0] for _, _, hit in found), default=level + 1)
    if shift <= 0:
        return blocks
    out = [b.split("\n") if isinstance(b, str) else b for b in blocks]
    changed = []
    for i, j, (at, n, lead, m) in reversed(found):
        new = _mark(min(at + shift, 5), n)
        line = out[i][j]
        if new is None:
            continue
        out[i][j] = line[:lead.end()] + new + line[m.end():].lstrip()
        if at == 3 and m.group(0)[-1:].isspace() and j and out[i][j - 1].strip():
            out[i].insert(j, "")  # a Markdown list's item: a paragraph of its own
        if typed(line[lead.end():]):
            changed.append(f"「{m.group(0).strip()}」印为「{new}」")
    blocks = ["\n".join(b) if isinstance(b, list) else b for b in out]
    if changed:
        title = next((_without_number(m.group(2)) for b in blocks if isinstance(b, str)
                      for m in [_HEADING.search(b)] if m), "")
        blocks.append(Review(NOTES, f"「{title}」一节按大纲印为{('一级标题（一、）', '二级标题（（一））')[level - 1]}，"
                                    "其中各项的序号按公文层次（一、→（一）→1.→（1））降一级印出，"
                                    "与分析说明所写不同：" + "，".join(reversed(changed)) + "。"))
    return blocks


def _without_number(text: str) -> str:
    """A heading without the number the analyst typed on it (「四、工作动态」「（一）…」
    「1. …」, as notes.py reads them): the outline's number replaces it."""
    while (m := ORDINAL.match(text)) and m.end() < len(text):
        text = text[m.end():].strip()
    return text


def _printed(blocks: list) -> bool:
    return any(isinstance(b, str) and _HEADING.search(b) for b in blocks)


def _retitle(blocks: list, title: Callable[[str], str], demote: bool,
             typed: Callable[[str], bool] = lambda _line: False) -> list:
    """``blocks`` with their first heading's text made ``title(text)`` and, when ``demote``,
    every heading one level lower; a review item when the analyst ``typed`` a number on
    that heading and it is printed with another."""
    out, first, said = [], True, []

    def heading(m: re.Match) -> str:
        nonlocal first
        level = m.group(1) + ("#" if demote else "")
        text = m.group(2)
        if first:
            first = False
            new = title(text)
            number = ORDINAL.match(text)
            if number and typed(text) and not new.startswith(number.group(0).strip()):
                said.append(Review(NOTES, f"分析说明中的标题「{text}」按大纲的层次印为「{new}」。"))
            text = new
        return f"{level} {text}"

    for block in blocks:
        out.append(_HEADING.sub(heading, block) if isinstance(block, str) else block)
    return out + said


def outlined(profile: Profile, named: list[tuple[str, list]],
             typed: Callable[[str], bool] = lambda _line: False) -> list:
    """The blocks of the sections (name, blocks) in order, numbered by ``profile.outline``;
    sections outside the outline as they are. ``typed``: whether a line is the analyst's
    (a changed number of theirs is said in the review)."""
    parts = {name: part for part in profile.outline for name in part.sections}
    blocks: list = []
    number = 0
    done: set[int] = set()
    for name, section in named:
        part = parts.get(name)
        if part is None:
            blocks += section
            continue
        if id(part) in done:
            continue
        done.add(id(part))
        members = [(n, s) for n, s in named if n in part.sections]
        printed = [(n, s) for n, s in members if _printed(s)]
        if not printed:
            blocks += [block for _, s in members for block in s]
            continue
        number += 1
        head = f"{cn_number(number)}、{part.title}"
        if len(part.sections) == 1:
            blocks += _retitle(renumbered(members[0][1], 1, typed),
                               lambda _text, head=head: head, demote=False, typed=typed)
            continue
        blocks.append(f"### {head}")
        sub = 0
        for n, s in members:
            if not _printed(s):
                blocks += s
                continue
            sub += 1
            own = part.headings.get(n)
            blocks += _retitle(renumbered(s, 2, typed), lambda text, own=own, sub=sub:
                               f"（{cn_number(sub)}）{own or _without_number(text)}",
                               demote=True, typed=typed)
    return blocks

"""The body's outline (``profile.outline``): 「一、办件情况」 over 「（一）实体大厅办件情况」 and
「（二）“一网通办”指标情况」, then 「二、工作动态」, as seed 003 numbers its body.

Each section writes its own heading (``### 实体大厅办件情况``). An outline part with one
section gives that heading the part's number and title (``### 二、工作动态``); a part with
several gets a heading of its own (``### 一、办件情况``) and its sections' headings become
``#### （一）…``, a level lower, as do the headings inside them (a number the analyst
typed on a heading gives way to the outline's). A section that prints
nothing this month (no heading: only review items) takes no number.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bulletin.core.config import Profile
from bulletin.report.fmt import cn_number
from bulletin.report.notes import ORDINAL

_HEADING = re.compile(r"^(#{3,5}) +(.*)$", re.MULTILINE)


def _without_number(text: str) -> str:
    """A heading without the number the analyst typed on it (「四、工作动态」「（一）…」
    「1. …」, as notes.py reads them): the outline's number replaces it."""
    while (m := ORDINAL.match(text)) and m.end() < len(text):
        text = text[m.end():].strip()
    return text


def _printed(blocks: list) -> bool:
    return any(isinstance(b, str) and _HEADING.search(b) for b in blocks)


def _retitle(blocks: list, title: Callable[[str], str], demote: bool) -> list:
    """``blocks`` with their first heading's text made ``title(text)`` and, when ``demote``,
    every heading one level lower."""
    out, first = [], True

    def heading(m: re.Match) -> str:
        nonlocal first
        level = m.group(1) + ("#" if demote else "")
        text = m.group(2)
        if first:
            first = False
            text = title(text)
        return f"{level} {text}"

    for block in blocks:
        out.append(_HEADING.sub(heading, block) if isinstance(block, str) else block)
    return out


def outlined(profile: Profile, named: list[tuple[str, list]]) -> list:
    """The blocks of the sections (name, blocks) in order, numbered by ``profile.outline``;
    sections outside the outline as they are."""
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
            blocks += _retitle(members[0][1], lambda _text, head=head: head, demote=False)
            continue
        blocks.append(f"### {head}")
        sub = 0
        for n, s in members:
            if not _printed(s):
                blocks += s
                continue
            sub += 1
            own = part.headings.get(n)
            blocks += _retitle(s, lambda text, own=own, sub=sub:
                               f"（{cn_number(sub)}）{own or _without_number(text)}",
                               demote=True)
    return blocks

"""Slips an office would want to see before it prints the analyst's text: a Chinese
character typed three times or more in a row (「便民服务中心心心心」), a name one character
away from a unit of the registry (「格里平镇」 for 格里坪镇), a sentence written twice.

Advice only: nothing here changes a text; the review lists what is found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bulletin.core.typography import is_ideograph

REPEAT = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])\1{2,}")

# A name shorter than this is not looked for: two- and three-character names (西区, 民政局)
# differ by one character from too many ordinary words.
NAME_MIN = 4

# A sentence: up to its closing mark; one this short (「现通报如下。」) may be said twice.
SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]")
SENTENCE_MIN = 8


@dataclass(frozen=True)
class Slip:
    line: int  # 1-based line of the text, 0 where the text has no lines (a table cell)
    found: str  # as typed
    excerpt: str  # the text around it


def _excerpt(line: str, start: int, end: int, context: int = 6) -> str:
    return line[max(start - context, 0):end + context]


def repeats(text: str) -> list[Slip]:
    """Each run of one Chinese character three times or more (「心心心心」)."""
    return [Slip(n, m.group(), _excerpt(line, m.start(), m.end()))
            for n, line in enumerate(text.split("\n"), 1) for m in REPEAT.finditer(line)]


def _variants(name: str) -> Iterable[str]:
    """``name`` with one character inside it (not the first, not the last) replaced by a
    wildcard (NUL), or removed: 「市司法局」 for 区司法局 and 「行政审批局」 for 区行政审批局 are
    other units or the name said short, not slips."""
    for i in range(1, len(name) - 1):
        yield name[:i] + "\0" + name[i + 1:]
        yield name[:i] + name[i + 1:]


class NameIndex:
    """The registry's names (of ``NAME_MIN`` characters or more, Chinese characters only),
    for finding what differs from one of them by one character: one replaced, one missing
    or one added."""

    def __init__(self, names: Iterable[str]):
        self.names = {n for n in names if n}
        self.keys: dict[str, str] = {}
        for name in sorted(self.names):
            if len(name) >= NAME_MIN and all(is_ideograph(c) for c in name):
                for key in _variants(name):
                    self.keys.setdefault(key, name)
        self.lengths = sorted({len(n) for n in self.keys.values()})

    def near(self, word: str) -> str | None:
        """The registry name ``word`` differs from by one character, None when ``word`` is
        a registry name itself or near none."""
        if not word or word in self.names:
            return None
        if len(word) > 2:  # one character added inside: removing it gives the name
            for i in range(1, len(word) - 1):
                shorter = word[:i] + word[i + 1:]
                if shorter in self.names and len(shorter) >= NAME_MIN:
                    return shorter
        for key in (word, *(word[:i] + "\0" + word[i + 1:] for i in range(1, len(word) - 1))):
            name = self.keys.get(key)
            if name is not None and name != word:
                return name
        return None

    def in_text(self, text: str) -> list[tuple[Slip, str]]:
        """Words of ``text`` one character from a registry name, with that name. A word that
        overlaps a registry name as written is not one (「西区行政审批局」 holds 区行政审批局)."""
        out: list[tuple[Slip, str]] = []
        for number, line in enumerate(text.split("\n"), 1):
            exact = [False] * len(line)
            for name in self.names:
                for m in re.finditer(re.escape(name), line):
                    exact[m.start():m.end()] = [True] * len(name)
            seen: set[str] = set()
            for length in {n + d for n in self.lengths for d in (-1, 0, 1)}:
                for start in range(len(line) - length + 1):
                    word = line[start:start + length]
                    if word in seen or any(exact[start:start + length]) \
                            or not all(is_ideograph(c) for c in word):
                        continue
                    name = self.near(word)
                    if name is not None:
                        seen.add(word)
                        out.append((Slip(number, word, _excerpt(line, start, start + length)), name))
        return sorted(out, key=lambda x: (x[0].line, line_index(text, x[0])))


def line_index(text: str, slip: Slip) -> int:
    lines = text.split("\n")
    return lines[slip.line - 1].find(slip.found) if 0 < slip.line <= len(lines) else -1


def repeated_sentences(text: str) -> list[tuple[str, list[int]]]:
    """Each sentence (of ``SENTENCE_MIN`` characters or more) written more than once, with
    the lines it is on, in the order first written."""
    where: dict[str, list[int]] = {}
    for number, line in enumerate(text.split("\n"), 1):
        for m in SENTENCE.finditer(line):
            sentence = m.group().strip()
            sentence = re.sub(r"^(?:[#>*\-+|\s]|\d+[.．、])+", "", sentence).strip()
            if sum(is_ideograph(c) for c in sentence) >= SENTENCE_MIN:
                where.setdefault(sentence, []).append(number)
    return [(s, lines) for s, lines in where.items() if len(lines) > 1]

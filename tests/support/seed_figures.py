"""Every figure a seed prints, and where the generated bulletin of its sample month has it.

A *figure* is a number as printed — a count, a score, a rate, with its 万 and % — read the
same way from the seed's text (tests/fixtures/seeds/) and from what the bulletin prints:
its title block, its text blocks, and its tables (title, headers, cells, footnotes).
Numbers that are not figures are left out, on both sides, by these rules:

* dates: a number followed by 年, 月 or 日 (「2021 年 2 月」, 「6 月 1 日—6 月 30 日」), the first
  of a range of months or days (「1—2月」), a date written 2021-12-16;
* the document's own number: 期号 (「2021 年第 2 期」) and 文号 (「〔2021〕45号」, 「2021年第1号」);
* numbering: list markers at a line start (「1. 」, 「2.提前办结件」, 「附件：1.」, 「注：1.」),
  annex and figure numbers (「附件 1」, 「见附件2」, 「图 4.」), and a table row's 序号 (in the seed
  an integer cell followed by a cell with Chinese text that continues the running count 1, 2,
  3 …; in the bulletin's tables the column headed 序号, or 排名 in the score tables, which
  print the rank where the seed prints its 序号);
* contact details and the web page around a bulletin: a line naming a 联系人 or giving a
  电话：, an e-mail address, the page's 来源/主办/承办/网站标识码 lines;
* digits inside a Latin word (「Ipv6」).

Page numbers would be left out too; the seeds, as typed, print none.

A figure is kept as (value, "%" or ""): 「97.0%」 is 「97.00%」, 「100%」 is 「100.00%」, 「24.9 万」 is
249000, 「-160.00%」 is negative. Figures are compared as multisets: a seed printing 「0」 400
times needs 400 「0」s in the bulletin, so a dropped column is missed even where its values
occur elsewhere.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

from bulletin.core.blocks import Table, Text
from bulletin.report.pipeline import run_month, title
from bulletin.report.sections.common import for_readers
from bulletin.report.sections.review import review_markdown
from support.paths import FIXTURES

SEEDS = FIXTURES / "seeds"

Key = tuple[Decimal, str]

_WIDE = str.maketrans("０１２３４５６７８９％．－−", "0123456789%.--")

# A number as printed: a sign, digits (thousands separated or not), a fraction, then 万 (before
# a measure word: 「24.9 万件」, not 「1.5⏎万源市」) or %.
NUMBER = re.compile(r"(?<![\d.])(-)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?!\.?\d)"
                    r"( ?万(?=[件人次个项条元户余多]))?( ?%)?")

_DATE_AFTER = re.compile(r"\s*[年月日]")
_RANGE_AFTER = re.compile(r"\s*[—–~至-]\s*\d+\s*[月日]")
_ISO_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_DOC_NUMBER = re.compile(r"\d{4}\s*年\s*第\s*(\d+)\s*[期号]|〔(\d{4})〕\s*(\d+)\s*号")
_MARKER = re.compile(r"(?m)^[ \t]*(?:[-*][ \t]+)?(?:(?:附件|注)[:：][ \t]*)?(\d{1,2})[ \t]*[.．、](?!\d)")
_ANNEX_LIST = re.compile(r"附件[:：]\s*(\d{1,2})[.．、]")
_LABEL = re.compile(r"(?:附件|图)\s*(\d+)")
_LATIN = re.compile(r"[A-Za-z]+\d+")
_EMAIL = re.compile(r"[\w.+-]+@[\w.-]+")
_CONTACT_LINE = re.compile(r"(?m)^.*(?:联系人|电话[:：]|网站标识码|主办[:：]|承办[:：]|来源[:：]).*$")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Figure:
    key: Key
    text: str  # as printed
    at: int  # offset in the text read
    context: str  # the text around it


def key_of(match: re.Match) -> Key:
    sign, whole, fraction, wan, percent = match.groups()
    value = Decimal((sign or "") + whole.replace(",", "") + (fraction or ""))
    if wan:
        value *= 10000
    return value.normalize() + 0, "%" if percent else ""


def _spans(pattern: re.Pattern, text: str, group: int | None = None) -> list[tuple[int, int]]:
    out = []
    for m in pattern.finditer(text):
        if group is None:
            out.append(m.span())
        else:
            out += [m.span(g) for g in range(1, (m.re.groups or 0) + 1) if m.group(g) is not None]
    return out


def excluded_spans(text: str) -> list[tuple[int, int]]:
    """Where the numbers that are not figures are (module docstring)."""
    spans = _spans(_ISO_DATE, text) + _spans(_DOC_NUMBER, text, group=1)
    spans += _spans(_MARKER, text, group=1) + _spans(_ANNEX_LIST, text, group=1)
    spans += _spans(_LABEL, text, group=1) + _spans(_LATIN, text) + _spans(_EMAIL, text)
    spans += _spans(_CONTACT_LINE, text)
    return spans


def serials(text: str) -> list[tuple[int, int]]:
    """The seed's table row numbers: an integer cell (cells split at tabs, 「|」 and line
    ends) followed by a cell with Chinese text, continuing the running count or restarting it."""
    cells = [(m.start(), m.end(), m.group().strip()) for m in re.finditer(r"[^\t|\n]+", text)]
    cells = [c for c in cells if c[2]]
    out, last = [], 0
    for (start, _, cell), (_, _, after) in pairwise(cells):
        if re.fullmatch(r"\d+", cell) and _CJK.search(after) and int(cell) in (1, last + 1):
            last = int(cell)
            offset = text.index(cell, start)
            out.append((offset, offset + len(cell)))
    return out


def figures(text: str, *, seed: bool = True) -> list[Figure]:
    """The figures of ``text``; ``seed``: also leave out the seed's table 序号 (``serials``)."""
    text = text.translate(_WIDE)
    skip = excluded_spans(text) + (serials(text) if seed else [])
    out = []
    for m in NUMBER.finditer(text):
        start, end = m.span(2)
        if any(a <= start < b for a, b in skip):
            continue
        if _DATE_AFTER.match(text, m.end(3) if m.group(3) else end) and not m.group(5):
            continue
        if _RANGE_AFTER.match(text, end):
            continue
        context = text[max(0, m.start() - 12):m.end() + 6].replace("\n", "⏎")
        out.append(Figure(key_of(m), m.group().strip(), m.start(), context))
    return out


def seed_text(number: str) -> str:
    return (SEEDS / f"{number}.txt").read_text(encoding="utf-8")


_TAGS = re.compile(r"<[^>]+>")
_ESCAPE = re.compile(r"\\(.)")


def plain(markdown: str) -> str:
    """A text block as read: tags and Markdown escapes dropped."""
    return _ESCAPE.sub(r"\1", _TAGS.sub("", markdown))


def table_text(table: Table) -> str:
    """A table as read, one line per row, cells tab-separated; the 序号 (排名) column left out."""
    keep = [j for j, c in enumerate(table.columns) if c.label not in ("序号", "排名")]
    headers = [table.columns[j].header for j in keep]
    lines = [table.title, "\t".join(headers)]
    lines += ["\t".join(row[j].text for j in keep) for row in table.rows]
    return "\n".join([*lines, *table.notes])


@dataclass
class Printed:
    """What a sample month's bulletin prints, and its review."""

    text: str  # title block, text blocks and tables, as read
    review: str  # review.md without 文字校对 and 签发前核实 (no reasons there)
    bulletin: Counter = field(default_factory=Counter)
    reviewed: Counter = field(default_factory=Counter)


def printed(dataset: Path, month: str) -> Printed:
    """The sample month run in-process (``report.pipeline.run_month``, no kernel)."""
    run = run_month(dataset, month)
    parts = [plain(t) for t in title(run.bulletin)]
    for block in for_readers(run.blocks):
        if isinstance(block, Text):
            parts.append(plain(block.markdown))
        elif isinstance(block, Table):
            parts.append(table_text(block))
    text = "\n\n".join(parts)
    review = reasons(review_markdown(run.bulletin, run.blocks))
    return Printed(text, review, Counter(f.key for f in figures(text, seed=False)),
                   Counter(f.key for f in figures(review, seed=False)))


def reasons(review: str) -> str:
    """The review's items that can give a reason: all topics but 文字校对 (punctuation, line
    numbers) and 签发前核实 (the same items again)."""
    kept, skip = [], False
    for line in review.splitlines():
        if line.startswith("## "):
            skip = line[3:].strip() in ("文字校对", "签发前核实")
        if not skip:
            kept.append(line)
    return "\n".join(kept)


@dataclass(frozen=True)
class Expected:
    """Figures the bulletin is known not to print yet, and why (never a silent skip): the
    seed's figures from the line starting ``start`` up to the line starting ``end`` (to the
    end of the seed when ``end`` is empty)."""

    start: str
    end: str
    reason: str

    def span(self, seed: str) -> tuple[int, int]:
        starts = [m.start() for m in re.finditer(rf"(?m)^{re.escape(self.start)}", seed)]
        if len(starts) != 1:
            raise ValueError(f"{self.start!r} starts {len(starts)} lines of the seed, not one")
        if not self.end:
            return starts[0], len(seed)
        end = re.compile(rf"(?m)^{re.escape(self.end)}").search(seed, starts[0] + 1)
        if end is None:
            raise ValueError(f"no line starts {self.end!r} after {self.start!r}")
        return starts[0], end.start()


@dataclass
class Recall:
    seed_figures: list[Figure]
    missing: list[tuple[Key, int, list[Figure]]]  # key, how many missing, the seed's copies
    in_review: Counter  # figures the bulletin does not print, named in the review
    expected: list[Figure]  # figures in the passages of ``Expected``

    def report(self) -> str:
        lines = []
        for _, count, copies in self.missing:
            where = " | ".join(c.context for c in copies[:3])
            lines.append(f"{copies[0].text} ×{count} (the seed prints it {len(copies)}×): {where}")
        return "\n".join(lines)

    @property
    def missing_count(self) -> int:
        return sum(count for _, count, _ in self.missing)


def recall(seed: str, shown: Printed, expected: tuple[Expected, ...] = ()) -> Recall:
    """Each figure of the seed outside the ``expected`` passages: printed by the bulletin,
    else named in the review, else missing."""
    spans = [e.span(seed) for e in expected]
    every = figures(seed)
    excused = [f for f in every if any(a <= f.at < b for a, b in spans)]
    found = [f for f in every if f not in excused]
    need = Counter(f.key for f in found)
    missing, reviewed = [], Counter()
    for key, count in need.items():
        short = count - shown.bulletin[key]
        if short <= 0:
            continue
        reviewed[key] = min(short, shown.reviewed[key])
        short -= reviewed[key]
        if short > 0:
            missing.append((key, short, [f for f in found if f.key == key]))
    missing.sort(key=lambda m: m[2][0].at)
    return Recall(found, missing, +reviewed, excused)

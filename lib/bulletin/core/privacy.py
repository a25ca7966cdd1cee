"""Personal data typed by hand — a 身份证号 or a mobile number in the analyst's notes, in a
unit name, in dataset.yml — never reaches anything published.

Two uses, two strictnesses:

* ``redact`` / ``find_lines`` where a hand-typed text is read (notes, the unit registry,
  dataset.yml): generous patterns (spaces or dashes inside, +86 in front, a 15-digit ID with
  a valid date), because a false alarm there costs a masked number and a warning;
  an ID becomes 「［身份证号已隐去］」, a mobile number 「138＊＊＊＊5678」 — full-width marks,
  which Markdown (the notes, the narrative) reads as text where ``**`` would be emphasis.
* ``scan`` over the files about to be published (site pages, executed notebook, downloads,
  PDF text): only what cannot be a figure, an item code or a hash — an 18-digit ID, a
  mobile number with no letter or digit next to it, a 15-digit ID after a word naming it.
  Whatever it finds fails the publish.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_DATE = r"(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
_ID18 = rf"[1-9]\d{{5}}[ -]?(?:18|19|20)\d{{2}}{_DATE}[ -]?\d{{3}}[\dXx]"
_ID15 = rf"[1-9]\d{{5}}\d{{2}}{_DATE}\d{{3}}"
_MOBILE = r"(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}"

ID_NUMBER = "身份证号"
MOBILE = "手机号码"

# Where text is read: generous.
READ_PATTERNS = [
    (ID_NUMBER, re.compile(rf"(?<![0-9.])(?:{_ID18})(?![0-9A-Za-z])")),
    (ID_NUMBER, re.compile(rf"(?<![0-9.])(?:{_ID15})(?![0-9A-Za-z])")),
    (MOBILE, re.compile(rf"(?<![0-9.])(?:{_MOBILE})(?!\d)")),
]

# Over published files: nothing a bulletin prints, a code or a hash can look like.
_EDGE = r"(?<![0-9A-Za-z.])", r"(?![0-9A-Za-z])"
SCAN_PATTERNS = [
    (ID_NUMBER, re.compile(rf"{_EDGE[0]}(?:{_ID18}){_EDGE[1]}")),
    (ID_NUMBER, re.compile(rf"(?:身份证|证件号|身份号码)[^0-9\n]{{0,12}}(?<![0-9])({_ID15}){_EDGE[1]}")),
    (MOBILE, re.compile(rf"{_EDGE[0]}(?:{_MOBILE}){_EDGE[1]}")),
]


@dataclass(frozen=True)
class PersonalData:
    """Where personal data was found: file, line (or row), what kind, the masked value, and
    the column for a cell of a table."""

    file: str
    line: int | None
    kind: str
    masked: str
    column: str | None = None

    def __str__(self) -> str:
        where = f"{self.file} 第 {self.line} 行" if self.line else self.file
        if self.column:
            where += f"「{self.column}」列"
        return f"{where}：{self.kind} {self.masked}"


def mask(kind: str, value: str) -> str:
    """「［身份证号已隐去］」 for an ID, 「138＊＊＊＊5678」 for a mobile number."""
    if kind == MOBILE:
        digits = re.sub(r"\D", "", value)[-11:]
        return f"{digits[:3]}＊＊＊＊{digits[-4:]}"
    return f"［{ID_NUMBER}已隐去］"


# A 15-digit number right after one of these is a code (事项编码 …), not an old ID.
CODE_WORDS = re.compile(r"(?:编码|代码|编号)[:：\s]*$")


def _matches(text: str) -> list[tuple[str, re.Match]]:
    """Non-overlapping matches of the reading patterns, in text order."""
    found: list[tuple[str, re.Match]] = []
    for kind, pattern in READ_PATTERNS:
        for m in pattern.finditer(text):
            if len(re.sub(r"\D", "", m.group(0))) == 15 and CODE_WORDS.search(text[:m.start()]):
                continue
            if not any(m.start() < other.end() and other.start() < m.end() for _, other in found):
                found.append((kind, m))
    return sorted(found, key=lambda item: item[1].start())


def redact(text: str) -> str:
    """``text`` with every ID number and mobile number masked."""
    out, last = [], 0
    for kind, m in _matches(text):
        out += [text[last:m.start()], mask(kind, m.group(0))]
        last = m.end()
    return "".join(out) + text[last:]


def find_lines(text: str, file: str, first_line: int = 1) -> list[PersonalData]:
    """The personal data of ``text`` by line (numbered from ``first_line``), masked."""
    return [PersonalData(file, number, kind, mask(kind, m.group(0)))
            for number, line in enumerate(text.splitlines(), first_line)
            for kind, m in _matches(line)]


def scan(text: str, separators: bool = True) -> list[tuple[str, str]]:
    """(kind, masked value) of what a published text must not hold. ``separators=False``
    for text extracted from a PDF, where the cells of a table row are only spaces apart:
    there, only unbroken numbers count."""
    found = []
    for kind, pattern in SCAN_PATTERNS:
        for m in pattern.finditer(text):
            value = m.group(m.lastindex or 0)
            if separators or not re.search(r"[ -]", value.lstrip("+")):
                found.append((kind, mask(kind, value)))
    return found


def read_text(path: Path) -> str:
    """A hand-typed text file: UTF-8 (with or without BOM), else GB18030 (GBK)."""
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")

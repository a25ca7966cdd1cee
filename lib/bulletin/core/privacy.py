"""Personal data typed by hand — a 身份证号 or a mobile number in the analyst's notes, in a
unit name, in dataset.yml, in a cell — never reaches anything published.

One recogniser, used where text is read (``redact``, ``find_lines``) and over the files
about to be published (``scan``). It reads numbers the way people type them:

1. The text is normalised: NFKC (full-width digits and letters, U+3000 and no-break
   spaces become ASCII), and every dash (‐ ‑ ‒ – — ― − ﹣ －) becomes ``-``.
2. A *group* is a maximal run of digits. Groups form a *chain* when each is joined to the
   next by exactly one separator, the same one throughout: a space, a hyphen or a dot.
3. A candidate is one group, or a run of consecutive groups of a space or hyphen chain
   (``139 1234 5678``, ``110 101 19900101 1234``), or a whole dot chain of at least three
   groups (``139.1234.5678``; two groups joined by a dot are a decimal). Groups are never
   split: a 12-digit case number or a 19-digit code holds no mobile number.
4. Its digits, read together, must be a whole number of one kind:

   * 身份证号 (18): a region code not starting with 0, a birth date 18xx–20xx with month
     01–12 and day 01–31, three digits and a check digit or ``X``/``x``. The check digit
     is not verified: a mistyped ID is still personal data.
   * 身份证号 (15, the old form): region code, a yymmdd birth date, three digits. Where text
     is read, not right after 编码/代码/编号 (an item code); over published files only right
     after a word naming it (身份证, 证件号, 身份号码).
   * 手机号码: ``1[3-9]`` and nine more digits, optionally after ``86`` or ``0086`` (the
     prefix may be a group of its own, and ``+`` before it is part of the number).

5. It must stand alone: not the fraction of a decimal (``0.13812345678``), not the whole
   part of one (``13812345678.5``); over published files also no ASCII letter on either
   side (hashes, identifiers), and in PDF text, whose table cells are only spaces apart, a
   space joins nothing.

6. Readings that overlap (two numbers typed side by side in the same groups): the longest
   numbers are masked first, then those beside them; should that leave a digit of any
   reading unmasked, the whole stretch is masked as one.

What is found is replaced as typed, separators, prefix and all, by 「［身份证号已隐去］」 for an
ID or 「138＊＊＊＊5678」 for a mobile number — full-width marks, which Markdown reads as
text where ``**`` would be emphasis. Over published files whatever is found fails the
publish.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ID_NUMBER = "身份证号"
MOBILE = "手机号码"

_DATE = r"(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
_ID18 = re.compile(rf"[1-9]\d{{5}}(?:18|19|20)\d{{2}}{_DATE}\d{{3}}[\dX]")
_ID15 = re.compile(rf"[1-9]\d{{5}}\d{{2}}{_DATE}\d{{3}}")
_MOBILE = re.compile(r"(?:0086|86)?1[3-9]\d{9}")

# After NFKC (which makes － ﹣ into -, U+3000 into a space), the other dashes.
_DASHES = re.compile("[\u2010-\u2015\u2212]")
# Digits and single separators between them, 11 characters at least (fewer hold no number).
_DIGITS = re.compile(r"(?<!\d)(?=[\d .-]{11})\d++(?:[ .-]\d++)*")
_GROUP = re.compile(r"\d+")
_LONGEST = 18  # digits of the longest number sought (an ID)
# The check letter of an ID, right after its 17 digits or after one separator.
_CHECK_LETTER = re.compile(r"[ .-]?[Xx](?![0-9A-Za-z])")

# A 15-digit number right after one of these is a code (事项编码 …), not an old ID.
CODE_WORDS = re.compile(r"(?:编码|代码|编号)[:\s]*$")
# Over published files, a 15-digit number is an old ID only right after one of these.
ID_WORDS = re.compile(r"(?:身份证|证件号|身份号码)[^0-9\n]{0,12}$")
# +86 or 0086 typed before a mobile number, with a separator of another kind.
_PREFIX = re.compile(r"(?:\+|00)86[ -]?$")


@dataclass(frozen=True)
class Found:
    """A number found in normalised text: its kind, span and digits (prefix included)."""

    kind: str
    start: int
    end: int
    digits: str


def normalise(text: str) -> str:
    """NFKC, every dash as ``-``: the text the recogniser reads."""
    return _DASHES.sub("-", unicodedata.normalize("NFKC", text))


def _with_origin(text: str) -> tuple[str, list[int] | None]:
    """The normalised text and, for each of its characters, where it stands in ``text``
    (None when they are the same)."""
    if text.isascii():
        return text, None
    parts = [normalise(c) for c in text]
    origin = [i for i, part in enumerate(parts) for _ in part]
    return "".join(parts), origin


def _groups(norm: str, pdf: bool) -> list[tuple[int, int]]:
    """(start, end) of every candidate run of groups (step 3 of the module's rule)."""
    runs: list[tuple[int, int]] = []
    for m in _DIGITS.finditer(norm):
        groups = [(g.start(), g.end()) for g in _GROUP.finditer(norm, m.start(), m.end())]
        runs += [g for g in groups if g[1] - g[0] >= 11]
        first = 0
        while first < len(groups) - 1:  # the chains: groups joined by the same separator
            sep, last = norm[groups[first][1]], first + 1
            while last + 1 < len(groups) and norm[groups[last][1]] == sep:
                last += 1
            if not (pdf and sep == " "):
                runs += _chain_runs(groups[first:last + 1], sep)
            first = last
    return runs


def _chain_runs(groups: list[tuple[int, int]], sep: str) -> list[tuple[int, int]]:
    """The candidates of one chain: its runs of two groups or more holding 11 to 18
    digits; of a dot chain, only the whole chain and only from three groups."""
    if sep == ".":
        return [(groups[0][0], groups[-1][1])] if len(groups) >= 3 else []
    runs = []
    for i in range(len(groups)):
        digits = groups[i][1] - groups[i][0]
        for j in range(i + 1, len(groups)):
            digits += groups[j][1] - groups[j][0]
            if digits > _LONGEST:
                break
            if digits >= 11:
                runs.append((groups[i][0], groups[j][1]))
    return runs


def _stands_alone(norm: str, start: int, end: int, strict: bool) -> bool:
    """Step 5: not part of a decimal; with ``strict``, no ASCII letter beside it."""
    before = norm[start - 1] if start else ""
    after = norm[end] if end < len(norm) else ""
    if before == "." and start >= 2 and norm[start - 2].isdigit():
        return False
    if after == "." and end + 1 < len(norm) and norm[end + 1].isdigit():
        return False
    return not strict or not (_ascii_letter(before) or _ascii_letter(after))


def _ascii_letter(c: str) -> bool:
    return c.isascii() and c.isalpha()


def _kind(norm: str, start: int, end: int, strict: bool) -> Found | None:
    """What the run ``norm[start:end]`` is, if anything (step 4), its span widened over a
    check letter X or a + / 0086 prefix."""
    digits = re.sub(r"\D", "", norm[start:end])
    if len(digits) == 17 and (check := _CHECK_LETTER.match(norm, end)):
        digits, end = digits + "X", check.end()
    if _ID18.fullmatch(digits):
        return Found(ID_NUMBER, start, end, digits)
    if _ID15.fullmatch(digits):
        before = norm[max(0, start - 20):start]
        if (ID_WORDS.search(before) if strict else not CODE_WORDS.search(before)):
            return Found(ID_NUMBER, start, end, digits)
        return None
    if _MOBILE.fullmatch(digits):
        if norm[start - 1:start] == "+" and digits.startswith("86"):
            start -= 1
        elif (prefix := _PREFIX.search(norm[max(0, start - 6):start])) and len(digits) == 11:
            start -= len(prefix.group())
        return Found(MOBILE, start, end, digits)
    return None


def _clusters(found: list[Found]) -> list[list[Found]]:
    """The numbers found, in groups of overlapping ones, in text order."""
    clusters: list[list[Found]] = []
    end = -1
    for hit in sorted(found, key=lambda f: f.start):
        if hit.start < end:
            clusters[-1].append(hit)
        else:
            clusters.append([hit])
        end = max(end, hit.end) if hit.start < end else hit.end
    return clusters


def _choose(cluster: list[Found], norm: str) -> list[Found]:
    """Which of overlapping readings to mask: the longest numbers first, then those that
    do not overlap them. Should that leave a digit of any reading unmasked, the whole
    stretch is masked as its longest number."""
    chosen: list[Found] = []
    for hit in sorted(cluster, key=lambda f: (-len(f.digits), f.start)):
        if not any(hit.start < other.end and other.start < hit.end for other in chosen):
            chosen.append(hit)
    start, end = min(f.start for f in cluster), max(f.end for f in cluster)
    covered = {i for f in chosen for i in range(f.start, f.end)}
    if any(norm[i].isalnum() and i not in covered for i in range(start, end)):
        longest = chosen[0]
        return [Found(longest.kind, start, end, longest.digits)]
    return sorted(chosen, key=lambda f: f.start)


def find_numbers(text: str, strict: bool = False, pdf: bool = False,
                 spans: bool = True) -> list[Found]:
    """The personal numbers of ``text``, in text order and not overlapping, with spans
    in ``text`` itself (``spans=False``: in the normalised text, found faster).
    ``strict``: over a published file; ``pdf``: over PDF text."""
    norm, origin = _with_origin(text) if spans else (normalise(text), None)
    found: list[Found] = []
    for start, end in set(_groups(norm, pdf)):
        hit = _kind(norm, start, end, strict)
        if hit is not None and _stands_alone(norm, hit.start, hit.end, strict):
            found.append(hit)
    chosen = [hit for cluster in _clusters(found) for hit in _choose(cluster, norm)]
    if origin is not None:
        chosen = [Found(f.kind, origin[f.start], origin[f.end - 1] + 1, f.digits) for f in chosen]
    return sorted(chosen, key=lambda f: f.start)


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
        digits = re.sub(r"\D", "", normalise(value))[-11:]
        return f"{digits[:3]}＊＊＊＊{digits[-4:]}"
    return f"［{ID_NUMBER}已隐去］"


def redact(text: str) -> str:
    """``text`` with every ID number and mobile number masked, each over its whole span
    as typed."""
    out, last = [], 0
    for hit in find_numbers(text):
        out += [text[last:hit.start], mask(hit.kind, hit.digits)]
        last = hit.end
    return "".join(out) + text[last:]


def find_lines(text: str, file: str, first_line: int = 1) -> list[PersonalData]:
    """The personal data of ``text`` by line (numbered from ``first_line``), masked."""
    return [PersonalData(file, number, hit.kind, mask(hit.kind, hit.digits))
            for number, line in enumerate(text.splitlines(), first_line)
            for hit in find_numbers(line)]


def scan(text: str, separators: bool = True) -> list[tuple[str, str]]:
    """(kind, masked value) of what a published text must not hold. ``separators=False``
    for text extracted from a PDF, where the cells of a table row are only spaces apart:
    there, a space joins no digits."""
    return [(hit.kind, mask(hit.kind, hit.digits))
            for hit in find_numbers(text, strict=True, pdf=not separators, spans=False)]


def read_text(path: Path) -> str:
    """A hand-typed text file: UTF-8 (with or without BOM), else GB18030 (GBK)."""
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")

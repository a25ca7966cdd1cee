"""Invisible format characters in input text — Unicode category Cf: the bidi controls
(U+202A–202E, U+2066–2069, U+200E/200F, U+061C), zero-width characters (U+200B–200D,
U+2060, U+FEFF inside a text), the soft hyphen U+00AD and the rest of the category.

They are refused where a text is read (units, aggregated tables, notes, dataset.yml): a
right-to-left override in a unit name would print the name reversed in every file the
bulletin publishes, and a zero-width space would make two spellings of one unit differ
unseen. The error names the file, row and column and the character (made visible), so
the analyst can delete it; nothing is removed silently.
"""

from __future__ import annotations

import sys
import unicodedata

from bulletin.core.errors import InputError, Problem

# Category Cf in Unicode 14.0.0 (Python 3.11's unicodedata), as ranges: scanning every code
# point for it costs 0.1 s of CPU in each process importing this (the kernel of every month).
CF_RANGES_14 = ((0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD),
                (0x070F, 0x070F), (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E),
                (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F),
                (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD),
                (0x13430, 0x13438), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
                (0xE0001, 0xE0001), (0xE0020, 0xE007F))


def scanned_cf() -> list[str]:
    """Every character of category Cf in this Python's Unicode, found by looking at each."""
    return [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]


# Every character of category Cf, as a regex class (for Python and for polars); another
# Unicode version's looked up afresh.
_CF = ([chr(c) for low, high in CF_RANGES_14 for c in range(low, high + 1)]
       if unicodedata.unidata_version == "14.0.0" else scanned_cf())
PATTERN = "[" + "".join(f"\\x{{{ord(c):x}}}" for c in _CF) + "]"
_SET = frozenset(_CF)

# The ones met in practice, in words.
_NAMES = {0x202E: "从右到左覆盖，会使文字倒序显示", 0x202D: "从左到右覆盖",
          0x202A: "从左到右嵌入", 0x202B: "从右到左嵌入", 0x202C: "方向格式结束",
          0x2066: "从左到右隔离", 0x2067: "从右到左隔离", 0x2068: "方向隔离",
          0x2069: "方向隔离结束", 0x200E: "从左到右标记", 0x200F: "从右到左标记",
          0x200B: "零宽空格", 0x200C: "零宽不连字", 0x200D: "零宽连字", 0x2060: "零宽不换行",
          0xFEFF: "字节顺序标记（BOM）", 0x00AD: "软连字符"}


def invisible_at(text: str) -> int | None:
    """The index of the first invisible format character in ``text``, else None."""
    return next((i for i, c in enumerate(text) if c in _SET), None)


def visible(text: str) -> str:
    """``text`` with each invisible format character written as 〈U+202E〉."""
    return "".join(f"〈U+{ord(c):04X}〉" if c in _SET else c for c in text)


def invisible_problem(text: str | None, file: str, row: int | None,
                      column: str | None) -> Problem | None:
    """The Problem of a text holding an invisible format character, else None."""
    at = invisible_at(text) if text else None
    if at is None:
        return None
    code = ord(text[at])
    name = _NAMES.get(code) or unicodedata.name(text[at], "格式字符")
    return Problem(file, row, column, visible(text),
                   f"不含不可见的格式字符的文字：第 {at + 1} 个字符是 U+{code:04X}（{name}），"
                   "显示时看不见，却会改变文字的显示或比对；请删除该字符（常见于从网页或"
                   "其他软件复制的文字）后重新运行")


def refuse_invisible(cells, file: str) -> None:
    """An InputError listing every cell of ``cells`` — (row, column, text) — that holds an
    invisible format character; nothing when none does."""
    problems = [p for row, column, text in cells
                if (p := invisible_problem(text, file, row, column)) is not None]
    if problems:
        raise InputError(problems)


def refuse_invisible_lines(text: str, file: str) -> None:
    """The same for a text file read line by line (notes, dataset.yml): the line named, a
    byte-order mark at the very start excepted (it marks the encoding)."""
    refuse_invisible(((number, None, line) for number, line in
                      enumerate(text.removeprefix("\ufeff").splitlines(), start=1)), file)


def refuse_invisible_frame(frame, file: str, columns: dict[str, str], row: str) -> None:
    """The same for the text columns ``columns`` (name → header shown) of a polars frame
    whose row numbers are in column ``row``; only rows holding such a character are
    looked at one by one."""
    import polars as pl

    names = [c for c in columns if c in frame.columns]
    if not names:
        return
    hits = frame.filter(pl.any_horizontal(
        pl.col(c).cast(pl.String).str.contains(PATTERN).fill_null(False) for c in names))
    refuse_invisible(((r[row], columns[c], r[c]) for r in hits.iter_rows(named=True)
                      for c in names if isinstance(r[c], str)), file)

"""The test oracle of the CSV readers read in pieces (ingest.encoding, ingest.grid): the
whole-file reading they replaced — the bytes read at once, decoded at once, the records of
the whole text, and the grid polars (else Python's csv module) made of that text in memory.

Results are plain values so that the two readings compare with ``==``: the text; or what
refuses the file, ["truncated"], ["unknown"] or its bad cells as "row|column|shown|UTF-8"
(or GBK); a grid's rows; "blank" for a file without text; a structure error's
(row, value, expected)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import polars as pl

from bulletin.core.errors import InputError, Problem
from bulletin.core.spreadsheet import column_letter
from bulletin.ingest.encoding import TRUNCATED, shown_bytes
from bulletin.ingest.grid import HEAD_CHARS, text_width


def mostly_utf8(data: bytes) -> bool:
    if data.startswith(b"\xef\xbb\xbf"):
        return True
    good = bad = 0
    for line in data.split(b"\n"):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            good += 1
        except UnicodeDecodeError:
            bad += 1
    return good >= bad and good > 0


def bad_cells(path: Path, data: bytes, enc: str, limit: int = 20) -> list[str]:
    text = data.decode(enc, errors="surrogateescape")
    utf8 = enc.startswith("utf-8")
    rows = None
    if path.suffix == ".csv":
        try:
            rows = list(csv.reader(io.StringIO(text, newline="")))
        except csv.Error:
            pass
    rows = rows if rows is not None else [[line] for line in text.splitlines()]
    found = []
    for row, cells in enumerate(rows, start=1):
        for j, cell in enumerate(cells):
            if any("\udc80" <= c <= "\udcff" for c in cell):
                found.append(f"{row}|{column_letter(j) if len(cells) > 1 else None}|"
                             f"{shown_bytes(cell, utf8)}|{'UTF-8' if utf8 else 'GBK'}")
                if len(found) >= limit:
                    return found
    return found or ["unknown"]


def text_of(path: Path) -> str | list[str]:
    """The text, or what refuses the file."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data" and err.end == len(data):
            return ["truncated"]
    enc = "utf-8-sig" if mostly_utf8(data) else "gb18030"
    try:
        return data.decode(enc)
    except UnicodeDecodeError:
        return bad_cells(path, data, enc)


def summary(problems: list[Problem]) -> list[str]:
    """An encoding refusal as ``text_of`` gives it."""
    if [p.expected for p in problems] == [TRUNCATED]:
        return ["truncated"]
    if problems[0].expected.startswith("无法识别文件编码"):
        return ["unknown"]
    return [f"{p.row}|{p.column}|{p.value}|{'UTF-8' if p.expected.startswith('UTF-8') else 'GBK'}"
            for p in problems]


def grid_of(path: Path) -> list[tuple] | list[str] | str | list[tuple[int, str | None, str]]:
    """The grid's rows; an encoding refusal; "blank"; or a structure error's problems."""
    text = text_of(path)
    if isinstance(text, list):
        return text
    if not text.strip():
        return "blank"
    options = {"has_header": False, "infer_schema": False, "truncate_ragged_lines": False}
    try:
        return pl.read_csv(io.StringIO(text), **options).rows()
    except pl.exceptions.PolarsError:
        pass
    width = text_width(text[:HEAD_CHARS])
    if width:
        try:
            return pl.read_csv(io.StringIO(text), **options, missing_columns="insert",
                               schema={f"column_{j}": pl.String for j in range(width)}).rows()
        except pl.exceptions.PolarsError:
            pass
    try:
        return slow_rows(text, width)
    except InputError as err:
        return structure(err.problems)


def structure(problems: list[Problem]) -> list[tuple[int, str | None, str]]:
    return [(p.row, p.value, p.expected) for p in problems]


def slow_rows(text: str, width: int | None) -> list[tuple]:
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        rows.extend(reader)
    except csv.Error as err:
        raise InputError(Problem(
            "f", len(rows) + 1, None, None,
            f"CSV 格式错误（{err}）：引号未配对。含逗号、引号或换行的值须整体用英文双引号括起，"
            "值中的引号写作两个引号（\"\"）")) from err
    width = width or len(next((r for r in rows if any(c.strip() for c in r)), []))
    problems = [Problem("f", i, None, ",".join(cells[width:]),
                        f"不多于表头的 {width} 个值（此行有 {len(cells)} 个）：多余的逗号？"
                        "含逗号的值须整体用英文双引号括起")
                for i, cells in enumerate(rows, start=1)
                if len(cells) > width and any(c.strip() for c in cells[width:])]
    if problems:
        raise InputError(problems)
    if not width:
        return []
    return [tuple(r[j] if j < len(r) and r[j] != "" else None for j in range(width))
            for r in rows]

"""A CSV's bytes as text: UTF-8 (with or without BOM), else GB18030 (a superset of GBK),
and the cells holding bytes neither reads named by row and column (docs/inputs.md,
section 3).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from bulletin.core.errors import InputError, Problem
from bulletin.core.spreadsheet import column_letter
from bulletin.ingest.files import display_path


def decode_csv(path: Path) -> str:
    """CSV bytes as text: UTF-8 (with or without BOM), else GB18030 (a superset of GBK).

    UTF-8 that breaks off inside its last character is a file cut short, not GB18030. A
    file that is UTF-8 but for some bytes (a damaged byte, a cell pasted from a GBK file) is
    not read as GB18030, which would garble every other cell: it is refused, naming each
    row and column holding such bytes (``undecodable``)."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data" and err.end == len(data):
            raise InputError(Problem(display_path(path), None, None, None,
                                     "文件末尾不完整（最后一个字符被截断），文件可能在复制或下载时"
                                     "被截断")) from err
    encoding = "utf-8-sig" if mostly_utf8(data) else "gb18030"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(undecodable(path, data, encoding)) from err


def mostly_utf8(data: bytes) -> bool:
    """Whether a file that is not all UTF-8 is UTF-8 with a few bad lines rather than GBK:
    it starts with the UTF-8 byte-order mark, or at least as many of its lines holding
    non-ASCII bytes decode as UTF-8 as do not (a GBK line of Chinese text is hardly ever
    valid UTF-8)."""
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


def undecodable(path: Path, data: bytes, encoding: str, limit: int = 20) -> list[Problem]:
    """Every cell holding bytes ``encoding`` cannot read, by row and column (Excel's
    letter), the bytes shown as 〈D6〉; in a UTF-8 file, with what they read as in GBK."""
    text = data.decode(encoding, errors="surrogateescape")
    utf8 = encoding.startswith("utf-8")
    expected = ("UTF-8 文字：此文件的其余部分是 UTF-8，这个单元格却有不是 UTF-8 的字节（多为从 GBK "
                "文件复制来的文字，或文件已损坏）；请重新输入该单元格的文字，另存为「CSV UTF-8」后重新运行"
                if utf8 else
                "GBK/GB18030 文字：此文件不是 UTF-8，按 GBK 读取，这个单元格却有 GBK 也无法读取的字节"
                "（文件可能已损坏）；请重新输入该单元格的文字，或重新导出此文件")
    problems = []
    for row, cells in enumerate(records(path, text), start=1):
        for j, cell in enumerate(cells):
            if any("\udc80" <= c <= "\udcff" for c in cell):
                problems.append(Problem(display_path(path), row,
                                        column_letter(j) if len(cells) > 1 else None,
                                        shown_bytes(cell, utf8), expected))
                if len(problems) >= limit:
                    return problems
    return problems or [Problem(display_path(path), None, None, None,
                                "无法识别文件编码（支持 UTF-8、带 BOM 的 UTF-8、GBK/GB18030）")]


def records(path: Path, text: str) -> list[list[str]]:
    """A CSV's records as Excel numbers its rows (a quoted cell may span lines); a text file
    (notes) or a CSV whose quotes do not pair, line by line."""
    if path.suffix.lower() == ".csv":
        try:
            return list(csv.reader(io.StringIO(text, newline="")))
        except csv.Error:
            pass
    return [[line] for line in text.splitlines()]


def shown_bytes(cell: str, gbk_hint: bool) -> str:
    """A cell with each unreadable byte as 〈D6〉; in a UTF-8 file, when most of the cell's
    non-ASCII bytes are unreadable (a cell pasted from a GBK file rather than one damaged
    byte), also what its bytes read as in GBK."""
    escaped = [c for c in cell if "\udc80" <= c <= "\udcff"]
    text = "".join(f"〈{ord(c) - 0xDC00:02X}〉" if c in escaped else c for c in cell)
    readable = sum(len(c.encode()) for c in cell if not c.isascii() and c not in escaped)
    if gbk_hint and len(escaped) >= readable:
        try:
            reading = cell.encode("utf-8", "surrogateescape").decode("gb18030")
        except UnicodeDecodeError:
            return text
        return f"{text}（按 GBK 读作「{reading}」）"
    return text


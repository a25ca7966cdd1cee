"""A CSV's bytes as text: UTF-8 (with or without BOM), else GB18030 (a superset of GBK),
and the cells holding bytes neither reads named by row and column (docs/inputs.md,
section 3).

Every step reads the file in pieces of ``CHUNK`` bytes, never whole, so that an export of
any size is read in bounded memory: ``text_encoding`` tells the encoding, ``as_utf8``
hands a GB18030 file on as a UTF-8 copy (decoded piece by piece; a character split
between two pieces is carried over), ``undecodable`` names the bad cells. ``decode_csv``
gives the whole text, for the small inputs read at once (notes, given tables,
aggregated sheets).
"""

from __future__ import annotations

import codecs
import csv
import io
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import numpy as np

from bulletin.core.errors import InputError, Problem
from bulletin.core.spreadsheet import column_letter
from bulletin.ingest.files import display_path

CHUNK = 1 << 23  # bytes read at a time (8 MiB); read when called, so tests can make it small

UTF8, GB18030 = "utf-8-sig", "gb18030"
BOM = codecs.BOM_UTF8

TRUNCATED = "文件末尾不完整（最后一个字符被截断），文件可能在复制或下载时被截断"


def decode_csv(path: Path) -> str:
    """CSV bytes as text: UTF-8 (with or without BOM), else GB18030 (a superset of GBK).

    UTF-8 that breaks off inside its last character is a file cut short, not GB18030. A
    file that is UTF-8 but for some bytes (a damaged byte, a cell pasted from a GBK file) is
    not read as GB18030, which would garble every other cell: it is refused, naming each
    row and column holding such bytes (``undecodable``)."""
    data = Path(path).read_bytes()  # a small file, read once
    encoding = text_encoding(path, data=data)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(undecodable(path, encoding, data=data)) from err


def text_encoding(path: Path, chunk: int | None = None, data: bytes | None = None) -> str:
    """``UTF8`` when the whole file is UTF-8; else ``GB18030``, which the caller's decoding
    verifies. A file cut short inside its last UTF-8 character, and one that is UTF-8 but
    for some bytes (``mostly_utf8``), are refused. ``data``: the file's bytes, when they
    are read already."""
    chunk = chunk or CHUNK
    return _encoding(path, chunk, data)[0]


def _encoding(path: Path, chunk: int, data: bytes | None = None) -> tuple[str, bool]:
    """``text_encoding``, and for UTF-8 whether the text holds anything but blanks."""
    utf8, filled = _utf8(path, chunk, data)
    if utf8:
        return UTF8, filled
    if mostly_utf8(path, chunk, data):
        raise InputError(undecodable(path, UTF8, chunk=chunk, data=data))
    return GB18030, False


def _utf8(path: Path, chunk: int, data: bytes | None = None) -> tuple[bool, bool]:
    """(whether the file is UTF-8 throughout, a byte-order mark allowed; whether its text
    holds anything but blanks). A file whose only fault is a last character cut short is
    refused as such."""
    decoder = codecs.getincrementaldecoder(UTF8)()
    filled = False
    with _binary(path, data) as handle:
        bom = handle.read(len(BOM)) == BOM
        handle.seek(0)
        try:
            while block := handle.read(chunk):
                text = decoder.decode(block)
                filled = filled or _filled(text)
            filled = _filled(decoder.decode(b"", final=True)) or filled
        except UnicodeDecodeError as err:
            # Only the last call (at the end of the file) can stop inside a character. A
            # file with a BOM is not told cut short: its last cell is named instead, as
            # when the whole file was decoded at once (the error's offsets then did not
            # count the BOM and never reached the end of the file).
            if err.reason == "unexpected end of data" and not bom and not handle.read(1):
                raise InputError(Problem(display_path(path), None, None, None,
                                         TRUNCATED)) from err
            return False, False
    return True, filled


def as_utf8(path: Path, folder: Path, chunk: int | None = None) -> tuple[Path, bool]:
    """The file's text as a UTF-8 file — the file itself when it is UTF-8 already, else a
    copy in ``folder`` decoded from GB18030 piece by piece (the caller removes it) — and
    whether the text holds anything but blanks. Refused as ``text_encoding`` and, when a
    byte is not GB18030 either, naming each cell that holds one."""
    chunk = chunk or CHUNK
    path = Path(path)
    encoding, filled = _encoding(path, chunk)
    if encoding == UTF8:
        return path, filled
    handle, name = tempfile.mkstemp(suffix=".csv", dir=folder)
    copy = Path(name)
    try:
        with open(handle, "wb") as out:
            for text in _pieces(path, GB18030, chunk):
                filled = filled or _filled(text)
                out.write(text.encode("utf-8"))
    except UnicodeDecodeError as err:
        copy.unlink(missing_ok=True)
        raise InputError(undecodable(path, GB18030, chunk=chunk)) from err
    except BaseException:
        copy.unlink(missing_ok=True)
        raise
    return copy, filled


def utf8_filled(path: Path, chunk: int | None = None) -> bool | None:
    """Read only as far as needed: True when the text, read as UTF-8, holds a non-blank
    character before any byte that is not UTF-8 (as good as always, at its start); False
    when the whole file is UTF-8 and blank; None when a byte that is not UTF-8 comes first
    (``as_utf8`` then tells what the file is)."""
    chunk = chunk or CHUNK
    try:
        return any(_filled(text) for text in _pieces(path, UTF8, chunk))
    except UnicodeDecodeError:
        return None


def _pieces(path: Path, encoding: str, chunk: int) -> Iterator[str]:
    """The file's text, ``chunk`` bytes at a time (a character split between two pieces is
    decoded with the second; one left incomplete at the end is an error)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            yield decoder.decode(block)
    yield decoder.decode(b"", final=True)


def _filled(text: str) -> bool:
    """Whether a piece of text holds anything but blanks (``text.strip()`` is not empty)."""
    return bool(text) and not text.isspace()


def mostly_utf8(path: Path, chunk: int | None = None, data: bytes | None = None) -> bool:
    """Whether a file that is not all UTF-8 is UTF-8 with a few bad lines rather than GBK:
    it starts with the UTF-8 byte-order mark, or at least as many of its lines holding
    non-ASCII bytes decode as UTF-8 as do not (a GBK line of Chinese text is hardly ever
    valid UTF-8). Lines end at "\\n"; the file is read ``chunk`` bytes at a time."""
    chunk = chunk or CHUNK
    with _binary(path, data) as handle:
        if handle.read(len(BOM)) == BOM:
            return True
        handle.seek(0)
        good = bad = 0
        carry = b""
        while True:
            block = handle.read(chunk)
            data = carry + block
            if block:  # whole lines only; the rest waits for the next piece
                cut = data.rfind(b"\n") + 1
                data, carry = data[:cut], data[cut:]
            if data:
                g, b = utf8_lines(data)
                good, bad = good + g, bad + b
            if not block:
                break
    return good >= bad and good > 0


def utf8_lines(data: bytes) -> tuple[int, int]:
    """(lines that hold non-ASCII bytes and decode as UTF-8, lines that do not decode) of
    ``data``, its lines split at "\n". A line with a byte that cannot be UTF-8 where it
    stands (a byte from C0 on not followed by a continuation byte 80–BF, a continuation
    byte after an ASCII one) is bad; a piece without such bytes that decodes whole is
    counted at once; else only the lines with non-ASCII bytes not yet known to be bad are
    decoded one by one."""
    if data.isascii():
        return 0, 0
    a = np.frombuffer(data, np.uint8)
    starts = np.concatenate(([0], np.flatnonzero(a == 0x0A) + 1))
    starts = starts[starts < a.size]  # each line with its "\n" (at least one byte)
    wide = np.logical_or.reduceat(a >= 0x80, starts)
    cont = (a & 0xC0) == 0x80
    broken = a >= 0xC0
    broken[:-1] &= ~cont[1:]
    broken[1:] |= cont[1:] & (a[:-1] < 0x80)
    bad = np.logical_or.reduceat(broken, starts)
    if not bad.any():
        try:
            data.decode("utf-8")
            return int(wide.sum()), 0
        except UnicodeDecodeError:
            pass
    good = 0
    ends = np.append(starts[1:], a.size)
    for i in np.flatnonzero(wide & ~bad):
        try:
            data[starts[i]:ends[i]].decode("utf-8")
            good += 1
        except UnicodeDecodeError:
            bad[i] = True
    return good, int(bad.sum())


def undecodable(path: Path, encoding: str, limit: int = 20, chunk: int | None = None,
                data: bytes | None = None) -> list[Problem]:
    """Every cell holding bytes ``encoding`` cannot read, by row and column (Excel's
    letter), the bytes shown as 〈D6〉; in a UTF-8 file, with what they read as in GBK.
    Rows are CSV records as Excel numbers them (a quoted cell may span lines); a text file
    (notes), or a CSV whose records cannot be read, line by line."""
    chunk = chunk or CHUNK
    path = Path(path)
    utf8 = encoding.startswith("utf-8")
    if path.suffix.lower() == ".csv":
        try:
            with _text(path, encoding, chunk, data) as stream:
                # read to the end: a record that cannot be read anywhere means lines instead
                problems = _bad_cells(path, csv.reader(stream), utf8, limit, everything=True)
        except csv.Error:
            problems = None
        if problems is not None:
            return _or_unknown(path, problems)
    with _text(path, encoding, chunk, data) as stream:
        return _or_unknown(path, _bad_cells(path, ([line] for line in lines(stream, chunk)),
                                            utf8, limit))


@contextmanager
def _text(path: Path, encoding: str, chunk: int, data: bytes | None = None) \
        -> Iterator[io.TextIOWrapper]:
    """The file as text, unreadable bytes kept as surrogates, line ends as written."""
    with _binary(path, data) as raw:
        stream = io.TextIOWrapper(raw, encoding=encoding, errors="surrogateescape", newline="")
        stream._CHUNK_SIZE = chunk  # bytes decoded at a time
        yield stream


@contextmanager
def _binary(path: Path, data: bytes | None) -> Iterator[BinaryIO]:
    """The file's bytes to read: ``data`` when they are read already, else the file."""
    if data is not None:
        yield io.BytesIO(data)
    else:
        with open(path, "rb") as handle:
            yield handle


def _or_unknown(path: Path, problems: list[Problem]) -> list[Problem]:
    return problems or [Problem(display_path(path), None, None, None,
                                "无法识别文件编码（支持 UTF-8、带 BOM 的 UTF-8、GBK/GB18030）")]


def _bad_cells(path: Path, rows: Iterable[list[str]], utf8: bool, limit: int,
               everything: bool = False) -> list[Problem]:
    expected = ("UTF-8 文字：此文件的其余部分是 UTF-8，这个单元格却有不是 UTF-8 的字节（多为从 GBK "
                "文件复制来的文字，或文件已损坏）；请重新输入该单元格的文字，另存为「CSV UTF-8」后重新运行"
                if utf8 else
                "GBK/GB18030 文字：此文件不是 UTF-8，按 GBK 读取，这个单元格却有 GBK 也无法读取的字节"
                "（文件可能已损坏）；请重新输入该单元格的文字，或重新导出此文件")
    problems: list[Problem] = []
    for row, cells in enumerate(rows, start=1):
        if len(problems) >= limit:
            if everything:
                continue
            break
        for j, cell in enumerate(cells):
            if any("\udc80" <= c <= "\udcff" for c in cell):
                problems.append(Problem(display_path(path), row,
                                        column_letter(j) if len(cells) > 1 else None,
                                        shown_bytes(cell, utf8), expected))
                if len(problems) >= limit:
                    break
    return problems


def lines(stream: io.TextIOBase, chunk: int | None = None) -> Iterator[str]:
    """The stream's lines as ``str.splitlines`` gives them for its whole text, read
    ``chunk`` characters at a time (a "\\r\\n" split between two pieces is one break)."""
    chunk = chunk or CHUNK
    carry = ""
    while piece := stream.read(chunk):
        parts = (carry + piece).splitlines(keepends=True)
        carry = parts.pop()  # may go on in the next piece
        for part in parts:
            yield part.splitlines()[0]
    yield from carry.splitlines()


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

"""Damaged Parquet files: page checksums verified where the file has them, and any page the
reader cannot decode named by file, row group and column — never a traceback.

A Parquet file's footer can be intact while a data page was damaged. Such a page either
fails to decode (a compressed page: polars raises, or panics) or, worse, decodes to other
values (an uncompressed page: a 承诺时限 of 16 777 219 days). Two defences:

* A writer may store a CRC-32 of every page in its header (pyarrow
  ``write_page_checksum=True``; polars cannot write them). When the file has them, the
  columns bulletin reads are read once with ``page_checksum_verification=True`` (pyarrow;
  polars cannot verify them) before any figure is computed: a page whose bytes changed
  after writing is an InputError naming the file, the row group and the column. This
  costs one more reading of those columns, for such files only.
* A file without checksums is read by polars as it is; when a page fails to decode, the
  query that read it is stopped and every Parquet input is read again, row group by row
  group and column by column, to name what is damaged (``decoding``). Values decoded
  wrong but plausible-looking are left to the range rules of ``validate``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import polars as pl

from bulletin.core.errors import InputError, Problem
from bulletin.ingest.files import display_path

# What a failed decoding raises: polars' own errors, a panic of its engine (pyo3's
# PanicException is a BaseException), and an OSError from the file's bytes.
DECODING_ERRORS: tuple[type[BaseException], ...] = (
    pl.exceptions.PolarsError, pl.exceptions.PanicException, OSError)

# Thrift compact protocol: a field header byte holds (field id delta << 4) | type; an i32 is
# type 5. A page header starts with fields 1-3 (type, sizes), i32 each; field 4 is the CRC.
_I32_NEXT_FIELD = 0x15
_MAGIC = b"PAR1"


def has_page_checksums(path: Path) -> bool:
    """Whether the file's pages carry a CRC: the first page header, which every writer puts
    right after the leading magic bytes, holds field 4. Read from 64 bytes of the file,
    without decoding the footer. False for anything else (no row groups, another layout)."""
    with open(path, "rb") as handle:
        head = handle.read(68)
    if head[:4] != _MAGIC:
        return False
    at = 4
    for _ in range(3):  # type, uncompressed size, compressed size
        if at >= len(head) or head[at] != _I32_NEXT_FIELD:
            return False
        at += 1
        while at < len(head) and head[at] & 0x80:  # the varint's continuation bytes
            at += 1
        at += 1
    return at < len(head) and head[at] == _I32_NEXT_FIELD


def _reason(err: BaseException) -> str:
    text = str(err).strip()
    if "CRC" in text or "checksum" in text.lower():
        return "数据页的校验和不符：文件写出后被改动或损坏"
    if "UTF8" in text or "UTF-8" in text:
        return "数据页无法解码，文件已损坏（文字不是有效的 UTF-8）"
    first = text.splitlines()[0] if text else type(err).__name__
    return f"数据页无法解码，文件已损坏（{first}）"


def damaged_pages(path: Path, columns: list[str] | None = None, limit: int = 20) \
        -> list[Problem]:
    """Every (row group, column) of ``columns`` (default: all) whose pages fail to decode or
    to match their checksum, read with pyarrow one column chunk at a time. The Problem's
    row is the row group's first row (Parquet has no header line: its first row is row 1)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    failures = (pa.ArrowException, OSError)  # ArrowInvalid, a CRC or decompression OSError
    shown = display_path(path)
    try:
        reader = pq.ParquetFile(path, page_checksum_verification=True)
    except failures as err:  # a damaged footer
        return [Problem(shown, None, None, None, f"无法读取文件，文件可能已损坏或不完整：{_reason(err)}")]
    meta = reader.metadata
    names = [n for n in (columns or reader.schema_arrow.names) if n in reader.schema_arrow.names]
    problems: list[Problem] = []
    first = 1
    for group in range(meta.num_row_groups):
        rows = meta.row_group(group).num_rows
        for name in names:
            try:
                # full validation: text that is not UTF-8 (polars refuses it) is damage too
                reader.read_row_group(group, columns=[name]).validate(full=True)
            except failures as err:
                problems.append(Problem(
                    shown, first, name, None,
                    f"第 {group + 1} 个行组（第 {first}—{first + rows - 1} 行）的「{name}」列"
                    f"{_reason(err)}；请重新导出或重新复制此文件"))
                if len(problems) >= limit:
                    return problems
        first += rows
    return problems


def verify_checksums(path: Path, columns: list[str]) -> None:
    """An InputError naming every damaged page of ``columns`` if the file carries page
    checksums; nothing (and no reading) if it does not."""
    if has_page_checksums(path):
        problems = damaged_pages(path, columns)
        if problems:
            raise InputError(problems)


@contextmanager
def decoding(paths: Iterable[Path]) -> Iterator[None]:
    """Run a query over inputs among ``paths``; should it fail, read every Parquet file of
    them page by page and raise an InputError naming what is damaged. A failure that no
    damaged page explains is raised as it was (a bug, not the input)."""
    try:
        yield
    except DECODING_ERRORS as err:
        problems = [p for path in paths if Path(path).suffix.lower() == ".parquet"
                    for p in damaged_pages(Path(path))]
        if not problems:
            raise
        raise InputError(problems) from err

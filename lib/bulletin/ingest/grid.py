"""A CSV of any size as a grid of text cells, in bounded memory.

The file's text — UTF-8 as it is, GB18030 decoded piece by piece into a UTF-8 copy
(``encoding.as_utf8``) — is parsed by polars' streaming CSV reader into a temporary
Parquet file with one String column per field and one row per CSV record, blank records
included (grid row i is the row Excel numbers i + 1). The readers look at its first rows
(the header) and its last filled one (a 合计 row) and scan the rest lazily: no step holds
the whole file, its text or its cells in memory.

Where polars cannot read the file, as before: a row with more fields than the first line
(the title lines above a header are shorter) has the file read again as wide as the
header; then, a quote inside a value (2"照片) has it read as Excel does, by Python's csv
module, streamed into the Parquet file in batches. A quote never closed and a row with
more values than the header are errors naming the row.

The temporary files live in one folder per process (``tempfile``: readable by its user
only), removed when the process ends; the UTF-8 copy of a GB18030 file is removed as soon
as it is parsed. The grid holds every column of the file, personal ones too, as the grid
held in memory did: the readers drop them when they name the columns. Disk space: the
grid (compressed, ~0.2 × the file) and, while a GB18030 file is parsed, its UTF-8 copy
(~1.1 × the file). A file read again unchanged (the same size, times and, for files up
to ``HASHED_MAX``, content) reuses its grid.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import tempfile
from pathlib import Path

import polars as pl

from bulletin.core.errors import InputError, Problem
from bulletin.ingest.encoding import as_utf8, utf8_filled
from bulletin.ingest.files import display_path
from bulletin.ingest.layout import HEADER_WINDOW, TITLE_CELLS, Grid

# Enough of a CSV's text to hold the lines searched for the header.
HEAD_CHARS = 1 << 16

OPTIONS = {"has_header": False, "infer_schema": False, "truncate_ragged_lines": False}

# The grid's compression: lz4 writes ~25 % faster than zstd, for a file ~1.7 × as large.
COMPRESSION = "lz4"

# Rows of a CSV read by Python's csv module written to the grid at a time.
BATCH = 100_000

# Files up to this size are told apart by their content too, not only by size and times.
HASHED_MAX = 64 << 20

_scratch: tempfile.TemporaryDirectory | None = None
_grids: dict[str, tuple[tuple, Grid]] = {}  # path → (fingerprint, grid)


def scratch() -> Path:
    """The process's folder of temporary files (removed when the process ends)."""
    global _scratch
    if _scratch is None:
        _scratch = tempfile.TemporaryDirectory(prefix="bulletin-")
    return Path(_scratch.name)


def fingerprint(path: Path) -> tuple:
    """What tells a file's versions apart: size, times, inode and, up to HASHED_MAX, the
    content (a file rewritten within one tick of the clock keeps its times)."""
    stat = path.stat()
    key: tuple = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
    if stat.st_size <= HASHED_MAX:
        digest = hashlib.blake2b(digest_size=16)
        with open(path, "rb") as handle:
            while block := handle.read(1 << 20):
                digest.update(block)
        key += (digest.digest(),)
    return key


def csv_grid(path: Path) -> Grid | None:
    """A CSV as a grid of strings (None when its text is blank), no header interpretation.

    Title lines above the header (「青岚市…办件明细表」) have fewer fields than the header:
    the grid is then as wide as the header, the title lines padded with blank cells."""
    path = Path(path)
    name = str(path.resolve())
    key = fingerprint(path)
    cached = _grids.get(name)
    if cached is not None and cached[0] == key:
        return cached[1]
    # (a grid of the file's earlier version stays until the process ends: a query made
    # before the change may still read it)
    folder = scratch()
    utf8 = utf8_filled(path)
    if utf8 is False:
        return None
    # UTF-8 as good as surely: polars reads the file as it is, and refuses any byte that is
    # not UTF-8 (then, and for any other failure, the encoding is told the long way)
    grid = attempt(pl.scan_csv(path, **OPTIONS), folder) if utf8 else None
    if grid is None:
        source, filled = as_utf8(path, folder)
        try:
            if not filled:
                return None
            grid = parse(path, source, folder, tried=bool(utf8) and source == path)
        finally:
            if source != path:
                source.unlink(missing_ok=True)
    _grids[name] = (key, grid)
    return grid


def parse(path: Path, source: Path, folder: Path, tried: bool = False) -> Grid:
    """The UTF-8 text ``source`` (of the input ``path``) parsed into a new Parquet file in
    ``folder``: by polars as the first line is wide (unless ``tried`` already), else as the
    header is wide, else by Python's csv module (``parse_slowly``). Each attempt writes a
    file of its own (a failed one is removed): a file polars has written or read is never
    written again."""
    grid = None if tried else attempt(pl.scan_csv(source, **OPTIONS), folder)
    width = header_width(source) if grid is None else None
    if width:
        grid = attempt(pl.scan_csv(source, **OPTIONS, missing_columns="insert",
                                   schema={f"column_{j}": pl.String for j in range(width)}),
                       folder)
    if grid is not None:
        return grid
    target = new_file(folder)
    try:
        return parse_slowly(path, source, target, width)
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def attempt(frame: pl.LazyFrame, folder: Path) -> Grid | None:
    """``sunk``, or None when polars cannot read the file."""
    try:
        return sunk(frame, folder)
    except pl.exceptions.PolarsError:
        return None


def new_file(folder: Path) -> Path:
    fd, name = tempfile.mkstemp(suffix=".parquet", dir=folder)
    os.close(fd)
    return Path(name)


def sunk(frame: pl.LazyFrame, folder: Path) -> Grid:
    """``frame`` streamed into a new Parquet file in ``folder``, and scanned from it."""
    target = new_file(folder)
    try:
        frame.sink_parquet(target, compression=COMPRESSION, statistics=False)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return scanned(target)


def scanned(target: Path) -> Grid:
    import pyarrow.parquet as pq

    return Grid(pl.scan_parquet(target), pq.read_metadata(target).num_rows)


def header_width(source: Path) -> int | None:
    """The header's number of fields in the file's first HEAD_CHARS characters (text_width)."""
    with open(source, encoding="utf-8-sig", newline="") as stream:
        return text_width(stream.read(HEAD_CHARS))


def text_width(head: str) -> int | None:
    """The number of fields of the first line with more than TITLE_CELLS filled fields: the
    header's, when title lines above it are shorter. Looked for further down than the
    header itself, so that a header too far down is named as missing, not as too wide."""
    reader = csv.reader(io.StringIO(head, newline=""))
    try:
        for _, cells in zip(range(5 * HEADER_WINDOW), reader, strict=False):
            if sum(1 for c in cells if c.strip()) > TITLE_CELLS:
                return len(cells)
    except csv.Error:
        return None
    return None


def parse_slowly(path: Path, source: Path, target: Path, width: int | None = None) -> Grid:
    """The grid as Excel reads the file: a quote inside a value is text (2"照片). A quote
    never closed and a row with more values than the header are errors naming the row.
    ``width``: the header's number of fields, if known (else the first filled line's).
    Rows are written to ``target`` BATCH at a time."""
    import pyarrow.parquet as pq

    shown = display_path(path)
    problems: list[Problem] = []
    pending: list[list[str]] = []
    writer: pq.ParquetWriter | None = None
    count = 0

    def flush() -> None:
        nonlocal writer, pending
        columns = [[(r[j] if j < len(r) and r[j] != "" else None) for r in pending]
                   for j in range(width)]
        table = pl.DataFrame({f"column_{j}": col for j, col in enumerate(columns)},
                             schema={f"column_{j}": pl.String for j in range(width)}).to_arrow()
        writer = writer or pq.ParquetWriter(target, table.schema, compression=COMPRESSION,
                                            write_statistics=False)
        writer.write_table(table)
        pending = []

    with open(source, encoding="utf-8-sig", newline="") as stream:
        try:
            for cells in csv.reader(stream, strict=True):
                count += 1
                if not width and any(c.strip() for c in cells):
                    width = len(cells)  # rows above the first filled one are all blank
                if width and len(cells) > width and any(c.strip() for c in cells[width:]):
                    problems.append(Problem(
                        shown, count, None, ",".join(cells[width:]),
                        f"不多于表头的 {width} 个值（此行有 {len(cells)} 个）：多余的逗号？"
                        "含逗号的值须整体用英文双引号括起"))
                if not problems:
                    pending.append(cells)
                    if width and len(pending) >= BATCH:
                        flush()
        except csv.Error as err:
            if writer is not None:
                writer.close()
            raise InputError(Problem(
                shown, count + 1, None, None,
                f"CSV 格式错误（{err}）：引号未配对。含逗号、引号或换行的值须整体用英文双引号括起，"
                "值中的引号写作两个引号（\"\"）")) from err
    if problems:
        if writer is not None:
            writer.close()
        raise InputError(problems)
    if not width:
        return Grid.of(pl.DataFrame())
    if pending or writer is None:
        flush()
    writer.close()
    return scanned(target)

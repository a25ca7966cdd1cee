"""Tables an input gives as printed (seed 001's annexes 4–11): ``tables/YYYY-MM/NN_标题.csv``.

Each CSV is one table of the month's bulletin, printed as an annex in the order of ``NN``:
the file name after ``NN_`` is the table's title; the header row names the columns, a
column under a spanning header written ``上级表头|列名`` (``事项梳理|目录清单完成情况``);
every cell is text printed as given (``100.00%``, ``—``, ``0.6``, blank). Beside it,
``NN_标题.txt`` (optional) holds the table's notes (备注), one a line. Encoding as every CSV
(UTF-8 with or without BOM, else GBK). The bulletin computes nothing from these tables.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from bulletin.core.errors import InputError, Problem
from bulletin.core.privacy import redact
from bulletin.ingest.files import display_path
from bulletin.ingest.readers import decode_csv

NAME = re.compile(r"^(\d+)_(.+)$")


@dataclass(frozen=True)
class GivenTable:
    """One table as printed: title, column labels under their spanners, rows, notes."""

    title: str
    spanners: tuple[str, ...]  # the spanning header of each column ("" for none)
    columns: tuple[str, ...]  # the column labels
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...]


def table_files(folder: Path, month: str) -> list[Path]:
    """``tables/YYYY-MM/NN_标题.csv`` in the order of NN."""
    where = Path(folder) / "tables" / month
    if not where.is_dir():
        return []
    files = [p for p in where.glob("*.csv") if NAME.match(p.stem)]
    bad = [p for p in where.glob("*.csv") if not NAME.match(p.stem)]
    if bad:
        raise InputError([Problem(display_path(p), None, None, p.name,
                                  "「序号_表名.csv」，如 04_市级部门（单位）事项梳理进度表.csv")
                          for p in bad])
    return sorted(files, key=lambda p: int(NAME.match(p.stem).group(1)))


def read_given_table(path: Path) -> GivenTable:
    """One CSV (and its notes) as a :class:`GivenTable`; a row wider than the header, or
    a file without a header or rows, is an :class:`InputError` naming file and row."""
    rows = [[redact(cell.strip()) for cell in row]
            for row in csv.reader(io.StringIO(decode_csv(path)))]
    rows = [row for row in rows if any(row)]
    if len(rows) < 2:
        raise InputError(Problem(display_path(path), None, None, None, "表头之下没有数据行"))
    header = rows[0]
    problems = [Problem(display_path(path), 1, None, None, f"第 {i} 列表头为空")
                for i, label in enumerate(header, 1) if not label.split("|")[-1].strip()]
    problems += [Problem(display_path(path), n, None, None,
                         f"该行有 {len(row)} 列，多于表头的 {len(header)} 列")
                 for n, row in enumerate(rows[1:], 2) if len(row) > len(header)]
    if problems:
        raise InputError(problems)
    spanners, columns = zip(*[(label.rpartition("|")[0].strip(), label.rpartition("|")[2].strip())
                              for label in header], strict=True)
    body = tuple(tuple(row + [""] * (len(header) - len(row))) for row in rows[1:])
    notes_path = path.with_suffix(".txt")
    notes = ([redact(line.strip()) for line in decode_csv(notes_path).splitlines() if line.strip()]
             if notes_path.exists() else [])
    return GivenTable(NAME.match(path.stem).group(2), spanners, columns, body, tuple(notes))


def read_given_tables(folder: Path, month: str) -> list[GivenTable]:
    """The month's given tables in their order (none when ``tables/YYYY-MM/`` is absent)."""
    return [read_given_table(path) for path in table_files(folder, month)]

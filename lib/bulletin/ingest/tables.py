"""Tables an input gives as printed (seed 001's annexes 4–11): ``tables/YYYY-MM/NN_标题.csv``.

Each CSV is one table of the month's bulletin, printed as an annex in the order of ``NN``:
the file name after ``NN_`` is the table's title; the header row names the columns, a
column under a spanning header written ``上级表头|列名`` (``事项梳理|目录清单完成情况``);
every cell is text printed as given (``100.00%``, ``—``, ``0.6``, blank). Beside it,
``NN_标题.txt`` (optional) holds the table's notes (备注), one a line. Encoding as every CSV
(UTF-8 with or without BOM, else GBK). The bulletin computes nothing from these tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bulletin.core.errors import InputError, Problem
from bulletin.core.privacy import PersonalData
from bulletin.core.spreadsheet import column_letter
from bulletin.ingest.encoding import decode_csv
from bulletin.ingest.files import display_path
from bulletin.ingest.sheets import Sheet, csv_rows, masked, misaligned

NAME = re.compile(r"^(\d+)_(.+)$")


@dataclass(frozen=True)
class GivenTable:
    """One table as printed: title, column labels under their spanners, rows, notes."""

    title: str
    spanners: tuple[str, ...]  # the spanning header of each column ("" for none)
    columns: tuple[str, ...]  # the column labels
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...]
    number: int | None = None  # the file's NN (its order among the month's tables)


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


def read_given_table(path: Path, found: list[PersonalData] | None = None) -> GivenTable:
    """One CSV (and its notes) as a :class:`GivenTable`; a row wider than the header, or
    a file without a header or rows, is an :class:`InputError` naming file and row (as a
    text editor or Excel numbers it: header and blank lines counted). ID and mobile numbers
    in a cell or a note are masked and added to ``found`` with file, row and column."""
    shown = display_path(path)
    found = [] if found is None else found
    rows = [(n, ["" if cell is None else cell for cell in cells])
            for n, cells in csv_rows(path) if any(cells)]
    if len(rows) < 2:
        raise InputError(Problem(shown, None, None, None, "表头之下没有数据行"))
    (head_no, header), body = rows[0], rows[1:]
    width = len(header)
    problems = [Problem(shown, head_no, None, None, f"第 {i} 列表头为空")
                for i, label in enumerate(header, 1) if not label.split("|")[-1].strip()]
    # a short row is padded with blanks (docs/inputs.md § 13a); a long one has shifted
    problems += [bad for n, cells in body if len(cells) > width
                 if (bad := misaligned(shown, Sheet(None, rows), n, cells, width))]
    if problems:
        raise InputError(problems)
    header = [masked(label, shown, head_no, column_letter(i), found)
              for i, label in enumerate(header)]
    spanners, columns = zip(*[(label.rpartition("|")[0].strip(), label.rpartition("|")[2].strip())
                              for label in header], strict=True)
    cells = tuple(tuple(masked(text, shown, n, header[i], found) for i, text in enumerate(row))
                  + ("",) * (width - len(row)) for n, row in body)
    name = NAME.match(path.stem)
    return GivenTable(name.group(2), spanners, columns, cells,
                      _notes(path.with_suffix(".txt"), found), int(name.group(1)))


def _notes(path: Path, found: list[PersonalData]) -> tuple[str, ...]:
    """The lines of a table's notes file (none when it is absent), numbers masked."""
    if not path.exists():
        return ()
    return tuple(masked(line.strip(), display_path(path), n, "备注", found)
                 for n, line in enumerate(decode_csv(path).splitlines(), 1) if line.strip())


def read_given_tables(folder: Path, month: str,
                      found: list[PersonalData] | None = None) -> list[GivenTable]:
    """The month's given tables in their order (none when ``tables/YYYY-MM/`` is absent);
    ID and mobile numbers in them are masked and added to ``found``."""
    return [read_given_table(path, found) for path in table_files(folder, month)]

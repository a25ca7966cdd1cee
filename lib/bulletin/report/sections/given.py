"""Tables an input gives as printed (``tables/YYYY-MM/``, seed 001's annexes 4–11): each
one a table with its spanners and notes, its cells as given.
"""

from __future__ import annotations

from bulletin.core.blocks import Cell, Column, Table
from bulletin.ingest.tables import GivenTable
from bulletin.report.blocks import table as typed_table
from bulletin.report.month import MonthlyBulletin
from bulletin.report.sections.common import SOURCES, Review

# Columns that name a unit: left-aligned as in the other annexes.
UNIT_COLUMNS = ("部门", "地区", "单位", "部门名称", "单位名称")


def given_table(table: GivenTable) -> Table:
    """The table with its spanning headers over runs of columns that share one, its
    labels and its notes (备注) below; each cell as given (``Cell.printed``)."""
    columns = [Column(id=f"c{j}", label=label, spanners=(spanner,) if spanner else (),
                      align="left" if label in UNIT_COLUMNS else "center")
               for j, (label, spanner) in enumerate(zip(table.columns, table.spanners,
                                                        strict=True))]
    rows = [{f"c{j}": Cell.printed(text) for j, text in enumerate(row)} for row in table.rows]
    notes = [("备注：" if k == 0 else "") + note for k, note in enumerate(table.notes)]
    return typed_table(table.title, columns, rows, notes)


def annex_titles(b: MonthlyBulletin) -> list[str]:
    return [t.title for t in b.inputs.given]


def annex_blocks(b: MonthlyBulletin, start: int) -> list:
    """附件 start, start + 1 …: the given tables after the body; the review says which
    tables print under another number than their file's (a number left out among them)."""
    blocks = [block for n, t in enumerate(b.inputs.given, start)
              for block in (f"### 附件{n}", given_table(t))]
    return blocks + [Review(SOURCES, text) for text in renumbered(b, start)]


def renumbered(b: MonthlyBulletin, start: int) -> list[str]:
    """「tables/2023-06/ 的文件序号 09、10、11 印为附件 8、9、10 …」 where a file's NN is not
    its annex number: the annexes are numbered as printed, one after another."""
    tables = b.inputs.given
    moved = [(t.number, n) for n, t in enumerate(tables, start) if t.number not in (None, n)]
    if not moved:
        return []
    numbers = [t.number for t in tables if t.number is not None]
    gaps = sorted(set(range(min(numbers), max(numbers) + 1)) - set(numbers))
    missing = (f"文件序号中没有 {'、'.join(f'{g:02d}' for g in gaps)}，该附件无表，不印，也不列入附件说明；"
               if gaps else "")
    files, annexes = "、".join(f"{f:02d}" for f, _ in moved), "、".join(str(n) for _, n in moved)
    return [f"tables/{b.month}/ 的文件序号 {files} 印为附件 {annexes}：{missing}附件按印出的表依次编号。"]

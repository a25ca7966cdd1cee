"""Tables an input gives as printed (``tables/YYYY-MM/``, seed 001's annexes 4–11): each
one a great-tables table with its spanners and notes, its cells as given.
"""

from __future__ import annotations

from itertools import groupby

import polars as pl
from great_tables import GT

from bulletin.ingest.tables import GivenTable
from bulletin.report.month import MonthlyBulletin
from bulletin.report.sections.common import titled_table

# Columns that name a unit: left-aligned as in the other annexes.
UNIT_COLUMNS = ("部门", "地区", "单位", "部门名称", "单位名称")


def given_table(table: GivenTable) -> GT:
    """The table with its spanning headers over runs of columns that share one, its
    labels and its notes (备注) below."""
    ids = [f"c{j}" for j in range(len(table.columns))]
    frame = pl.DataFrame({i: [row[j] for row in table.rows] for j, i in enumerate(ids)},
                         schema={i: pl.String for i in ids})
    gt = titled_table(frame, table.title).cols_label(**dict(zip(ids, table.columns, strict=True)))
    runs = groupby(enumerate(table.spanners), key=lambda x: x[1])
    for n, (spanner, cols) in enumerate(runs):
        if spanner:
            gt = gt.tab_spanner(spanner, columns=[ids[j] for j, _ in cols], id=f"s{n}")
    units = [i for i, label in zip(ids, table.columns, strict=True) if label in UNIT_COLUMNS]
    if units:
        gt = gt.cols_align("left", columns=units)
    for k, note in enumerate(table.notes):
        gt = gt.tab_source_note(("备注：" if k == 0 else "") + note)
    return gt


def annex_titles(b: MonthlyBulletin) -> list[str]:
    return [t.title for t in b.inputs.given]


def annex_blocks(b: MonthlyBulletin, start: int) -> list:
    """附件 start, start + 1 …: the given tables after the body."""
    return [block for n, t in enumerate(b.inputs.given, start)
            for block in (f"### 附件{n}", given_table(t))]

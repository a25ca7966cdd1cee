"""Rankings: the n units with the largest or smallest value, ties by registry order.
"""

from __future__ import annotations

import polars as pl


def top(frame: pl.DataFrame, column: str, n: int = 3, ascending: bool = False,
        where: pl.Expr | None = None) -> pl.DataFrame:
    """The n units with the largest (or smallest) value; ties by registry order.

    ``frame`` must carry ``order`` (registry order); rows with a null value are left out.
    """
    rows = frame.filter(pl.col(column).is_not_null())
    if where is not None:
        rows = rows.filter(where)
    return rows.sort([column, "order"], descending=[not ascending, False]).head(n)

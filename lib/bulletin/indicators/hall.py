"""实体大厅 and 便民服务中心 roll-ups (seed 003): 小计 per town and the 总计, from the rows.
"""

from __future__ import annotations

import polars as pl

from bulletin.ingest.hall import CENTRE_COUNTS, SUBTOTAL, TOTAL


def town_subtotals(centres: pl.DataFrame) -> pl.DataFrame:
    """小计 per town, towns in the order of the table."""
    counts = list(CENTRE_COUNTS.values())
    return centres.group_by("town", maintain_order=True).agg(pl.col(counts).sum())


def centres_total(centres: pl.DataFrame) -> dict[str, int]:
    return {k: int(centres[k].sum()) for k in CENTRE_COUNTS.values()}


def nested_rows(centres: pl.DataFrame) -> pl.DataFrame:
    """The seed's layout: each town's centres, its 小计, and the 总计 at the end.

    Columns: town (first row of a town only), centre, kind (centre/subtotal/total), counts."""
    counts = list(CENTRE_COUNTS.values())
    subtotals = {r["town"]: r for r in town_subtotals(centres).iter_rows(named=True)}
    out = []
    for town, part in centres.group_by("town", maintain_order=True):
        town = town[0]
        for i, r in enumerate(part.iter_rows(named=True)):
            out.append({"town": town if i == 0 else "", "centre": r["centre"], "kind": "centre",
                        **{k: r[k] for k in counts}})
        out.append({"town": "", "centre": SUBTOTAL, "kind": "subtotal",
                    **{k: subtotals[town][k] for k in counts}})
    out.append({"town": TOTAL, "centre": "", "kind": "total", **centres_total(centres)})
    return pl.DataFrame(out)

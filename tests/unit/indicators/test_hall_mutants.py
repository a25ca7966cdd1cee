"""便民服务中心 小计: towns keep the order of the table even when there are many of them
(with three towns an unordered group_by comes back in table order often enough for a test
to pass by luck; with forty it practically never does)."""

from __future__ import annotations

import polars as pl

from bulletin.indicators.hall import nested_rows, town_subtotals

# forty towns, named so that neither sorted nor hashed order is the table order
TOWNS = [f"镇{(i * 37) % 97:02d}" for i in range(40)]


def _centres() -> pl.DataFrame:
    # each town has two centres: counts (1, 2, 3, 4) and (10, 20, 30, 40)
    rows = []
    for town in TOWNS:
        rows.append({"town": town, "centre": f"{town}中心", "consult": 1, "applied": 2,
                     "accepted": 3, "completed": 4})
        rows.append({"town": town, "centre": f"{town}一村", "consult": 10, "applied": 20,
                     "accepted": 30, "completed": 40})
    return pl.DataFrame(rows)


def test_subtotals_of_many_towns_in_table_order():
    sub = town_subtotals(_centres())
    assert sub["town"].to_list() == TOWNS
    # every town: 1 + 10, 2 + 20, 3 + 30, 4 + 40
    assert set(sub.select("consult", "applied", "accepted", "completed").rows()) \
        == {(11, 22, 33, 44)}


def test_nested_rows_of_many_towns_in_table_order():
    rows = nested_rows(_centres())
    # per town: its two centres and its 小计; then one 总计
    assert rows.height == 40 * 3 + 1
    assert [t for t in rows["town"].to_list() if t] == [*TOWNS, "总计"]
    assert rows.row(2) == ("", "小计", "subtotal", 11, 22, 33, 44)
    # 总计: 40 × 11, 40 × 22, 40 × 33, 40 × 44
    assert rows.row(-1) == ("总计", "", "total", 440, 880, 1320, 1760)

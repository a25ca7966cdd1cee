"""便民服务中心 roll-ups (seed 003's layout), worked out by hand: 小计 per town in the order of
the table, the 总计, and the nested rows the section prints."""

from __future__ import annotations

import polars as pl

from bulletin.indicators.hall import centres_total, nested_rows, town_subtotals

CENTRES = pl.DataFrame({
    "town": ["乙镇", "乙镇", "甲镇", "丙街道", "丙街道", "丙街道"],
    "centre": ["乙镇中心", "乙村", "甲镇中心", "丙街道中心", "丙一社区", "丙二社区"],
    "consult": [5, 1, 7, 2, 0, 3],
    "applied": [10, 2, 20, 4, 1, 6],
    "accepted": [9, 2, 19, 4, 1, 5],
    "completed": [8, 1, 18, 3, 1, 5],
})


def test_town_subtotals_in_table_order():
    sub = town_subtotals(CENTRES)
    assert sub["town"].to_list() == ["乙镇", "甲镇", "丙街道"]  # as in the table, not sorted
    # 乙镇 5 + 1, 10 + 2, 9 + 2, 8 + 1; 甲镇 as is; 丙街道 2 + 0 + 3, 4 + 1 + 6, 4 + 1 + 5, 3 + 1 + 5
    assert sub.rows() == [("乙镇", 6, 12, 11, 9), ("甲镇", 7, 20, 19, 18),
                          ("丙街道", 5, 11, 10, 9)]


def test_total():
    # 6 + 7 + 5, 12 + 20 + 11, 11 + 19 + 10, 9 + 18 + 9
    assert centres_total(CENTRES) == {"consult": 18, "applied": 43, "accepted": 40,
                                      "completed": 36}


def test_nested_rows():
    rows = nested_rows(CENTRES)
    assert rows.columns == ["town", "centre", "kind", "consult", "applied", "accepted",
                            "completed"]
    assert rows.rows() == [
        ("乙镇", "乙镇中心", "centre", 5, 10, 9, 8),
        ("", "乙村", "centre", 1, 2, 2, 1),  # the town on its first row only
        ("", "小计", "subtotal", 6, 12, 11, 9),
        ("甲镇", "甲镇中心", "centre", 7, 20, 19, 18),
        ("", "小计", "subtotal", 7, 20, 19, 18),
        ("丙街道", "丙街道中心", "centre", 2, 4, 4, 3),
        ("", "丙一社区", "centre", 0, 1, 1, 1),
        ("", "丙二社区", "centre", 3, 6, 5, 5),
        ("", "小计", "subtotal", 5, 11, 10, 9),
        ("总计", "", "total", 18, 43, 40, 36),
    ]

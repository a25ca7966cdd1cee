"""考核得分 (seed 001), worked out by hand: 较好 / 较差 categories over two groups, rank
changes, and the province's half-up rounding."""

from __future__ import annotations

from decimal import Decimal

import polars as pl

from bulletin.core.config_scores import ScoreCategory, ScoreGroup
from bulletin.indicators.scores import category_results, rank_changes, round_score
from bulletin.ingest.scores import GroupScores, MonthScores


def group(name: str, categories: list[ScoreCategory], rows: list[dict]) -> GroupScores:
    frame = pl.DataFrame(rows)
    return GroupScores(ScoreGroup(name=name, categories=categories), "2023-06", name, [], frame)


SORTING = ScoreCategory(name="事项梳理", column="事项梳理得分", max=10)
LICENCES = ScoreCategory(name="证照应用", column="证照应用得分", max=5)
SPECIAL = ScoreCategory(name="专项工作", column="专项工作得分", max=8, full_marks_expected=False)
SITES = ScoreCategory(name="分站点建设维护", column="分站点得分", max=4)

SCORES = MonthScores("2023-06", [
    group("A组", [SORTING, LICENCES, SPECIAL], [
        {"unit": "甲局", "order": 1, "rank": 1, "事项梳理": 10.0, "证照应用": 5.0, "专项工作": 6.0},
        {"unit": "乙局", "order": 2, "rank": 2, "事项梳理": 9.5, "证照应用": 5.0, "专项工作": 8.0},
        {"unit": "丙局", "order": 3, "rank": 3, "事项梳理": 8.0, "证照应用": 5.0, "专项工作": 2.0},
    ]),
    # the second group has a category the first does not (分站点建设维护)
    group("县（市、区）", [SORTING, SITES], [
        {"unit": "丁县", "order": 4, "rank": 1, "事项梳理": 9.5, "分站点建设维护": 4.0},
        {"unit": "戊县", "order": 5, "rank": 2, "事项梳理": 10.0, "分站点建设维护": 3.0},
    ]),
])


def test_better_and_worse_categories_over_all_groups():
    results = {r.name: r for r in category_results(SCORES)}
    # 专项工作 is not measured against full marks: neither 较好 nor 较差
    assert list(results) == ["事项梳理", "证照应用", "分站点建设维护"]
    assert results["证照应用"].good and results["证照应用"].shortfalls == []
    sorting = results["事项梳理"]
    # lost: 丙局 10 − 8 = 2, 乙局 0.5, 丁县 0.5; the largest first, ties in registry order
    assert not sorting.good
    assert sorting.shortfalls == [("A组", "丙局", 8.0, 2.0), ("A组", "乙局", 9.5, 0.5),
                                  ("县（市、区）", "丁县", 9.5, 0.5)]
    assert results["分站点建设维护"].shortfalls == [("县（市、区）", "戊县", 3.0, 1.0)]


def test_rank_changes():
    now = group("A组", [], [{"unit": "甲局", "rank": 1}, {"unit": "乙局", "rank": 2},
                            {"unit": "丙局", "rank": 3}])
    before = group("A组", [], [{"unit": "乙局", "rank": 1}, {"unit": "甲局", "rank": 3}])
    out = rank_changes(now, before)
    # 甲局 3 → 1: up 2; 乙局 1 → 2: down 1; 丙局 new
    assert out.rows() == [("甲局", 1, 3, 2), ("乙局", 2, 1, -1), ("丙局", 3, None, None)]
    first = rank_changes(now, None)
    assert first.columns == ["unit", "rank", "previous_rank", "change"]
    assert first["change"].to_list() == [None, None, None]
    assert first.schema["change"] == pl.Int64 and first.schema["previous_rank"] == pl.Int64
    assert first["previous_rank"].to_list() == [None, None, None]


def test_scores_round_half_up():
    assert round_score(89.701) == Decimal("89.70")
    assert round_score(89.675) == Decimal("89.68")  # half up (89.675 is exact as text)
    assert round_score(Decimal("0.005")) == Decimal("0.01")
    assert round_score(89.665) == Decimal("89.67")  # half to even would give 89.66

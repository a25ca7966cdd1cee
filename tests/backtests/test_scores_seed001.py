"""考核得分: seed 001's annex 1-3 points → 综合得分 and ranks as printed; bad points rejected."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from bulletin.core.blocks import Table
from bulletin.indicators.scores import category_results
from bulletin.ingest.dataset import Dataset
from bulletin.ingest.scores import read_scores
from bulletin.report.blocks import table_gt
from bulletin.report.findings import score_findings
from bulletin.report.fmt import fmt_score
from bulletin.report.loader import open_month
from bulletin.report.sections.registry import profile_blocks
from support.paths import DATA
from support.scopes import shared

SEED = DATA / "seed001"
XLSX = SEED / "scores" / "2023-06.xlsx"


@pytest.fixture(scope=shared)
def dataset():
    return Dataset.open(SEED)


@pytest.fixture(scope=shared)
def scores(dataset):
    return read_scores(dataset.folder, "2023-06", dataset.config, dataset.registry)


def printed(group: str) -> list[tuple[str, str]]:
    """(unit, 综合得分) in printed order, straight from the committed workbook."""
    ws = load_workbook(XLSX)[group]
    rows = [list(r) for r in ws.iter_rows(values_only=True)][2:]
    return [(r[1], r[-1]) for r in rows]


@pytest.mark.parametrize("group", ["A组", "B组", "县（市、区）"])
def test_totals_and_ranks_equal_the_printed_ones(scores, group):
    g = scores.group(group)
    computed = [(r["unit"], fmt_score(r["total"])) for r in g.rows.sort("rank").iter_rows(named=True)]
    assert computed == printed(group)
    assert g.rows["rank"].to_list() == g.rows["printed_rank"].to_list()


def test_seed_examples(scores):
    a = scores.group("A组").rows.row(0, named=True)
    assert (a["unit"], fmt_score(a["total"]), a["rank"]) == ("市城管执法局", "90.18", 1)
    c = scores.group("县（市、区）").rows.row(0, named=True)
    assert (c["unit"], fmt_score(c["total"]), c["rank"]) == ("达州高新区", "90.98", 1)
    # 89.701 prints as 89.70, 89.677 as 89.68 (half up), and 89.68 ranks above 89.677.
    b = {r["unit"]: r for r in scores.group("B组").rows.iter_rows(named=True)}
    assert fmt_score(b["市住房公积金管理中心"]["total"]) == "89.70"
    assert (b["市市场监管局"]["rank"], b["市民政局"]["rank"]) == (3, 4)
    assert score_findings(scores) == []


def test_exact_ties_break_by_registry_order(scores):
    a = {r["unit"]: r["rank"] for r in scores.group("A组").rows.iter_rows(named=True)}
    # 市文体旅游局, 市林业局, 市气象局 all sum to exactly 89.59.
    assert [a["市文体旅游局"], a["市林业局"], a["市气象局"]] == [6, 7, 8]


def test_better_and_worse_categories(scores):
    results = {r.name: r for r in category_results(scores)}
    assert results["运行效能"].good
    assert [u for _, u, _, _ in results["事项梳理"].shortfalls] == ["达川区", "大竹县", "渠县", "开江县"]
    assert [(u, p) for _, u, p, _ in results["证照应用"].shortfalls] == [("大竹县", 15.7)]


def test_profile_renders(dataset):
    b = open_month(SEED, "2023-06")
    blocks = profile_blocks(b)
    text = "\n".join(x for x in blocks if isinstance(x, str))
    assert "93.24" in text and "第 2 位" in text and "市城管执法局" in text
    tables = [x for x in blocks if isinstance(x, Table)]
    assert len(tables) == 10  # 3 score groups, 7 tables the input gives (tables/2023-06/)
    html = table_gt(tables[0]).as_raw_html()
    assert "证照应用" in html and "90.18" in html and "综合得分" in html

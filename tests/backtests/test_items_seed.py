"""事项指标: seed 004 annex 2 flags exactly the units below each target; seed 003 annex 1."""

from __future__ import annotations

import pytest

from bulletin.indicators.items import below_target, default_targets, rollup_items, with_indicators
from bulletin.ingest.dataset import Dataset
from bulletin.ingest.items import read_items
from bulletin.report.blocks import table_gt
from bulletin.report.findings import share_findings
from bulletin.report.loader import open_month
from bulletin.report.sections.common import Review
from bulletin.report.sections.items import annex_blocks, section_items
from support.paths import DATA

BELOW_004 = {
    "promise_speedup": ["区规划自然资源局", "区公安分局", "区新闻出版局", "区税务局", "区烟草专卖局",
                        "华新街街道", "五宝镇"],
    "visits_avg": ["区规划自然资源局", "区公安分局", "区城市管理局", "区教委", "区人力社保局"],
    "instant_share": ["区规划自然资源局", "区城市管理局", "区新闻出版局", "区税务局", "区人防办",
                      "区烟草专卖局", "石马河街道", "华新街街道", "五宝镇"],
    "full_online_share": ["区公安分局", "区城市管理局", "区教委", "区人力社保局", "区新闻出版局"],
}


def items_of(name, month):
    d = Dataset.open(DATA / name)
    return d, with_indicators(read_items(d.folder, month, d.registry))


def test_seed004_exactly_the_units_below_each_target():
    d, frame = items_of("seed004", "2021-09")
    assert frame.height == 40
    flagged = {k: [u for u, _ in v] for k, v in below_target(frame, default_targets(d.config)).items()}
    assert flagged == BELOW_004


def test_seed004_rollup_pools_items_not_rates():
    _, frame = items_of("seed004", "2021-09")
    total = rollup_items(frame, "合计")
    assert total["items"] == 774
    # Σ(share × 事项数) / Σ事项数, not the plain mean of the 40 shares.
    expected = sum(r["full_online_share"] * r["items"] for r in frame.iter_rows(named=True)) / 774
    assert total["full_online_share"] == pytest.approx(expected)
    assert total["full_online_share"] != pytest.approx(frame["full_online_share"].mean())


def test_seed004_printed_shares_no_item_count_can_give():
    _, frame = items_of("seed004", "2021-09")
    assert {(f.figures["unit"], f.figures["indicator"]) for f in share_findings(frame)} == {
        ("区人防办", "instant_share"), ("区人力社保局", "full_online_share")}


def test_seed003_rates_and_active_evaluation_units():
    d, frame = items_of("seed003", "2022-09")
    assert frame.height == 38
    total = rollup_items(frame, "合计")
    assert (total["claimed"], total["claim_rate"], total["publish_rate"]) == (6660, 1.0, 1.0)
    flagged = below_target(frame, default_targets(d.config))
    # The seed's text names exactly these five units under 100% 主动评价率.
    assert [u for u, _ in flagged["active_evaluation_rate"]] == [
        "区发展改革局", "区民政局", "区人力资源社会保障局", "区农业农村和交通运输局", "区市场监管局"]


def test_section_lists_units_and_reports_text_totals():
    blocks = section_items(open_month(DATA / "seed003", "2022-09"))
    text = "\n".join(x for x in blocks if isinstance(x, str))
    assert "区农业农村和交通运输局（69.32%）" in text
    review = "\n".join(x.text for x in blocks if isinstance(x, Review))  # the analyst's checks
    assert "6660" in review and "6669" in review and "4290" in review and "4288" in review
    assert "6669" not in text
    annexes = annex_blocks(open_month(DATA / "seed003", "2022-09"), 1)  # 附件1, 附件2
    assert [annexes[0], annexes[2]] == ["### 附件1", "### 附件2"]
    html = table_gt(annexes[1]).as_raw_html() + table_gt(annexes[3]).as_raw_html()
    assert "主动评价率" in html and "合计" in html



"""大厅与便民服务中心: seed 003 annex 3 小计 / 总计 and annex 2 总计 computed and matching."""

from __future__ import annotations

import pytest

from bulletin.indicators.hall import centres_total, nested_rows, town_subtotals
from bulletin.ingest.hall import read_hall
from bulletin.report.blocks import table_gt
from bulletin.report.findings import hall_findings
from bulletin.report.loader import open_month
from bulletin.report.sections.hall import annex_blocks, section_hall
from support.paths import DATA
from support.scopes import shared

SUBTOTALS = {  # town: (咨询, 申请, 受理, 办结) as printed in annex 3
    "格里坪镇": (1493, 1214, 1214, 1214), "玉泉街道": (957, 1111, 1111, 1111),
    "河门口街道": (1455, 1452, 1452, 1452), "陶家渡街道": (297, 143, 143, 143),
    "大宝鼎街道": (126, 152, 152, 152), "清香坪街道": (1003, 832, 832, 832),
}


@pytest.fixture(scope=shared)
def hall():
    return read_hall(DATA / "seed003", "2022-09")


def test_town_subtotals_and_total_match_the_seed(hall):
    computed = {r["town"]: (r["consult"], r["applied"], r["accepted"], r["completed"])
                for r in town_subtotals(hall.centres).iter_rows(named=True)}
    assert computed == SUBTOTALS
    assert centres_total(hall.centres) == {"consult": 5331, "applied": 4904, "accepted": 4904,
                                           "completed": 4904}
    # The printed 小计 / 总计 rows agree with the sums: no finding from the table itself.
    assert hall_findings(hall) == []


def test_windows_total_is_13907(hall):
    assert hall.windows.height == 20
    assert int(hall.windows["window_cases"].sum()) == 13907 == hall.window_total_stated


def test_nested_layout(hall):
    rows = nested_rows(hall.centres)
    assert rows["kind"].to_list().count("subtotal") == 6
    last = rows.row(-1, named=True)
    assert (last["town"], last["consult"]) == ("总计", 5331)
    first = rows.row(0, named=True)
    assert (first["town"], first["centre"]) == ("格里坪镇", "格里坪镇便民服务中心心心心")


def test_text_calls_consultations_applications():
    b = open_month(DATA / "seed003", "2022-09")
    found = hall_findings(read_hall(b.dataset.folder, b.month), b.config.stated_totals["2022-09"])
    assert [(f.figures["column"], f.figures["computed"], f.figures["stated"]) for f in found] == [
        ("applied", 4904, 5331)]
    assert "4904 件" in section_hall(b)[0]
    blocks = annex_blocks(b, 3)  # the seed's annexes 2 and 3 follow 附件1 and 2 (items)
    assert [blocks[0], blocks[2]] == ["### 附件3", "### 附件4"]
    html = table_gt(blocks[-1]).as_raw_html()
    assert "小计" in html and "5331" in html and "13907" in table_gt(blocks[-3]).as_raw_html()



"""目标跟踪 (seed 002): status and gap; computed where the engine has the indicator."""

from __future__ import annotations

import pytest

from bulletin.indicators.targets import evaluate
from bulletin.ingest.targets import read_targets
from bulletin.report.findings import target_findings
from bulletin.report.loader import open_month
from support.paths import DATA


def test_seed002_table_status_and_gap():
    table = evaluate(read_targets(DATA / "seed002", "2020-12"), {}, {})
    assert table.height == 6
    assert table["status"].to_list() == ["达标"] * 6
    assert table["source"].to_list() == ["读取"] * 6
    gaps = dict(zip(table["indicator"], table["gap"]))
    assert gaps["行政许可事项即办件占比"] == pytest.approx(0.579 - 0.25)
    assert gaps["实名差评按期整改率"] == pytest.approx(0.0)


def test_computed_value_wins_and_can_miss():
    table = read_targets(DATA / "seed002", "2020-12")
    out = evaluate(table, {"承诺办结时限平均压缩比例": "promise_speedup"}, {"promise_speedup": 0.6})
    row = out.filter(out["indicator"] == "承诺办结时限平均压缩比例").row(0, named=True)
    assert (row["source"], row["status"]) == ("计算", "未达标")
    assert row["gap"] == pytest.approx(-0.05)


def test_text_disagrees_with_table():
    b = open_month(DATA / "seed002", "2020-12")
    table = read_targets(b.dataset.folder, b.month)
    found = target_findings(table, b.inputs.stated_targets)
    assert [f.figures["indicator"] for f in found] == ["政务服务事项不见面审批事项占比",
                                                      "行政许可事项即办件占比"]



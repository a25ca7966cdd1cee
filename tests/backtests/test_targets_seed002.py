"""目标跟踪 (seed 002): status and gap; computed where the engine has the indicator."""

from __future__ import annotations

import shutil

import pytest

from bulletin.indicators.targets import evaluate
from bulletin.ingest.targets import parse_value, read_targets
from bulletin.report.findings import target_findings
from bulletin.report.loader import open_month
from bulletin.report.sections.targets import section_targets
from conftest import DATA


def test_parse_printed_values():
    assert parse_value("80%以上") == 0.8 and parse_value("97.2%") == pytest.approx(0.972)
    assert parse_value("暂缺") is None


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
    found = target_findings(table, b.config.targets.stated_in_text)
    assert [f.figures["indicator"] for f in found] == ["政务服务事项不见面审批事项占比",
                                                      "行政许可事项即办件占比"]


def test_section_computes_from_items(tmp_path):
    folder = tmp_path / "ds"
    shutil.copytree(DATA / "seed002", folder, ignore=shutil.ignore_patterns("*.py"))
    (folder / "items").mkdir()
    (folder / "items" / "2020-12.csv").write_text(
        "序号,部门名称,事项数,承诺时限压缩比,即办件占比\n1,市级,10,50%,20%\n", encoding="utf-8")
    blocks = section_targets(open_month(folder, "2020-12"))
    html = blocks[-1].as_raw_html()
    assert "计算" in html and "未达标" in html
    assert "承诺办结时限平均压缩比例（差距 −15.00 个百分点）" in blocks[0]

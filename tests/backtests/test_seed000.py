"""Seed 000 (2021-02) from its own annex tables: the roll-ups and sentences reproduce the
seed where its text and tables agree, and the disagreements are reported."""

from __future__ import annotations

import pytest

from bulletin import open_month
from bulletin.report.month import MonthlyBulletin
from bulletin.report.sections.operation import narrative
from support.paths import DATA
from support.scopes import shared


@pytest.fixture(scope=shared)
def b() -> MonthlyBulletin:
    return open_month(DATA / "seed000", "2021-02")


def test_city_level_rollup(b):
    row = b.scope("市本级")
    assert (row["accepted"], row["completed"], row["promise_completed"]) == (6595, 6367, 3163)
    assert (row["online_applied"], row["online_accepted"], row["online_completed"]) == (2699, 2686, 2661)
    assert row["online_promise_completed"] == 1512


def test_counties_and_city_rollups(b):
    counties = b.scope("各县（市、区）")
    assert (counties["applied"], counties["accepted"], counties["completed"]) == (243134, 242912, 237619)
    assert counties["promise_completed"] == 63630
    city = b.scope("全市")
    assert (city["accepted"], city["completed"], city["promise_completed"]) == (249507, 243986, 66793)
    assert (city["online_applied"], city["online_accepted"], city["online_completed"]) == (106261, 106203, 103986)
    # annex 1 sums to 6545 applications; the seed's 249682 adds its text's 6548
    assert city["applied"] == 6545 + 243134 == 249679


def test_engine_reports_where_text_and_tables_disagree(b):
    found = {(f.figures["scope"], f.figures["column"]): f for f in b.findings
             if f.rule == "inconsistent_input"}
    assert found[("市本级", "applied")].figures | {} == {
        "month": "2021-02", "scope": "市本级", "column": "applied", "computed": 6545, "stated": 6548}
    assert found[("全市", "applied")].figures["computed"] == 249679
    assert found[("全市", "applied")].figures["stated"] == 249682
    assert "市本级申请件：各单位合计为 6545，而输入中声明为 6548" in found[("市本级", "applied")].text
    # where text and tables agree nothing is reported
    assert ("市本级", "accepted") not in found and ("全市", "completed") not in found


def test_rates_from_sums_and_given_rates(b):
    assert narrative.fmt_rate(b.scope("全市")["online_share"]) == "42.55%"  # 106261 / 249679
    assert narrative.fmt_rate(b.scope("各县（市、区）")["online_share"]) == "42.59%"
    unit = b.units_of().filter(b.units_of()["unit"] == "市人力资源和社会保障局").row(0, named=True)
    assert narrative.fmt_rate(unit["active_evaluation_rate"]) == "128.75%"
    assert narrative.fmt_rate(unit["handling_speedup_rate"]) == "99.97%"  # given, not computable


def test_sentences_match_the_seed(b):
    city_level = "".join(narrative.operation_paragraphs(b, "市本级", "city_level"))
    assert ("市交通运输局、市医疗保障局、市公安局办结件较多，分别为 1750 件、1238 件、1129 件"
            in city_level)
    assert "受理 6595 件，办结 6367 件；承诺件办结 3163 件" in city_level
    counties = "".join(narrative.operation_paragraphs(b, "各县（市、区）", "counties"))
    assert "大竹县、宣汉县、开江县办结件较多，分别为 74586 件、49872 件、44393 件" in counties
    evaluations = "".join(narrative.evaluation_paragraphs(b))
    assert "主动评价数较多的地区为宣汉县、开江县、达川区" in evaluations
    assert "通川区主动评价数为 8172 条，主动评价率为 87.69%" in evaluations
    overdue = "".join(narrative.overdue_paragraphs(b))
    assert "超时办结件 0 件，按时办结率为 100.00%" in overdue


def test_missing_previous_month_is_left_out_not_zeroed(b):
    # the seed says nothing of a 环比 (it prints none); neither does the bulletin, whose
    # data has no January: no sentence (it used to print 「2021年1月无数据，本期不作环比。」)
    assert narrative.comparison_sentence(b, "全市") == ""
    assert not b.has("2021-01") and b.change("全市", "completed").available is False

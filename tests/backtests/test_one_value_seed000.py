"""One figure, one value: every rate seed 000's narrative gives for a unit or a roll-up
is the annex cell of that unit (附件2) or of the annex's 合计 row, spelled the same — the
seed prints 达川区 39.15%, 万源市 24.58%, 渠县 44.53% in its text and its annex alike."""

from __future__ import annotations

import re

import pytest

from bulletin import open_month
from bulletin.core.units import COUNTIES, COUNTY, DEPARTMENT
from bulletin.report.month import MonthlyBulletin
from bulletin.report.sections.operation.annexes import annex_display, col_id
from bulletin.report.sections.operation.narrative import evaluation_paragraphs, operation_paragraphs
from support.paths import DATA
from support.scopes import shared

RATE = col_id(6, "active_evaluation_rate")
COUNT = col_id(6, "active_evaluations")
EARLY = col_id(2, "promise_early_rate")


@pytest.fixture(scope=shared)
def b() -> MonthlyBulletin:
    return open_month(DATA / "seed000", "2021-02")


def cells(b: MonthlyBulletin, level: str) -> dict[str, dict[str, str]]:
    frame = annex_display(b, level)
    return {r["unit"]: r for r in frame.iter_rows(named=True)}


def test_every_evaluation_rate_in_the_text_is_its_annex_cell(b):
    text = "".join(evaluation_paragraphs(b))
    counties, departments = cells(b, COUNTY), cells(b, DEPARTMENT)
    found = re.findall(r"([^；，。]+?)主动评价数为 (\d+) 条，主动评价率为 ([\d.]+%)", text)
    names = [name.removeprefix("其中，") for name, _, _ in found]
    assert names == [b.config.city_level_name, *b.registry.counties]
    for name, (_, count, rate) in zip(names, found, strict=True):
        row = departments["合计"] if name == b.config.city_level_name else counties[name]
        assert (count, rate) == (row[COUNT], row[RATE]), name


def test_the_seed_s_own_figures(b):
    text = "".join(evaluation_paragraphs(b))
    for county, rate in [("达川区", "39.15%"), ("万源市", "24.58%"), ("渠县", "44.53%")]:
        assert f"{county}主动评价数为" in text and f"主动评价率为 {rate}" in text
        assert cells(b, COUNTY)[county][RATE] == rate


@pytest.mark.parametrize("scope,level", [("市本级", DEPARTMENT), (COUNTIES, COUNTY)])
def test_roll_up_rates_in_the_text_are_the_annex_totals(b, scope, level):
    text = "".join(operation_paragraphs(b, scope, "city_level" if level == DEPARTMENT
                                        else "counties"))
    total = cells(b, level)["合计"]
    assert f"提前办结率 {total[EARLY]}" in text


def test_problem_clues_give_the_same_rates(b):
    clue = next(f.text for f in b.findings if f.rule == "active_evaluation_low_units")
    assert "万源市（24.58%）" in clue and "大竹县（17.00%）" in clue

"""Every figure the bulletin names comes from the catalogue (core.definitions): the keys of
the headline, the annexes, the narrative, the charts, the 事项 and hall tables exist there
with a label, a kind and a unit; nothing downstream guesses a kind from a label."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

import bulletin
from bulletin.core.definitions import (
    FIGURES,
    HALL_COUNTS,
    HEADLINE_KEYS,
    INDICATORS,
    ITEM_COUNTS,
    KINDS,
    PARTS,
)
from bulletin.ingest.hall import CENTRE_COUNTS
from bulletin.ingest.schema import UNIT_STATS_HEADERS, UNIT_STATS_RATES
from bulletin.report.outputs import headline
from bulletin.report.sections.operation import annexes, charts, narrative
from support.paths import DATA


def assert_catalogued(keys, catalogue=FIGURES):
    for key in keys:
        assert key in catalogue, f"{key} is not in the catalogue"
        figure = catalogue[key]
        assert figure.label and figure.kind in KINDS, key
        assert figure.unit or figure.kind == "number", key


def test_headline_keys_are_catalogued():
    assert_catalogued(HEADLINE_KEYS)
    assert len(set(HEADLINE_KEYS)) == len(HEADLINE_KEYS)


def test_annex_columns_are_catalogued_and_take_their_kind_from_it():
    assert_catalogued(c.key for c in annexes.COLUMNS)
    rates = [c.key for c in annexes.COLUMNS if c.figure.is_rate]
    assert rates == [k for k in UNIT_STATS_HEADERS.values() if k in UNIT_STATS_RATES]
    for spanner, cols in annexes.SPANNERS:  # a spanner naming a unit holds figures of it
        unit = re.search(r"（(.+)）", spanner)
        if unit:
            assert {c.figure.unit for c in cols} == {unit.group(1)}, spanner


def test_narrative_and_chart_keys_are_catalogued():
    assert_catalogued(key for key, _ in narrative.COMPARED)
    assert_catalogued(key for key, _ in charts.COMPARED)
    assert [label for _, label in narrative.COMPARED] == ["申请件", "办结件", "提前办结率"]
    assert [label for _, label in charts.COMPARED] == [
        "申请", "受理", "办结", "承诺件办结", "线上申请", "线上办结"]


def test_item_and_hall_figures_are_catalogued():
    for ind in INDICATORS:
        assert ind.kind in KINDS and ind.unit and ind.definition, ind.key
    assert [i.key for i in INDICATORS if not i.is_rate] == ["visits_avg"]
    assert set(PARTS) == set(ITEM_COUNTS)
    assert_catalogued(PARTS, ITEM_COUNTS)
    assert_catalogued([*CENTRE_COUNTS.values(), "window_cases"], HALL_COUNTS)


def test_annex_footnotes_print_the_catalogue_definitions(monkeypatch):
    notes = annexes.NOTES
    assert notes[0] == "申请件、受理件、办结件：统计时间段内申请、受理、办结的件数。"
    assert notes[2] == ("提前办结件：办理用时 < 承诺时限的承诺件；"
                        "超时办结件：办理用时 > 承诺时限的办结件。")
    for key in ("promise_speedup_rate", "handling_speedup_rate", "promise_early_rate",
                "online_handling_rate", "active_evaluation_rate"):
        assert FIGURES[key].definition + "。" in notes
    with pytest.raises(ValueError, match="more than one word"):
        annexes.definition_note("promise_early", "completed_overdue", shared=True)
    # every figure has its 口径 (docs/definitions.md); one without it cannot be a footnote
    monkeypatch.setitem(FIGURES, "online_applied",
                        dataclasses.replace(FIGURES["online_applied"], definition=""))
    with pytest.raises(ValueError, match="no 口径"):
        annexes.definition_note("online_applied")


def test_headline_takes_label_kind_and_unit_from_the_catalogue():
    row = {"applied": 249679, "online_share": 0.42559045814826235, "on_time_rate": None,
           "active_evaluations": 81480.0, "active_evaluation_rate": float("nan")}
    figures = headline(row)
    assert [f.key for f in figures] == ["applied", "online_share", "active_evaluations"]
    share = figures[1]
    assert (share.label, share.kind, share.unit, share.display) == ("线上申请占比", "rate", "%",
                                                                    "42.55%")
    count = figures[2]
    assert (count.kind, count.unit, count.value, count.display) == ("count", "条", 81480, "81480")
    assert isinstance(count.value, int)


GUESS = re.compile(r"""["'](率|占比)["']\s+(not\s+)?in\b|endswith\(\s*["']_rate["']\s*\)""")


@pytest.mark.parametrize("layer", ["publish", "report", "indicators", "facts", "ingest"])
def test_no_kind_is_guessed_from_a_label_or_key(layer):
    folder = Path(bulletin.__file__).parent / layer
    found = []
    for path in [*folder.rglob("*.py"), *folder.rglob("*.html")]:
        rel = f"{layer}/{path.relative_to(folder)}"
        if GUESS.search(path.read_text(encoding="utf-8")):
            found.append(rel)
    assert found == []


def test_a_change_of_a_rate_named_without_rate_is_in_points_not_percent():
    """线上申请占比 (online_share) is a rate although its key does not end in _rate: its
    change is a difference in percentage points, never a relative change."""
    b = bulletin.open_month(DATA / "synthetic", "2021-03")
    change = b.change("全市", "online_share")
    assert change.is_rate and change.percent is None
    assert not b.change("全市", "applied").is_rate

"""Roll-ups, rates from summed counts, truncated display, comparisons, rankings."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin.core.definitions import FIGURES
from bulletin.facts.cube import FACT_COLUMNS
from bulletin.indicators.comparisons import year_to_date
from bulletin.indicators.rankings import top
from bulletin.indicators.rollups import Scope, rollup, with_rates
from support.properties import examples

counts = st.integers(min_value=0, max_value=10_000)


@st.composite
def unit_facts(draw):
    n = draw(st.integers(min_value=1, max_value=8))
    rows = []
    for i in range(n):
        completed = draw(counts)
        promise_completed = draw(st.integers(0, completed))
        online_promise_completed = draw(st.integers(0, promise_completed))
        evaluations = draw(counts)
        bad = draw(st.integers(0, evaluations))
        applied = draw(counts)
        rows.append({
            "month": "2021-02", "unit": f"u{i}",
            **{c: 0 for c in FACT_COLUMNS},
            "applied": applied, "completed": completed,
            "online_applied": draw(st.integers(0, applied)),
            "completed_overdue": draw(st.integers(0, completed)),
            "promise_completed": promise_completed,
            "promise_early": draw(st.integers(0, promise_completed)),
            "online_promise_completed": online_promise_completed,
            "online_promise_early": draw(st.integers(0, online_promise_completed)),
            "active_evaluations": draw(counts),
            "evaluations": evaluations, "bad_evaluations": bad,
            "bad_rectified": draw(st.integers(0, bad)),
            "promise_legal_days": draw(counts), "promise_saved_days": draw(st.integers(-5000, 5000)),
            "online_legal_days": draw(counts), "online_saved_days": draw(st.integers(-5000, 5000)),
            "promise_items": draw(st.integers(0, 50)),
            "promise_items_speedup": draw(st.floats(0, 50, allow_nan=False)),
        })
    return pl.DataFrame(rows)


def ratio(num: float, den: float) -> float | None:
    return None if den == 0 else num / den


# The formulas of docs/definitions.md, written out here (not read from the catalogue):
# each rate from the counts summed over the units (s).
SPEC = {
    "on_time_rate": lambda s: None if s["completed"] == 0
    else 1 - s["completed_overdue"] / s["completed"],
    "promise_early_rate": lambda s: ratio(s["promise_early"], s["promise_completed"]),
    "handling_speedup_rate": lambda s: ratio(s["promise_saved_days"], s["promise_legal_days"]),
    "online_handling_rate": lambda s: ratio(s["online_promise_completed"], s["promise_completed"]),
    "online_share": lambda s: ratio(s["online_applied"], s["applied"]),
    "active_evaluation_rate": lambda s: ratio(s["active_evaluations"], s["completed"]),
    "satisfaction_rate": lambda s: ratio(s["evaluations"] - s["bad_evaluations"], s["evaluations"]),
    "bad_rectified_rate": lambda s: ratio(s["bad_rectified"], s["bad_evaluations"]),
    "promise_speedup_rate": lambda s: ratio(s["promise_items_speedup"], s["promise_items"]),
    "online_handling_speedup_rate": lambda s: ratio(s["online_saved_days"], s["online_legal_days"]),
    "online_promise_early_rate": lambda s: ratio(s["online_promise_early"],
                                                 s["online_promise_completed"]),
}


def test_every_rate_of_the_catalogue_has_a_formula_here():
    assert set(SPEC) == {k for k, f in FIGURES.items() if f.kind == "rate"}


@given(unit_facts())
@settings(max_examples=examples(60), deadline=None)
def test_rollup_rate_is_rate_of_summed_counts(facts):
    scope = Scope("全部", "city", tuple(facts["unit"].to_list()))
    rolled = with_rates(rollup(facts, [scope])).row(0, named=True)
    sums = {c: facts[c].sum() for c in facts.columns if c not in ("month", "unit")}
    for name, formula in SPEC.items():
        expected = formula(sums)
        if expected is None:
            assert rolled[name] is None, name
        else:
            assert rolled[name] == pytest.approx(expected, rel=1e-12, abs=1e-15), name


def test_rollup_does_not_average_rates():
    facts = pl.DataFrame([
        {"month": "2021-02", "unit": "a", **{c: 0 for c in FACT_COLUMNS}, "completed": 1,
         "active_evaluations": 1},
        {"month": "2021-02", "unit": "b", **{c: 0 for c in FACT_COLUMNS}, "completed": 99,
         "active_evaluations": 0},
    ])
    rolled = with_rates(rollup(facts, [Scope("全部", "city", ("a", "b"))]))
    assert rolled["active_evaluation_rate"][0] == pytest.approx(0.01)  # not (100% + 0%) / 2


def test_given_rate_wins_for_a_unit():
    frame = pl.DataFrame({"completed": [0], "active_evaluations": [8],
                          "given_active_evaluation_rate": [0.0]})
    assert with_rates(frame)["active_evaluation_rate"][0] == 0.0


def test_top_breaks_ties_by_registry_order():
    frame = pl.DataFrame({"unit": ["c", "a", "b", "d"], "completed": [5, 7, 7, None],
                          "order": [3, 2, 1, 4]})
    assert top(frame, "completed", 3)["unit"].to_list() == ["b", "a", "c"]
    assert top(frame, "completed", 2, ascending=True)["unit"].to_list() == ["c", "b"]


def test_year_to_date_needs_every_month():
    base = {c: 1 for c in FACT_COLUMNS}
    facts = pl.DataFrame([{"month": m, "unit": "a", **base} for m in ("2021-01", "2021-02")])
    ytd = year_to_date(facts, "2021-02")
    assert ytd["applied"][0] == 2
    assert year_to_date(facts.filter(pl.col("month") == "2021-02"), "2021-02") is None

"""The plausible ranges of a case or evaluation row (docs/inputs.md, section 5, rules 14a-14c
and 10a): a value beyond them is quarantined with its reason; one at the bound is kept."""

from __future__ import annotations

from bulletin.facts.build import case_facts
from bulletin.ingest.dataset import Dataset, Ingestion
from support.hostile import case, make_dataset

APPLIED = "2021-02-03 09:00:00"


def problems_of(folder) -> list[tuple[int, str, str]]:
    ing = Ingestion()
    case_facts(Dataset.open(folder), "2021-02", "2021-02", ing)
    return [(p.row, p.column, p.value) for p in ing.problems]


def test_a_promised_limit_above_the_maximum_is_quarantined_and_the_maximum_kept(tmp_path):
    folder = make_dataset(tmp_path, {"a.csv": [
        case("K1", APPLIED, promised="365"), case("K2", APPLIED, promised="366"),
        case("K3", APPLIED, promised="16777221")]})
    assert problems_of(folder) == [(3, "承诺时限", "366"), (4, "承诺时限", "16777221")]


def test_acceptance_more_than_a_year_after_application_is_quarantined(tmp_path):
    folder = make_dataset(tmp_path, {"a.csv": [
        case("K0", APPLIED),
        case("K1", "2020-02-03 09:00:00", "2021-02-03 09:00:00"),  # 366 days: kept
        case("K2", "2020-02-03 08:59:59", "2021-02-03 09:00:00")]})  # one second more
    assert problems_of(folder) == [(4, "受理时间", "2021-02-03 09:00:00")]


def test_completion_more_than_five_years_after_acceptance_is_quarantined(tmp_path):
    # 2016-03-01 09:00 + 5 × 366 days = 2021-03-05 09:00 (2016-03-01 → 2021-03-01 is 1826
    # days, 2020 a leap year; + 4). Completed in March, outside the month computed (a
    # completion in it accepted before the calendar stops the run: section 5).
    folder = make_dataset(tmp_path, {"a.csv": [
        case("K0", APPLIED),
        case("K1", "2016-03-01 08:00:00", "2016-03-01 09:00:00", "2021-03-05 09:00:00"),
        case("K2", "2016-03-01 08:00:00", "2016-03-01 09:00:00", "2021-03-05 09:00:01")]})
    assert problems_of(folder) == [(4, "办结时间", "2021-03-05 09:00:01")]

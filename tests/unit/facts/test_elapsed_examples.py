"""Working days are counted from acceptance, not from application (issue 12, example 10).

In test_definitions_by_hand's working-day table every case is applied for at the moment
it is accepted, so a cube that counted from the application day passed it. Here the two
days differ, and both the elapsed days and the 承诺件 boundaries depend on which is used.

The calendar (2021): Sat 02-06 off, Sun 02-07 a make-up working day, 02-11..17 the Spring
Festival; Sat 01-30, Sun 01-31 off.
"""

from __future__ import annotations

import polars as pl
import pytest

from bulletin.facts.build import case_facts
from bulletin.ingest.dataset import Dataset
from support.handmade import case, make

CASES = [
    # applied, accepted, completed, elapsed (from acceptance)
    ("2021-02-05 09:00:00", "2021-02-08 09:00:00", "2021-02-10 17:00:00", 2),
    #   accepted Mon 02-08: 02-09, 02-10 = 2; applied Fri 02-05: 02-07 (make-up), 02-08,
    #   02-09, 02-10 = 4 (Sat 02-06 off)
    ("2021-01-29 09:00:00", "2021-02-01 09:00:00", "2021-02-03 17:00:00", 2),
    #   accepted Mon 02-01: 02-02, 02-03 = 2; applied Fri 01-29: 02-01, 02-02, 02-03 = 3
]


def facts_of(folder, month: str) -> dict:
    facts = case_facts(Dataset.open(folder), month, month)
    rows = facts.filter((pl.col("month") == month) & (pl.col("unit") == "市甲局"))
    assert rows.height == 1
    return rows.row(0, named=True)


@pytest.mark.parametrize(("applied", "accepted", "completed", "elapsed"), CASES,
                         ids=[c[0][:10] for c in CASES])
def test_elapsed_counts_from_acceptance(tmp_path, applied, accepted, completed, elapsed):
    # 法定时限 = 承诺时限 = 60: elapsed is read back as 60 − promise_saved_days.
    # W0 is applied in February, so that February has data when W1 was applied in January.
    folder = make(tmp_path, [case("W1", "市甲局", applied, accepted, completed, 60, 60),
                             case("W0", "市乙局", completed)])
    f = facts_of(folder, "2021-02")
    assert (f["completed"], f["promise_completed"], f["promise_legal_days"]) == (1, 1, 60)
    assert 60 - f["promise_saved_days"] == elapsed


@pytest.mark.parametrize(("applied", "accepted", "completed", "elapsed"), CASES,
                         ids=[c[0][:10] for c in CASES])
def test_promise_met_counted_from_acceptance(tmp_path, applied, accepted, completed, elapsed):
    # 承诺时限 = elapsed (2): on time from acceptance — neither early nor overdue;
    # counted from application (3 or 4 > 2) it would be overdue.
    folder = make(tmp_path, [case("W1", "市甲局", applied, accepted, completed, 10, elapsed),
                             case("W0", "市乙局", completed)])
    f = facts_of(folder, "2021-02")
    assert (f["completed_overdue"], f["promise_overdue"], f["promise_early"]) == (0, 0, 0)
    assert f["promise_saved_days"] == 10 - elapsed  # 10 − 2 = 8

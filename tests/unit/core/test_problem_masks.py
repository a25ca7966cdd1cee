"""A bad cell that holds an ID or mobile number is quoted masked in every message — the
console's error, a --strict refusal — as in the quarantine report and the review."""

from __future__ import annotations

import pytest

from bulletin.core.errors import InputError, Problem
from bulletin.ingest.dataset import Dataset
from support.handmade import case, make


@pytest.mark.parametrize("typed", ["13912345678", "139-1234-5678", "１３９１２３４５６７８",
                                   "+86 139 1234 5678", "110101199001011237"])
def test_a_problem_quotes_the_number_masked(typed):
    text = str(Problem("cases/a.csv", 3, "申请方式", f"电话{typed}", "线上或线下"))
    digits = "".join(c for c in typed if c.isdigit())
    assert digits not in "".join(c for c in text if c.isdigit()), text
    assert "cases/a.csv 第 3 行「申请方式」列" in text


def test_a_strict_refusal_does_not_show_the_number(tmp_path):
    from bulletin.facts.build import case_facts
    from bulletin.ingest.dataset import Ingestion

    folder = make(tmp_path, [case("C1", "市甲局", "2021-03-01 09:00:00", channel="13912345678")])
    ds = Dataset.open(folder, strict=True)
    with pytest.raises(InputError) as caught:
        case_facts(ds, "2021-03", "2021-03", Ingestion())
    message = str(caught.value)
    assert "申请方式" in message and "13912345678" not in message
    assert "139＊＊＊＊5678" in message

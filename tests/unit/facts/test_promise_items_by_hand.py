"""The 承诺件 items and the months of a dataset, worked out by hand where the rows that count
are told from the others on the distinct texts of their unit and channel cells: an item's
cases under a unit's alias and the channel's other spellings are one item; a case whose
unit or channel maps to nothing is quarantined and counts in no item and no month."""

from __future__ import annotations

import polars as pl
import pytest

from bulletin.facts.build import facts_for, months_in
from bulletin.ingest.dataset import Dataset
from support.handmade import case, done, make

DAY, END = "2021-04-07 09:00:00", "2021-04-07 10:00:00"


def row(facts: pl.DataFrame, unit: str) -> dict:
    return facts.filter(pl.col("unit") == unit).row(0, named=True)


def test_an_items_cases_under_every_spelling_and_the_bad_ones_left_out(tmp_path):
    folder = make(tmp_path, [
        # item Y1 of 市甲局: 10/5 → 0.5, as 甲局 (its alias) online 10/8 → 0.2, a padded
        # 「 线上 」 20/5 → 0.75: one item, (0.5 + 0.2 + 0.75) / 3
        done("N1", "市甲局", DAY, END, 10, 5, "线下", "Y1"),
        done("N2", "甲局", DAY, END, 10, 8, "网办", "Y1"),
        done("N3", "市甲局", DAY, END, 20, 5, " 线上 ", "Y1"),
        # quarantined: channel 手机 maps to nothing (item Y2), unit 市未知局 (item Y3)
        done("B1", "市甲局", DAY, END, 10, 1, "手机", "Y2"),
        done("B2", "市未知局", DAY, END, 10, 1, "线下", "Y3"),
        # not counted: 法定时限 0 (Y4), 承诺时限 0 (Y5), completed in May (Y6)
        done("L1", "市甲局", DAY, END, 0, 1, "线下", "Y4"),
        done("P1", "市甲局", DAY, END, 10, 0, "线下", "Y5"),
        done("M1", "市甲局", DAY, "2021-05-06 10:00:00", 10, 1, "线下", "Y6"),
        # 丙县's own case of item Y1: 4/2 → 0.5, an item of 丙县
        done("X1", "丙县", DAY, END, 4, 2, "线上", "Y1"),
        # March: its only case is quarantined (unit 市未知局), so March is no month of data
        case("C1", "市未知局", "2021-03-05 09:00:00"),
    ])
    facts = facts_for(Dataset.open(folder), "2021-04", "2021-04")
    jia = row(facts, "市甲局")
    assert jia["promise_items"] == 1
    assert jia["promise_items_speedup"] == pytest.approx((0.5 + 0.2 + 0.75) / 3)
    assert (jia["completed"], jia["promise_completed"]) == (5, 4)  # N1-N3, L1, P1 (B1 bad)
    bing = row(facts, "丙县")
    assert (bing["promise_items"], bing["promise_items_speedup"]) == (1, 0.5)
    assert row(facts, "市乙局")["promise_items"] == 0
    # every good case was applied for in April (M1 completed in May); March's only case is bad
    assert months_in(Dataset.open(folder)) == ["2021-04"]

"""The clean-id check (ingest.distinct), by hand: blank, present and distinct ids counted from
their hashes, in memory and piece by piece; and what a repeated hash leads to: the exact
duplicate rule, which names a real duplicate by file, row and column and reports no row
when the repeat was two different ids with one hash (a collision)."""

from __future__ import annotations

import polars as pl
import pytest

from bulletin.facts.build import case_facts
from bulletin.ingest import distinct, validate
from bulletin.ingest.dataset import Dataset, Ingestion
from bulletin.ingest.distinct import IdCount, count_ids
from support.handmade import case, make

TOP = 2**64 - 1  # the largest hash: the last piece, as 0 is the first


def hashes(values: list[int | None]) -> pl.LazyFrame:
    return pl.LazyFrame({"h": values}, schema={"h": pl.UInt64})


@pytest.mark.parametrize("in_pieces", [False, True])
def test_blank_present_and_distinct_counted_by_hand(monkeypatch, in_pieces):
    if in_pieces:  # 8 rows of ~2 ids a piece: 2 leading bits, 4 pieces
        monkeypatch.setattr(distinct, "IN_MEMORY_IDS", 0)
        monkeypatch.setattr(distinct, "BUCKET_IDS", 2)
        assert distinct.bucket_bits(8) == 2
    # 5, 7, 7, TOP, 0, 5: six present, four distinct (5, 7, TOP, 0); two blank
    values = [5, 7, 7, None, TOP, 0, None, 5]
    assert count_ids(hashes(values), len(values)) == IdCount(blank=2, ids=6, distinct=4)
    assert not count_ids(hashes(values), len(values)).all_distinct
    clean = [TOP, 3, 0, 2**63, 2**63 - 1]  # both sides of the first bit
    assert count_ids(hashes(clean), 5) == IdCount(blank=0, ids=5, distinct=5)
    assert count_ids(hashes(clean), 5).all_distinct
    assert count_ids(hashes([None, None]), 2) == IdCount(blank=2, ids=0, distinct=0)
    assert count_ids(hashes([]), 0) == IdCount(blank=0, ids=0, distinct=0)


CASES = [case("A1", "市甲局", "2021-03-01 09:00:00"),
         case("A2", "市乙局", "2021-03-02 09:00:00"),
         case("A3", "丙县", "2021-03-03 09:00:00")]


def facts(folder, ingestion: Ingestion) -> pl.DataFrame:
    return case_facts(Dataset.open(folder), "2021-03", "2021-03", ingestion)


def test_a_hash_collision_reports_no_duplicate(tmp_path, monkeypatch):
    """Three different ids; the count made to say two of their hashes are equal, as a
    collision would: the exact rule runs and finds no repeated id."""
    folder = make(tmp_path, CASES)
    clean = Ingestion()
    expected = facts(folder, clean)

    def collision(frame, rows, folder=None):
        count = count_ids(frame, rows)
        return IdCount(count.blank, count.ids, count.distinct - 1)

    monkeypatch.setattr(validate, "count_ids", collision)
    ingestion = Ingestion()
    assert facts(folder, ingestion).equals(expected)
    assert ingestion.problems == [] and clean.problems == []
    assert expected.filter(pl.col("applied") > 0)["applied"].sum() == 3


@pytest.mark.parametrize("in_pieces", [False, True])
def test_a_real_duplicate_is_named_by_file_row_and_column(tmp_path, monkeypatch, in_pieces):
    if in_pieces:
        monkeypatch.setattr(distinct, "IN_MEMORY_IDS", 0)
        monkeypatch.setattr(distinct, "BUCKET_IDS", 2)
    # the third row repeats the first id, padded: the same id once stripped
    folder = make(tmp_path, [*CASES[:2], case(" A1 ", "丙县", "2021-03-03 09:00:00")])
    ingestion = Ingestion()
    table = facts(folder, ingestion)
    [problem] = ingestion.problems
    assert problem.file.endswith("cases/cases.csv")
    assert (problem.row, problem.column) == (4, "办件编号")
    assert problem.value == " A1 "
    assert problem.expected == "在数据集中唯一的办件编号（此编号已在前面出现）"
    assert table["applied"].sum() == 2  # the repeat quarantined, the first row counted

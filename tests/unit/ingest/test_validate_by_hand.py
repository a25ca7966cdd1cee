"""Validation pieces worked out by hand: the quarantine report's columns and types."""

from __future__ import annotations

import polars as pl

from bulletin.core.errors import Problem
from bulletin.ingest.validate import quarantine_frame

SCHEMA = {"文件": pl.String, "行号": pl.Int64, "列": pl.String, "值": pl.String, "问题": pl.String}


def test_quarantine_report_columns_and_types():
    assert quarantine_frame([]).schema == pl.Schema(SCHEMA)
    frame = quarantine_frame([Problem("ds/cases/a.csv", 6, "申请时间", None, "申请时间（必填）"),
                              Problem("ds/cases/a.csv", 7, "申请方式", "邮寄", "线上或线下")])
    assert frame.schema == pl.Schema(SCHEMA)  # a blank cell does not make 值 untyped
    assert frame.rows() == [("ds/cases/a.csv", 6, "申请时间", None, "申请时间（必填）"),
                            ("ds/cases/a.csv", 7, "申请方式", "邮寄", "线上或线下")]


ACCEPTED_FORMS = [  # docs/inputs.md §5, one case applied on each of March 1 … 23, 2021
    "2021-03-01 09:12:00", "2021-03-02 09:12", "2021/03/03 09:12:00", "2021/03/04 09:12",
    "2021-03-05T09:12:00", "2021-03-06 09:12:00.250", "2021年03月07日 09:12:00",
    "2021年03月08日 09:12", "2021-03-09", "2021/03/10", "20210311", "2021年03月12日",
    "2021-3-13 9:12:00", " 2021-03-14 09:12:00 ", "2021/3/15", "2021年3月16日 9:12",
    # dotted dates, full-width digits, Excel serials (44275 = 2021-03-20), no blank after 日
    "2021.03.17", "2021.3.18 9:12", "２０２１年３月１９日", "44275", "44276.375",
    "２０２１－０３－２２　０９：１２", "2021年3月23日9:12",
]
REFUSED_FORMS = ["17/03/2021", "21-3-18 09:00", "2021-03-19 9点", "0021-03-20", "21.3.24",
                 "2021.02.30", "36525", "99999"]


def test_every_documented_date_time_form(tmp_path):
    from bulletin.facts.build import case_facts
    from bulletin.ingest.dataset import Dataset, Ingestion
    from support.handmade import case, make

    rows = [case(f"D{i}", "市甲局", text) for i, text in enumerate(ACCEPTED_FORMS + REFUSED_FORMS)]
    folder = make(tmp_path, rows)
    ingestion = Ingestion()
    facts = case_facts(Dataset.open(folder), "2021-03", "2021-03", ingestion)
    assert facts["applied"].sum() == len(ACCEPTED_FORMS) == 23
    (count,) = ingestion.files
    assert (count.read, count.used, count.quarantined) == (31, 23, 8)
    bad = {p.value: p.expected for p in ingestion.problems}
    assert sorted(bad) == sorted(REFUSED_FORMS)
    assert all(e.startswith("四位年份的日期时间") for e in bad.values())
    assert {p.column for p in ingestion.problems} == {"申请时间"}
    assert sorted(p.row for p in ingestion.problems) == list(range(25, 33))

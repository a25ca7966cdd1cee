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

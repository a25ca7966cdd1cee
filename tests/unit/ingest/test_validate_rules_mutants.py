"""Every validation rule of a case row and of an evaluation row, one bad row each, with the
problem it produces written out in full (file, row, the column's Chinese header, the cell
as typed, what the cell should hold): these texts are what a person reads to fix a file.

Row numbers are the file's lines: the header is line 1, the first good row line 2."""

from __future__ import annotations

import pytest

from bulletin.core.errors import Problem
from bulletin.facts.build import case_facts
from bulletin.ingest.dataset import Dataset, Ingestion
from support.handmade import case, evaluation, make
from support.scopes import shared

DATETIME = ("四位年份的日期时间（年份在 2000—2100 之间），如 2021-02-03 09:30:00；"
            "两位年份（如 21-2-3）无法识别")
FUTURE = "不晚于今天的日期时间（这是一个未来的日期）"
WHOLE = "不小于 0 的整数（工作日）"
T0, T1 = "2021-03-01 09:00:00", "2021-03-02 09:00:00"
LATER = "2099-01-01 00:00:00"  # a plausible year, but after today

CASES = [  # (row, problem column, value, expected) beside each bad row
    case("G1", "市甲局", T0),  # 2: good
    case("", "市甲局", T0),
    case("G1", "市甲局", T0),
    case("B4", "", T0),
    case("B5", "市未知局", T0),
    case("B6", "市甲局", ""),
    case("B7", "市甲局", "21-3-1"),
    case("B8", "市甲局", T0, "昨天"),
    case("B9", "市甲局", T0, T0, "2021-13-01 10:00:00"),
    case("B10", "市甲局", LATER),
    case("B11", "市甲局", T0, LATER),
    case("B12", "市甲局", T0, T0, LATER),
    case("B13", "市甲局", T1, T0),
    case("B14", "市甲局", T0, T1, T0),
    case("B15", "市甲局", T0, "", T1),
    case("B16", "市甲局", T0, legal=-1),
    case("B17", "市甲局", T0, promised=""),
    case("B18", "市甲局", T0, promised="2.5"),
    case("B19", "市甲局", T0, channel=""),
    case("B20", "市甲局", T0, channel="邮寄"),
]
CASE_PROBLEMS = [
    (3, "办件编号", None, "非空的办件编号"),
    (4, "办件编号", "G1", "在数据集中唯一的办件编号（此编号已在前面出现）"),
    (5, "办理单位", None, "非空的办理单位"),
    (6, "办理单位", "市未知局", "单位名录中的单位或其别名"),
    (7, "申请时间", None, "申请时间（必填）"),
    (8, "申请时间", "21-3-1", DATETIME),
    (9, "受理时间", "昨天", DATETIME),
    (10, "办结时间", "2021-13-01 10:00:00", DATETIME),
    (11, "申请时间", LATER, FUTURE),
    (12, "受理时间", LATER, FUTURE),
    (13, "办结时间", LATER, FUTURE),
    (14, "受理时间", T0, "不早于申请时间的受理时间"),
    (15, "办结时间", T0, "不早于受理时间的办结时间"),
    (16, "办结时间", T1, "已办结的办件须有受理时间"),
    (17, "法定时限", "-1", WHOLE),
    (18, "承诺时限", None, "承诺时限（必填，0 表示即办件）"),
    (19, "承诺时限", "2.5", WHOLE),
    (20, "申请方式", None, "申请方式（线上或线下）"),
    (21, "申请方式", "邮寄", "线上或线下（或 网上、网办、在线、窗口、现场、大厅）"),
]

E0, E1 = "2021-03-02 10:00:00", "2021-03-01 10:00:00"
EVALUATIONS = [
    evaluation("E1", "市甲局", E0, "满意"),  # 2: good
    evaluation("", "市甲局", E0, "满意"),
    evaluation("E1", "市甲局", E0, "满意"),
    evaluation("V4", "", E0, "满意"),
    evaluation("V5", "市未知局", E0, "满意"),
    evaluation("V6", "市甲局", "", "满意"),
    evaluation("V7", "市甲局", "21-3-2", "满意"),
    evaluation("V8", "市甲局", LATER, "满意"),
    evaluation("V9", "市甲局", E0, "一般"),
    evaluation("V10", "市甲局", E0, ""),
    evaluation("V11", "市甲局", E0, "满意", "电话"),
    evaluation("V12", "市甲局", E0, "满意", ""),
    evaluation("V13", "市甲局", E0, "不满意", rectified="x"),
    evaluation("V14", "市甲局", E0, "不满意", rectified=LATER),
    evaluation("V15", "市甲局", E0, "不满意", rectified=E1),
]
LEVELS = "非常满意、满意、基本满意、不满意、非常不满意 之一"
EVALUATION_PROBLEMS = [
    (3, "评价编号", None, "非空的评价编号"),
    (4, "评价编号", "E1", "唯一的评价编号（此编号已在前面出现）"),
    (5, "被评价单位", None, "非空的被评价单位"),
    (6, "被评价单位", "市未知局", "单位名录中的单位或其别名"),
    (7, "评价时间", None, "评价时间（必填）"),
    (8, "评价时间", "21-3-2", DATETIME),
    (9, "评价时间", LATER, FUTURE),
    (10, "评价等级", "一般", LEVELS),
    (11, "评价等级", None, LEVELS),
    (12, "评价方式", "电话", "主动评价或回访评价"),
    (13, "评价方式", None, "主动评价或回访评价"),
    (14, "整改完成时间", "x", DATETIME),
    (15, "整改完成时间", LATER, FUTURE),
    (16, "整改完成时间", E1, "不早于评价时间的整改完成时间"),
]


@pytest.fixture(scope=shared)
def ingestion(tmp_path_factory):
    folder = make(tmp_path_factory.mktemp("rules") / "ds", CASES, EVALUATIONS)
    ingestion = Ingestion()
    case_facts(Dataset.open(folder), "2021-03", "2021-03", ingestion)
    return ingestion


def test_every_case_rule(ingestion):
    got = [p for p in ingestion.problems if p.file == "ds/cases/cases.csv"]
    assert got == [Problem("ds/cases/cases.csv", *p) for p in CASE_PROBLEMS]


def test_every_evaluation_rule(ingestion):
    got = [p for p in ingestion.problems if p.file == "ds/evaluations/evaluations.csv"]
    assert got == [Problem("ds/evaluations/evaluations.csv", *p) for p in EVALUATION_PROBLEMS]


def test_counts_of_both_files(ingestion):
    cases, evaluations = ingestion.files
    # 20 case rows: 1 good + 19 bad; 15 evaluation rows: 1 good + 14 bad
    assert (cases.read, cases.used, cases.quarantined) == (20, 1, 19)
    assert (evaluations.read, evaluations.used, evaluations.quarantined) == (15, 1, 14)


# The id rules of clean ids are skipped (their global duplicate pass costs more than the rest
# of the validation): the rules are found by their flags, so a flag renamed would quietly
# bring the slow pass back. Each id column: ids all distinct and none blank, then one blank.
@pytest.mark.parametrize(("kind", "column"), [("cases", "case_id"),
                                              ("evaluations", "evaluation_id")])
def test_clean_ids_skip_both_id_rules_and_a_blank_keeps_the_missing_rule(kind, column):
    import polars as pl

    from bulletin.ingest.rules import case_rules, evaluation_rules, raw
    from bulletin.ingest.schema import CASES as CASE_SCHEMA
    from bulletin.ingest.schema import EVALUATIONS as EVALUATION_SCHEMA
    from bulletin.ingest.validate import skip_clean_id_rules

    schema, rules = ((CASE_SCHEMA, case_rules()) if kind == "cases"
                     else (EVALUATION_SCHEMA, evaluation_rules()))
    prefix = column.split("_")[0]  # case / evaluation

    def skipped(ids: list[str | None]) -> set[str]:
        frame = pl.LazyFrame({column: ids, raw(column): [i is not None for i in ids]})
        out = skip_clean_id_rules(frame, schema, rules)
        assert [r.flag for r in out] == [r.flag for r in rules]  # the same rules, in order
        return {r.flag for r, old in zip(out, rules, strict=True) if r.bad is not old.bad}

    assert skipped(["A1", "A2", "A3"]) == {f"{prefix}_id_duplicate", f"{prefix}_id_missing"}
    assert skipped(["A1", None, "A3"]) == {f"{prefix}_id_duplicate"}
    assert skipped(["A1", "A1", None]) == set()

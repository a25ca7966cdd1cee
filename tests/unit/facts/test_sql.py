"""The generated facts SQL (facts.sql, docs/scale.md) run on DuckDB over a month-partitioned
Parquet dataset (hive layout) gives what ``bulletin facts`` gives on the same files: every
row, every column. The data: synthetic cases and evaluations of 2020-12..2021-03, plus rows
written by hand at the edges — month boundaries to the second, the Spring Festival and its
调休 working day, a holiday the dataset adds (dataset.yml ``holidays``), cells with blanks
around them, and bad rows that both leave out."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import duckdb
import polars as pl
import pytest

from bulletin.core.definitions import TALLIES
from bulletin.facts import cube
from bulletin.facts.build import case_facts
from bulletin.facts.sql import (
    CALENDAR_ERROR,
    DIALECTS,
    NOT_IN_SQL,
    Query,
    checks,
    checks_query,
    facts_query,
    final_query,
    parquet_source,
    partial_query,
    tables_for,
)
from bulletin.ingest.dataset import Dataset, Ingestion
from bulletin.ingest.rules import case_rules, evaluation_rules
from bulletin.synth import generate
from support.paths import DATA

FIRST, LAST = "2021-01", "2021-03"
TODAY = dt.date(2026, 1, 1)
T = dt.datetime.fromisoformat
UNIT = "市委宣传部"  # no synthetic cases (its annex row is all 0): only the rows below

# (id, unit, applied, accepted, completed, 法定, 承诺, 申请方式); the unit is UNIT unless
# said. Working days from core.workdays; EXPECTED works out what each row adds.
EDGES = [
    # 02-10 (Wed) → 02-18 (Thu): 02-11..17 Spring Festival, elapsed 1 = 承诺 1: on time
    ("H1", None, "2021-02-10 09:00:00", "2021-02-10 09:00:00", "2021-02-18 09:00:00", 5, 1, "线下"),
    # the same with 承诺 2: early; saved 5 − 1 = 4
    ("H2", None, "2021-02-10 09:00:00", "2021-02-10 09:00:00", "2021-02-18 09:00:00", 5, 2, "网办"),
    # 02-19 (Fri) → 02-20 (Sat, 调休 working day): elapsed 1 > 0, a 即办件 overdue
    ("H3", None, "2021-02-19 09:00:00", "2021-02-19 09:00:00", "2021-02-20 09:00:00", 3, 0, "线上"),
    # 03-05 (Fri) → 03-09 (Tue), 03-08 a holiday of dataset.yml: elapsed 1 = 1, on time
    # (2 > 1, overdue, without it); saved 3
    ("H4", None, "2021-03-05 09:00:00", "2021-03-05 09:00:00", "2021-03-09 10:00:00", 4, 1, "线下"),
    # applied in January's last second, accepted in February's first, done in its last;
    # elapsed (02-01, 02-28]: 4 + 1 (Sun 02-07 调休) + 3 + 2 + 1 (Sat 02-20) + 5 = 16 < 20
    ("B1", None, "2021-01-31 23:59:59", "2021-02-01 00:00:00", "2021-02-28 23:59:59", 30, 20, "在线"),
    # completed 03-01 00:00:00, a March completion: elapsed (Fri 02-26, Mon 03-01] = 1 = 1
    ("B2", None, "2021-02-26 10:00:00", "2021-02-26 10:00:00", "2021-03-01 00:00:00", 5, 1, "线上"),
    # completed 04-01 00:00:00: after the months, so applied and accepted only
    ("B3", None, "2021-03-31 09:00:00", "2021-03-31 09:00:00", "2021-04-01 00:00:00", 5, 1, "线下"),
    # applied in 2020-12 (a partition before the months), completed 2021-01-04: 01-01..03
    # New Year, elapsed 1 = 1; a January completion read from December's partition
    ("B4", None, "2020-12-30 09:00:00", "2020-12-31 23:59:59", "2021-01-04 09:00:00", 2, 1, "线下"),
    # applied 04-01 00:00:00: a partition after the months, never read by the SQL
    ("B5", None, "2021-04-01 00:00:00", None, None, None, 0, "线下"),
    # blanks around the unit (full-width space, tab) and the channel: counted, as bulletin
    # strips them; 02-03 → 02-04 elapsed 1 < 2, early, no 法定时限
    ("W1", f"\u3000{UNIT}\t", "2021-02-03 09:00:00", "2021-02-03 09:00:00",
     "2021-02-04 09:00:00", None, 2, " 网办 "),
    # bad rows, left out by both: unit_unknown, completed_before_accepted, channel_bad
    # (letters as spelt), promised_bad, legal_too_long, accepted_before_applied,
    # completed_not_accepted
    ("Q1", "市未知局", "2021-02-03 09:00:00", None, None, None, 0, "线下"),
    ("Q2", None, "2021-02-03 09:00:00", "2021-02-04 09:00:00", "2021-02-03 10:00:00", 5, 1, "线下"),
    ("Q3", None, "2021-02-03 09:00:00", None, None, None, 0, "Online"),
    ("Q4", None, "2021-02-03 09:00:00", None, None, None, -1, "线下"),
    ("Q5", None, "2021-02-03 09:00:00", None, None, 400, 1, "线下"),
    ("Q6", None, "2021-02-03 09:00:00", "2021-02-03 08:00:00", None, None, 0, "线下"),
    ("Q7", None, "2021-02-03 09:00:00", None, "2021-02-04 09:00:00", None, 0, "线下"),
]
LEFT_OUT = {"unit_unknown": 1, "completed_before_accepted": 1, "channel_bad": 1,
            "promised_bad": 1, "legal_too_long": 1, "accepted_before_applied": 1,
            "completed_not_accepted": 1}

# (id, unit, at, level, kind, rectified)
EVALUATION_EDGES = [
    ("V1", UNIT, "2021-01-31 23:59:59", "不满意", "主动评价", "2021-02-01 09:00:00"),  # January
    ("V2", f" {UNIT}", "2021-02-01 00:00:00", "非常不满意", "主动", None),  # February
    ("V3", UNIT, "2021-03-31 23:59:59", "满意", "follow-up", None),  # March, 回访
    ("V4", UNIT, "2021-02-05 10:00:00", "一般", "主动评价", None),  # level_bad
    ("V5", UNIT, "2021-02-05 10:00:00", "满意", "主动评价", "2021-02-04 10:00:00"),
]

# UNIT's facts, by hand from the rows above (every other fact 0).
EXPECTED = {
    "2021-01": {"applied": 1, "promise_applied": 1, "online_applied": 1,  # B1
                "completed": 1, "promise_completed": 1,  # B4
                "promise_legal_days": 2, "promise_saved_days": 1,
                "active_evaluations": 1, "evaluations": 1, "bad_evaluations": 1,  # V1
                "bad_rectified": 1},
    "2021-02": {"applied": 5, "promise_applied": 4, "online_applied": 4,  # H1-3, B2, W1
                "accepted": 6, "promise_accepted": 5, "online_accepted": 5,  # and B1
                "completed": 5, "completed_overdue": 1,  # H1, H2, H3, B1, W1; H3
                "promise_completed": 4, "promise_early": 3,  # H1, H2, B1, W1; H2, B1, W1
                "promise_legal_days": 5 + 5 + 30, "promise_saved_days": 4 + 4 + 14,
                "online_completed": 4, "online_promise_completed": 3,
                "online_promise_early": 3, "online_legal_days": 5 + 30,
                "online_saved_days": 4 + 14,
                "active_evaluations": 1, "evaluations": 1, "bad_evaluations": 1},  # V2
    "2021-03": {"applied": 2, "promise_applied": 2, "accepted": 2,  # H4, B3
                "promise_accepted": 2, "completed": 2, "promise_completed": 2,  # H4, B2
                "promise_legal_days": 4 + 5, "promise_saved_days": 3 + 4,
                "online_completed": 1, "online_promise_completed": 1,  # B2
                "online_legal_days": 5, "online_saved_days": 4,
                "evaluations": 1},  # V3
}


def _edges(cases: pl.DataFrame, evaluations: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    t = lambda v: T(v) if v else None
    rows = [{"办件编号": i, "办理单位": u or UNIT, "事项编码": None, "事项名称": "临时救助",
             "申请方式": ch, "申请时间": t(a), "受理时间": t(c), "办结时间": t(d), "法定时限": lg,
             "承诺时限": pr} for i, u, a, c, d, lg, pr, ch in EDGES]
    evals = [{"评价编号": i, "办件编号": None, "被评价单位": u, "评价时间": t(at), "评价等级": lv,
              "评价方式": k, "整改完成时间": t(r)} for i, u, at, lv, k, r in EVALUATION_EDGES]
    return (pl.concat([cases, pl.DataFrame(rows, schema=cases.schema)]),
            pl.concat([evaluations, pl.DataFrame(evals, schema=evaluations.schema)]))


def _hive(frame: pl.DataFrame, folder, time: str, key: str) -> None:
    """One folder per month of ``time``: folder/key=YYYY-MM/part-0.parquet."""
    keyed = frame.with_columns(pl.col(time).dt.strftime("%Y-%m").alias(key))
    for (month,), part in keyed.group_by(key, maintain_order=True):
        (folder / f"{key}={month}").mkdir(parents=True)
        part.drop(key).write_parquet(folder / f"{key}={month}" / "part-0.parquet")


@pytest.fixture(scope="module")
def hive(tmp_path_factory):
    """The dataset folder, cases partitioned by 申请月份 and evaluations by 评价月份; bulletin
    reads the same files (an input folder is read recursively)."""
    synth = tmp_path_factory.mktemp("synth")
    generate(synth, "2020-12", LAST, scale=0.01, seed=11, single_parquet=True, personal=False,
             registry=DATA / "seed000" / "units.csv")
    cases, evaluations = _edges(pl.read_parquet(synth / "cases" / "cases.parquet"),
                                pl.read_parquet(synth / "evaluations" / "evaluations.parquet"))
    folder = tmp_path_factory.mktemp("hive")
    (folder / "units.csv").write_bytes((synth / "units.csv").read_bytes())
    (folder / "dataset.yml").write_text("region: 达州市\nauthority: 达州市政务服务管理局\n"
                                        "holidays: [2021-03-08]\n", encoding="utf-8")
    _hive(cases, folder / "cases", "申请时间", "apply_month")
    _hive(evaluations, folder / "evaluations", "评价时间", "eval_month")
    return folder


@pytest.fixture(scope="module")
def bulletin(hive):
    ingestion = Ingestion()
    return case_facts(Dataset.open(hive), FIRST, LAST, ingestion), ingestion


@pytest.fixture(scope="module")
def con(hive):
    calendar, units = tables_for(Dataset.open(hive), FIRST, LAST)
    con = duckdb.connect()
    con.register("workdays", calendar.to_arrow())
    con.register("unit_spellings", units.to_arrow())
    return con


def queries(hive) -> tuple[Query, Query]:
    cases = Query(parquet_source(str(hive / "cases" / "*" / "*.parquet")), "cases", "duckdb",
                  FIRST, LAST, partition="apply_month", today=TODAY)
    return cases, replace(cases, kind="evaluations", partition="eval_month",
                          source=parquet_source(str(hive / "evaluations" / "*" / "*.parquet")))


def test_the_generated_sql_gives_bulletin_facts(hive, bulletin, con):
    expected, _ = bulletin
    got = con.sql(facts_query(*queries(hive))).pl()
    assert got.columns == expected.columns == ["month", "unit", *cube.FACT_COLUMNS]
    assert got.height == expected.height == 3 * 49
    assert got.equals(expected)  # dtypes, order of rows and columns, every value


def test_the_edges_count_where_worked_out(bulletin):
    """The hand-made rows land where EXPECTED says (so the equality above covers them)."""
    expected, ingestion = bulletin
    got = expected.filter(pl.col("unit") == UNIT)
    assert got["month"].to_list() == list(EXPECTED)
    for row, (month, nonzero) in zip(got.iter_rows(named=True), EXPECTED.items()):
        assert row == {"month": month, "unit": UNIT,
                       **{c: nonzero.get(c, 0) for c in cube.FACT_COLUMNS}}, month
    assert ingestion.quarantined == 7 + 2  # Q1-Q7, V4-V5; the synthetic rows are all good


def test_partials_of_each_partition_add_up_to_the_facts(hive, bulletin, con):
    """Each month's partition computed alone, its partial results stored, then summed:
    the same table (what makes the facts computable shard by shard)."""
    expected, _ = bulletin
    cases, evaluations = queries(hive)
    for name, q in (("cases_partials", cases), ("evaluations_partials", evaluations)):
        folder = hive / q.kind
        parts = [partial_query(replace(q, source=parquet_source(str(p / "*.parquet"))))
                 for p in sorted(folder.iterdir())]
        assert len(parts) == (5 if q.kind == "cases" else 4)  # 2020-12 … 2021-04 / 2021-03
        con.execute(f"CREATE OR REPLACE TABLE {name} AS " + " UNION ALL ".join(
            f"SELECT * FROM ({p})" for p in parts))
    got = con.sql(final_query(cases, "cases_partials", "evaluations_partials")).pl()
    assert got.equals(expected)


def test_the_checks_count_the_rows_bulletin_quarantines(hive, bulletin, con):
    _, ingestion = bulletin
    cases, evaluations = queries(hive)
    got = con.sql(checks_query(cases)).pl().row(0, named=True)
    read = sum(f.read for f in ingestion.files if f.kind == "cases")
    assert (got["rows_read"], got["rows_left_out"]) == (read, 7)
    assert {k: v for k, v in got.items() if k not in ("rows_read", "rows_left_out") and v} \
        == LEFT_OUT
    got = con.sql(checks_query(evaluations)).pl().row(0, named=True)
    assert got["rows_left_out"] == 2
    assert (got["level_bad"], got["rectified_before_evaluated"]) == (1, 1)


def test_a_day_missing_from_the_calendar_stops_the_query(hive, con):
    """B4 was accepted 2020-12-31 and completed in January: with a calendar table starting
    2021-01-01 its working days cannot be counted, and the query stops (bulletin stops
    too, test_facts_edges); the checks say how many completions lack a day."""
    con.execute("CREATE OR REPLACE VIEW workdays_2021 AS "
                "SELECT * FROM workdays WHERE calendar_day >= DATE '2021-01-01'")
    cases, _ = queries(hive)
    short = replace(cases, calendar="workdays_2021")
    with pytest.raises(duckdb.Error, match=CALENDAR_ERROR):
        con.sql(partial_query(short)).fetchall()
    assert con.sql(checks_query(short)).pl()["outside_calendar"].item() >= 1
    assert con.sql(checks_query(cases)).pl()["outside_calendar"].item() == 0


def test_without_evaluations_their_facts_are_unknown(hive, bulletin, con):
    expected, _ = bulletin
    got = con.sql(facts_query(queries(hive)[0])).pl()
    evaluated = [k for k, t in TALLIES.items() if t.event == "evaluated"]
    assert all(got[c].null_count() == got.height for c in evaluated)
    assert got.drop(evaluated).equals(expected.drop(evaluated))


def test_the_command_writes_a_query_that_gives_the_facts(hive, bulletin, tmp_path):
    """``bulletin facts --sql duckdb``: the query (reading views cases / evaluations) and
    the two tables beside it; run as written, it gives the facts."""
    from typer.testing import CliRunner

    from bulletin.cli import app

    out = tmp_path / "sql" / "facts.sql"
    result = CliRunner().invoke(app, ["facts", "--dataset", str(hive), "--month", FIRST,
                                      "--to", LAST, "--sql", "duckdb", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.parent.iterdir()) == [
        "facts.sql", "unit_spellings.parquet", "workdays.parquet"]
    con = duckdb.connect()
    for name in ("workdays", "unit_spellings"):
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM '{out.parent / name}.parquet'")
    for name, key in (("cases", "apply_month"), ("evaluations", "eval_month")):
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM "
                    + parquet_source(str(hive / name / f"{key}=*" / "*.parquet")))
    assert con.sql(out.read_text(encoding="utf-8")).pl().equals(bulletin[0])


@pytest.mark.parametrize(("dialect", "out", "says"), [
    ("mysql", "q.sql", "--sql 应为 duckdb 或 spark，而不是「mysql」"),
    ("duckdb", ".", "应为文件，却是文件夹"),  # --out names a folder
], ids=["unknown-dialect", "out-is-a-folder"])
def test_the_command_refuses_what_it_cannot_write(hive, tmp_path, dialect, out, says):
    from typer.testing import CliRunner

    from bulletin.cli import app

    result = CliRunner().invoke(app, ["facts", "--dataset", str(hive), "--month", FIRST,
                                      "--sql", dialect, "--out", str(tmp_path / out)])
    assert result.exit_code == 2
    assert says in result.output
    assert not list(tmp_path.glob("*.parquet"))


def test_every_row_rule_of_bulletin_is_in_the_sql_or_said_not_to_be():
    for kind, rules in (("cases", case_rules()), ("evaluations", evaluation_rules())):
        flags = {r.flag for r in rules}
        in_sql = set(checks(Query("t", kind)))
        assert in_sql | (flags & set(NOT_IN_SQL)) == flags, kind
        assert in_sql <= flags, kind


def test_the_tallies_are_the_cube_facts():
    """The catalogue's tallies and the cube's columns name the same facts by event."""
    by_event = {e: [k for k in cube.FACT_COLUMNS if TALLIES[k].event == e]
                for e in ("applied", "accepted", "completed", "evaluated")}
    assert sorted(TALLIES) == sorted(cube.FACT_COLUMNS)
    assert [sorted(v) for v in by_event.values()] == [
        sorted(cube.APPLIED), sorted(cube.ACCEPTED), sorted(cube.COMPLETED),
        sorted(cube.EVALUATED)]


def test_the_spark_query_is_the_duckdb_one_but_for_the_dialect():
    """What differs between the two texts is the dialect's pieces, and nothing else: the
    DuckDB text is the one run above. (The Spark text was run once on Spark 4.0 local,
    docs/scale.md; no Spark here.)"""
    cases = Query("cases", "cases", "spark", FIRST, LAST, partition="apply_month", today=TODAY)
    spark = facts_query(cases, replace(cases, source="evaluations", kind="evaluations",
                                       partition="eval_month"))
    duck = facts_query(replace(cases, dialect="duckdb"),
                       replace(cases, dialect="duckdb", source="evaluations",
                               kind="evaluations", partition="eval_month"))
    assert "strftime" not in spark and "error(" not in spark.replace("raise_error(", "")
    back = (spark.replace("date_format(event_at, 'yyyy-MM')", "strftime(event_at, '%Y-%m')")
            .replace("raise_error(", "error(").replace("`", '"'))
    assert back == duck
    assert re.findall(r"`[a-z_]+`", spark) == ["`apply_month`", "`eval_month`"]
    assert DIALECTS["spark"].text("a'b\\c") == "'a\\'b\\\\c'"
    assert DIALECTS["duckdb"].text("a'b\\c") == "'a''b\\c'"
    assert parquet_source("s3://b/cases", "spark") == "parquet.`s3://b/cases`"
    assert parquet_source("s3://b/x=*/*.parquet") == \
        "read_parquet('s3://b/x=*/*.parquet', hive_partitioning = true)"

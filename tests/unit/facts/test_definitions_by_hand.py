"""Every definition of docs/definitions.md (the catalogue and its counting rules), worked
out by hand on tiny datasets and checked through the code that runs:
``bulletin.facts.build.case_facts`` (the one-pass cube) and ``bulletin.open_month`` (roll-ups
and rates).

Nothing here computes an expected value with the library: each expected value is a
literal, with the arithmetic beside it.

The calendar, from the official schedule (chinese-calendar):
2021 Spring Festival: 02-11 (Thu) … 02-17 (Wed) off; make-up working days Sunday 02-07 and
Saturday 02-20. New Year 2021: 01-01 … 01-03 off. March 2021 has no holiday:
03-01 is a Monday, 03-05 a Friday.
"""

from __future__ import annotations

import datetime as dt
import re

import polars as pl
import pytest

from bulletin import open_month
from bulletin.facts.build import case_facts
from bulletin.ingest.dataset import Dataset, Ingestion
from support.handmade import BOUNDARIES, EVALUATIONS, SPEEDUP, case, done, make
from support.scopes import shared

# ---------------------------------------------------------------------- helpers


def facts_of(folder, first: str, last: str | None = None) -> tuple[pl.DataFrame, Ingestion]:
    ingestion = Ingestion()
    facts = case_facts(Dataset.open(folder), first, last or first, ingestion)
    return facts, ingestion


def row(facts: pl.DataFrame, month: str, unit: str) -> dict:
    rows = facts.filter((pl.col("month") == month) & (pl.col("unit") == unit))
    assert rows.height == 1, (month, unit)
    return rows.row(0, named=True)


# ---------------------------------------------------------------------- working days

# One completed case per dataset, 法定时限 60, 承诺时限 60: promise_saved_days = 60 − elapsed,
# so elapsed is read back as 60 − saved. elapsed = working days d with
# date(accepted) < d ≤ date(completed).
ELAPSED = [
    # accepted, completed, elapsed, the working days counted
    ("2021-02-10 09:00:00", "2021-02-18 10:00:00", 1, "02-11..17 off: 02-18"),
    ("2021-02-11 09:00:00", "2021-02-18 10:00:00", 1, "accepted on the first day off: 02-18"),
    ("2021-02-10 09:00:00", "2021-02-17 18:00:00", 0, "completed on the last day off: none"),
    ("2021-02-12 09:00:00", "2021-02-14 09:00:00", 0, "both inside the holiday: none"),
    ("2021-02-05 16:00:00", "2021-02-08 09:00:00", 2, "Sat 02-06 off; Sun 02-07 (make-up), 02-08"),
    ("2021-02-06 10:00:00", "2021-02-07 10:00:00", 1, "completed on the make-up Sunday: 02-07"),
    ("2021-02-07 09:00:00", "2021-02-08 09:00:00", 1, "accepted on the make-up Sunday: 02-08"),
    ("2021-02-19 09:00:00", "2021-02-20 11:00:00", 1, "completed on the make-up Saturday: 02-20"),
    ("2021-02-20 09:00:00", "2021-02-22 09:00:00", 1, "accepted on the make-up Saturday: 02-22"),
    ("2021-02-19 09:00:00", "2021-02-22 09:00:00", 2, "02-20 (make-up), Sun 02-21 off, 02-22"),
    ("2021-02-09 09:00:00", "2021-02-22 17:00:00", 5, "02-10, 02-18, 02-19, 02-20, 02-22"),
    ("2021-02-10 08:00:00", "2021-02-10 18:00:00", 0, "same day"),
    ("2021-01-29 09:00:00", "2021-02-02 09:00:00", 2, "weekend, then 02-01, 02-02"),
    ("2020-12-31 09:00:00", "2021-01-04 09:00:00", 1, "01-01..03 off, Mon 01-04"),
    # January 2021: 01-04..08, 11..15, 18..22, 25..29 = 20;
    # February to the 26th: 01..05 (5), 07 (1), 08..10 (3), 18, 19 (2), 20 (1), 22..26 (5) = 17
    ("2020-12-31 09:00:00", "2021-02-26 17:00:00", 37, "20 in January + 17 in February"),
]


@pytest.mark.parametrize(("accepted", "completed", "elapsed", "days"), ELAPSED,
                         ids=[f"{a[:10]}_to_{c[:10]}" for a, c, _, _ in ELAPSED])
def test_elapsed_working_days_through_the_cube(tmp_path, accepted, completed, elapsed, days):
    # W0 is applied in the month of completion, so that the month has data whenever W1 was
    # applied before it.
    folder = make(tmp_path, [done("W1", "市甲局", accepted, completed, legal=60, promised=60),
                             case("W0", "市乙局", completed)])
    month = completed[:7]
    unit = row(facts_of(folder, month)[0], month, "市甲局")
    assert (unit["completed"], unit["promise_completed"]) == (1, 1)
    assert unit["promise_legal_days"] == 60
    assert 60 - unit["promise_saved_days"] == elapsed, days


def test_dataset_holidays_and_workdays_override_the_calendar(tmp_path):
    # dataset.yml: Sat 02-13 and Sun 02-14 (inside the holiday) are working days, Thu 02-18
    # is a day off; 02-14 is in both lists, and workdays wins.
    config = ("region: 示例市\nauthority: 示例市政务服务管理局\n"
              "workdays: [2021-02-13, 2021-02-14]\nholidays: [2021-02-18, 2021-02-14]\n")
    folder = make(tmp_path, [
        # 02-17 → 02-18: the official calendar counts 02-18 (1); here 02-18 is off: 0
        done("W1", "市甲局", "2021-02-17 09:00:00", "2021-02-18 10:00:00", legal=60, promised=60),
        # 02-12 → 02-13: officially 0; here 02-13 is a working day: 1
        done("W2", "市乙局", "2021-02-12 09:00:00", "2021-02-13 10:00:00", legal=60, promised=60),
        # 02-13 → 02-14: officially 0; here 02-14 is a working day: 1
        done("W3", "丙县", "2021-02-13 09:00:00", "2021-02-14 10:00:00", legal=60, promised=60),
    ], config=config)
    facts, _ = facts_of(folder, "2021-02")
    assert 60 - row(facts, "2021-02", "市甲局")["promise_saved_days"] == 0
    assert 60 - row(facts, "2021-02", "市乙局")["promise_saved_days"] == 1
    assert 60 - row(facts, "2021-02", "丙县")["promise_saved_days"] == 1


# ---------------------------------------------------------------------- one dataset, three months
# 市甲局 in March 2021: the early / on-time / overdue boundaries of 承诺件 and 即办件.
# 市乙局: month boundaries (applied, accepted and completed each count in their own month).

@pytest.fixture(scope=shared)
def boundaries(tmp_path_factory):
    return make(tmp_path_factory.mktemp("boundaries"), BOUNDARIES, EVALUATIONS)


@pytest.fixture(scope=shared)
def facts(boundaries):
    return facts_of(boundaries, "2021-01", "2021-03")


def test_promise_and_instant_case_boundaries(facts):
    f = row(facts[0], "2021-03", "市甲局")
    assert f["completed"] == 8  # P1..P6, I1, I2
    assert f["completed_overdue"] == 3  # P3, P6, I2 (P2, P5, I1 are exactly on time)
    assert f["promise_completed"] == 6  # P1..P6
    assert f["promise_early"] == 2  # P1, P4
    assert f["promise_overdue"] == 2  # P3, P6 (I2 is a 即办件)
    assert f["promise_legal_days"] == 26  # P1 10 + P2 10 + P3 4 + P6 2
    assert f["promise_saved_days"] == 13  # 8 + 7 + 0 − 2


def test_channels_of_completed_cases(facts):
    f = row(facts[0], "2021-03", "市甲局")
    # 线上 spellings: 线上 (P1), 网办 (P3), 在线 (I2); the others are 线下
    assert (f["online_applied"], f["online_accepted"], f["online_completed"]) == (3, 3, 3)
    assert f["online_promise_completed"] == 2  # P1, P3
    assert f["online_promise_early"] == 1  # P1
    assert (f["online_legal_days"], f["online_saved_days"]) == (14, 8)  # 10 + 4, 8 + 0


def test_applied_accepted_completed_count_in_their_own_months(facts):
    jan = row(facts[0], "2021-01", "市乙局")
    assert (jan["applied"], jan["accepted"], jan["completed"]) == (1, 0, 0)  # M1 applied
    feb = row(facts[0], "2021-02", "市乙局")
    assert (feb["applied"], feb["accepted"], feb["completed"]) == (1, 2, 1)  # M2; M1, M2; M1
    assert (feb["promise_applied"], feb["promise_accepted"]) == (1, 2)
    assert (feb["promise_early"], feb["promise_legal_days"], feb["promise_saved_days"]) \
        == (1, 30, 14)
    assert (feb["online_applied"], feb["online_accepted"], feb["online_completed"]) == (1, 1, 0)
    mar = row(facts[0], "2021-03", "市乙局")
    assert (mar["applied"], mar["accepted"], mar["completed"]) == (1, 0, 1)  # M3; -; M2
    assert (mar["promise_applied"], mar["promise_completed"]) == (0, 1)  # M3 is a 即办件
    assert (mar["promise_early"], mar["completed_overdue"]) == (0, 0)  # M2 on time
    assert (mar["promise_legal_days"], mar["promise_saved_days"]) == (5, 4)
    assert (mar["online_completed"], mar["online_promise_completed"]) == (1, 1)


def test_units_without_cases_have_zero_rows(facts):
    table = facts[0]
    assert table.height == 15  # 3 months × 5 registry units
    assert table.filter(pl.col("month") == "2021-03")["unit"].to_list() == [
        "市甲局", "市乙局", "丙县", "戊区", "丙县丁镇"]
    town = row(table, "2021-03", "丙县丁镇")
    assert (town["applied"], town["completed"], town["completed_overdue"]) == (0, 0, 0)


def test_every_evaluation_level_and_the_quarantined_rows(facts):
    mar = row(facts[0], "2021-03", "市甲局")
    # E1 非常满意, E2 满意, E3 基本满意, E4 不满意 (rectified), E5 非常不满意 (open),
    # E6 不满意 (rectified in April), E14 满意
    assert mar["evaluations"] == 7
    assert mar["active_evaluations"] == 4  # E1 主动评价, E2 主动, E4 active, E6 主动评价
    assert mar["bad_evaluations"] == 3  # E4, E5, E6
    assert mar["bad_rectified"] == 2  # E4, E6 (E14 has a 整改完成时间 but is no 差评)
    town = row(facts[0], "2021-03", "丙县丁镇")  # E12 by the alias 丁镇, 回访评价
    assert (town["evaluations"], town["active_evaluations"], town["bad_evaluations"]) == (1, 0, 0)
    feb = row(facts[0], "2021-02", "市甲局")  # E11 at 2021-02-28 23:59:59
    assert (feb["evaluations"], feb["active_evaluations"]) == (1, 1)


def test_quarantined_rows_are_counted_in_the_file_lines(facts):
    lines = facts[1].lines()
    # cases: 16 rows = 11 good (P1..P6, I1, I2, M1..M3) + 5 bad (P1 again, Q2..Q5)
    assert any("cases.csv：读取 16 行 = 使用 11 行 + 隔离 5 行" in line for line in lines), lines
    # evaluations: 14 rows = 10 good + 4 bad (E7, E1 again, E9, E13)
    assert any("evaluations.csv：读取 14 行 = 使用 10 行 + 隔离 4 行" in line
               for line in lines), lines


# ---------------------------------------------------------------------- rates, through open_month


@pytest.fixture(scope=shared)
def march(boundaries):
    return open_month(boundaries, "2021-03")


def test_rates_of_a_unit(march):
    u = march.units_of().filter(pl.col("unit") == "市甲局").row(0, named=True)
    assert u["on_time_rate"] == pytest.approx(0.625)  # 1 − 3 / 8
    assert u["promise_early_rate"] == pytest.approx(1 / 3)  # 2 / 6
    assert u["handling_speedup_rate"] == pytest.approx(0.5)  # 13 / 26
    assert u["online_handling_rate"] == pytest.approx(1 / 3)  # 2 / 6
    assert u["online_share"] == pytest.approx(0.375)  # 3 / 8
    assert u["online_handling_speedup_rate"] == pytest.approx(8 / 14)
    assert u["online_promise_early_rate"] == pytest.approx(0.5)  # 1 / 2
    assert u["active_evaluation_rate"] == pytest.approx(0.5)  # 4 / 8
    assert u["satisfaction_rate"] == pytest.approx(4 / 7)  # (7 − 3) / 7
    assert u["bad_rectified_rate"] == pytest.approx(2 / 3)  # 2 / 3


def test_rates_of_the_rollups_from_summed_counts(march):
    city = march.scope("全市")
    # 全市 March: completed 8 (市甲局) + 1 (M2) = 9; overdue 3; evaluations 7 + 1 (E12)
    assert (city["completed"], city["completed_overdue"]) == (9, 3)
    assert city["on_time_rate"] == pytest.approx(2 / 3)  # 1 − 3 / 9
    assert city["promise_early_rate"] == pytest.approx(2 / 7)  # 2 / (6 + 1)
    assert city["handling_speedup_rate"] == pytest.approx(17 / 31)  # (13 + 4) / (26 + 5)
    assert city["satisfaction_rate"] == pytest.approx(5 / 8)  # (8 − 3) / 8
    assert city["active_evaluation_rate"] == pytest.approx(4 / 9)  # 4 / 9
    assert city["bad_rectified_rate"] == pytest.approx(2 / 3)
    level = march.scope("市本级")  # 市甲局 + 市乙局, the same as 全市 but for E12
    assert (level["evaluations"], level["bad_evaluations"]) == (7, 3)
    counties = march.scope("各县（市、区）")  # 丙县 + 戊区 + 丙县丁镇: only E12
    assert (counties["completed"], counties["evaluations"]) == (0, 1)
    assert counties["on_time_rate"] is None  # no completed case: no denominator
    assert counties["satisfaction_rate"] == pytest.approx(1.0)  # (1 − 0) / 1
    assert counties["bad_rectified_rate"] is None  # no 差评


def test_rates_as_printed_in_the_annex(march):
    from bulletin.report.sections.operation.annexes import annex_display

    shown = annex_display(march, "市级部门").row(0, named=True)  # 市甲局
    cells = {k.split("_", 1)[1]: v for k, v in shown.items() if re.match(r"c\d+_", k)}
    assert cells["completed"] == "8" and cells["completed_overdue"] == "3"
    assert cells["promise_early_rate"] == "33.33%"  # 2 / 6 = 33.333…%, truncated
    assert cells["handling_speedup_rate"] == "50.00%"
    assert cells["online_handling_rate"] == "33.33%"
    assert cells["online_handling_speedup_rate"] == "57.14%"  # 8 / 14 = 57.142…%
    assert cells["active_evaluation_rate"] == "50.00%"


# ---------------------------------------------------------------------- 承诺提速率

@pytest.fixture(scope=shared)
def april(tmp_path_factory):
    return open_month(make(tmp_path_factory.mktemp("speedup"), SPEEDUP), "2021-04")


def test_promise_speedup_per_unit(april):
    units = {r["unit"]: r for r in april.units_of().iter_rows(named=True)}
    assert units["市甲局"]["promise_items"] == 2
    assert units["市甲局"]["promise_speedup_rate"] == pytest.approx(0.825)  # 1.65 / 2
    assert units["市乙局"]["promise_speedup_rate"] == pytest.approx(0.5)  # 0.5 / 1
    assert units["丙县"]["promise_items"] == 2
    assert units["丙县"]["promise_speedup_rate"] == pytest.approx(0.5)  # (0.25 + 0.75) / 2
    assert units["丙县丁镇"]["promise_items"] == 0  # 即办件, no 法定时限, 法定 0
    assert units["丙县丁镇"]["promise_speedup_rate"] is None
    assert units["戊区"]["promise_items"] == 0  # not completed in April
    assert units["戊区"]["promise_speedup_rate"] is None


def test_promise_speedup_is_pooled_over_items_not_averaged_over_units(april):
    # 市本级: (1.65 + 0.5) / (2 + 1) = 0.71666…; the mean of its unit rates would be
    # (0.825 + 0.5) / 2 = 0.6625
    assert april.scope("市本级")["promise_speedup_rate"] == pytest.approx(2.15 / 3)
    # 全市: (1.65 + 0.5 + 1.0) / 5 = 0.63; with the 即办件 X5 ((10 − 0) / 10 = 1) it would
    # be 4.15 / 6 = 0.6916…; the mean of the unit rates (0.825 + 0.5 + 0.5) / 3 = 0.6083…
    assert april.scope("全市")["promise_speedup_rate"] == pytest.approx(0.63)
    assert april.scope("各县（市、区）")["promise_speedup_rate"] == pytest.approx(0.5)
    assert april.scope("丙县")["promise_speedup_rate"] == pytest.approx(0.5)


def test_promise_speedup_as_printed(april):
    from bulletin.report.sections.operation.annexes import annex_display

    rows = annex_display(april, "市级部门")
    assert rows["c2_promise_speedup_rate"].to_list() == ["82.50%", "50.00%", "71.66%"]
    #                               市甲局, 市乙局, 合计 = 市本级 (2.15 / 3 = 71.666…%, truncated)
    counties = annex_display(april, "县（市、区）")
    # 丙县 with 丙县丁镇 (no 承诺件 item): the items of 丙县本级 only, (0.25 + 0.75) / 2
    assert counties["unit"].to_list() == ["丙县", "\u3000丙县本级", "\u3000丙县丁镇", "戊区", "合计"]
    assert counties["c2_promise_speedup_rate"].to_list() == ["50.00%", "50.00%", "-", "-", "50.00%"]


def test_promise_speedup_of_may(tmp_path):
    may = open_month(make(tmp_path, SPEEDUP + [
        case("S12", "市甲局", "2021-05-06 09:00:00")]), "2021-05")
    u = may.units_of().filter(pl.col("unit") == "戊区").row(0, named=True)
    assert u["promise_items"] == 1 and u["promise_speedup_rate"] == pytest.approx(0.5)  # X9


# ---------------------------------------------------------------------- time zones


def test_time_zone_aware_parquet_times_are_beijing_time(tmp_path):
    """Parquet datetimes with a time zone are converted to Asia/Shanghai (UTC+8) before
    the month and the working days are taken."""
    utc = pl.Datetime("us", "UTC")

    def t(text):
        return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)

    frame = pl.DataFrame({
        "办件编号": ["T1", "T2"],
        "办理单位": ["市甲局", "市乙局"],
        # T1: 15:59:59 UTC = 23:59:59 on 02-28 in Beijing: February.
        # T2: 16:00:00 UTC = 00:00:00 on 03-01 in Beijing: March.
        "申请时间": [t("2021-02-28 15:59:59"), t("2021-02-28 16:00:00")],
        # T1 accepted 09:00 on Mon 03-01 Beijing, completed 00:30 on Thu 03-04 Beijing
        # (16:30 UTC on 03-03): elapsed 03-02, 03-03, 03-04 = 3 = 承诺时限 3: on time.
        # Read as UTC dates it would be 2, early.
        "受理时间": [t("2021-03-01 01:00:00"), None],
        "办结时间": [t("2021-03-03 16:30:00"), None],
        "法定时限": [10, 10],
        "承诺时限": [3, 3],
        "申请方式": ["线上", "线下"],
    }, schema_overrides={"申请时间": utc, "受理时间": utc, "办结时间": utc})
    folder = make(tmp_path, [])
    (folder / "cases" / "cases.csv").unlink()
    frame.write_parquet(folder / "cases" / "tz.parquet")
    facts, _ = facts_of(folder, "2021-02", "2021-03")
    assert row(facts, "2021-02", "市甲局")["applied"] == 1
    assert row(facts, "2021-02", "市乙局")["applied"] == 0
    assert row(facts, "2021-03", "市乙局")["applied"] == 1
    t1 = row(facts, "2021-03", "市甲局")
    assert (t1["accepted"], t1["completed"], t1["promise_completed"]) == (1, 1, 1)
    assert (t1["promise_early"], t1["completed_overdue"]) == (0, 0)
    assert t1["promise_saved_days"] == 7  # 10 − 3


def test_the_cube_without_key_packing_gives_the_same_figures(boundaries, facts, monkeypatch):
    """When the keys do not fit one Int64 (a huge registry or span), the cube groups by
    the key columns themselves: the same figures."""
    from bulletin.facts import cube

    monkeypatch.setattr(cube.Packing, "fits", property(lambda self: False))
    unpacked, _ = facts_of(boundaries, "2021-01", "2021-03")
    assert unpacked.equals(facts[0])
    f = row(unpacked, "2021-03", "市甲局")
    assert (f["completed"], f["completed_overdue"], f["promise_early"]) == (8, 3, 2)
    assert (f["evaluations"], f["bad_evaluations"], f["bad_rectified"]) == (7, 3, 2)


def test_the_cube_with_int64_sums_gives_the_same_figures(boundaries, facts, monkeypatch):
    """When a group of the cube holds so many rows that its Int32 sums might overflow, the
    pass is made again summing in Int64: the same figures."""
    from bulletin.facts import build, cube

    passes = []
    real = cube.case_cube

    def counted(*args, **kwargs):
        passes.append(kwargs.get("wide", False))
        return real(*args, **kwargs)

    monkeypatch.setattr(build, "case_cube", counted)
    monkeypatch.setattr(build, "sums_fit", lambda cube, bound: False)
    wide, _ = facts_of(boundaries, "2021-01", "2021-03")
    assert passes == [False, True]
    assert wide.equals(facts[0])
    f = row(wide, "2021-03", "市甲局")
    assert (f["completed"], f["completed_overdue"], f["promise_early"]) == (8, 3, 2)


def test_sums_fit_by_the_largest_good_group():
    from bulletin.facts.cube import sums_fit

    cube = pl.DataFrame({"__bad__": [False, False, True], "n": [1000, 5_000_000, 9_000_000]})
    # 5 000 000 × 365 = 1 825 000 000 < 2^31 = 2 147 483 648; × 430 = 2 150 000 000 is not;
    # the bad group's 9 000 000 rows are not read
    assert sums_fit(cube, 365)
    assert not sums_fit(cube, 430)
    assert sums_fit(cube.filter(pl.col("__bad__")), 10**6)  # no good group


class FakeCalendar:
    """What the day tables read of a Calendar: its first day and working-day index."""

    def __init__(self, start, index):
        self.start, self.index = start, pl.Series(index, dtype=pl.Int32)


def test_day_tables_span_every_plausible_day_and_place_the_calendar():
    import datetime as dt

    from bulletin.facts.cube import DAYS, day_number, day_tables

    # 101 years of 365 days and 25 leap days (2000 … 2096; 2100 is not one)
    assert DAYS == (dt.date(2101, 1, 1) - dt.date(2000, 1, 1)).days == 36_890
    # 2021-03 alone (key 24254): slot 1 in March, 2 (outside) elsewhere
    tables = day_tables(FakeCalendar(dt.date(2021, 2, 27), [5, 6, 6, 7]), 24254, 24254)
    days = pl.DataFrame({"t": [dt.datetime(2000, 1, 1), dt.datetime(2021, 2, 28, 23, 59),
                               dt.datetime(2021, 3, 1), dt.datetime(2021, 3, 2, 8),
                               dt.datetime(2021, 3, 3), dt.datetime(2100, 12, 31, 23, 59),
                               None]}, schema={"t": pl.Datetime("us")})
    day = days.select(day_number(pl.col("t"))).to_series()
    assert day.to_list() == [0, 7729, 7730, 7731, 7732, 36_889, None]
    assert tables.slot.gather(day.drop_nulls()).to_list() == [2, 2, 1, 1, 1, 2]
    assert tables.workday.gather(day.drop_nulls()).to_list() == [None, 6, 6, 7, None, None]
    # a calendar reaching before 2000-01-01 and after 2100-12-31 is cut to the tables
    early = day_tables(FakeCalendar(dt.date(1999, 12, 30), [1, 2, 3, 4]), 24000, 24000)
    assert early.workday.head(3).to_list() == [3, 4, None]
    late = day_tables(FakeCalendar(dt.date(2100, 12, 30), [1, 2, 3, 4]), 24000, 24000)
    assert late.workday.tail(3).to_list() == [None, 1, 2]
    assert len(early.workday) == len(late.workday) == len(early.slot) == DAYS


def test_key_packing_round_trips():
    from bulletin.facts.cube import Packing

    packing = Packing(["a", "b", "c"], [3, 5, 7])
    frame = pl.DataFrame({"a": [0, 2, 1], "b": [4, 0, 3], "c": [6, 1, 0]})
    packed = frame.select(packing.pack([pl.col("a"), pl.col("b"), pl.col("c")]).alias("key"))
    # a × 35 + b × 7 + c: 0 + 28 + 6, 70 + 0 + 1, 35 + 21 + 0
    assert packed["key"].to_list() == [34, 71, 56]
    assert packed.select(packing.unpack()).equals(frame)
    assert packing.fits
    assert not Packing(["a", "b"], [2**31, 2**31]).fits  # 2^62 does not fit
    assert Packing(["a", "b"], [2**31, 2**31 - 1]).fits


def test_items_are_told_apart_by_code_then_by_name(tmp_path):
    # 市甲局, April 2021, completed the day they were accepted:
    #   code Y1 "户口迁移" 10/5 → 0.5 and code Y2 "户口迁移" 10/8 → 0.2: two items (same name)
    #   no code, "身份证" 4/1 → 0.75 (twice: one item); code Y3 法定 1, 承诺 1 → 0.0
    rows = [
        "N1,市甲局,Y1,户口迁移,2021-04-07 09:00:00,2021-04-07 09:00:00,2021-04-07 10:00:00,10,5,线下",
        "N2,市甲局,Y2,户口迁移,2021-04-07 09:00:00,2021-04-07 09:00:00,2021-04-07 10:00:00,10,8,线下",
        "N3,市甲局,,身份证,2021-04-07 09:00:00,2021-04-07 09:00:00,2021-04-07 10:00:00,4,1,线下",
        "N4,市甲局,,身份证,2021-04-08 09:00:00,2021-04-08 09:00:00,2021-04-08 10:00:00,4,1,线下",
        "N5,市甲局,Y3,补证,2021-04-08 09:00:00,2021-04-08 09:00:00,2021-04-08 10:00:00,1,1,线下",
    ]
    b = open_month(make(tmp_path, rows), "2021-04")
    u = b.units_of().filter(pl.col("unit") == "市甲局").row(0, named=True)
    # 4 items: (0.5 + 0.2 + 0.75 + 0.0) / 4 = 0.3625
    assert u["promise_items"] == 4
    assert u["promise_items_speedup"] == pytest.approx(1.45)
    assert u["promise_speedup_rate"] == pytest.approx(0.3625)

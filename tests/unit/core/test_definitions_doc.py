"""docs/definitions.md: generated from the catalogue (core.definitions, core.counting), kept
in step with it, and saying only what the code does — its worked examples (working days,
即办件, evaluations), its claim about open cases past their deadline and its column on the
aggregated export are run through the code here, with figures worked out by hand."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from bulletin import open_month
from bulletin.core.counting import ELAPSED_EXAMPLES, EVALUATION_EXAMPLES, EXPORT_ROLES
from bulletin.core.definitions import FIGURES, RATES, Figure, fraction_words
from bulletin.core.definitions_doc import definitions_reference, export_role
from bulletin.core.workdays import Calendar
from bulletin.facts.build import case_facts
from bulletin.ingest.dataset import Dataset, Ingestion
from bulletin.ingest.schema import UNIT_STATS_HEADERS
from support.aggregated import write_csv
from support.export_rows import UNIT_STATS_HEADER
from support.handmade import CONFIG, case, done, evaluation, make, write
from support.paths import ROOT

WEEKDAYS = "一二三四五六日"


def test_docs_file_is_generated_from_the_catalogue():
    assert (ROOT / "docs" / "definitions.md").read_text(encoding="utf-8") \
        == definitions_reference(), "docs/definitions.md is stale: run `make docs`"


def test_every_figure_has_its_entry_with_definition_and_counting_note():
    text = definitions_reference()
    for key, f in FIGURES.items():
        assert f.definition and f.counted, key
        assert f"### {f.label}（`{key}`）" in text
    assert "- 分子：办结件 − 超时办结件\n- 分母：办结件" in text  # 按时办结率
    assert "| 满意率 | `satisfaction_rate` | 比率（%） | (评价数 − 差评数) / 评价数 |" in text


def test_fraction_words_by_hand():
    assert fraction_words(RATES["on_time_rate"]) == ("办结件 − 超时办结件", "办结件")
    assert fraction_words(RATES["satisfaction_rate"]) == ("评价数 − 差评数", "评价数")
    assert fraction_words(RATES["online_share"]) == ("线上申请", "申请件")
    odd = Figure("x", "某率", "rate", "%", "", (("completed_overdue", -1), ("applied", 1)),
                 "completed", complement=True)
    # 1 − (−超时 + 申请) / 办结 = (办结 + 超时 − 申请) / 办结
    assert fraction_words(odd) == ("办结件 + 超时办结件 − 申请件", "办结件")


# ---------------------------------------------------------------- working days, 即办件, open cases

def _at(text: str) -> str:
    return text[:16] + ":00"  # "2021-03-01 09:00（周一）" → "2021-03-01 09:00:00"


def test_elapsed_examples_name_their_weekdays_rightly():
    for e in ELAPSED_EXAMPLES:
        for text in (e.accepted, e.completed):
            day = dt.date.fromisoformat(text[:10])
            assert text.endswith(f"（周{WEEKDAYS[day.weekday()]}）"), text


@pytest.fixture(scope="module")
def examples(tmp_path_factory):
    """One unit per worked example (市局1 …), and 市局0 with one case still open past its
    deadline: accepted Monday 2021-03-01, 承诺时限 1, never completed."""
    n = len(ELAPSED_EXAMPLES)
    units = "单位名称,别名,层级,上级单位,考核分组,序号\n" + "".join(
        f"市局{i},,市级部门,,,{i + 1}\n" for i in range(n + 1))
    cases = [done(f"E{i}", f"市局{i}", _at(e.accepted), _at(e.completed), 10, e.promised)
             for i, e in enumerate(ELAPSED_EXAMPLES, 1)]
    cases.append(case("OPEN", "市局0", "2021-03-01 09:00:00", "2021-03-01 09:30:00", "", 10, 1))
    folder = make(tmp_path_factory.mktemp("examples"), cases, units=units)
    facts = case_facts(Dataset.open(folder), "2021-02", "2021-03", Ingestion())
    return {r["unit"]: r for r in facts.filter(pl.col("completed") > 0).iter_rows(named=True)}, \
        facts


def test_elapsed_examples_are_what_the_calendar_counts():
    calendar = Calendar(dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    frame = pl.DataFrame({
        "a": [dt.datetime.fromisoformat(_at(e.accepted)) for e in ELAPSED_EXAMPLES],
        "c": [dt.datetime.fromisoformat(_at(e.completed)) for e in ELAPSED_EXAMPLES]})
    elapsed = frame.select(calendar.elapsed(pl.col("a"), pl.col("c")))[:, 0].to_list()
    assert elapsed == [e.elapsed for e in ELAPSED_EXAMPLES] == [0, 1, 0, 1, 2, 3, 1, 1]


def test_elapsed_examples_count_as_the_document_says(examples):
    completed, _ = examples
    for i, e in enumerate(ELAPSED_EXAMPLES, 1):
        row = completed[f"市局{i}"]
        assert row["completed_overdue"] == (e.outcome == "超时办结"), e
        assert row["promise_early"] == (e.outcome == "提前办结"), e
        if e.promised == 0:  # a 即办件 is in no 承诺件 figure, late or not
            assert (row["promise_completed"], row["promise_overdue"],
                    row["promise_legal_days"]) == (0, 0, 0), e
        else:  # 法定时限 10: saved 10 − elapsed
            assert row["promise_saved_days"] == 10 - e.elapsed, e


def test_an_open_case_past_its_deadline_counts_in_no_overdue_figure(examples):
    _, facts = examples
    march = facts.filter((pl.col("month") == "2021-03") & (pl.col("unit") == "市局0")).row(
        0, named=True)
    # applied and accepted in March; by 2021-03-31 it is 22 working days past 03-01, 承诺 1
    assert (march["applied"], march["accepted"], march["completed"]) == (1, 1, 0)
    assert march["completed_overdue"] == march["promise_overdue"] == 0
    assert facts.filter(pl.col("unit") == "市局0")["completed_overdue"].sum() == 0


# ---------------------------------------------------------------- 主动 and 回访 evaluations

def test_evaluation_examples_count_as_the_document_says(tmp_path):
    units = "单位名称,别名,层级,上级单位,考核分组,序号\n" + "".join(
        f"市局{i},,市级部门,,,{i}\n" for i in range(len(EVALUATION_EXAMPLES)))
    rated = [evaluation(f"V{i}", f"市局{i}", "2021-03-03 09:00:00", e.level, e.kind)
             for i, e in enumerate(EVALUATION_EXAMPLES)]
    cases = [done("C1", "市局0", "2021-03-02 09:00:00", "2021-03-02 10:00:00")]
    facts = case_facts(Dataset.open(make(tmp_path, cases, rated, units=units)), "2021-03",
                       "2021-03", Ingestion())
    rows = {r["unit"]: r for r in facts.iter_rows(named=True)}
    for i, e in enumerate(EVALUATION_EXAMPLES):
        row = rows[f"市局{i}"]
        assert (row["active_evaluations"], row["evaluations"], row["bad_evaluations"]) \
            == (e.active_evaluations, e.evaluations, e.bad_evaluations), e
    assert [e.kind for e in EVALUATION_EXAMPLES].count("回访评价") == 2  # both kinds shown


# ---------------------------------------------------------------- the aggregated export

def test_the_catalogue_marks_what_the_export_states():
    assert {k for k, f in FIGURES.items() if f.in_export} == set(UNIT_STATS_HEADERS.values())
    assert set(EXPORT_ROLES) == {export_role(f) for f in FIGURES.values()}


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    """Two departments (市本级 = 全市 = both): 市甲局 states every rate, 市乙局 none."""
    folder = tmp_path_factory.mktemp("export")
    write(folder, "dataset.yml", CONFIG)
    write(folder, "units.csv", "单位名称,别名,层级,上级单位,考核分组,序号\n"
                               "市甲局,,市级部门,,,1\n市乙局,,市级部门,,,2\n")
    write_csv(folder / "unit_stats" / "2021-03.csv", UNIT_STATS_HEADER + [
        [1, "市甲局", 120, 118, 110, 10, 60, 45, "80.00%", "75.50%", "75.00%", 50, 49, 47, 30, 25,
         "50.00%", "70.00%", "83.33%", 40, "36.36%"],
        [2, "市乙局", 80, 80, 90, 0, 40, 35, "-", "-", "-", 30, 30, 30, 10, 5, "-", "-", "-", 20,
         "-"],
    ])
    b = open_month(folder, "2021-03")
    return b.units_of().rows_by_key("unit", named=True, unique=True), b.scope("全市")


def test_export_roles_are_what_the_code_does(export):
    units, city = export
    a, b = units["市甲局"], units["市乙局"]
    # given counts, summed: 申请 120 + 80, 办结 110 + 90, 主动评价 40 + 20
    assert (city["applied"], city["completed"], city["active_evaluations"]) == (200, 200, 60)
    # given rates: 市甲局 as printed; 市乙局 states none, so its own counts: 提前办结 35 / 40
    assert (a["promise_early_rate"], b["promise_early_rate"]) == (pytest.approx(0.75), 0.875)
    # roll-up from the summed counts: (45 + 35) / (60 + 40) = 80%, not a mean of the rates
    assert city["promise_early_rate"] == pytest.approx(0.8)
    assert city["active_evaluation_rate"] == pytest.approx(60 / 200)
    # given only (no 法定时限 in the export): 市甲局 75.50%, the two together not computable
    assert a["handling_speedup_rate"] == pytest.approx(0.755)
    assert b["handling_speedup_rate"] != b["handling_speedup_rate"]  # NaN
    assert city["handling_speedup_rate"] != city["handling_speedup_rate"]
    # computed from the export's counts: 按时办结率 1 − 10 / 200, 线上申请占比 80 / 200
    assert city["on_time_rate"] == pytest.approx(0.95)
    assert city["online_share"] == pytest.approx(0.4)
    # not in the export: no 评价数 and no 满意率 (never 0)
    assert city.get("evaluations") is None and city.get("promise_applied") is None
    assert city["satisfaction_rate"] != city["satisfaction_rate"]
    roles = {k: export_role(f) for k, f in FIGURES.items()}
    assert (roles["applied"], roles["promise_early_rate"], roles["handling_speedup_rate"],
            roles["on_time_rate"], roles["satisfaction_rate"], roles["evaluations"]) == (
        "given", "given_rate", "given_rate_only", "computed", "absent", "absent")

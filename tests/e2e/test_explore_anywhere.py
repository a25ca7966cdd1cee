"""notebooks/explore.ipynb under papermill, as a script would run it: its parameters
(dataset, month) given with -p, on a case-level dataset, an aggregated one and a tiny
hand-made one, from working directories other than notebooks/ — a subfolder of the
project (the dataset named relative to the project root) and a folder outside it (the
dataset named absolutely). Its answers, and the example county it picks, are worked out
here from units.csv and the facts with plain polars."""

from __future__ import annotations

import polars as pl
import pytest
import yaml

from support.handmade import done, make
from support.notebook_tables import printed, table
from support.paths import DATA, ROOT
from support.units_csv import busiest_county, units_with_county

pm = pytest.importorskip("papermill")

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
DEPARTMENT = "市级部门"


def explore(out, cwd, **parameters):
    """The notebook executed by papermill in ``cwd``; the executed notebook."""
    import nbformat

    target = out / "explore.ipynb"
    pm.execute_notebook(str(NOTEBOOK), str(target), parameters=parameters, cwd=str(cwd),
                        kernel_name="python3", progress_bar=False)
    return nbformat.read(target, as_version=4)


def facts_with_units(folder, month):
    from bulletin import open_month

    return open_month(folder, month).facts.join(units_with_county(folder), on="unit",
                                                how="left")


@pytest.fixture(scope="module")
def synthetic_march(tmp_path_factory):
    """data/synthetic, 2021-03, run in the project's docs/ folder: "data/synthetic" is
    found from the project root, upward from there (docs/ has no data/)."""
    assert not (ROOT / "docs" / "data").exists()
    return explore(tmp_path_factory.mktemp("synthetic"), ROOT / "docs",
                   dataset="data/synthetic", month="2021-03")


@pytest.fixture(scope="module")
def seed000(tmp_path_factory):
    """data/seed000 (aggregated, one month) named absolutely, run outside the project,
    month left to its default (the dataset's latest)."""
    out = tmp_path_factory.mktemp("seed000")
    return explore(out, out, dataset=str(DATA / "seed000"))


def test_the_parameters_cell_declares_dataset_and_month_with_defaults():
    params = pm.inspect_notebook(str(NOTEBOOK))
    assert set(params) == {"dataset", "month"}
    assert params["dataset"]["default"] == '"data/synthetic"'
    assert params["month"]["default"] == '""'  # the latest month


def test_no_unit_of_a_registry_is_named_in_the_code():
    import nbformat

    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    for name in ("synthetic", "seed000"):
        units = pl.read_csv(DATA / name / "units.csv", infer_schema_length=0)["单位名称"]
        assert [u for u in units if u in code] == [], name


def test_a_case_level_dataset_from_a_subfolder(synthetic_march):
    nb = synthetic_march
    facts = facts_with_units(DATA / "synthetic", "2021-03")
    assert "month 2021-03, compared with 2021-02" in printed(nb, "setup")
    county = busiest_county(facts, "2021-03")
    assert printed(nb, "q2-county-series").strip() == county
    by_hand = (facts.filter(pl.col("county") == county).group_by("month")
               .agg(pl.col("completed").sum()).sort("month"))
    rows = table(nb, "q2-county-series")
    assert [(r["月份"], r["办结件"]) for r in rows] == [(m, str(c)) for m, c in by_hand.rows()]
    assert [r["月份"] for r in rows] == ["2020-10", "2020-11", "2020-12", "2021-01", "2021-02",
                                         "2021-03"]  # nothing of April, the month not asked

    def rates(month):
        rows = facts.filter((pl.col("month") == month) & (pl.col("level") == DEPARTMENT)
                            & (pl.col("completed") > 0))
        return {u: 1 - o / c for u, c, o in rows.select("unit", "completed",
                                                         "completed_overdue").rows()}

    now, before = rates("2021-03"), rates("2021-02")
    fell = sorted((now[u] - before[u], u) for u in now if u in before and now[u] < before[u])
    assert [r["单位"] for r in table(nb, "q1-on-time-fell")] == [u for _, u in fell]
    assert table(nb, "q5-stated-totals") == []  # the dataset states no totals


def test_an_aggregated_dataset_from_outside_the_project(seed000):
    nb = seed000
    facts = facts_with_units(DATA / "seed000", "2021-02")
    assert "month 2021-02, compared with 2021-01" in printed(nb, "setup")
    assert table(nb, "q1-on-time-fell") == []  # one month: no department to compare
    county = busiest_county(facts, "2021-02")
    assert county == "大竹县"  # 74586 办结件, as seed 000's text says
    assert printed(nb, "q2-county-series").strip() == county
    assert [(r["月份"], r["办结件"]) for r in table(nb, "q2-county-series")] == [
        ("2021-02", "74586")]
    top = (facts.filter(pl.col("level") == DEPARTMENT)
           .sort(["completed", "order"], descending=[True, False]).head(5))
    assert [(r["单位"], r["办结件"]) for r in table(nb, "q4-top-completed")] == [
        (u, str(c)) for u, c in top.select("unit", "completed").rows()]
    assert [r["单位"] for r in table(nb, "q4-top-completed")][:3] == [
        "市交通运输局", "市医疗保障局", "市公安局"]  # the seed's text: 1750, 1238, 1129 件
    online = (facts.filter(pl.col("county").is_not_null()).group_by("county")
              .agg(pl.col("applied", "online_applied").sum()))
    assert {r["范围"]: (int(r["申请件"]), int(r["线上申请"]))
            for r in table(nb, "q6-online-share")} == {c: (a, o) for c, a, o in online.rows()}


def test_the_stated_totals_that_differ_from_the_sums(seed000):
    facts = facts_with_units(DATA / "seed000", "2021-02")
    stated = yaml.safe_load((DATA / "seed000" / "dataset.yml").read_text(encoding="utf-8"))
    scopes = {"全市": facts, "市本级": facts.filter(pl.col("level") == DEPARTMENT),
              "各县（市、区）": facts.filter(pl.col("county").is_not_null())}
    expected = set()
    for scope, figures in stated["stated_totals"]["2021-02"].items():
        for column, value in figures.items():
            if scope in scopes and column in facts.columns:
                computed = scopes[scope][column].sum()
                if computed != value:
                    expected.add((scope, float(computed), float(value)))
    # one column holds counts and stated rates (「32.10%」 as 0.321): polars shows it as float
    shown = {(r["范围"], float(r["计算值"]), float(r["声明值"]))
             for r in table(seed000, "q5-stated-totals")}
    assert expected <= shown and ("全市", 249679.0, 249682.0) in shown


def test_the_example_county_is_the_datasets_own(tmp_path):
    """A registry of two counties where 戊区 completed more than 丙县 with its town:
    3 cases against 1 + 1; the example is 戊区, whatever the sample datasets hold."""
    march = "2021-03-0{} 09:00:00"
    cases = [done("A", "丙县", march.format(1), march.format(2)),
             done("B", "丙县丁镇", march.format(1), march.format(2)),
             *[done(f"C{i}", "戊区", march.format(1), march.format(3)) for i in range(3)],
             done("D", "市甲局", march.format(1), march.format(2))]
    dataset = make(tmp_path / "tiny", cases)
    nb = explore(tmp_path, tmp_path, dataset=str(dataset), month="2021-03")
    assert printed(nb, "q2-county-series").strip() == "戊区"
    assert [(r["月份"], r["办结件"]) for r in table(nb, "q2-county-series")] == [("2021-03", "3")]
    assert {r["范围"]: r["申请件"] for r in table(nb, "q6-online-share")} == {"丙县": "2", "戊区": "3"}

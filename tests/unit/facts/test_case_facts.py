"""Case facts worked out by hand (working days, promises, channels) and the `bulletin facts`
command that writes them."""

from __future__ import annotations

import re

import polars as pl

from support.cases import GOOD, by_unit, ingest
from support.paths import DATA, ROOT


def test_hand_worked_case_facts(dataset):
    facts, _ = ingest(dataset(GOOD))
    # C1: accepted 02-10, completed 02-18 across the Spring Festival: elapsed 1 < 5 → early
    c1 = by_unit(facts, "市公安局")
    assert (c1["promise_completed"], c1["promise_early"], c1["completed_overdue"]) == (1, 1, 0)
    assert (c1["promise_legal_days"], c1["promise_saved_days"]) == (20, 19)
    assert (c1["online_promise_completed"], c1["online_legal_days"], c1["online_saved_days"]) == (1, 20, 19)
    # C2: 02-05 (Fri) → 02-08 (Mon), Sunday 02-07 is a make-up working day: elapsed 2 > 1
    c2 = by_unit(facts, "市住房和城乡建设局")
    assert (c2["completed_overdue"], c2["promise_overdue"], c2["promise_early"]) == (1, 1, 0)
    assert c2["promise_saved_days"] == 8
    # C3: 即办件 not completed: applied and accepted, not a 承诺件
    c3 = by_unit(facts, "北山镇")
    assert (c3["applied"], c3["accepted"], c3["promise_applied"], c3["completed"]) == (1, 1, 0, 0)


def test_facts_command_writes_the_contract_columns(dataset, tmp_path):
    from typer.testing import CliRunner

    from bulletin.cli import app
    from bulletin.facts.cube import FACT_COLUMNS

    ds = dataset([*GOOD, "C9,市不存在局,X1,a,2021-02-10 09:00:00,,,20,5,线上"])  # unknown unit
    out = tmp_path / "out" / "facts.parquet"
    result = CliRunner().invoke(app, ["facts", "--dataset", str(ds.folder), "--month", "2021-02",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    table = pl.read_parquet(out)
    assert table.columns == ["month", "unit", *FACT_COLUMNS] == documented_columns()
    # every count is a 64-bit integer, those of the inputs it has no file of too (here
    # evaluations/: zeros, typed like the rest, not polars' default Int32 of a literal 0)
    assert {c: table.schema[c] for c in FACT_COLUMNS} == dict.fromkeys(FACT_COLUMNS, pl.Int64)
    assert table["evaluations"].to_list() == [0, 0, 0, 0]
    assert table.height == 4 and table["applied"].sum() == 3
    assert "读取 4 行 = 使用 3 行 + 隔离 1 行" in result.output
    assert (tmp_path / "out" / "facts.quarantine.csv").exists()


def documented_columns() -> list[str]:
    """The columns docs/definitions.md, section 4 (which `bulletin facts --help` cites), lists
    for the unit_month table, in order."""
    text = (ROOT / "docs" / "definitions.md").read_text(encoding="utf-8")
    section = text.split("## 4. unit_month 事实表")[1].split("\n## ")[0]
    return re.findall(r"^\| `(\w+)` \|", section, re.MULTILINE)


def test_the_documented_columns_are_the_catalogue_s_counts_of_a_unit_month():
    from bulletin.core.definitions import FIGURES, UNIT_MONTH_KEYS
    from bulletin.facts.cube import FACT_COLUMNS

    assert list(UNIT_MONTH_KEYS) == FACT_COLUMNS
    assert documented_columns() == ["month", "unit", *FACT_COLUMNS]
    # the two counts left out are counted per item, not per case
    assert sorted(set(FIGURES) - set(FACT_COLUMNS) - {k for k, f in FIGURES.items()
                                                      if f.is_rate}) == [
        "promise_items", "promise_items_speedup"]


def test_facts_command_refuses_an_aggregated_dataset(tmp_path):
    from typer.testing import CliRunner

    from bulletin.cli import app

    result = CliRunner().invoke(app, ["facts", "--dataset", str(DATA / "seed000"), "--month",
                                      "2021-02", "--out", str(tmp_path / "f.parquet")])
    assert result.exit_code == 2 and "没有 cases/ 办件明细" in result.output

"""bench/bench_ingest.py --xlsx at fewer cases than a full sheet: the rows its results
give are the rows the sheet holds (every case generated), not Excel's 1,048,575, and the
section is its own, not the full sheet's."""

from __future__ import annotations

import importlib.util
import sys

import openpyxl
import polars as pl
import pytest

from support.paths import ROOT


@pytest.fixture
def bench(tmp_path, monkeypatch):
    script = ROOT / "bench" / "bench_ingest.py"
    spec = importlib.util.spec_from_file_location("bench_ingest", script)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_ingest", module)  # its dataclasses look it up
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "OUT", tmp_path)
    return module


def test_a_sheet_of_fewer_cases_says_the_rows_it_holds(bench, tmp_path):
    plan = bench.xlsx_plan(1000, None, "before")
    source = next(tmp_path.glob("ingest_*m")) / "cases" / "cases.parquet"
    cases = pl.scan_parquet(source).select(pl.len()).collect().item()
    sheet = openpyxl.load_workbook(plan.sets["XLSX"][0] / "cases" / "cases.xlsx",
                                   read_only=True)["办件明细"]
    assert 500 < cases < bench.XLSX_ROWS
    assert sheet.max_row - 1 == cases  # one header row
    assert plan.rows == cases
    assert (plan.tag, plan.heading) == (f"xlsx-{cases}", f"One XLSX sheet, {cases:,} cases")
    runs = {kind: [bench.Run(1.0, 1.0, 2**28, 0.5)] for kind in plan.sets}
    text = bench.section(plan, runs, 1, {}, "- same")
    assert f"<!-- xlsx-{cases} -->\n## One XLSX sheet, {cases:,} cases (" in text
    rows = [line.split(" | ")[2] for line in text.splitlines()  # input | code | rows | …
            if line.startswith(("| XLSX | this |", "| UTF-8 CSV | this |", "| Parquet | this |"))]
    assert rows == [f"{cases:,}"] * 3 and "1,048,575" not in text

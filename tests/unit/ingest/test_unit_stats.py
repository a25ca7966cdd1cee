"""unit_stats: seed 000's annex tables read from the platform-style export."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest
from openpyxl import load_workbook

from bulletin.core.config import load_config
from bulletin.core.errors import InputError
from bulletin.facts.build import FACT_COUNTS, unit_stats_facts
from bulletin.facts.cube import FACT_COLUMNS
from bulletin.ingest.dataset import Dataset
from bulletin.ingest.registry import read_registry
from bulletin.ingest.schema import UNIT_STATS_COUNTS, UNIT_STATS_RATES
from bulletin.ingest.sheets import normalise_header, parse_rate
from bulletin.ingest.unit_stats import GIVEN_RATE_COLUMNS, read_unit_stats
from support.aggregated import sheet_grids, write_csv, write_xlsx
from support.paths import DATA
from support.scopes import shared

SEED = DATA / "seed000"
XLSX = SEED / "unit_stats" / "2021-02.xlsx"


@pytest.fixture(scope=shared)
def registry():
    return read_registry(SEED)


@pytest.fixture(scope=shared)
def seed_stats(registry):
    return read_unit_stats(XLSX, registry)


def both_tables() -> list[list[object]]:
    """Annex 1 then annex 2 stacked in one grid (the second header block in between)."""
    grids = sheet_grids(XLSX)
    return grids["市级部门"] + grids["县（市、区）"]


# ------------------------------------------------------------------ the seed export


def test_seed_export_has_every_unit(seed_stats, registry):
    assert seed_stats.height == 49
    assert seed_stats["unit"].to_list() == registry.names
    assert seed_stats.columns == ["month", "unit", *UNIT_STATS_COUNTS, *UNIT_STATS_RATES]
    assert set(seed_stats["month"]) == {"2021-02"}
    assert all(seed_stats.schema[c] == pl.Int64 for c in UNIT_STATS_COUNTS)
    assert all(seed_stats.schema[c] == pl.Float64 for c in UNIT_STATS_RATES)


def test_seed_sums_match_annex_tables(seed_stats, registry):
    depts = seed_stats.filter(pl.col("unit").is_in(registry.departments))
    counties = seed_stats.filter(pl.col("unit").is_in(registry.counties))
    assert depts.height == 41 and counties.height == 8
    assert depts["applied"].sum() == 6545
    assert depts["accepted"].sum() == 6595
    assert depts["completed"].sum() == 6367
    assert depts["promise_completed"].sum() == 3163
    assert depts["online_applied"].sum() == 2699
    assert counties["applied"].sum() == 243134
    assert counties["accepted"].sum() == 242912
    assert counties["completed"].sum() == 237619
    assert counties["promise_completed"].sum() == 63630


def value(frame: pl.DataFrame, unit: str, column: str):
    return frame.filter(pl.col("unit") == unit)[column].item()


def test_seed_single_cells(seed_stats):
    assert value(seed_stats, "市交通运输局", "completed") == 1750
    assert value(seed_stats, "大竹县", "completed") == 74586
    assert value(seed_stats, "市人力资源和社会保障局", "active_evaluation_rate") == pytest.approx(1.2875)
    assert value(seed_stats, "市邮政管理局", "active_evaluations") is None
    assert value(seed_stats, "市邮政管理局", "active_evaluation_rate") == 0.0
    assert value(seed_stats, "通川区", "online_handling_speedup_rate") == pytest.approx(-1.60)
    assert value(seed_stats, "市发展和改革委员会", "promise_speedup_rate") == pytest.approx(0.6979)


def test_seed_workbook_layout():
    """Two sheets, two-row header with 序号/单位 merged down and spanners merged across."""
    wb = load_workbook(XLSX)
    assert wb.sheetnames == ["市级部门", "县（市、区）"]
    for ws, unit_header in zip(wb.worksheets, ("单位", "地区")):
        merged = {str(r) for r in ws.merged_cells.ranges}
        assert {"A1:A2", "B1:B2", "C1:F1", "G1:H1", "I1:K1", "L1:N1", "O1:P1", "Q1:S1",
                "T1:U1"} == merged
        assert ws["B1"].value == unit_header
        assert ws["C1"].value == "办件情况（件）"
        assert ws["T2"].value == "主动评价数"


def test_seed_workbook_matches_the_seed_text(tmp_path):
    """The committed workbook is what make_unit_stats.py makes from the seed text (the
    repository's copy, tests/fixtures/seeds/)."""
    script = SEED / "make_unit_stats.py"
    seed_txt = SEED.parents[1] / "tests" / "fixtures" / "seeds" / "000.txt"
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_unit_stats", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "2021-02.xlsx"
    module.main(["make_unit_stats.py", str(seed_txt), str(out)])
    assert sheet_grids(out) == sheet_grids(XLSX)


# ------------------------------------------------------------------ CSV and layout variants


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
def test_csv_reads_like_xlsx(tmp_path, registry, seed_stats, encoding):
    path = write_csv(tmp_path / encoding / "2021-02.csv", both_tables(), encoding)
    got = read_unit_stats(path, registry)
    assert got.equals(seed_stats)


def test_repeated_headers_blank_rows_title_and_notes(tmp_path, registry, seed_stats):
    grids = sheet_grids(XLSX)
    depts = grids["市级部门"]
    header = depts[:2]
    rows = (
        [["附件 1"], ["达州市一体化政务服务平台市级部门运行情况表（2021 年 2 月）"], []]
        + header + depts[2:15] + [[None] * 21]
        + header + depts[15:31]            # page-break repeat
        + header + depts[31:] + [[]]
        + [["注：1.申请件：统计时间段内的申请件数。"]]
        + grids["县（市、区）"]            # a second table below, header 地区
        + [[None, "合计", 1, 2, 3]]        # a totals row is not a unit
    )
    path = write_xlsx(tmp_path / "2021-02.xlsx", {"Sheet1": rows})
    assert read_unit_stats(path, registry).equals(seed_stats)


def test_filled_merged_cells_and_aliases(tmp_path, registry, seed_stats):
    """Converters that repeat a merged value in every cell, and unit aliases."""
    rows = [list(r) for r in both_tables()]
    for block in (0, 43):
        top, leaves = rows[block], rows[block + 1]
        last = None
        for i, v in enumerate(top):
            last = v if v is not None else last
            top[i] = last
        leaves[0], leaves[1] = top[0], top[1]
    for r in rows:
        if r[1] == "市人力资源和社会保障局":
            r[1] = "市人社局"
        if r[1] == "达州高新区":
            r[1] = " 高新区 "
    path = write_csv(tmp_path / "2021-02.csv", rows, "utf-8")
    assert read_unit_stats(path, registry).equals(seed_stats)


def test_percent_strings_and_bare_numbers():
    assert parse_rate("69.79%") == 0.6979
    assert parse_rate("-160.00%") == -1.6
    assert parse_rate("-") is None and parse_rate("") is None and parse_rate(None) is None
    assert parse_rate("0.6979") == 0.6979  # an Excel percent cell arrives as a fraction
    assert parse_rate("69.79", percent_column=True) == 0.6979
    assert normalise_header(" 办件情况（件）\n") == "办件情况"
    assert normalise_header("承诺件办件效率(%)") == "承诺件办件效率"


# ------------------------------------------------------------------ errors


def error_reading(path: Path, registry) -> str:
    """The message of the InputError that reading ``path`` raises."""
    with pytest.raises(InputError) as err:
        read_unit_stats(path, registry)
    return str(err.value)


def edited_copy(tmp_path: Path, name: str, sheet: str, cell: str, new) -> Path:
    path = tmp_path / name
    shutil.copy(XLSX, path)
    wb = load_workbook(path)
    wb[sheet][cell] = new
    wb.save(path)
    return path


# A cell of the seed workbook edited: (sheet, cell, its new value, what the message names).
CELL_EDITS = {
    "unknown unit": ("市级部门", "B7", "市不存在局",
                     ["2021-02.xlsx", "市级部门", "第 7 行", "「单位」列", "市不存在局"]),
    "unknown county names its header": ("县（市、区）", "B4", "某某县",
                                        ["第 4 行", "「地区」列", "某某县"]),
    "non-integer count": ("市级部门", "E10", "12a",
                          ["2021-02.xlsx", "市级部门", "第 10 行", "办件情况（件）/办结", "12a"]),
    "bad rate": ("县（市、区）", "I3", "五成", ["第 3 行", "承诺件办件效率（%）/承诺提速", "五成"]),
}


@pytest.mark.parametrize(("sheet", "cell", "new", "named"), CELL_EDITS.values(), ids=CELL_EDITS)
def test_an_edited_cell_is_named_in_the_error(tmp_path, registry, sheet, cell, new, named):
    path = edited_copy(tmp_path, "2021-02.xlsx", sheet, cell, new)
    msg = error_reading(path, registry)
    assert [part for part in named if part not in msg] == [], msg


def test_non_integer_count_in_csv(tmp_path, registry):
    rows = both_tables()
    rows[5][12] = "3.5"  # row 6, 线上办件情况/受理
    path = write_csv(tmp_path / "2021-02.csv", rows, "gbk")
    msg = error_reading(path, registry)
    assert "2021-02.csv" in msg and "第 6 行" in msg and "线上办件情况（件）/受理" in msg
    assert "3.5" in msg


@pytest.mark.parametrize("name", ["2021-2.xlsx", "2月.xlsx", "2021-13.xlsx", "运行情况表.csv"])
def test_bad_file_name(tmp_path, registry, name):
    path = tmp_path / name
    shutil.copy(XLSX, path)
    msg = error_reading(path, registry)
    assert name in msg and "YYYY-MM" in msg


def test_missing_column(tmp_path, registry):
    rows = [list(r) for r in sheet_grids(XLSX)["县（市、区）"]]
    rows[1][19] = "评价数"
    path = write_xlsx(tmp_path / "2021-02.xlsx", {"县（市、区）": rows})
    msg = error_reading(path, registry)
    assert "第 1 行" in msg and "办件主动评价/主动评价数" in msg and "评价数" in msg


def test_duplicate_unit(tmp_path, registry):
    rows = both_tables()
    rows.append(list(rows[2]))
    path = write_csv(tmp_path / "2021-02.csv", rows, "utf-8")
    msg = error_reading(path, registry)
    assert f"第 {len(rows)} 行" in msg and "市委宣传部" in msg


# ------------------------------------------------------------------ facts


def test_facts_every_registry_unit(tmp_path, registry):
    folder = tmp_path / "ds"
    (folder / "unit_stats").mkdir(parents=True)
    shutil.copy(SEED / "units.csv", folder / "units.csv")
    shutil.copy(SEED / "dataset.yml", folder / "dataset.yml")
    rows = [r for r in both_tables() if r[1] not in ("市邮政管理局", "渠县")]
    write_csv(folder / "unit_stats" / "2021-02.csv", rows, "utf-8-sig")
    facts = unit_stats_facts(Dataset.open(folder), "2021-01", "2021-02")
    assert facts.height == 2 * 49
    assert facts.columns == ["month", "unit", *FACT_COUNTS, *GIVEN_RATE_COLUMNS]
    assert set(FACT_COUNTS) <= set(FACT_COLUMNS)
    assert "promise_applied" not in facts.columns and "evaluations" not in facts.columns
    assert facts["unit"].to_list() == registry.names * 2
    assert facts["month"].to_list() == ["2021-01"] * 49 + ["2021-02"] * 49
    jan, feb = facts.filter(pl.col("month") == "2021-01"), facts.filter(pl.col("month") == "2021-02")
    assert jan["completed"].null_count() == 49  # no export for January: nothing stated
    assert value(feb, "渠县", "completed") is None  # absent from the export: null, not 0
    assert value(feb, "市邮政管理局", "applied") is None
    assert value(feb, "大竹县", "completed") == 74586
    assert value(feb, "市委宣传部", "applied") == 0


def test_facts_of_the_seed_dataset_agree_with_stated_totals(registry):
    ds = Dataset.open(SEED)
    assert ds.kind == "unit_stats"
    facts = unit_stats_facts(ds, "2021-02", "2021-02")
    assert facts.height == 49 and facts["completed"].null_count() == 0
    stated = load_config(SEED).stated_totals["2021-02"]
    counties = facts.filter(pl.col("unit").is_in(registry.counties))
    city = facts.filter(pl.col("unit").is_in(registry.departments))
    # Where text and table agree.
    for name in ("applied", "accepted", "completed", "promise_completed", "online_applied"):
        assert counties[name].sum() == stated["各县（市、区）"][name]
    for name in ("accepted", "completed", "promise_completed", "online_applied",
                 "online_accepted", "online_completed", "online_promise_completed"):
        assert city[name].sum() == stated["市本级"][name]
    for name in ("accepted", "completed", "promise_completed", "online_applied",
                 "online_accepted", "online_completed", "online_promise_completed"):
        assert facts[name].sum() == stated["全市"][name]
    for county in registry.counties:
        assert value(facts, county, "active_evaluations") == stated[county]["active_evaluations"]
    # Where the seed's text disagrees with its own annex tables (kept as printed).
    assert city["applied"].sum() == 6545 != stated["市本级"]["applied"]
    assert city["active_evaluations"].sum() == 4415 != stated["市本级"]["active_evaluations"]
    assert counties["online_accepted"].sum() == 103517 != stated["各县（市、区）"]["online_accepted"]


def test_bad_file_name_in_dataset(tmp_path):
    folder = tmp_path / "ds"
    (folder / "unit_stats").mkdir(parents=True)
    shutil.copy(SEED / "units.csv", folder / "units.csv")
    shutil.copy(XLSX, folder / "unit_stats" / "2021年2月.xlsx")
    with pytest.raises(InputError, match="2021年2月.xlsx"):
        unit_stats_facts(Dataset.open(folder), "2021-02", "2021-02")

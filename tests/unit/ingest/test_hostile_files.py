"""Files that used to end in a traceback: empty or header-only files, files cut short, a row
with an extra field, stray quotes, a Parquet integer beyond Int32. Each is now a Chinese
error naming the file (and row when known), or a quarantined row with its reason."""

from __future__ import annotations

import shutil

import polars as pl
import pytest
import xlsxwriter

from bulletin.core.errors import InputError
from bulletin.facts.build import case_facts
from bulletin.ingest.dataset import Dataset, Ingestion
from bulletin.ingest.hall import read_hall
from bulletin.ingest.items import read_items
from bulletin.ingest.registry import read_registry
from bulletin.ingest.targets import read_targets
from bulletin.report.loader import open_month
from support.hostile import ROOT, UNITS, case, case_csv, frame, make_dataset, write

GOOD = [case(f"C{i}", "2021-02-03 09:00:00", "2021-02-03 10:00:00", "2021-02-05 10:00:00")
        for i in range(1, 40)]


def facts_of(folder, strict=False):
    ds = Dataset.open(folder, strict=strict)
    ing = Ingestion()
    return case_facts(ds, "2021-02", "2021-02", ing), ing


def error_of(call) -> str:
    with pytest.raises(InputError) as err:
        call()
    return str(err.value)


def empty_xlsx(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with xlsxwriter.Workbook(path) as wb:
        wb.add_worksheet("Sheet1")


# ---------------------------------------------------------------- empty and header-only files

@pytest.mark.parametrize("rel", ["cases/b.csv", "evaluations/e.csv", "cases/b.xlsx"])
@pytest.mark.parametrize("content", [b"", b"\n\n", "\ufeff".encode(), b" \r\n"])
def test_an_empty_case_or_evaluation_file_is_an_error_naming_it(tmp_path, rel, content):
    folder = make_dataset(tmp_path, {"a.csv": GOOD})
    if rel.endswith(".xlsx"):
        empty_xlsx(folder / rel)
    else:
        write(folder, rel, content)
    text = error_of(lambda: facts_of(folder))
    assert rel.split("/")[-1] in text and "文件为空" in text


def test_a_case_file_with_only_its_header_reads_no_row(tmp_path):
    folder = make_dataset(tmp_path, {"a.csv": GOOD, "b.csv": []})
    _, ing = facts_of(folder)
    assert [(f.path.name, f.read) for f in ing.files] == [("a.csv", 39), ("b.csv", 0)]


@pytest.mark.parametrize("content", ["", "单位名称,层级,序号\n"])
def test_an_empty_registry_is_an_error_naming_it(tmp_path, content):
    write(tmp_path, "units.csv", content)
    text = error_of(lambda: read_registry(tmp_path))
    assert "units.csv" in text


@pytest.mark.parametrize("rel,content", [
    ("items/2021-02.csv", ""), ("items/2021-02.csv", "序号,部门名称,事项数\n"),
    ("hall/2021-02_windows.csv", ""), ("hall/2021-02_windows.csv", "序号,部门,大厅窗口办件数,备注\n"),
    ("hall/2021-02_centres.csv", ""), ("targets/2021-02.csv", ""),
    ("targets/2021-02.csv", "序号,指标,目标,达到水平\n"),
])
def test_empty_or_header_only_aggregated_tables_are_errors_naming_them(tmp_path, rel, content):
    write(tmp_path, "units.csv", UNITS)
    write(tmp_path, rel, content)
    registry = read_registry(tmp_path)
    read = {"items": lambda: read_items(tmp_path, "2021-02", registry),
            "hall": lambda: read_hall(tmp_path, "2021-02"),
            "targets": lambda: read_targets(tmp_path, "2021-02")}[rel.split("/")[0]]
    text = error_of(read)
    assert rel.split("/")[-1] in text


@pytest.fixture
def seed000(tmp_path):
    folder = tmp_path / "seed000"
    shutil.copytree(ROOT / "data" / "seed000", folder)
    return folder


@pytest.mark.parametrize("content", [b"", "序号,单位,办件情况（件）\n,,申请\n".encode()])
def test_an_empty_unit_stats_export_is_an_error_naming_it(seed000, content):
    (seed000 / "unit_stats" / "2021-02.xlsx").unlink()
    write(seed000, "unit_stats/2021-02.csv", content)
    text = error_of(lambda: open_month(seed000, "2021-02"))
    assert "2021-02.csv" in text


# ---------------------------------------------------------------- files cut short

def cut(path, keep: float):
    data = path.read_bytes()
    path.write_bytes(data[:int(len(data) * keep)])


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.95])
@pytest.mark.parametrize("kind", ["xlsx", "parquet"])
def test_a_truncated_xlsx_or_parquet_case_file_is_an_error_naming_it(tmp_path, kind, keep):
    folder = make_dataset(tmp_path)
    path = folder / "cases" / f"a.{kind}"
    path.parent.mkdir()
    (frame(GOOD).write_excel if kind == "xlsx" else frame(GOOD).write_parquet)(path)
    cut(path, keep)
    text = error_of(lambda: facts_of(folder))
    assert f"a.{kind}" in text and "无法读取" in text


def test_a_csv_cut_inside_a_character_is_an_error_naming_it(tmp_path):
    folder = make_dataset(tmp_path)
    data = case_csv(GOOD).encode()
    write(folder, "cases/a.csv", data[:data.rindex("线上".encode()) + 1])
    text = error_of(lambda: facts_of(folder))
    assert "a.csv" in text and "截断" in text


def test_a_csv_cut_inside_a_row_quarantines_that_row(tmp_path):
    folder = make_dataset(tmp_path)
    data = case_csv(GOOD)
    write(folder, "cases/a.csv", data[:data.rindex("2021-02-05")])
    _, ing = facts_of(folder)
    f = ing.files[0]
    assert (f.read, f.used, f.quarantined) == (39, 38, 1)
    assert {p.row for p in ing.problems} == {40}


def test_a_truncated_unit_stats_workbook_is_an_error_naming_it(seed000):
    cut(seed000 / "unit_stats" / "2021-02.xlsx", 0.5)
    text = error_of(lambda: open_month(seed000, "2021-02"))
    assert "2021-02.xlsx" in text


@pytest.mark.parametrize("name", ["units.xlsx", "units.parquet"])
def test_a_truncated_registry_is_an_error_naming_it(tmp_path, name):
    units = pl.read_csv(UNITS.encode(), infer_schema=False)
    path = tmp_path / name
    (units.write_excel if name.endswith("xlsx") else units.write_parquet)(path)
    cut(path, 0.5)
    text = error_of(lambda: read_registry(tmp_path))
    assert name in text


# ---------------------------------------------------------------- malformed CSV rows

@pytest.mark.parametrize("extra", [",x", ",,x", ",\"a,b\""])
def test_a_row_with_an_extra_field_is_an_error_naming_its_row(tmp_path, extra):
    rows = [*GOOD[:3], GOOD[3] + extra, *GOOD[4:]]
    folder = make_dataset(tmp_path, {"a.csv": rows})
    text = error_of(lambda: facts_of(folder))
    assert "a.csv" in text and "第 5 行" in text and "表头" in text


def test_an_empty_extra_field_is_harmless(tmp_path):
    rows = [GOOD[0] + ",", *GOOD[1:]]
    folder = make_dataset(tmp_path, {"a.csv": rows})
    facts, _ = facts_of(folder)
    assert facts["applied"].sum() == 39


@pytest.mark.parametrize("name", ['2"照片', '照片"', 'a"b"c'])
def test_a_quote_inside_a_value_is_text_as_in_excel(tmp_path, name):
    rows = [*GOOD[:2], GOOD[2].replace("户口迁移", name), *GOOD[3:]]
    folder = make_dataset(tmp_path, {"a.csv": rows})
    facts, ing = facts_of(folder)
    assert facts["applied"].sum() == 39 and not ing.problems
    validated, _ = Dataset.open(folder).validated("cases")
    names = validated.frame.select("item_name").collect()["item_name"].to_list()
    assert names[2] == name


@pytest.mark.parametrize("cell", ['"照片', '"照片""'])
def test_a_quote_never_closed_is_an_error_naming_its_row(tmp_path, cell):
    rows = [*GOOD[:2], GOOD[2].replace("户口迁移", cell), *GOOD[3:]]
    folder = make_dataset(tmp_path, {"a.csv": rows})
    text = error_of(lambda: facts_of(folder))
    assert "a.csv" in text and "第 4 行" in text and "引号" in text


def test_a_quote_never_closed_in_an_aggregated_csv_is_an_error(tmp_path):
    write(tmp_path, "units.csv", UNITS)
    write(tmp_path, "targets/2021-02.csv", '序号,指标,目标,达到水平\n1,"甲指标,80%,85%\n2,乙,80%,70%\n')
    text = error_of(lambda: read_targets(tmp_path, "2021-02"))
    assert "2021-02.csv" in text and "第 2 行" in text


# ---------------------------------------------------------------- integers beyond Int32

@pytest.mark.parametrize("value", [3_000_000_000, -3_000_000_000, 2**31])
def test_a_parquet_time_limit_beyond_int32_is_quarantined(tmp_path, value):
    folder = make_dataset(tmp_path)
    (folder / "cases").mkdir()
    frame(GOOD[:3]).with_columns(
        pl.Series("承诺时限", [5, value, 5], dtype=pl.Int64),
        pl.Series("法定时限", [20, 20, value], dtype=pl.Int64),
    ).write_parquet(folder / "cases" / "a.parquet")
    facts, ing = facts_of(folder)
    assert {(p.row, p.column) for p in ing.problems} == {(2, "承诺时限"), (3, "法定时限")}
    assert facts["applied"].sum() == 1


@pytest.mark.parametrize("value", ["3000000000", "1e10", "99999999999999999999"])
def test_a_csv_time_limit_beyond_int32_is_quarantined(tmp_path, value):
    rows = [GOOD[0], case("B1", "2021-02-03 09:00:00", promised=value)]
    folder = make_dataset(tmp_path, {"a.csv": rows})
    _, ing = facts_of(folder)
    assert [(p.row, p.column, p.value) for p in ing.problems] == [(3, "承诺时限", value)]


def test_parquet_unsigned_and_small_integers_are_read(tmp_path):
    folder = make_dataset(tmp_path)
    (folder / "cases").mkdir()
    frame(GOOD[:2]).with_columns(pl.Series("承诺时限", [5, 0], dtype=pl.UInt64),
                                 pl.Series("法定时限", [20, 20], dtype=pl.Int8)) \
        .write_parquet(folder / "cases" / "a.parquet")
    facts, ing = facts_of(folder)
    assert not ing.problems and facts["promise_applied"].sum() == 1


"""What an input folder holds besides data files: sub-folders are read (cases/2021/01.csv),
files that are not inputs (README.txt, Excel's ~$ lock files, hidden files) are listed as
ignored, and a file that looks like data in a format the tool cannot read is an error."""

from __future__ import annotations

import shutil

import pytest

from bulletin.core.errors import InputError
from bulletin.facts.build import case_facts
from bulletin.ingest.dataset import Dataset, Ingestion
from bulletin.ingest.files import display_path, ignored_files, input_files
from bulletin.report.loader import available_months, open_month
from support.hostile import ROOT, case, case_csv, make_dataset, write


def row(i: int, applied: str = "2021-02-03 09:00:00") -> str:
    return case(f"C{i}", applied, "2021-02-03 10:00:00", "2021-02-05 10:00:00")


def facts_of(folder):
    ds = Dataset.open(folder)
    ing = Ingestion()
    return case_facts(ds, "2021-02", "2021-02", ing), ing


@pytest.mark.parametrize("rel", ["cases/2021/02.csv", "cases/2021/02/a.csv", "cases/补报/b.csv"])
def test_files_in_subfolders_of_cases_are_read(tmp_path, rel):
    folder = make_dataset(tmp_path, {"a.csv": [row(1)]})
    write(folder, rel, case_csv([row(2), row(3)]))
    facts, ing = facts_of(folder)
    assert facts["applied"].sum() == 3
    read = {display_path(f.path): f.read for f in ing.files}
    assert read == {f"{folder.name}/cases/a.csv": 1, f"{folder.name}/{rel}": 2}


def test_evaluations_in_a_subfolder_are_read(tmp_path):
    folder = make_dataset(tmp_path, {"a.csv": [row(1)]})
    write(folder, "evaluations/2021/02.csv",
          "评价编号,办件编号,被评价单位,评价时间,评价等级,评价方式\n"
          "E1,C1,市公安局,2021-02-05 12:00:00,满意,主动评价\n")
    facts, _ = facts_of(folder)
    assert facts["evaluations"].sum() == 1


@pytest.mark.parametrize("rel,listed", [
    ("cases/README.txt", "README.txt"), ("cases/~$a.xlsx", "~$a.xlsx"),
    ("cases/.DS_Store", ".DS_Store"), ("cases/说明.md", "说明.md"),
    ("cases/2021/readme.TXT", "readme.TXT"), ("cases/.old/a.csv", ".old"),
    ("evaluations/~$e.xlsx", "~$e.xlsx")])
def test_files_that_are_not_inputs_are_listed_as_ignored(tmp_path, rel, listed):
    folder = make_dataset(tmp_path, {"a.csv": [row(1)]})
    write(folder, rel, "不是数据")
    facts, ing = facts_of(folder)
    assert facts["applied"].sum() == 1
    assert [p.name for p in ignored_files(folder / rel.split("/")[0])] == [listed]
    lines = "\n".join(ing.lines())
    assert "已忽略" in lines and listed in lines


@pytest.mark.parametrize("rel", ["cases/a.xls", "cases/2021/b.json", "cases/c.tsv"])
def test_a_data_file_of_another_format_is_an_error_naming_it(tmp_path, rel):
    folder = make_dataset(tmp_path, {"a.csv": [row(1)]})
    write(folder, rel, "x")
    with pytest.raises(InputError) as err:
        facts_of(folder)
    assert rel.split("/")[-1] in str(err.value) and "不支持的文件类型" in str(err.value)


def test_input_files_are_read_in_path_order(tmp_path):
    for rel in ("b.csv", "a/z.csv", "a.csv", "c/a.parquet"):
        write(tmp_path, rel, "x")
    assert [p.relative_to(tmp_path).as_posix() for p in input_files(tmp_path)] == \
        ["a.csv", "a/z.csv", "b.csv", "c/a.parquet"]


def test_a_unit_stats_export_in_a_subfolder_is_read(tmp_path):
    folder = tmp_path / "seed000"
    shutil.copytree(ROOT / "data" / "seed000", folder)
    (folder / "unit_stats" / "2021").mkdir()
    (folder / "unit_stats" / "2021-02.xlsx").rename(folder / "unit_stats" / "2021" / "2021-02.xlsx")
    assert available_months(folder) == ["2021-02"]
    b = open_month(folder, "2021-02")
    assert b.scope("全市")["applied"] > 0


def test_a_dataset_whose_cases_folder_holds_only_a_readme_has_no_case_data(tmp_path):
    folder = make_dataset(tmp_path)
    write(folder, "cases/README.txt", "导出说明")
    with pytest.raises(InputError) as err:
        _ = Dataset.open(folder).kind
    assert "cases/" in str(err.value)

"""The export shapes of docs/inputs.md §3 read as the document says: its examples (title
rows, a two-row header as CSV, a 合计 row) are taken from the document itself, written into
a dataset whose registry holds the unit they name, and read; the line the document quotes is the
line ``bulletin facts`` prints."""

from __future__ import annotations

import re

from bulletin.facts.build import case_facts
from bulletin.ingest.dataset import Dataset, Ingestion
from support.paths import ROOT

DOC = (ROOT / "docs" / "inputs.md").read_text(encoding="utf-8")
SECTION = DOC[DOC.index("**Title rows above the header.**"):DOC.index("## 4.")]
TITLED, GROUPED, TOTALLED = re.findall(r"```csv\n(.*?)```", SECTION, re.DOTALL)
UNITS = "单位名称,别名,层级,上级单位,考核分组,序号\n市示例局,示例局,市级部门,,,1\n"  # as in §4
PRINTED = re.search(r"^    (my-city/cases/2024-06\.csv：.*)$", SECTION, re.MULTILINE).group(1)


def read(tmp_path, text: str):
    folder = tmp_path / "my-city"
    (folder / "cases").mkdir(parents=True)
    (folder / "units.csv").write_text(UNITS, encoding="utf-8")
    (folder / "cases" / "2024-06.csv").write_text(text, encoding="utf-8")
    ingestion = Ingestion()
    facts = case_facts(Dataset.open(folder), "2024-06", "2024-06", ingestion)
    return facts, ingestion


def applied(facts) -> dict[str, int]:
    return {u: n for u, n in facts.select("unit", "applied").iter_rows() if n}


def test_the_title_rows_example_prints_the_line_the_document_quotes(tmp_path):
    facts, ing = read(tmp_path, TITLED)
    assert applied(facts) == {"市示例局": 1}
    assert ing.lines() == [PRINTED]


def test_the_two_row_csv_example_is_read_by_its_lower_row(tmp_path):
    row = "BJ-001,市示例局,A1,示例事项,2024-06-03 09:00:00,,,10,3,线上\n"
    facts, ing = read(tmp_path, GROUPED + row)
    assert applied(facts) == {"市示例局": 1}
    assert "表头为第 1—2 行（两行表头，按第 2 行的列名读取）" in ing.lines()[0]
    assert ing.problems == []


def test_the_total_example_is_set_aside_and_agrees(tmp_path):
    assert "「第 4 行为合计行（合计 2，与其上的数据行数相符），\n不作为数据读取」" in SECTION
    facts, ing = read(tmp_path, TOTALLED)
    assert applied(facts) == {"市示例局": 2}
    assert ing.lines() == [("my-city/cases/2024-06.csv：读取 2 行 = 使用 2 行 + 隔离 0 行；"
                           "第 4 行为合计行（合计 2，与其上的数据行数相符），不作为数据读取")]
    assert ing.notes == [("my-city/cases/2024-06.csv："
                         "第 4 行为合计行（合计 2，与其上的数据行数相符），不作为数据读取")]


def test_the_total_example_saying_3_is_the_mismatch_the_document_quotes(tmp_path):
    _, ing = read(tmp_path, TOTALLED.replace("合计,,,,,,,,,2", "合计,,,,,,,,,3"))
    quoted = re.search(r"review would list 「(.*?)」", SECTION, re.DOTALL).group(1).replace("\n", "")
    assert ing.notes[0] == f"my-city/cases/2024-06.csv：{quoted}"

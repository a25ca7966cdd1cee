"""考核得分 workbooks edited cell by cell (a copy of seed 001's): bad points are errors, a wrong
printed total is a finding, ranks change against the previous month."""

from __future__ import annotations

import shutil

import pytest
from openpyxl import load_workbook

from bulletin.core.errors import InputError
from bulletin.indicators.scores import rank_changes
from bulletin.ingest.dataset import Dataset
from bulletin.ingest.scores import read_scores
from bulletin.report.blocks import table_gt
from bulletin.report.findings import score_findings
from bulletin.report.loader import open_month
from bulletin.report.sections.scores import section_scores_annexes
from support.paths import DATA

SEED = DATA / "seed001"


def copy_seed(tmp_path):
    folder = tmp_path / "seed001"
    shutil.copytree(SEED, folder, ignore=shutil.ignore_patterns("*.py"))
    return folder


def set_cell(path, sheet, unit, header, value):
    wb = load_workbook(path)
    ws = wb[sheet]
    rows = list(ws.iter_rows())
    col = next(i for i, c in enumerate(rows[0]) if c.value == header) \
        if any(c.value == header for c in rows[0]) else \
        next(i for i, c in enumerate(rows[1]) if c.value == header)
    row = next(r for r in rows[2:] if r[1].value == unit)
    row[col].value = value
    wb.save(path)
    return row[0].row


def test_point_above_maximum_is_an_error(tmp_path):
    folder = copy_seed(tmp_path)
    path = folder / "scores" / "2023-06.xlsx"
    row = set_cell(path, "B组", "市医保局", "证照应用得分", "20.50")
    d = Dataset.open(folder)
    with pytest.raises(InputError) as err:
        read_scores(d.folder, "2023-06", d.config, d.registry)
    message = str(err.value)
    for part in ("2023-06.xlsx", "B组", f"第 {row} 行", "证照应用得分", "20.50", "满分 20 分"):
        assert part in message


def test_not_a_number_and_unknown_unit(tmp_path):
    folder = copy_seed(tmp_path)
    path = folder / "scores" / "2023-06.xlsx"
    set_cell(path, "A组", "市水务局", "事项梳理得分", "满分")
    set_cell(path, "县（市、区）", "渠县", "地区", "渠 县 区")
    d = Dataset.open(folder)
    with pytest.raises(InputError) as err:
        read_scores(d.folder, "2023-06", d.config, d.registry)
    assert "「满分」" in str(err.value) and "「渠 县 区」" in str(err.value)


def test_printed_total_that_disagrees_is_a_finding(tmp_path):
    folder = copy_seed(tmp_path)
    set_cell(folder / "scores" / "2023-06.xlsx", "A组", "市经信局", "综合得分", "89.71")
    d = Dataset.open(folder)
    found = score_findings(read_scores(d.folder, "2023-06", d.config, d.registry))
    assert len(found) == 1 and "89.61" in found[0].text and "89.71" in found[0].text


def test_rank_change_against_previous_month(tmp_path):
    folder = copy_seed(tmp_path)
    before = folder / "scores" / "2023-05.xlsx"
    shutil.copy(folder / "scores" / "2023-06.xlsx", before)
    set_cell(before, "A组", "市应急局", "专项工作情况得分", "29.00")  # first in May
    d = Dataset.open(folder)
    now = read_scores(d.folder, "2023-06", d.config, d.registry).group("A组")
    prev = read_scores(d.folder, "2023-05", d.config, d.registry).group("A组")
    changes = {r["unit"]: r["change"] for r in rank_changes(now, prev).iter_rows(named=True)}
    assert changes["市应急局"] == -11 and changes["市城管执法局"] == 1
    blocks = section_scores_annexes(open_month(folder, "2023-06"))
    html = table_gt(blocks[blocks.index("### 附件1") + 1]).as_raw_html()
    assert "↓11" in html

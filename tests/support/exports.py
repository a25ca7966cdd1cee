"""Platform exports for the export-shape tests (docs/inputs.md §3): the handmade registry
(support.handmade), three June 2024 cases worked out by hand, title rows, and workbooks
built with openpyxl."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from bulletin.facts.build import case_facts
from bulletin.ingest.dataset import Dataset, Ingestion
from support.handmade import CASE_HEADER, make

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exports"

HEADER = CASE_HEADER.split(",")
TITLE = "青岚市一体化政务服务平台办件明细表"
EXPORTED = ["导出时间：2024-07-01 09:00", "导出人：（示例）"]
SKIPPED = f"「{TITLE}」「导出时间：…」「导出人：…」"

# June 2024: 市甲局 applies 2 (accepts 1, completes 1), 丙县丁镇 (alias 丁镇) 1 (1, 1).
ROWS = [
    ["BJ-001", "市甲局", "A1", "示例事项", "2024-06-03 09:00:00", "2024-06-03 09:30:00",
     "2024-06-05 16:00:00", "10", "3", "线上"],
    ["BJ-002", "市甲局", "A1", "示例事项", "2024-06-04 10:00:00", "", "", "10", "3", "线下"],
    ["BJ-003", "丁镇", "A2", "示例证明", "2024-06-05 08:00:00", "2024-06-05 08:10:00",
     "2024-06-05 08:40:00", "", "0", "窗口"],
]
BAD = ["BJ-004", "市未知局", "A1", "示例事项", "2024-06-06 09:00:00", "", "", "10", "3", "线上"]

EXPECTED = {"市甲局": (2, 1, 1), "丙县丁镇": (1, 1, 1)}  # unit: applied, accepted, completed


def dataset(tmp_path: Path) -> Path:
    """The handmade registry, no case file yet."""
    folder = make(tmp_path / "ds", [])
    (folder / "cases" / "cases.csv").unlink()
    return folder


def workbook(path: Path, sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None):
    """An XLSX with the given sheets (rows of cells; '' and None are empty cells)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append([None if c == "" else c for c in r])
        for cells in (merges or {}).get(name, []):
            ws.merge_cells(cells)
    wb.save(path)


def csv_text(rows: list[list[str]]) -> str:
    return "".join(",".join(r) + "\n" for r in rows)


def facts_of(folder: Path):
    ingestion = Ingestion()
    facts = case_facts(Dataset.open(folder), "2024-06", "2024-06", ingestion)
    return facts, ingestion


def figures(facts) -> dict[str, tuple[int, int, int]]:
    rows = facts.filter(facts["applied"] > 0).select("unit", "applied", "accepted", "completed")
    return {r[0]: tuple(r[1:]) for r in rows.iter_rows()}

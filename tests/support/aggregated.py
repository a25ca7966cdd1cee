"""Copies of the seed datasets whose aggregated inputs (unit_stats, scores, items, hall,
targets) a test edits line by line or cell by cell."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from openpyxl import Workbook, load_workbook

from support.paths import DATA


def copy_seed(name: str, tmp_path: Path) -> Path:
    """data/<name> copied to tmp_path/<name> (messages then name files as <name>/…)."""
    target = tmp_path / name
    shutil.copytree(DATA / name, target)
    return target


def edit_line(path: Path, number: int, old: str, new: str) -> None:
    """Replace ``old`` (which must occur once) by ``new`` in line ``number`` (1-based)."""
    lines = path.read_text(encoding="utf-8-sig").split("\n")
    assert lines[number - 1].count(old) == 1, (lines[number - 1], old)
    lines[number - 1] = lines[number - 1].replace(old, new)
    path.write_text("\n".join(lines), encoding="utf-8")


def sheet_rows(path: Path, sheet: str | None = None) -> list[list[object]]:
    """A worksheet's rows as values (the first sheet when none is named)."""
    wb = load_workbook(path)
    ws = wb[sheet] if sheet else wb.worksheets[0]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def sheet_grids(path: Path) -> dict[str, list[list[object]]]:
    """Every worksheet's rows as values, by sheet name, in the workbook's order."""
    wb = load_workbook(path)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def write_csv(path: Path, rows: list[list[object]], encoding: str = "utf-8") -> Path:
    """``rows`` as a CSV file (None as an empty value) in ``encoding``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
    return path


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path

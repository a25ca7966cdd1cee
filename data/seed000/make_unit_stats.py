"""Build unit_stats/2021-02.xlsx from seed bulletin 000's annex tables.

The numbers are NOT typed by hand: this script parses the seed text itself
(seed 000, the 达州市 bulletin of 2021-02, as tests/fixtures/seeds/ holds it; annex 1 = 市级部门, annex 2 = 县（市、区）),
so every count, every rate string ("69.79%", "-160.00%") and the "-" of 市邮政管理局
主动评价数 are provably the seed's, cell for cell.

The workbook looks like the platform's export: one sheet per annex ("市级部门",
"县（市、区）"), a two-row header whose row 1 holds 序号 and 单位/地区 (each merged over
rows 1-2) and the spanners merged across their leaves, row 2 the leaves, then one row
per unit. Counts are written as numbers, rates and "-" as the text printed. The
page-break repeats of the header in the seed's annex 1 are not reproduced (an export
has one header per sheet).

    .venv/bin/python data/seed000/make_unit_stats.py [SEED_TXT] [OUT_XLSX]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

HERE = Path(__file__).resolve().parent
SEED = HERE.parents[1] / "tests" / "fixtures" / "seeds" / "000.txt"
OUT = HERE / "unit_stats" / "2021-02.xlsx"
SHEETS = {"附件 1": ("市级部门", 41), "附件 2": ("县（市、区）", 8)}
WIDTH = 21  # 序号, 单位, 19 figures


def cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def parse(text: str) -> dict[str, dict]:
    """Per annex: the spanner row, the leaf row and the data rows, as printed."""
    annexes: dict[str, dict] = {}
    current = None
    for line in text.splitlines():
        stripped = line.strip()
        if stripped in SHEETS:
            current = annexes.setdefault(stripped, {"spanners": None, "leaves": None, "rows": []})
            continue
        if current is None or not stripped.startswith("|"):
            continue
        row = cells(stripped)
        if len(row) != WIDTH:
            raise ValueError(f"{len(row)} cells instead of {WIDTH}: {line!r}")
        if all(re.fullmatch(r"-+", c) for c in row):
            continue  # markdown separator
        if row[0] == "序号":
            if current["spanners"] not in (None, row):
                raise ValueError(f"repeated header differs: {row}")
            current["spanners"] = row
        elif row[0] == "" and row[1] == "":
            if current["leaves"] not in (None, row):
                raise ValueError(f"repeated leaf row differs: {row}")
            current["leaves"] = row
        elif row[0].isdigit():
            current["rows"].append(row)
        else:
            raise ValueError(f"unexpected table line: {line!r}")
    for key, (sheet, count) in SHEETS.items():
        rows = annexes[key]["rows"]
        if [int(r[0]) for r in rows] != list(range(1, count + 1)):
            raise ValueError(f"{key}: expected serial numbers 1..{count}")
    return annexes


def value(text: str) -> int | str:
    """A count as a number; a rate or "-" as the text printed."""
    return int(text) if re.fullmatch(r"\d+", text) else text


def write(annexes: dict[str, dict], out: Path) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for key, (title, _) in SHEETS.items():
        ws = wb.create_sheet(title)
        annex = annexes[key]
        spanners, leaves = annex["spanners"], annex["leaves"]
        for col, (top, leaf) in enumerate(zip(spanners, leaves), start=1):
            if top:
                ws.cell(1, col, top)
            if leaf:
                ws.cell(2, col, leaf)
        # 序号 and 单位/地区 merged vertically; each spanner merged over its blank
        # continuation cells, exactly as the printed table's empty header cells show.
        for col in (1, 2):
            ws.merge_cells(start_row=1, start_column=col, end_row=2, end_column=col)
        col = 3
        while col <= WIDTH:
            end = col
            while end < WIDTH and spanners[end] == "":
                end += 1
            if end > col:
                ws.merge_cells(start_row=1, start_column=col, end_row=1, end_column=end)
            col = end + 1
        for r in (1, 2):
            for c in range(1, WIDTH + 1):
                ws.cell(r, c).font = bold
                ws.cell(r, c).alignment = centre
        for i, row in enumerate(annex["rows"], start=3):
            for c, text in enumerate(row, start=1):
                ws.cell(i, c, value(text))
        ws.column_dimensions["B"].width = 24
        for c in range(3, WIDTH + 1):
            ws.column_dimensions[get_column_letter(c)].width = 10
        ws.freeze_panes = "C3"
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)


def main(argv: list[str]) -> None:
    seed = Path(argv[1]) if len(argv) > 1 else SEED
    out = Path(argv[2]) if len(argv) > 2 else OUT
    write(parse(seed.read_text(encoding="utf-8")), out)
    print(f"wrote {out}")


if __name__ == "__main__":
    main(sys.argv)

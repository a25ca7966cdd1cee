"""Build seed 001's dataset inputs from the seed's text (tests/fixtures/seeds/).

Nothing is typed by hand: this script parses the seed itself.

* ``units.csv``: the 41 市级部门 in the order and with the groups (A组/B组) of annex 6
  (the province's own list), then the 8 县（市、区） in the order of annex 9. Aliases are
  the other spellings the seed's annexes use (市文化旅游局, 市生态环境厅, 市交通运输厅).
* ``scores/2023-06.xlsx``: annex 1, 2 and 3 as one sheet per group (A组, B组, 县（市、区）),
  every cell the printed text ("22", "100.00%", "—", "2.101"). The two-row header is the
  printed one; the text dump of the PDF shifts the leaf row of some header copies, so the
  leaves are placed under their spanners again (row 1 fixes the spanners' widths). Annex 3
  prints only 分站点开通情况 of the three leaves under 分站点建设维护; the other two names come
  from its note 5 (应用接入数, 分站点维护问题数).

    .venv/bin/python data/seed001/make_scores.py
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment

HERE = Path(__file__).resolve().parent
SEED = HERE.parents[1] / "tests" / "fixtures" / "seeds" / "001.txt"
ANNEXES = {"附件 1": "A组", "附件 2": "B组", "附件 3": "县（市、区）"}
NOTE_LEAVES = {"县（市、区）": ["应用接入数", "分站点维护问题数"]}  # annex 3, note 5
ALIASES = {"市文体旅游局": "市文化旅游局", "市生态环境局": "市生态环境厅",
           "市交通运输局": "市交通运输厅"}
STAND_ALONE = ("序号", "部门", "地区")


def sections(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        m = re.fullmatch(r"附件 ?(\d+)", line.strip())
        if m:
            current = f"附件 {m.group(1)}"
            out[current] = []
        elif current:
            out[current].append(line)
    return out


def header(lines: list[str]) -> tuple[list[str], list[str]]:
    """The annex's last printed header pair, leaves re-placed under their spanners."""
    at = max(i for i, line in enumerate(lines) if line.startswith("序号\t"))
    top = lines[at].split("\t")
    while top and top[-1] == "":
        top.pop()
    leaves = [c for c in lines[at + 1].split("\t") if c]
    slots = []
    for i, name in enumerate(top):
        if name and (name in STAND_ALONE or name.endswith("得分")):
            continue
        if name or (slots and i == slots[-1] + 1 and not name):
            slots.append(i)
    return top, leaves, slots


def data_rows(lines: list[str], width: int) -> list[list[str]]:
    rows = [line.split("\t") for line in lines if re.match(r"^\d+\t", line)]
    rows = [r[:width] + [""] * (width - len(r)) for r in rows]
    for r in rows:
        if any(not c for c in r[:width]):
            raise ValueError(f"blank cell in {r}")
    return rows


def build_scores(parts: dict[str, list[str]]) -> dict[str, list[list[str]]]:
    sheets = {}
    for annex, group in ANNEXES.items():
        top, leaves, slots = header(parts[annex])
        leaves = leaves + NOTE_LEAVES.get(group, [])
        if len(leaves) != len(slots):
            raise ValueError(f"{annex}: {len(leaves)} leaves for {len(slots)} slots")
        row2 = [""] * len(top)
        for i, leaf in zip(slots, leaves):
            row2[i] = leaf
        rows = data_rows(parts[annex], len(top))
        if [int(r[0]) for r in rows] != list(range(1, len(rows) + 1)):
            raise ValueError(f"{annex}: rows not numbered 1..n")
        sheets[group] = [top, row2, *rows]
    return sheets


def registry(parts: dict[str, list[str]]) -> list[dict[str, str]]:
    units = []
    for line in parts["附件 6"]:
        m = re.match(r"^(\d+)\t(A组|B组)\t([^\t]+)\t", line)
        if m:
            units.append({"单位名称": m.group(3), "别名": ALIASES.get(m.group(3), ""),
                          "层级": "市级部门", "上级单位": "", "考核分组": m.group(2)})
    for line in parts["附件 9"]:
        m = re.match(r"^(\d+)\t([^\t]+)\t", line)
        if m:
            units.append({"单位名称": m.group(2), "别名": "", "层级": "县（市、区）",
                          "上级单位": "", "考核分组": "县（市、区）"})
    for i, u in enumerate(units, start=1):
        u["序号"] = str(i)
    return units


def write_xlsx(sheets: dict[str, list[list[str]]], path: Path) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        top, leaves = rows[0], rows[1]
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value:
                    ws.cell(r, c, value).alignment = centre
        c = 0
        while c < len(top):  # merge stand-alone headers down, spanners across
            if top[c] and not leaves[c]:
                ws.merge_cells(start_row=1, start_column=c + 1, end_row=2, end_column=c + 1)
                c += 1
                continue
            end = c
            while end + 1 < len(top) and not top[end + 1] and leaves[end + 1]:
                end += 1
            if end > c:
                ws.merge_cells(start_row=1, start_column=c + 1, end_row=1, end_column=end + 1)
            c = end + 1
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def main() -> None:
    parts = sections(SEED.read_text(encoding="utf-8"))
    units = registry(parts)
    with (HERE / "units.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["单位名称", "别名", "层级", "上级单位", "考核分组", "序号"])
        w.writeheader()
        w.writerows(units)
    write_xlsx(build_scores(parts), HERE / "scores" / "2023-06.xlsx")


if __name__ == "__main__":
    main()

"""Build seed 003's dataset inputs from the seed's text (tests/fixtures/seeds/).

Nothing is typed by hand: the script parses the seed's annex tables (printed as one
cell per line, each ending in "|") and writes them cell for cell:

* ``items/2022-09.csv``: annex 1 (9月“一网通办”能力提升工作情况) with its two-row header,
  事项梳理 over 7 leaves and 运行效能 over 10; rates and "-" as printed.
* ``hall/2022-09_windows.csv``: annex 2 (大厅部门窗口办件情况) with its 总计 row.
* ``hall/2022-09_centres.csv``: annex 3 (便民服务中心办件情况) in the seed's layout: the town
  in the first column of its first row (a merged cell), the centre in the second, 小计 per
  town and 总计 at the end, names as printed (格里坪镇便民服务中心心心心, 玉泉 街道).
* ``units.csv``: annex 1's 38 units in its order: 32 区级部门 (level 市级部门, the registry's
  department level) and 6 镇（街道）.

    .venv/bin/python data/seed003/make_seed003.py
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = HERE.parents[1] / "tests" / "fixtures" / "seeds" / "003.txt"
NUMBER = re.compile(r"^-?\d+$")


def blocks(text: str) -> dict[str, list[str]]:
    """Annex name → its cells (the text between "|" marks, stripped, empties kept)."""
    out, current, lines = {}, None, []
    for line in text.splitlines():
        if re.fullmatch(r"附件\d", line.strip()):
            if current:
                out[current] = lines
            current, lines = line.strip(), []
        elif current:
            lines.append(line)
    out[current] = lines
    return {k: [c.strip() for c in "\n".join(v[1:]).split("|")] for k, v in out.items()}


def write(path: Path, rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)


def annex1(cells: list[str]) -> list[list[str]]:
    cells = [c for c in cells if c]
    assert cells[:4] == ["序号", "部门", "事项梳理", "运行效能"], cells[:4]
    leaves = cells[4:21]
    body = cells[21:]
    rows = [body[i:i + 19] for i in range(0, len(body) - len(body) % 19, 19)]
    assert [int(r[0]) for r in rows] == list(range(1, 39)), "annex 1 rows"
    top = ["序号", "部门", "事项梳理"] + [""] * 6 + ["运行效能"] + [""] * 9
    return [top, ["", ""] + leaves, *rows]


def annex2(cells: list[str]) -> list[list[str]]:
    header, body = cells[:4], cells[4:]
    rows = []
    for i in range(0, len(body), 4):
        row = body[i:i + 4]
        if row[0] == "总计":  # 总计 spans 序号 and 部门
            rows.append(["总计", "", row[1], row[2]])
            break
        rows.append(row)
    return [header, *rows]


def annex3(cells: list[str]) -> list[list[str]]:
    cells = [c for c in cells if c]
    header = ["便民服务中心", "", *cells[1:5]]
    rows, i, body = [], 0, cells[5:]
    while i < len(body):
        token = body[i]
        if token == "总计":
            rows.append(["总计", "", *body[i + 1:i + 5]])
            break
        if token == "小计":
            rows.append(["", "小计", *body[i + 1:i + 5]])
            i += 5
        elif not NUMBER.match(body[i + 1]):  # a town, then its first centre
            rows.append([token, body[i + 1], *body[i + 2:i + 6]])
            i += 6
        else:
            rows.append(["", token, *body[i + 1:i + 5]])
            i += 5
    for r in rows:
        assert all(NUMBER.match(v) for v in r[2:]) and len(r) == 6, r
    return [header, *rows]


def main() -> None:
    parts = blocks(SEED.read_text(encoding="utf-8"))
    items = annex1(parts["附件1"])
    write(HERE / "items" / "2022-09.csv", items)
    write(HERE / "hall" / "2022-09_windows.csv", annex2(parts["附件2"]))
    write(HERE / "hall" / "2022-09_centres.csv", annex3(parts["附件3"]))
    units = [["单位名称", "别名", "层级", "上级单位", "考核分组", "序号"]]
    for r in items[2:]:
        level = "乡镇（街道）" if r[1].endswith(("镇", "街道")) else "市级部门"
        units.append([r[1], "", level, "", "", r[0]])
    write(HERE / "units.csv", units)


if __name__ == "__main__":
    main()

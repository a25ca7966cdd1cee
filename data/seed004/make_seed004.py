"""Build seed 004's dataset inputs from the seed's text (tests/fixtures/seeds/).

Nothing is typed by hand: the script parses annex 2 (各部门各街镇行政许可事项4个指标详情),
printed one cell per line, and writes its two tables cell for cell ("92.47%", "0.08",
"100%"):

* ``items/2021-09_部门.csv`` — 28 departments (序号, 部门名称, 事项数, 承诺时限压缩比,
  平均到现场次数, 即办件占比, 全程网办占比); the header cell 平均到 / 现场次数, broken over
  two lines in the print, is one header.
* ``items/2021-09_街镇.csv`` — the 12 街镇 (街镇名称 …).
* ``units.csv`` — the departments (level 市级部门) then the 街镇 (乡镇（街道）), in print order.

    .venv/bin/python data/seed004/make_seed004.py
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = HERE.parents[1] / "tests" / "fixtures" / "seeds" / "004.txt"


def tables(text: str) -> list[list[list[str]]]:
    body = text.split("附件2：", 1)[1].split("附件3：", 1)[0]
    tokens = [t.strip() for t in body.splitlines() if t.strip()]
    out, i = [], 0
    while i < len(tokens):
        if tokens[i] != "序号":
            i += 1
            continue
        header = []
        while not re.fullmatch(r"\d+", tokens[i]):
            header.append(tokens[i])
            i += 1
        if "平均到" in header:  # the print breaks this header over two lines
            j = header.index("平均到")
            header[j:j + 2] = [header[j] + header[j + 1]]
        rows = []
        while i < len(tokens) and re.fullmatch(r"\d+", tokens[i]):
            rows.append(tokens[i:i + len(header)])
            i += len(header)
        assert [int(r[0]) for r in rows] == list(range(1, len(rows) + 1))
        out.append([header, *rows])
    return out


def write(path: Path, rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)


def main() -> None:
    departments, towns = tables(SEED.read_text(encoding="utf-8"))
    write(HERE / "items" / "2021-09_部门.csv", departments)
    write(HERE / "items" / "2021-09_街镇.csv", towns)
    units = [["单位名称", "别名", "层级", "上级单位", "考核分组", "序号"]]
    for level, table in (("市级部门", departments), ("乡镇（街道）", towns)):
        for r in table[1:]:
            units.append([r[1], "", level, "", "", str(len(units))])
    write(HERE / "units.csv", units)


if __name__ == "__main__":
    main()

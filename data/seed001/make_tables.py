"""Build seed 001's given tables (annexes 4–11) from the seed's text (tests/fixtures/seeds/).

* ``tables/2023-06/NN_标题.csv``: one table per annex the seed prints, NN its number in the
  seed's 附件 list and 标题 its title there; the rows as printed (every data line of the annex,
  ``1\\t A组\\t 市发展改革委\\t …``), under the header below. The text dump of the PDF shifts
  or repeats header cells, so each header is typed here from the printed table:
  ``上级表头|列名`` for a column under a spanning header (ingest/tables.py).
* ``tables/2023-06/NN_标题.txt``: the annex's 备注, one a line, as printed (without the
  list dash).

The seed's 附件 list names 11 annexes but its text has no table for 附件 8 (县（市、区）事项梳理
进度表): nothing is made for it. 附件 4 prints rows 1–22 only (its second page is not in the
text). Typos fixed, as said here: 附件 5's header prints “省内通办”未认领发布数 twice, the second
is “川渝通办” (its 备注 names both); its row 21 prints 市民政局, which is 市民宗局 (row 23 is
市民政局; 附件 4 and 6 list 市民宗局 as number 21).

    .venv/bin/python data/seed001/make_tables.py
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = HERE.parents[1] / "tests" / "fixtures" / "seeds" / "001.txt"
OUT = HERE / "tables" / "2023-06"

ONE = "“一件事一次办”情况"
CROSS = "“跨区域通办”实现情况"
FIRMS = "助企惠企"
ITEMS = "事项梳理"

HEADERS = {
    4: ["序号", "组别", "部门", "实施清单未认领数", "办事指南未发布数",
        "办事指南准确性|异常数", "办事指南准确性|线上线下一致性"],
    5: ["序号", "组别", "部门", f"{ONE}|配置发布情况", f"{ONE}|入驻综窗系统情况",
        f"{ONE}|可用性核验", f"{CROSS}|“省内通办”未认领发布数", f"{CROSS}|“川渝通办”未认领发布数",
        f"{CROSS}|承接落实情况得分", f"{FIRMS}|惠企政策发布数", f"{FIRMS}|项目申报指南发布数",
        "信息宣传具体落实情况得分", "任务落实情况得分"],
    6: ["序号", "组别", "部门", f"{ITEMS}|目录清单完成情况", f"{ITEMS}|实施清单完成情况",
        "数据汇聚|监管事项行为覆盖率", "数据资源编目|异常目录解决率"],
    7: ["序号", "部门", "项目全流程网办情况", "计分", "主线办件准确率", "计分", "辅线办件准确率",
        "计分", "推进并联审批改革情况", "计分"],
    9: ["序号", "地区", "“一件事”配置发布情况|“一件事”配置发布情况", "“一件事”配置发布情况|入驻综窗情况",
        "“一件事”配置发布情况|可用性核验", f"{CROSS}|“省内通办”未认领发布事项数",
        f"{CROSS}|“川渝通办”未认领发布事项数", f"{CROSS}|承接落实情况得分",
        f"{FIRMS}|惠企政策发布数", f"{FIRMS}|项目申报指南发布数", "信息宣传|具体落实情况得分",
        "任务落实情况得分"],
    10: ["序号", "地区", "项目全流程网办情况", "计分", "主线办件准确率", "计分", "辅线办件准确率",
         "计分", "推进并联审批改革情况"],
    11: ["序号", "地区", f"{ITEMS}|目录清单未认领数", f"{ITEMS}|实施清单未发布数",
         "数据汇聚|监管事项行为覆盖率", "数据资源编目|异常目录解决率"],
}

FIXES = {(5, "21"): {2: "市民宗局"}}  # (annex, 序号) → {column: printed text corrected}


def annex_list(text: str) -> dict[int, str]:
    """Number → title of the seed's 附件 list (「- 附件：1. …」 and the lines after it)."""
    start = text.index("附件：1.")
    titles = {}
    for line in text[start:].splitlines():
        m = re.match(r"^(?:- 附件：)?(\d+)\. (.+)$", line.strip())
        if m:
            titles[int(m.group(1))] = m.group(2).strip()
        elif line.strip().startswith("附件 "):
            break
    return titles


def annex_parts(text: str) -> dict[int, list[str]]:
    """Number → the lines of each annex the seed prints (「附件 N」 … up to the next)."""
    out: dict[int, list[str]] = {}
    current = None
    for line in text.splitlines():
        m = re.fullmatch(r"附件 ?(\d+)", line.strip())
        if m:
            current = int(m.group(1))
            out[current] = []
        elif current is not None:
            out[current].append(line)
    return out


def rows_of(number: int, lines: list[str]) -> list[list[str]]:
    width = len(HEADERS[number])
    rows = []
    for line in lines:
        if not re.match(r"^\d+\t", line):
            continue
        cells = [c.strip() for c in line.rstrip("\n").split("\t")]
        while len(cells) > width and cells[-1] == "":
            cells.pop()
        if len(cells) != width:
            raise ValueError(f"附件 {number}: {len(cells)} cells for {width} columns in {line!r}")
        for column, value in FIXES.get((number, cells[0]), {}).items():
            cells[column] = value
        rows.append(cells)
    if [int(r[0]) for r in rows] != list(range(1, len(rows) + 1)):
        raise ValueError(f"附件 {number}: rows not numbered 1..n")
    return rows


def notes_of(lines: list[str]) -> list[str]:
    at = next((i for i, line in enumerate(lines) if line.strip().startswith("备注")), None)
    if at is None:
        return []
    out = []
    for line in lines[at + 1:]:
        line = line.strip()
        if not line or line.endswith("印发"):
            continue
        out.append(line.removeprefix("- "))
    return out


def main() -> None:
    text = SEED.read_text(encoding="utf-8")
    titles, parts = annex_list(text), annex_parts(text)
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*"):
        old.unlink()
    for number, header in HEADERS.items():
        stem = f"{number:02d}_{titles[number]}"
        with (OUT / f"{stem}.csv").open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows([header, *rows_of(number, parts[number])])
        notes = notes_of(parts[number])
        if notes:
            (OUT / f"{stem}.txt").write_text("\n".join(notes) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

"""The 云岭市东区 sample: seed 003's month shape (its 实体大厅 windows and 便民服务中心 by
town, data/seed003) in another year, with names that wrap in a table's column.

云岭市东区 is imaginary. September 2023 only: ``hall/2023-09_windows.csv`` (大厅部门窗口办件
情况: five windows and the printed 总计) and ``hall/2023-09_centres.csv`` (便民服务中心办件
情况 in seed 003's layout: the town in the first column of its first row, 小计 closing each
town, then 总计) — and after the 总计 row a seventh town, 银江镇, whose four centres have
no 小计 (the analyst appended them; the 总计 counts them). The names are what a printed
table has to break: a centre's name of 22 characters (「云岭湖街道金沙江大道南段社区党群
便民服务中心」), one of 14 with no phrase boundary (「云岭阳光康养旅游度假服务驿站」), a
digit and a Latin letter in a name (「银江镇第2社区…」, 「金沙湾B区社区…」), brackets
(「金江镇（街道）」, 「沙坝村（社区）…」) and names of 10 and 11 characters, which a phone's
name column wraps. The registry lists the 区行政审批局 alone: windows and centres are named
as written, never looked up. Run from the repository root:

    .venv/bin/python data/yunling/make_yunling.py
"""

from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).parent
MONTH = "2023-09"

# town → its centres: (name, 咨询, 申请, 受理, 办结)
TOWNS = {
    "格林镇": [("格林镇便民服务中心", 120, 96, 96, 95), ("金林社区便民服务中心", 57, 46, 46, 46),
            ("庄上村便民服务中心", 21, 11, 11, 11)],
    "云岭湖街道": [("云岭湖街道便民服务中心", 155, 121, 121, 120),
              ("云岭湖街道金沙江大道南段社区党群便民服务中心", 187, 162, 162, 162),
              ("席草坪社区便民服务中心", 47, 33, 33, 33)],
    "河湾街道": [("河湾街道便民服务中心", 96, 80, 80, 80), ("苏铁社区便民服务中心", 53, 44, 44, 44),
             ("石桥社区便民服务中心", 36, 35, 35, 35)],
    "金江镇（街道）": [("金江镇便民服务中心", 88, 72, 72, 71),
                 ("沙坝村（社区）便民服务中心", 30, 25, 25, 25)],
    "清溪坪街道": [("清溪坪街道便民服务中心", 142, 118, 118, 118),
              ("杨柳坪社区便民服务中心", 91, 79, 79, 79)],
    "大鼎街道": [("大鼎街道便民服务中心", 41, 36, 36, 36), ("小鼎社区便民服务中心", 46, 40, 40, 40)],
}
# after the 总计 row, without a 小计
APPENDED = {
    "银江镇": [("银江镇便民服务中心", 64, 58, 58, 58), ("银江镇第2社区便民服务中心", 22, 19, 19, 19),
            ("云岭阳光康养旅游度假服务驿站", 15, 12, 12, 12),
            ("金沙湾B区社区便民服务中心", 18, 16, 16, 16)],
}

WINDOWS = [("市公交公司(市级下沉窗口)", 2406), ("市住房公积金中心东区管理部(市级下沉窗口)", 195),
           ("区社会保险事务中心", 1239), ("区医保局", 986), ("市公安局东区分局交警窗口", 245)]


def write(path: Path, rows: list[list]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def centres() -> list[list]:
    rows: list[list] = [["便民服务中心", "", "咨询(件)", "申请(件)", "受理(件)", "办结(件)"]]
    for town, found in TOWNS.items():
        rows += [[town if i == 0 else "", *centre] for i, centre in enumerate(found)]
        rows.append(["", "小计", *(sum(c[k] for c in found) for k in range(1, 5))])
    every = [c for found in (*TOWNS.values(), *APPENDED.values()) for c in found]
    rows.append(["总计", "", *(sum(c[k] for c in every) for k in range(1, 5))])
    for town, found in APPENDED.items():
        rows += [[town if i == 0 else "", *centre] for i, centre in enumerate(found)]
    return rows


def main() -> None:
    write(HERE / "units.csv", [["单位名称", "别名", "层级", "上级单位", "考核分组", "序号"],
                               ["区行政审批局", "", "市级部门", "", "", 1]])
    write(HERE / "hall" / f"{MONTH}_windows.csv",
          [["序号", "部门", "大厅窗口 办件数", "备注"],
           *([i, name, count, ""] for i, (name, count) in enumerate(WINDOWS, 1)),
           ["总计", "", sum(count for _, count in WINDOWS), ""]])
    write(HERE / "hall" / f"{MONTH}_centres.csv", centres())


if __name__ == "__main__":
    main()

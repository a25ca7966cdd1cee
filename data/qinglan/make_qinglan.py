"""The 青岚市 sample: a registry that is a tree, and its case-level exports.

青岚市 is imaginary. Its registry has every level the tool knows: four 市级部门, four
县（市、区） — 西岭县 with two 县级部门, a town with a community under it and a second town;
南溪区 with a 县级部门 and a 街道; 北塘市 alone (the shape of seed 000's counties); 东坪县 with
one town — so that a county's figure is the sum of everything under it. Two months, exported
as an XLSX (May 2024) and a GBK CSV (June 2024), with 好差评.

Every case is a 承诺件 (承诺时限 2, 法定时限 5 working days), applied for and accepted at
09:00 on the month's first Monday. A completed case is completed 1 working day later (early),
an overdue one 4 working days later (2024-05-13 → 05-17, 2024-06-03 → 06-07: no holiday in
between). The figures of each unit are the table SPEC below, so that the tests can work out
every figure by hand. Run from the repository root:

    .venv/bin/python data/qinglan/make_qinglan.py
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent

UNITS = [  # name, level, parent, 序号
    ("市人力资源和社会保障局", "市级部门", "", 1),
    ("市市场监督管理局", "市级部门", "", 2),
    ("市公安局", "市级部门", "", 3),
    ("市自然资源和规划局", "市级部门", "", 4),
    ("西岭县", "县（市、区）", "", 1),
    ("南溪区", "县（市、区）", "", 2),
    ("北塘市", "县（市、区）", "", 3),
    ("东坪县", "县（市、区）", "", 4),
    ("西岭县人社局", "县级部门", "西岭县", 1),
    ("西岭县市场监管局", "县级部门", "西岭县", 2),
    ("南溪区人社局", "县级部门", "南溪区", 3),
    ("西岭县东关镇", "乡镇（街道）", "西岭县", 1),
    ("西岭县南山乡", "乡镇（街道）", "西岭县", 2),
    ("南溪区城关街道", "乡镇（街道）", "南溪区", 3),
    ("东坪县平安镇", "乡镇（街道）", "东坪县", 4),
    ("东关镇桥头村", "村（社区）", "西岭县东关镇", 1),
]

# unit → month → (applied, completed, of them overdue, of the applied online,
#                 主动评价 满意, 主动评价 不满意)
SPEC = {
    "市人力资源和社会保障局": {"2024-05": (8, 7, 1, 5, 3, 0), "2024-06": (10, 8, 1, 6, 5, 0)},
    "市市场监督管理局": {"2024-05": (6, 6, 0, 3, 2, 0), "2024-06": (8, 8, 0, 4, 2, 1)},
    "市公安局": {"2024-05": (10, 9, 1, 4, 3, 0), "2024-06": (12, 10, 2, 5, 4, 0)},
    "市自然资源和规划局": {"2024-05": (3, 3, 0, 1, 0, 0), "2024-06": (4, 3, 0, 2, 1, 0)},
    "西岭县": {"2024-05": (2, 2, 0, 1, 1, 0), "2024-06": (3, 3, 0, 1, 0, 0)},
    "西岭县人社局": {"2024-05": (5, 4, 0, 2, 2, 0), "2024-06": (6, 5, 1, 3, 3, 0)},
    "西岭县市场监管局": {"2024-05": (4, 4, 1, 2, 1, 0), "2024-06": (5, 5, 0, 2, 1, 0)},
    "西岭县东关镇": {"2024-05": (3, 3, 0, 1, 0, 0), "2024-06": (4, 4, 0, 1, 1, 0)},
    "东关镇桥头村": {"2024-05": (1, 1, 0, 0, 0, 0), "2024-06": (2, 2, 0, 0, 1, 0)},
    "西岭县南山乡": {"2024-05": (2, 1, 0, 1, 0, 0), "2024-06": (3, 2, 0, 1, 0, 0)},
    "南溪区": {"2024-05": (4, 4, 0, 2, 2, 0), "2024-06": (5, 4, 0, 2, 2, 0)},
    "南溪区人社局": {"2024-05": (6, 5, 1, 3, 1, 0), "2024-06": (7, 6, 1, 4, 2, 1)},
    "南溪区城关街道": {"2024-05": (3, 3, 0, 1, 1, 0), "2024-06": (4, 4, 0, 2, 0, 0)},
    "北塘市": {"2024-05": (8, 7, 0, 4, 3, 0), "2024-06": (9, 8, 1, 5, 4, 0)},
    "东坪县": {"2024-05": (2, 2, 0, 1, 0, 0), "2024-06": (2, 2, 0, 1, 0, 0)},
    "东坪县平安镇": {"2024-05": (2, 2, 0, 1, 1, 0), "2024-06": (3, 3, 0, 1, 2, 0)},
}

# The month's first Monday, the day after (early) and four working days later (overdue)
DAYS = {"2024-05": ("2024-05-13", "2024-05-14", "2024-05-17"),
        "2024-06": ("2024-06-03", "2024-06-04", "2024-06-07")}

CASE_HEADER = ["办件编号", "办理单位", "事项编码", "事项名称", "申请时间", "受理时间", "办结时间",
               "法定时限", "承诺时限", "申请方式", "申请人姓名", "联系电话"]
EVALUATION_HEADER = ["评价编号", "办件编号", "被评价单位", "评价时间", "评价等级", "评价方式",
                     "整改完成时间"]


def cases(month: str) -> tuple[list[list[str]], list[list[str]]]:
    """The month's case rows and 好差评 rows, unit by unit in registry order."""
    applied_on, early, late = DAYS[month]
    rows, rated = [], []
    for number, (unit, *_rest) in enumerate(UNITS, 1):
        applied, completed, overdue, online, good, bad = SPEC[unit][month]
        for i in range(applied):
            case_id = f"QL{month.replace('-', '')}{number:02d}{i + 1:03d}"
            done = "" if i >= completed else f"{late if i < overdue else early} 16:00:00"
            channel = "网上" if i < online else "窗口"
            rows.append([case_id, unit, f"QL-{number:02d}", "示例事项", f"{applied_on} 09:00:00",
                         f"{applied_on} 09:00:00", done, "5", "2", channel,
                         "（样例，非真实）", ""])
            if i < good + bad:
                level = "不满意" if i < bad else "满意"
                rated.append([f"E{case_id}", case_id, unit, f"{early} 18:00:00", level,
                              "主动评价", f"{late} 10:00:00" if level == "不满意" else ""])
    return rows, rated


def main() -> None:
    with (HERE / "units.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["单位名称", "别名", "层级", "上级单位", "考核分组", "序号"])
        w.writerows([name, "", level, parent, "", order] for name, level, parent, order in UNITS)
    may, may_rated = cases("2024-05")
    june, june_rated = cases("2024-06")
    (HERE / "cases").mkdir(exist_ok=True)
    book = Workbook()
    sheet = book.active
    sheet.title = "办件明细"
    for row in [CASE_HEADER, *may]:
        sheet.append(row)
    book.save(HERE / "cases" / "2024-05.xlsx")
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows([CASE_HEADER, *june])
    (HERE / "cases" / "2024-06.csv").write_bytes(text.getvalue().encode("gbk"))
    (HERE / "evaluations").mkdir(exist_ok=True)
    with (HERE / "evaluations" / "2024.csv").open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([EVALUATION_HEADER, *may_rated, *june_rated])


if __name__ == "__main__":
    main()

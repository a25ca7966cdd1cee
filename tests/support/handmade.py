"""Tiny dataset folders written by hand for the definition tests: a registry of five units
and case / evaluation rows written out one by one, so that every expected figure can be
worked out on paper (the tests show the arithmetic next to each literal).

The registry, in the order the annexes print it (level, then 序号)::

    市甲局 (alias 甲局)   市级部门        ┐ 市本级
    市乙局               市级部门        ┘
    丙县                 县（市、区）     ┐ 丙县 (county roll-up: itself and its town)
    戊区                 县（市、区）     │ 各县（市、区） = 丙县 + 戊区 + 丙县丁镇
    丙县丁镇 (alias 丁镇) 乡镇（街道）, in 丙县 ┘

全市 is all five.
"""

from __future__ import annotations

from pathlib import Path

UNITS = """单位名称,别名,层级,上级单位,考核分组,序号
市甲局,甲局,市级部门,,,1
市乙局,,市级部门,,,2
丙县,,县（市、区）,,,1
丙县丁镇,丁镇,乡镇（街道）,丙县,,1
戊区,,县（市、区）,,,2
"""

CASE_HEADER = "办件编号,办理单位,事项编码,事项名称,申请时间,受理时间,办结时间,法定时限,承诺时限,申请方式"

EVALUATION_HEADER = "评价编号,办件编号,被评价单位,评价时间,评价等级,评价方式,整改完成时间"

CONFIG = "region: 示例市\nauthority: 示例市政务服务管理局\n"


def case(case_id: str, unit: str, applied: str, accepted: str = "", completed: str = "",
         legal: str | int = "", promised: str | int = 0, channel: str = "线下",
         item: str = "") -> str:
    """One row of CASE_HEADER. Times as written in an export; '' = blank cell."""
    return (f"{case_id},{unit},{item},{item or '事项'},{applied},{accepted},{completed},"
            f"{legal},{promised},{channel}")


def done(case_id: str, unit: str, accepted: str, completed: str, legal: str | int = "",
         promised: str | int = 0, channel: str = "线下", item: str = "") -> str:
    """A completed case applied for at the moment it was accepted."""
    return case(case_id, unit, accepted, accepted, completed, legal, promised, channel, item)


def evaluation(evaluation_id: str, unit: str, at: str, level: str, kind: str = "主动评价",
               rectified: str = "", case_id: str = "") -> str:
    """One row of EVALUATION_HEADER."""
    return f"{evaluation_id},{case_id},{unit},{at},{level},{kind},{rectified}"


def write(folder: Path, rel: str, text: str) -> Path:
    path = Path(folder) / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def make(folder: Path, cases: list[str], evaluations: list[str] | None = None,
         config: str = CONFIG, units: str = UNITS) -> Path:
    """A dataset folder: dataset.yml, units.csv, cases/cases.csv and, if given,
    evaluations/evaluations.csv."""
    folder = Path(folder)
    write(folder, "dataset.yml", config)
    write(folder, "units.csv", units)
    write(folder, "cases/cases.csv", CASE_HEADER + "\n" + "".join(r + "\n" for r in cases))
    if evaluations is not None:
        write(folder, "evaluations/evaluations.csv",
              EVALUATION_HEADER + "\n" + "".join(r + "\n" for r in evaluations))
    return folder


# ---------------------------------------------------------------------- the datasets
# 市甲局 in March 2021: the early / on-time / overdue boundaries of 承诺件 and 即办件 (March
# 2021 has no holiday: 03-01 is a Monday, 03-05 a Friday).
# 市乙局: month boundaries (applied, accepted and completed each count in their own month).

BOUNDARIES = [
    # 承诺件 (承诺时限 > 0)
    done("P1", "市甲局", "2021-03-01 09:00:00", "2021-03-03 16:00:00", 10, 3, "线上", "A1"),
    #   elapsed 03-02, 03-03 = 2 < 3: early; saved 10 − 2 = 8
    done("P2", "市甲局", "2021-03-01 09:00:00", "2021-03-04 09:00:00", 10, 3, "线下", "A1"),
    #   elapsed 3 = 3: on time, neither early nor overdue; saved 7
    done("P3", "市甲局", "2021-03-01 09:00:00", "2021-03-05 17:00:00", 4, 3, "网办", "A2"),
    #   elapsed 4 > 3: overdue; saved 0
    done("P4", "市甲局", "2021-03-01 09:00:00", "2021-03-02 09:00:00", "", 3, "窗口", "A3"),
    #   elapsed 1 < 3: early; no 法定时限: not in the legal-day sums
    done("P5", "市甲局", "2021-03-01 09:00:00", "2021-03-03 09:00:00", 0, 2, "现场", "A4"),
    #   elapsed 2 = 2: on time; 法定时限 0: not in the legal-day sums
    done("P6", "市甲局", "2021-03-01 09:00:00", "2021-03-05 09:00:00", 2, 1, "大厅", "A5"),
    #   elapsed 4 > 1: overdue; saved 2 − 4 = −2
    # 即办件 (承诺时限 0)
    done("I1", "市甲局", "2021-03-01 09:00:00", "2021-03-01 17:30:00", 5, 0, "线下", "A6"),
    #   elapsed 0 = 0: on time
    done("I2", "市甲局", "2021-03-01 09:00:00", "2021-03-02 09:00:00", 5, 0, "在线", "A7"),
    #   elapsed 1 > 0: overdue (completed_overdue), but not a 承诺件
    # bad rows, quarantined and counted nowhere
    done("P1", "市甲局", "2021-03-01 09:00:00", "2021-03-01 10:00:00", 10, 3, "线上"),  # id again
    done("Q2", "市甲局", "2021-03-02 09:00:00", "2021-03-01 10:00:00", 10, 3, "线上"),  # done < accepted
    done("Q3", "市未知局", "2021-03-01 09:00:00", "2021-03-01 10:00:00", 10, 3, "线上"),  # unknown unit
    done("Q4", "市甲局", "2021-03-01 09:00:00", "2021-03-02 10:00:00", 10, -1, "线上"),  # promise < 0
    done("Q5", "市甲局", "2021-03-01 09:00:00", "2021-03-02 10:00:00", 10, 3, "邮寄"),  # channel
    # month boundaries (市乙局)
    case("M1", "市乙局", "2021-01-31 23:59:59", "2021-02-01 00:00:00", "2021-02-28 23:59:59",
         30, 20, "线下", "B1"),
    #   applied in January, accepted and completed in February.
    #   elapsed (02-01, 02-28]: 02..05 (4), 07 (1), 08..10 (3), 18, 19 (2), 20 (1),
    #   22..26 (5) = 16 < 20: early; saved 30 − 16 = 14
    case("M2", "市乙局", "2021-02-26 10:00:00", "2021-02-26 10:00:00", "2021-03-01 00:00:00",
         5, 1, "线上", "B2"),
    #   applied and accepted in February, completed in March (00:00:00 is March).
    #   elapsed (02-26, 03-01]: Sat, Sun off, Mon 03-01 = 1 = 1: on time; saved 4
    case("M3", "市乙局", "2021-03-31 23:59:59"),  # applied only, not accepted
]

EVALUATIONS = [
    evaluation("E1", "市甲局", "2021-03-02 10:00:00", "非常满意", "主动评价"),
    evaluation("E2", "甲局", "2021-03-03 10:00:00", "满意", "主动"),  # alias, short kind
    evaluation("E3", "市甲局", "2021-03-04 10:00:00", "基本满意", "回访评价"),
    evaluation("E4", "市甲局", "2021-03-05 10:00:00", "不满意", "active", "2021-03-08 10:00:00"),
    evaluation("E5", "市甲局", "2021-03-10 10:00:00", "非常不满意", "回访"),  # 差评, open
    evaluation("E6", "市甲局", "2021-03-31 23:59:59", "不满意", "主动评价", "2021-04-02 09:00:00"),
    # not a 差评: its 整改完成时间 does not make it a rectified 差评
    evaluation("E14", "市甲局", "2021-03-16 10:00:00", "满意", "follow-up", "2021-03-17 10:00:00"),
    # bad rows, quarantined
    evaluation("E7", "市甲局", "2021-03-12 10:00:00", "一般", "主动评价"),  # no such level
    evaluation("E1", "市甲局", "2021-03-12 10:00:00", "非常不满意", "主动评价"),  # id again
    evaluation("E9", "市甲局", "2021-03-15 10:00:00", "非常不满意", "主动评价",
               "2021-03-14 10:00:00"),  # rectified before it was made
    evaluation("E13", "市未知局", "2021-03-15 10:00:00", "不满意", "主动评价"),  # unknown unit
    # other months
    evaluation("E10", "市甲局", "2021-04-01 00:00:00", "非常不满意", "主动评价"),  # April
    evaluation("E11", "市甲局", "2021-02-28 23:59:59", "满意", "主动评价"),  # February
    # a town by its alias
    evaluation("E12", "丁镇", "2021-03-20 09:00:00", "满意", "回访评价"),
]




# April 2021, every case completed on the day it was accepted (elapsed 0).
# (法定 − 承诺) / 法定 per item, the mean over a unit's distinct 承诺件 items with 法定 > 0:
#   市甲局: X1 20/5 → 0.75 (two cases, one item), X2 10/1 → 0.9       2 items, Σ 1.65
#   市乙局: X3 10/5 → 0.5                                             1 item,  Σ 0.5
#   丙县:   X4 8/6 → 0.25, an item known by its name only 4/1 → 0.75  2 items, Σ 1.0
#   丙县丁镇: X5 即办件 10/0, X6 no 法定时限, X7 法定 0: none           0 items
#   戊区: X8 not completed, X9 completed in May: none in April        0 items
SPEEDUP = [
    done("S1", "市甲局", "2021-04-07 09:00:00", "2021-04-07 10:00:00", 20, 5, item="X1"),
    done("S2", "市甲局", "2021-04-08 09:00:00", "2021-04-08 10:00:00", 20, 5, item="X1"),
    done("S3", "市甲局", "2021-04-08 09:00:00", "2021-04-08 10:00:00", 10, 1, item="X2"),
    done("S4", "市乙局", "2021-04-08 09:00:00", "2021-04-08 10:00:00", 10, 5, item="X3"),
    done("S5", "丙县", "2021-04-08 09:00:00", "2021-04-08 10:00:00", 8, 6, item="X4"),
    "S6,丙县,,丙事项,2021-04-08 09:00:00,2021-04-08 09:00:00,2021-04-08 10:00:00,4,1,线下",
    done("S7", "丙县丁镇", "2021-04-08 09:00:00", "2021-04-08 10:00:00", 10, 0, item="X5"),
    done("S8", "丙县丁镇", "2021-04-08 09:00:00", "2021-04-08 10:00:00", "", 2, item="X6"),
    done("S9", "丙县丁镇", "2021-04-08 09:00:00", "2021-04-08 10:00:00", 0, 2, item="X7"),
    case("S10", "戊区", "2021-04-08 09:00:00", "2021-04-08 09:30:00", "", 12, 3, item="X8"),
    case("S11", "戊区", "2021-04-28 09:00:00", "2021-04-28 09:30:00", "2021-05-06 10:00:00",
         20, 10, item="X9"),
]




# ---------------------------------------------------------------------- fourteen months
# 2020-01 … 2021-02, for 环比, 同比 and 累计 across the year boundary. Every case is
# completed, so 办结 = 申请 each month. 即办件 are completed the minute they are accepted;
# an early 承诺件 (承诺时限 3) on the day it is accepted (elapsed 0); an on-time 承诺件
# (承诺时限 1) the next working day (elapsed 1 = 1).
#
#   month     市甲局                                  丙县         全市 申请/办结  承诺件 (提前)
#   2020-01   3 即办件                                1 即办件     4              0
#   2020-02   4 即办件                                1 即办件     5              0
#   2020-03 … 2020-11: 1 即办件 each (市甲局)                      1 each         0
#   2020-12   3 early, 1 on time (12-08 → 12-09), 1 即办件   3 即办件     8       4 (3)  75%
#   2021-01   2 early, 2 on time (01-05 → 01-06), 2 即办件   4 即办件     10      4 (2)  50%
#   2021-02   1 early, 1 on time (02-02 → 02-03)             4 即办件     6       2 (1)  50%


def _instant(n: int, unit: str, day: str, prefix: str) -> list[str]:
    return [done(f"{prefix}{i}", unit, f"{day} 09:00:00", f"{day} 10:00:00")
            for i in range(1, n + 1)]


def _early(n: int, day: str, prefix: str) -> list[str]:
    return [done(f"{prefix}{i}", "市甲局", f"{day} 09:00:00", f"{day} 15:00:00", "", 3)
            for i in range(1, n + 1)]


def _on_time(n: int, day: str, next_day: str, prefix: str) -> list[str]:
    return [done(f"{prefix}{i}", "市甲局", f"{day} 09:00:00", f"{next_day} 15:00:00", "", 1)
            for i in range(1, n + 1)]


YEARS = [
    *_instant(3, "市甲局", "2020-01-07", "A01-"), *_instant(1, "丙县", "2020-01-07", "C01-"),
    *_instant(4, "市甲局", "2020-02-04", "A02-"), *_instant(1, "丙县", "2020-02-04", "C02-"),
    *[r for m in range(3, 12) for r in _instant(1, "市甲局", f"2020-{m:02d}-15", f"A{m:02d}-")],
    *_early(3, "2020-12-08", "E12-"), *_on_time(1, "2020-12-08", "2020-12-09", "T12-"),
    *_instant(1, "市甲局", "2020-12-08", "A12-"), *_instant(3, "丙县", "2020-12-08", "C12-"),
    *_early(2, "2021-01-05", "E13-"), *_on_time(2, "2021-01-05", "2021-01-06", "T13-"),
    *_instant(2, "市甲局", "2021-01-05", "A13-"), *_instant(4, "丙县", "2021-01-05", "C13-"),
    *_early(1, "2021-02-02", "E14-"), *_on_time(1, "2021-02-02", "2021-02-03", "T14-"),
    *_instant(4, "丙县", "2021-02-02", "C14-"),
]

"""A small case-level dataset of two months, one file each (cases/2021-02.csv and
cases/2021-03.csv), for the loss gates: clean as made, and each gate's loss written into
March by hand so that every count in the messages can be worked out on paper.

The registry is support.handmade's (市甲局 alias 甲局, 市乙局, 丙县, 丙县丁镇, 戊区).
February: 200 即办件 (100 市甲局, 100 市乙局), each applied, accepted and completed on
2021-02-03 (a Wednesday). March as made: the same 200 on 2021-03-03.
"""

from __future__ import annotations

from pathlib import Path

from support.handmade import CASE_HEADER, CONFIG, UNITS, case, done, write

FEBRUARY, MARCH = "2021-02", "2021-03"


def rows(prefix: str, day: str, n: int, unit: str | None = None) -> list[str]:
    """``n`` 即办件 applied, accepted and completed on ``day``; half 市甲局, half 市乙局
    unless ``unit`` is given."""
    return [done(f"{prefix}{i}", unit or ("市甲局" if i % 2 else "市乙局"),
                 f"{day} 09:00:00", f"{day} 10:00:00", 5, 0) for i in range(1, n + 1)]


def cases_file(folder: Path, month: str, lines: list[str], header: str = CASE_HEADER) -> Path:
    return write(folder, f"cases/{month}.csv", header + "\n" + "".join(f"{r}\n" for r in lines))


def two_months(folder: Path, march: list[str] | None = None, march_header: str = CASE_HEADER,
               config: str = CONFIG) -> Path:
    """The dataset folder: February's 200 rows, March's ``march`` (default the same 200)."""
    folder = Path(folder)
    write(folder, "dataset.yml", config)
    write(folder, "units.csv", UNITS)
    cases_file(folder, FEBRUARY, rows("F", "2021-02-03", 200))
    cases_file(folder, MARCH, rows("M", "2021-03-03", 200) if march is None else march,
               march_header)
    return folder


def unknown_units(folder: Path, **kwargs) -> Path:
    """March: 199 good rows and one of 「市甲局分局」, a unit the registry does not know.
    1 of 200 quarantined is 0.5 % (under 1 %); 全市申请件 199 against 200 (−0.5 %)."""
    march = rows("M", "2021-03-03", 199) + rows("U", "2021-03-04", 1, "市甲局分局")
    return two_months(folder, march, **kwargs)


def renamed_column(folder: Path, **kwargs) -> Path:
    """March exported with 受理日期 for 受理时间 and without 法定时限: 200 cases applied
    (and accepted on paper) but none completed, so no row breaks a rule (a completed case
    without a 受理时间 would be quarantined) and 全市申请件 is 200 in both months."""
    header = CASE_HEADER.replace("受理时间", "受理日期").replace(",法定时限", "")
    march = [case(f"M{i}", "市甲局", "2021-03-03 09:00:00", "2021-03-03 10:00:00", "", "", 0)
             for i in range(1, 201)]
    march = [",".join(cells[:7] + cells[8:]) for cells in (r.split(",") for r in march)]
    return two_months(folder, march, header, **kwargs)


def quarantined(folder: Path, **kwargs) -> Path:
    """March: 197 good rows and 3 with 承诺时限 −1, quarantined: 3 / 200 = 1.5 % (over 1 %);
    全市申请件 197 against 200 (−1.5 %)."""
    bad = [done(f"Q{i}", "市甲局", "2021-03-05 09:00:00", "2021-03-05 10:00:00", 5, -1)
           for i in range(1, 4)]
    return two_months(folder, rows("M", "2021-03-03", 197) + bad, **kwargs)


def fewer_cases(folder: Path, **kwargs) -> Path:
    """March: 90 good rows: 全市申请件 90 against 200, 110 fewer (−55 %, beyond 50 %)."""
    return two_months(folder, rows("M", "2021-03-03", 90), **kwargs)


def every_loss(folder: Path) -> Path:
    """All four at once. March exported with 受理日期 for 受理时间 and without 法定时限
    (none completed, so the rename quarantines nothing), 90 rows: 85 good, one of
    「市甲局分局」 and four with 承诺时限 −1. Quarantined 5 of 90 (5.56 %); 全市申请件 85
    against February's 200: 115 fewer (−57.5 %)."""
    header = CASE_HEADER.replace("受理时间", "受理日期").replace(",法定时限", "")

    def row(case_id: str, unit: str, promised: int) -> str:
        # 办件编号,办理单位,事项编码,事项名称,申请时间,受理日期,办结时间,承诺时限,申请方式
        return f"{case_id},{unit},,事项,2021-03-03 09:00:00,2021-03-03 10:00:00,,{promised},线下"

    march = [row(f"M{i}", "市乙局", 0) for i in range(1, 86)] + [row("U1", "市甲局分局", 0)]
    march += [row(f"Q{i}", "市甲局", -1) for i in range(1, 5)]
    return two_months(folder, march, header)


# Each gate: the dataset (below) that trips it alone, and the losses said, worked out
# in its docstring.
GATES = {
    "unit": (unknown_units, [
        ("单位名录中没有的单位「市甲局分局」：1 行（ds/cases/2021-03.csv 1 行），已隔离，"
         "不计入任何数字；名录中最相近的：市甲局、市乙局")]),
    "column": (renamed_column, [
        ("ds/cases/2021-03.csv 缺少上月文件 ds/cases/2021-02.csv 中有的列「受理时间」；"
         "本文件未使用的列中与之最相近的是「受理日期」（如是同一列，请在 dataset.yml 的 "
         "header_aliases 的 cases 下写 受理日期: accepted_at）"),
        ("ds/cases/2021-03.csv 缺少上月文件 ds/cases/2021-02.csv 中有的列「法定时限」；"
         "本文件未使用的列中没有与之相近的")]),
    "quarantine": (quarantined, [
        ("ds/cases/2021-03.csv：隔离 3 行，占读取的 200 行的 1.5%，超过 1%（dataset.yml 的 "
         "loss_gates.quarantined_share_max）；主要问题：「承诺时限」列 3 处：应为不小于 0 的整数"
         "（工作日）")]),
    "change": (fewer_cases, [
        ("全市申请件 90 件，较上月（2021-02）200 件减少 110 件（-55%），增减超过 50%"
         "（dataset.yml 的 loss_gates.applied_change_max）")]),
}

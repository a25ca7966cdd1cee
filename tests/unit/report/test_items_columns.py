"""The items table prints every column of a unit summary, in the seeds' order under
事项梳理 / 运行效能, with a 合计 whose rates come from the summed counts; a count the tool
restored from a rate (rate × denominator) is not printed as if the summary gave it."""

from __future__ import annotations

import polars as pl

import bulletin
from bulletin.report.sections.items import items_table, month_items, shown_counts
from support.paths import DATA


def test_seed003_every_column_of_its_annex_1():
    b = bulletin.open_month(DATA / "seed003", "2022-09")
    frame = month_items(b)
    table = items_table(b, frame, "部门", "表")
    # the seed's 17 columns, in its order, under its two spanners (事项数 is 已认领 again)
    assert [c.header for c in table.columns][2:] == [
        "事项梳理/已认领", "事项梳理/待认领", "事项梳理/认领率", "事项梳理/已发布", "事项梳理/发布率",
        "事项梳理/办事指南准确率", "事项梳理/梳理完成率", "运行效能/新增超时件", "运行效能/累计超时件",
        "运行效能/超期率", "运行效能/办件量", "运行效能/累计办件量", "运行效能/主动评价数",
        "运行效能/累计主动评价数", "运行效能/主动评价率", "运行效能/累计主动评价率", "运行效能/办件覆盖率"]
    rows = {r[1].text: [c.text for c in r[2:]] for r in table.rows}
    # the seed's row 13 as printed, 累计主动评价率 30.29% as given (790 / 2561 = 30.84%)
    assert rows["区农业农村和交通运输局"] == [
        "803", "0", "100.00%", "803", "100.00%", "100.00%", "100.00%", "0", "0", "0.00%", "181",
        "2561", "113", "790", "69.32%", "30.29%", "87.08%"]
    assert rows["区审计局"][10:14] == ["-", "-", "0", "0"]  # 办件量 「-」 as printed
    # 合计 over the 38 units: counts summed (the seed's text: 4288; annex 1 sums to 4290),
    # rates of the sums
    total = rows["合计"]
    assert total[10] == "4290" and total[12] == "4084" and total[0] == "6660"
    ytd = frame.filter(pl.col("active_evaluations_ytd").is_not_null()
                       & pl.col("cases_ytd").is_not_null())
    rate = ytd["active_evaluations_ytd"].sum() / ytd["cases_ytd"].sum()
    assert total[15] == f"{int(rate * 10000) // 100}.{int(rate * 10000) % 100:02d}%"
    assert "累计主动评价率 = 累计主动评价数 / 累计办件量" in table.notes
    # the values the cells print: 累计主动评价率 30.29% as the summary gives it, a count
    row = next(r for r in table.rows if r[1].text == "区农业农村和交通运输局")
    assert (row[17].value, row[17].format, row[13].value) == (30.29, "0.00%", 2561)


def test_a_count_restored_from_a_rate_is_not_a_column():
    frame = pl.DataFrame({"unit": ["甲", "乙"], "items": [3.0, 7.0], "claimed": [3.0, 7.0],
                          "unclaimed": [0, 1], "cases": [10.0, 4.0],
                          # 主动评价数 restored as 主动评价率 × 办件量: 96.42% × 10
                          "active_evaluations": [9.642, 4.0], "items_list": [None, None]},
                         schema_overrides={"items_list": pl.Boolean})
    assert shown_counts(frame) == ["claimed", "unclaimed", "cases"]  # 事项数 = 已认领 again
    assert shown_counts(frame.with_columns(pl.Series("items", [4.0, 7.0]))) == [
        "items", "claimed", "unclaimed", "cases"]
    # an item list: its counts are tallied from flags, only 事项数 is printed (as before)
    listed = frame.with_columns(pl.Series("items_list", [True, True]))
    assert shown_counts(listed) == ["items"]


def test_seed004_keeps_its_five_columns():
    b = bulletin.open_month(DATA / "seed004", "2021-09")
    table = items_table(b, month_items(b), "部门", "表")
    assert [c.header for c in table.columns] == ["序号", "部门", "事项数", "承诺时限压缩比",
                                                 "平均到现场次数", "即办件占比", "全程网办占比"]

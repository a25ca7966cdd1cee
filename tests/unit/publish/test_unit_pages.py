"""The site's unit pages, index changes and trends, built from hand-made meta.json files:
what a cell's text shows, links from table cells to unit pages (names are data), a
change in the figure's own unit, a one-month dataset, a month written by an older
bulletin."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from bulletin.core.blocks import Table
from bulletin.core.config import Distribution
from bulletin.core.definitions import FIGURES
from bulletin.core.errors import PublishError
from bulletin.core.meta import (
    HeadlineFigure,
    MonthMeta,
    UnitCell,
    UnitFigures,
    UnitRow,
    read_meta,
    unit_slug,
    write_meta,
)
from support.executed import markdown, table, write_executed

HOSTILE = '<img src=x onerror="alert(1)">局'


def cell(column: str, kind: str, display: str, value: float | None, unit: str = "") -> UnitCell:
    return UnitCell(column=column, kind=kind, unit=unit, display=display, value=value)


def unit(name: str, level: str, rows: list[UnitRow]) -> UnitFigures:
    return UnitFigures(name=name, slug=unit_slug(name), level=level, rows=rows)


def annex_row(month: str, applied: str, rate: str) -> UnitRow:
    return UnitRow(table=f"某市市级部门运行情况表（{month[:4]}年{int(month[5:])}月）", cells=[
        cell("办件情况（件）/申请", "count", applied, float(applied), "件"),
        cell("承诺件办件效率（%）/提前办结", "rate", rate, float(rate.rstrip("%")), "%"),
        cell("较上月/办结", "change", "持平", 0.0, "件")])


def meta(month: str, applied: int, on_time: float, units: list[UnitFigures],
         dataset: str = "mini") -> MonthMeta:
    headline = [HeadlineFigure.of(FIGURES["applied"], applied, str(applied)),
                HeadlineFigure.of(FIGURES["on_time_rate"], on_time,
                                  f"{int(on_time * 10000) / 100:.2f}%")] if applied else []
    return MonthMeta(month=month, dataset=dataset, profile_title="某市运行情况通报",
                     title_lines=["某市运行情况通报"], authority="某市政务服务管理局",
                     issue_label=f"{month[:4]} 年第 {int(month[5:])} 期",
                     issue_date=f"{month[:4]} 年 {int(month[5:]) + 1} 月 5 日",
                     distribution=Distribution(), headline=headline, units=units)


def month_folder(reports: Path, m: MonthMeta, table: Table | None = None) -> Path:
    folder = reports / m.dataset / m.month
    blocks = [markdown("## 一、总体运行情况"), *([table] if table else [])]
    write_executed(folder, m.month, [])
    write_meta(m.model_copy(update={"blocks": blocks}), folder)
    return folder


def names_table(rows: list[tuple[str, str]]) -> Table:
    """序号, 单位, 申请: a table without a title, so that a unit's row of any table is its."""
    return table("", ["序号", "单位", "申请"],
                 [[str(i), name, applied] for i, (name, applied) in enumerate(rows, 1)])


@pytest.fixture
def site(tmp_path) -> Path:
    """Two months of a dataset with a department (the second month only lists it with a
    hostile name's neighbour) and a county no table lists; one month of another dataset."""
    from bulletin.publish.site.build import build_site

    reports = tmp_path / "reports"
    dept = "市公安局"
    jan = [unit(dept, "市级部门", [annex_row("2021-01", "1000", "94.48%")]),
           unit("某某县", "县（市、区）", [])]
    feb = [unit(dept, "市级部门", [annex_row("2021-02", "1129", "100.00%")]),
           unit(HOSTILE, "市级部门", [annex_row("2021-02", "7", "0.00%")]),
           unit("某某县", "县（市、区）", [])]
    month_folder(reports, meta("2021-01", 240000, 0.99131, jan))
    month_folder(reports, meta("2021-02", 249679, 0.99334, feb),
                 names_table([(dept, "1129"), (HOSTILE, "7"),
                             ("合计", "1136")]))
    month_folder(reports, meta("2023-06", 0, 0, [unit("市经信局", "市级部门", [])], "single"))
    return build_site(reports, tmp_path / "_site")


@pytest.mark.parametrize(("display", "value"), [
    ("42.55%", 42.55), ("-160.00%", -160.0), ("1129", 1129.0), ("-3", -3.0), ("93.5", 93.5),
    ("↑2", 2.0), ("↓12", -12.0), ("持平", 0.0), ("-", None), ("—", None), ("新增", None),
    ("国内前沿", None), ("", None)])
def test_a_printed_cell_shows_the_number_of_its_text(display, value):
    from bulletin.core.blocks import Cell

    assert Cell.printed(display).value == value


@pytest.mark.parametrize(("column", "expected"), [
    ("c2_promise_early_rate", ("promise_early_rate", "rate", "%")),  # annex id c<spanner>_<key>
    ("c0_applied", ("applied", "count", "件")),
    ("c6_active_evaluations", ("active_evaluations", "count", "条")),
    ("claim_rate", ("claim_rate", "rate", "%")),  # 事项 table
    ("visits_avg", ("visits_avg", "number", "次")),
    ("items", ("items", "count", "项")),
    ("total", ("total_score", "score", "分")),  # 考核得分 table
    ("rank", ("rank", "rank", "位")),
    ("c3", (None, "number", "")),  # a province cell: points, a count or a rate
    ("change_completed", ("completed", "change", "件")),
    ("window", (None, "text", "")),
    ("c9_not_a_key", (None, "text", "")),
])
def test_a_column_id_names_its_catalogue_figure(column, expected):
    from bulletin.report.unit_rows import column_figure

    assert column_figure(column) == expected


def test_the_windows_count_is_a_count_only_in_the_windows_table():
    from bulletin.report.unit_rows import column_figure

    assert column_figure("count", "window") == ("window_cases", "count", "件")
    assert column_figure("count") == (None, "text", "")


def test_index_change_in_the_figures_own_unit():
    from bulletin.publish.site.trends import change

    applied = FIGURES["applied"]
    rate = FIGURES["online_share"]
    # 249679 − 240000 = 9679 件
    up = change(HeadlineFigure.of(applied, 249679, "249679"),
                HeadlineFigure.of(applied, 240000, "240000"))
    # the sentence read out is the narrative's own (report.fmt.describe_change): a count
    # 增加/减少, a rate or a score 上升/下降
    assert up == {"dir": "up", "text": "↑9679 件", "said": "较上月增加 9679 件"}
    # 0.4012 − 0.42559 = −0.02439 → 2.439 个百分点, truncated: 2.43
    down = change(HeadlineFigure.of(rate, 0.4012, "40.12%"),
                  HeadlineFigure.of(rate, 0.42559, "42.55%"))
    assert down == {"dir": "down", "text": "↓2.43 个百分点", "said": "较上月下降 2.43 个百分点"}
    # 0.42559 − 0.42555 = 0.00004 → 0.004 个百分点, truncated to 0.00: 持平
    flat = change(HeadlineFigure.of(rate, 0.42559, "42.55%"),
                  HeadlineFigure.of(rate, 0.42555, "42.55%"))
    assert flat == {"dir": "flat", "text": "持平", "said": "与上月持平"}
    assert change(HeadlineFigure.of(applied, 1, "1"), None) is None


def test_unit_page_lists_the_months_newest_first_with_the_cells_as_printed(site):
    index = (site / "mini" / "units" / "index.html").read_text(encoding="utf-8")
    page = site / "mini" / "units" / f"{unit_slug('市公安局')}.html"
    assert f'href="{unit_slug("市公安局")}.html">市公安局</a>' in index
    text = page.read_text(encoding="utf-8")
    assert "<h1 class=\"page-title\">市公安局</h1>" in text
    months = re.findall(r'data-month="([\d-]+)"', text)
    assert months == ["2021-02", "2021-01"]
    rows = re.findall(r"<tr data-kind=\"(\w+)\"><th scope=\"row\">([^<]+)</th>(.*?)</tr>", text)
    cells = {label: re.findall(r'<td class="num">([^<]*)</td>', tds) for _, label, tds in rows}
    assert cells["办件情况（件）/申请"] == ["1129", "1000"]
    assert cells["承诺件办件效率（%）/提前办结"] == ["100.00%", "94.48%"]
    # the table, without its month (its phrases as spans: publish.site_phrases)
    assert "<caption>某市市级部门运行情况表</caption>" in re.sub(r"<wbr>|</?span[^>]*>", "", text)


def test_unit_chart_draws_a_rate_in_percent_with_its_unit_in_the_title(site):
    text = (site / "mini" / "units" / f"{unit_slug('市公安局')}.html").read_text(encoding="utf-8")
    spec = json.loads(re.search(r'id="unit-spec-0">(.*?)</script>', text, re.DOTALL)[1])
    values = {(r["月份"], r["指标"]): r["数值"] for r in spec["data"]["values"]}
    assert values[("2021-02", "承诺件办件效率（%）/提前办结")] == 100.0  # not 1.0
    assert values[("2021-01", "承诺件办件效率（%）/提前办结")] == 94.48
    assert values[("2021-01", "办件情况（件）/申请")] == 1000
    assert not any("较上月" in title for _, title in values)  # a change is not a series


def test_a_unit_no_table_lists_and_a_one_month_dataset_get_sentences(site):
    county = (site / "mini" / "units" / f"{unit_slug('某某县')}.html").read_text(encoding="utf-8")
    assert "暂无本单位数据" in county and "vega-chart" not in county
    # each publication its own trends page
    single = (site / "single" / "trends.html").read_text(encoding="utf-8")
    assert "只发布了 1 期通报（2023 年 6 月）" in single and "vega-chart" not in single
    mini = (site / "mini" / "trends.html").read_text(encoding="utf-8")
    assert 'id="trend-spec-mini"' in mini and "trend-single" not in mini


def test_table_cells_naming_a_unit_link_to_its_page_and_the_name_stays_text(site):
    text = (site / "mini" / "2021-02" / "index.html").read_text(encoding="utf-8")
    police, hostile = unit_slug("市公安局"), unit_slug(HOSTILE)
    links = {a["href"]: a for a in BeautifulSoup(text, "html.parser")("a", class_="unit-link")}
    assert links[f"../units/{police}.html"].get_text() == "市公安局"
    # the name as text, in its phrases (each a span the site keeps on one line)
    assert links[f"../units/{hostile}.html"].get_text() == HOSTILE
    assert not links[f"../units/{hostile}.html"]("img")
    assert "&lt;img</span>" in text and "<img src=x" not in text and ">合计</a>" not in text
    page = (site / "mini" / "units" / f"{hostile}.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page and "&lt;img src=x" in page


def test_index_shows_each_headline_figures_change_from_the_month_before(site):
    text = (site / "mini" / "index.html").read_text(encoding="utf-8")
    # 249679 − 240000 = 9679; 0.99334 − 0.99131 = 0.00203 → 0.20 个百分点 (truncated)
    assert "↑9679 件" in text and "↑0.20 个百分点" in text
    assert text.count('class="change ') == 2  # the first month has nothing to compare with
    assert 'href="../mini/units/index.html"' in text


def test_a_month_written_before_unit_rows_asks_to_publish_it_again(tmp_path):
    m = meta("2021-02", 249679, 0.99334, [])
    raw = m.model_dump(mode="json", by_alias=True)
    raw["schema_version"] = 2
    del raw["units"]
    path = tmp_path / "meta.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(PublishError, match="schema_version.*应为 3、4、5 之一.*重新发布"):
        read_meta(path)


def test_a_unit_is_linked_only_in_the_tables_its_page_shows():
    from bulletin.core.blocks import Cell, Column, Table
    from bulletin.publish.site.tables import annex_view

    units = [unit("格里坪镇", "乡镇（街道）", [UnitRow(table="各镇（街道）事项指标情况（2022年9月）")])]

    def titled(title: str) -> Table:
        return Table(title=title, columns=[Column(id="unit", label="单位", align="left"),
                                           Column(id="items", label="事项数")],
                     rows=[[Cell(text="格里坪镇"), Cell.printed("170")]])

    slug = unit_slug("格里坪镇")
    shown = annex_view(titled("各镇（街道）事项指标情况（2022年9月）"), 1, units)["html"]
    assert shown.count(f'href="../units/{slug}.html"') == 1
    # the centres' table names the town on its first centre's row: not the town's row
    assert "unit-link" not in annex_view(titled("便民服务中心办件情况统计表"), 2, units)["html"]


@pytest.mark.parametrize(("title", "name"), [
    ("达州市一体化政务服务平台市级部门运行情况表（2021年2月）", "达州市一体化政务服务平台市级部门运行情况表"),
    ("攀枝花市西区政务服务大厅2022年9月部门窗口办件情况", "攀枝花市西区政务服务大厅部门窗口办件情况"),
    ("2022年9月攀枝花市西区便民服务中心办件情况统计表", "攀枝花市西区便民服务中心办件情况统计表"),
    ("某市 2023 年 12 月汇总表", "某市 汇总表"),
])
def test_a_tables_name_leaves_out_its_month(title, name):
    from bulletin.publish.site.units import table_name

    assert table_name(title) == name


def printed_table(title: str, columns: list, rows: dict[str, list[str]]):
    """A table of cells as printed (``Cell.printed``), the columns' ids those of ``rows``."""
    from bulletin.core.blocks import Cell, Table

    ids = list(rows)
    return Table(title=title, columns=columns,
                 rows=[[Cell.printed(rows[i][n]) for i in ids] for n in range(len(rows[ids[0]]))])


def test_a_units_row_is_read_from_the_table_as_printed():
    from bulletin.core.blocks import Column
    from bulletin.report.unit_rows import table_rows, unit_figures

    table = printed_table("A 组汇总表（2023年6月）", [
        Column(id="rank", label="排名"), Column(id="unit", label="单位"),
        Column(id="c0", label="证照应用得分", spanners=("证照应用",)),
        Column(id="c1", label="电子证照签章率", spanners=("证照应用",)),
        Column(id="total", label="综合得分"), Column(id="change", label="较上月")],
        {"rank": ["2", "1", ""], "unit": ["市经信局", "市发展改革委", "合计"],
         "c0": ["22", "20", ""], "c1": ["100.00%", "—", ""],
         "total": ["89.61", "89.36", ""], "change": ["↓1", "新增", ""]})
    rows = table_rows(table)
    assert set(rows) == {"市经信局", "市发展改革委", "合计"}
    row = rows["市经信局"]
    assert row.table == "A 组汇总表（2023年6月）"
    assert [(c.column, c.kind, c.unit, c.display, c.value) for c in row.cells] == [
        ("排名", "rank", "位", "2", 2.0),
        ("证照应用/证照应用得分", "number", "", "22", 22.0),
        ("证照应用/电子证照签章率", "rate", "%", "100.00%", 100.0),  # the cell prints a percentage
        ("综合得分", "score", "分", "89.61", 89.61),
        ("较上月", "change", "位", "↓1", -1.0)]
    units = unit_figures([("市经信局", "市级部门"), ("市政府办", "市级部门")], [table])
    assert [(u.name, len(u.rows)) for u in units] == [("市经信局", 1), ("市政府办", 0)]
    assert units[1].slug == unit_slug("市政府办")


def test_tracked_indicators_month_by_month_with_their_level_in_percent():
    from types import SimpleNamespace

    from bulletin.core.meta import TrackedRow
    from bulletin.publish.site.trends import tracked_view

    def month(m: str, achieved: str, value: float):
        row = TrackedRow(name="即办件占比", table=f"某市指标整改提升目标及完成情况（{m[:4]}年{int(m[5:])}月）",
                         cells=[UnitCell(column="目标", kind="rate", unit="%", display="25%", value=25.0),
                                UnitCell(column="达到水平", key="achieved", kind="rate", unit="%",
                                         display=achieved, value=value),
                                UnitCell(column="状态", kind="text", display="达标")])
        return SimpleNamespace(month=m, dataset="targets",
                               report=SimpleNamespace(meta=meta(m, 0, 0, [], "targets").model_copy(
                                   update={"tracked": [row]})))

    view = tracked_view([month("2020-11", "51.2%", 51.2), month("2020-12", "57.9%", 57.9)])
    assert view["title"] == "某市指标整改提升目标及完成情况"
    assert view["months"] == ["2020 年 12 月", "2020 年 11 月"]
    assert view["rows"] == [{"name": "即办件占比",
                             "cells": ["25%", "57.9%", "达标", "25%", "51.2%", "达标"]}]
    spec = json.loads(str(view["chart"]["spec_json"]))
    assert [(r["月份"], r["数值"]) for r in spec["data"]["values"]] == [("2020-12", 57.9),
                                                                       ("2020-11", 51.2)]
    # the chart's title names the figure; its axis, level, the unit
    assert spec["title"] == "各项指标达到水平（%）" and spec["encoding"]["y"]["title"] == "%"
    # 51.2 → 57.9 (6.7 points): middle 54.55 ± 5 → [49.55, 59.55] → [49, 60]
    assert spec["encoding"]["y"]["scale"]["domain"] == [49, 60]
    one = tracked_view([month("2020-12", "57.9%", 57.9)])
    assert one["chart"] is None and len(one["rows"][0]["cells"]) == 3


def test_a_targets_table_gives_tracked_rows_with_the_level_achieved():
    from bulletin.core.blocks import Column
    from bulletin.report.unit_rows import tracked_rows

    table = printed_table("平顶山市指标整改提升目标及完成情况", [
        Column(id="order", label="序号"), Column(id="indicator", label="指标（项目）"),
        Column(id="target", label="目标"), Column(id="achieved", label="达到水平"),
        Column(id="status", label="状态"), Column(id="gap", label="差距")],
        {"order": ["1"], "indicator": ["行政许可事项即办件占比"], "target": ["25%"],
         "achieved": ["57.9%"], "status": ["达标"], "gap": ["+32.90 个百分点"]})
    [row] = tracked_rows([table])
    assert row.name == "行政许可事项即办件占比"
    assert [(c.column, c.key, c.kind, c.value) for c in row.cells] == [
        ("目标", None, "rate", 25.0), ("达到水平", "achieved", "rate", 57.9),
        ("状态", None, "text", None), ("差距", None, "text", None)]

"""A registry that is a tree (data/qinglan: counties with their own 县级部门, towns and a
community), published as the demo publishes it: a county's figure is the county with
everything under it, and it is the same number in the text (site page, PDF, Word), the
charts' data, the annex and its downloads, the unit pages and the explorer; every 合计
and every area row is the sum of the rows it totals.

The figures, worked out by hand from data/qinglan/make_qinglan.py's SPEC (June 2024;
applied, completed, 主动评价):

    西岭县     own 3/3/0 + 人社局 6/5/3 + 市场监管局 5/5/1 + 东关镇 4/4/1 + 桥头村 2/2/1
               + 南山乡 3/2/0                         = 23 applied, 21 completed, 6 主动评价
    南溪区     own 5/4/2 + 人社局 7/6/3 (one 不满意) + 城关街道 4/4/0 = 16, 14, 5
    北塘市     alone 9/8/4                                        =  9,  8, 4
    东坪县     own 2/2/0 + 平安镇 3/3/2                            =  5,  5, 2
    各县（市、区）                                                  = 53, 48, 17

Each county's own office alone (what the annex and the rankings used to print) would
rank 北塘市 9 > 南溪区 5 > 西岭县 3 > 东坪县 2.
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

import bulletin
from bulletin.core.meta import unit_slug
from support.paths import DATA

MONTH = "2024-06"
COUNTIES = {"西岭县": (23, 21, 6), "南溪区": (16, 14, 5), "北塘市": (9, 8, 4), "东坪县": (5, 5, 2)}
TOTAL = (53, 48, 17)
INDENT = "\u3000"
RANKED = "西岭县、南溪区、北塘市办结件较多，分别为 21 件、14 件、8 件。"


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def site(published_demo) -> Path:
    return published_demo / "_site" / "qinglan"


@pytest.fixture(scope="module")
def month_folder(published_demo) -> Path:
    return published_demo / "reports" / "qinglan" / MONTH


@pytest.fixture(scope="module")
def annex(site) -> list[list[str]]:
    path = site / MONTH / "附件2_县（市、区）运行情况表.csv"
    return list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))[1:]


def test_annex_rows_of_each_county_and_their_sums(annex):
    names = [row[1] for row in annex]
    assert names == [
        "西岭县", INDENT + "西岭县本级", INDENT + "西岭县人社局", INDENT + "西岭县市场监管局",
        INDENT + "西岭县东关镇", INDENT * 2 + "西岭县东关镇本级", INDENT * 2 + "东关镇桥头村",
        INDENT + "西岭县南山乡",
        "南溪区", INDENT + "南溪区本级", INDENT + "南溪区人社局", INDENT + "南溪区城关街道",
        "北塘市", "东坪县", INDENT + "东坪县本级", INDENT + "东坪县平安镇", "合计"]
    by_name = {row[1]: row for row in annex}
    for county, (applied, completed, active) in COUNTIES.items():
        row = by_name[county]
        assert (int(row[2]), int(row[4]), int(row[19])) == (applied, completed, active), county
    total = by_name["合计"]
    assert (int(total[2]), int(total[4]), int(total[19])) == TOTAL
    # 序号 numbers the counties only
    assert [row[0] for row in annex if row[0]] == ["1", "2", "3", "4"]


@pytest.mark.parametrize("column", [2, 3, 4, 5, 6, 7, 11, 12, 13, 14, 15, 19])
def test_every_count_row_is_the_sum_of_the_rows_it_totals(annex, column):
    """合计 = the unindented rows; a row with indented rows below it = those one level
    deeper, up to the next row at its own depth or shallower (every count column)."""
    depth = [len(row[1]) - len(row[1].lstrip(INDENT)) for row in annex[:-1]]
    value = [int(row[column]) for row in annex]
    assert value[-1] == sum(v for v, d in zip(value, depth) if d == 0)
    for i, d in enumerate(depth):
        below = []
        for j in range(i + 1, len(depth)):
            if depth[j] <= d:
                break
            if depth[j] == d + 1:
                below.append(value[j])
        if below:
            assert value[i] == sum(below), (annex[i][1], column)


def test_the_xlsx_holds_the_csv_s_figures(site, annex):
    from openpyxl import load_workbook

    sheet = load_workbook(site / MONTH / "附件2_县（市、区）运行情况表.xlsx").active
    rows = {str(r[1]).lstrip("'"): r for r in sheet.iter_rows(values_only=True) if r[1]}
    for county, (applied, completed, _) in COUNTIES.items():
        assert (rows[county][2], rows[county][4]) == (applied, completed)


def test_the_text_ranks_and_details_the_counties_with_everything_under_them(site, month_folder):
    page = squeeze(re.sub(r"<[^>]+>", "", (site / MONTH / "index.html").read_text("utf-8")))
    pdf = subprocess.run(["pdftotext", "-layout", str(month_folder / "bulletin.pdf"), "-"],
                         capture_output=True, text=True, check=True).stdout
    # a sentence may run over a page: its page number (「—7—」) is not part of it
    pdf = squeeze(re.sub(r"^\s*—\s*\d+\s*—\s*$", "", pdf, flags=re.MULTILINE))
    with zipfile.ZipFile(month_folder / "bulletin.docx") as z:
        word = squeeze(re.sub(r"<[^>]+>", "", z.read("word/document.xml").decode("utf-8")))
    for text in (page, pdf, word):
        assert squeeze(RANKED) in text
        for county, (_, _, active) in COUNTIES.items():
            assert f"{county}主动评价数为{active}条" in text, county
        assert "主动评价数较多的地区为西岭县、南溪区、北塘市" in text
        assert "各县（市、区）通过一体化政务服务平台共申请依申请政务服务事项53件，受理53件，办结48件" in text
        # 超时: each case once, in the unit that handled it
        assert ("超时办结件分布在市公安局（2件）、市人力资源和社会保障局（1件）、西岭县人社局（1件）、"
                "南溪区人社局（1件）、北塘市（1件）5个单位") in text


SPEC = re.compile(r'<script type="application/json" id="([^"]+)">(.*?)</script>', re.DOTALL)


def chart_rows(page: str, county: str, phone: bool = False) -> list[dict]:
    """The rows naming a county of the charts' data (vega-lite datasets in the page): the
    desk specs', or the phone layouts' (``<id>-phone``)."""
    pattern = r'\{[^{}]*"地区": "' + re.escape(county) + r'"[^{}]*\}'
    return [json.loads(m) for spec_id, spec in SPEC.findall(page)
            if spec_id.endswith("-phone") == phone for m in re.findall(pattern, spec)]


@pytest.mark.parametrize("phone", [False, True])
def test_the_charts_data_are_the_counties_figures(site, phone):
    page = (site / MONTH / "index.html").read_text("utf-8")
    for county, (_, completed, active) in COUNTIES.items():
        rows = chart_rows(page, county, phone)
        # 图3: 办结件 this month; 图4: 主动评价数
        assert [r["件数"] for r in rows if r.get("时期") == "本月（2024年6月）"] == [completed]
        assert [r["主动评价数"] for r in rows if "主动评价数" in r] == [active]


def test_a_county_s_unit_page_shows_the_county_with_everything_under_it(site):
    for county, (applied, completed, active) in COUNTIES.items():
        page = (site / "units" / f"{unit_slug(county)}.html").read_text("utf-8")
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
        # the newest month first: 2024-06's value, then 2024-05's
        assert f"办件情况（件）/申请 {applied} " in text, county
        assert f"办件情况（件）/办结 {completed} " in text, county
        assert f"办件主动评价/主动评价数 {active} " in text, county


def test_the_explorer_gives_the_same_numbers():
    b = bulletin.open_month(DATA / "qinglan", MONTH)
    ranking = b.ranking("办结件", "county")
    assert list(zip(ranking["单位"], ranking["办结件"])) == [
        ("西岭县", 21), ("南溪区", 14), ("北塘市", 8), ("东坪县", 5)]
    for county, (applied, completed, active) in COUNTIES.items():
        series = b.series(county, "申请件", "办结件").filter(bulletin_month(MONTH))
        assert series.row(0)[1:] == (applied, completed), county
        table = b.unit_table("county").filter(unit_is(county))
        assert (table["申请件"][0], table["主动评价数"][0]) == (applied, active)
        rolled = b.rollup_table("county").filter(scope_is(county))
        assert rolled["办结件"][0] == completed
    assert b.rollup_table("counties")["申请件"][0] == TOTAL[0]
    # the county's own office is a row of its own, counted once
    own = b.own_of().filter(own_name_is("西岭县本级"))
    assert (own["applied"][0], own["completed"][0]) == (3, 3)


def bulletin_month(month: str):
    import polars as pl

    return pl.col("月份") == month


def unit_is(name: str):
    import polars as pl

    return pl.col("单位") == name


def scope_is(name: str):
    import polars as pl

    return pl.col("范围") == name


def own_name_is(name: str):
    import polars as pl

    return pl.col("name") == name

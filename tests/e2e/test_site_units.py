"""The demo site's unit pages, index and trends, read from the built HTML (the real
notebook published for a month of every sample dataset: ``published_demo``).

- every unit of every dataset's registry (units.csv) has a page;
- a unit's figures on its page are its cells in the month pages' tables, and every such
  row links to the unit's page;
- seed 000: one county's figures as the real bulletin prints them;
- the index's changes for synthetic's two months, worked out by hand;
- one-month datasets get a sentence on the trends page; rates are drawn in percent.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support.paths import DATA

DATASETS = ["seed000", "seed001", "seed002", "seed003", "seed004", "synthetic"]


@pytest.fixture(scope="module")
def site(published_demo) -> Path:
    return published_demo / "_site"


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def registry_names(dataset: str) -> list[str]:
    with open(DATA / dataset / "units.csv", encoding="utf-8-sig", newline="") as f:
        return [row["单位名称"].strip() for row in csv.DictReader(f)]


def unit_links(site: Path, dataset: str) -> dict[str, Path]:
    """Unit name → its page, from the dataset's list of units."""
    index = site / dataset / "units" / "index.html"
    return {a.get_text(strip=True): index.parent / a["href"]
            for a in soup_of(index).select("a.unit-link")}


def unit_columns(page: Path, month: str) -> dict[str, list[str]]:
    """The unit page's cells of ``month``, figure by figure, per table (its caption)."""
    out = {}
    for table in soup_of(page).select("table.unit-history"):
        months = [th["data-month"] for th in table.select("thead th[data-month]")]
        if month in months:
            i = months.index(month)
            out[table.caption.get_text(strip=True)] = [
                tr.find_all("td")[i].get_text(strip=True) for tr in table.select("tbody tr")]
    return out


def linked_rows(month_page: Path) -> list[tuple[str, str, list[str]]]:
    """(unit name, href, the row's other cells) of every table row whose cell links a unit;
    a 序号 column is left out (the unit page lists figures, not the row's number)."""
    out = []
    for table in soup_of(month_page).select("table.gt_table"):
        heads = table.select("thead th.gt_col_heading")
        numbered = bool(heads) and heads[0].get_text(strip=True) == "序号"
        for tr in table.select("tbody tr"):
            link = tr.select_one("a.unit-link")
            if link is None:
                continue
            cells = tr.find_all(["td", "th"])
            others = [c.get_text(strip=True) for c in cells if c.select_one("a.unit-link") is None]
            out.append((link.get_text(strip=True), link["href"], others[1:] if numbered else others))
    return out


@pytest.mark.parametrize("dataset", [d for d in DATASETS if d != "seed002"])
def test_every_unit_of_the_registry_has_a_page(site, dataset):
    links = unit_links(site, dataset)
    assert sorted(links) == sorted(registry_names(dataset))
    for name, page in links.items():
        assert page.is_file(), name
        assert soup_of(page).select_one("h1").get_text(strip=True) == name


@pytest.mark.parametrize("dataset", DATASETS)
def test_unit_pages_show_the_units_cells_of_the_month_pages(site, dataset):
    months = sorted(p.parent.name for p in (site / dataset).glob("*/index.html")
                    if p.parent.name != "units")
    assert months
    checked = 0
    for month in months:
        page = site / dataset / month / "index.html"
        for name, href, cells in linked_rows(page):
            target = (page.parent / href).resolve()
            assert target.is_file(), (month, name, href)
            assert cells in unit_columns(target, month).values(), (month, name)
            checked += 1
    if dataset in ("seed000", "synthetic"):  # the two annexes list every unit once a month
        assert checked == len(registry_names(dataset)) * len(months)
    if dataset == "seed002":  # 目标跟踪: its one table lists indicators, not units
        assert checked == 0  # so no units pages, and no link to them
        assert not (site / dataset / "units").exists()
        assert "units/" not in (site / dataset / "index.html").read_text(encoding="utf-8")
    else:
        assert checked >= 20, checked  # the demo months list dozens of units


def test_seed000_county_figures_as_the_bulletin_prints_them(site):
    # seed 000 (达州市's bulletin of 2021-02), 附件 2 达州市一体化政务服务平台县（市、区）运行情况表
    # （2021 年 2 月）, row 4 宣汉县, read by hand, column by column (申请 … 主动评价率);
    # no 较上月 column: the demo publishes no January (a month without a base omits it).
    page = unit_links(site, "seed000")["宣汉县"]
    assert unit_columns(page, "2021-02") == {"达州市一体化政务服务平台县（市、区）运行情况表": [
        "50311", "50291", "49872", "0", "19453", "19453", "50.06%", "99.54%", "100.00%",
        "45166", "45149", "44707", "16708", "16708", "85.89%", "99.53%", "100.00%", "17750",
        "35.59%"]}
    labels = [th.get_text(strip=True) for th in soup_of(page).select("table.unit-history tbody th")]
    assert labels[0] == "办件情况（件）/申请" and labels[-1] == "办件主动评价/主动评价率"


def test_index_changes_of_synthetic_february_by_hand(site):
    soup = soup_of(site / "synthetic" / "index.html")
    table = soup.select_one("#dataset-synthetic table.month-list")
    heads = [th.get_text(strip=True) for th in table.select("thead th")]
    row = table.select("tbody tr")[0]  # newest first: 2021 年第 2 期
    assert row.select_one("a.month-link").get_text(strip=True) == "2021 年第 2 期"
    cells = row.find_all(["th", "td"])

    def change(label: str) -> str:
        return cells[heads.index(label)].select_one(".change").get_text(strip=True)

    assert change("申请件") == "较上月↓627 件"  # 4419 − 5046 = −627
    # 按时办结率 1 − 29/4349 = 4320/4349 against 1 − 43/4975 = 4932/4975:
    # (4320·4975 − 4932·4349) / (4349·4975) = 42732 / 21636275 = 0.001975 → 0.19 个百分点
    assert change("按时办结率") == "较上月↑0.19 个百分点"
    assert change("主动评价数") == "较上月↓415 条"  # 1413 − 1828 = −415
    # 主动评价率 1413/4349 = 0.32490 against 1828/4975 = 0.36744: −0.04254 → 4.25 个百分点
    assert change("主动评价率") == "较上月↓4.25 个百分点"
    files = [a.get_text(strip=True) for a in row.select("td.files a")]
    assert files == ["PDF", "Word", "附件1 市级部门运行情况表（XLSX）", "附件1 市级部门运行情况表（CSV）",
                     "附件2 县（市、区）运行情况表（XLSX）", "附件2 县（市、区）运行情况表（CSV）"]
    older = table.select("tbody tr")[1]
    assert older.select(".change") == []  # January: nothing to compare with


def test_one_month_datasets_get_a_sentence_not_charts(site):
    for dataset in ["seed000", "seed001", "seed002", "seed003", "seed004"]:
        soup = soup_of(site / dataset / "trends.html")  # each publication its own
        assert [s["id"] for s in soup.select("section.dataset")] == [f"trend-{dataset}"]
        section = soup.select_one(f"#trend-{dataset}")
        assert "只发布了 1 期通报" in section.select_one("p.one-month").get_text(), dataset
        assert section.select(".vega-chart") == [], dataset
    assert len(soup_of(site / "synthetic" / "trends.html").select("#trend-synthetic .vega-chart")) == 1
    # seed 001's own view: 综合得分 and rank per unit, one table per 考核 group
    soup = soup_of(site / "seed001" / "trends.html")
    titles = [h.get_text(strip=True) for h in soup.select("#trend-seed001 h3")]
    assert titles and all("综合得分" in t and "排名" in t for t in titles)


def test_rates_are_drawn_in_percent(site):
    soup = soup_of(site / "synthetic" / "trends.html")
    spec = json.loads(soup.select_one("#trend-synthetic script[type='application/json']").string)
    rows = {(r["月份"], r["指标"]): r for r in spec["data"]["values"]}
    # synthetic February 线上申请占比 43.19% (the index and meta.json's display): 43.19…, not 0.43
    share = rows[("2021-02", "线上申请占比（%）")]
    assert 43.19 <= share["数值"] < 43.2 and share["显示"] == "43.19%"
    assert rows[("2021-02", "申请件（件）")]["数值"] == 4419
    # a unit page: its rate cells drawn as the numbers they print
    page = unit_links(site, "synthetic")["宣汉县"]
    unit_spec = json.loads(soup_of(page).select_one("script#unit-spec-0").string)
    rates = [r for r in unit_spec["data"]["values"] if r["指标"].endswith("主动评价率（%）")]
    assert rates and all(r["数值"] == float(r["显示"].rstrip("%")) for r in rates)
    assert any(r["数值"] > 1 for r in rates)

"""The built site in a real browser (Debian's chromium via playwright), opened from disk.

Every request that is not file:// is aborted and recorded: the site must work on an
intranet machine with no network. Console errors and failed requests fail the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.browser import CHROMIUM, NO_CHROMIUM, assert_clean, drawn_charts
from support.mini_bulletin import MONTHS, execute_month

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from bulletin.publish.fs import replace_dir
    from bulletin.publish.pdf.typeset import make_pdf
    from bulletin.publish.site.build import build_site

    root = tmp_path_factory.mktemp("browser")
    reports = root / "reports"
    for month in MONTHS:
        make_pdf(execute_month(reports, month))
    execute_month(reports, "2021-02", dataset="synthetic")  # a second dataset
    return replace_dir(root / "_site", lambda out: build_site(reports, out))


def test_month_page_offline(site, page):
    page.goto((site / "fixture" / "2021-02" / "index.html").as_uri())
    charts = page.locator(".vega-chart")
    assert charts.count() == 1
    assert drawn_charts(page) == charts.count()
    assert page.locator(".vega-chart.fallback").count() == 0
    assert page.locator("table.gt_table").count() == 2
    assert page.locator("th", has_text="办件情况（件）").count() >= 1
    assert "达州市一体化政务服务平台运行" in page.locator(".bulletin-title").inner_text()
    assert_clean(page)


def test_navigation_between_months(site, page):
    # the root of a site of two publications lists them; each has its own index
    page.goto((site / "index.html").as_uri())
    assert page.locator("a.month-link").count() == 0
    page.locator(".publication h2 a").first.click()
    assert page.url.endswith("fixture/index.html")
    assert page.locator("a.month-link").count() == 2
    page.locator("#dataset-fixture a.month-link", has_text="2021 年第 2 期").click()
    assert page.url.endswith("fixture/2021-02/index.html")
    assert drawn_charts(page) == 1  # let the page finish before leaving it
    page.locator("a.prev").first.click()  # top and bottom of the page
    assert page.url.endswith("fixture/2021-01/index.html")
    assert "2021 年第 1 期" in page.locator(".issue").inner_text()
    assert drawn_charts(page) == 1
    page.locator("a.up").first.click()  # 返回目录: the publication's own index
    assert page.url.endswith("fixture/index.html") and page.locator("h1").inner_text() == "通报目录"
    page.locator(".site-nav a", has_text="全部通报").click()
    assert page.locator(".publication").count() == 2
    assert_clean(page)


def test_trends_page_offline(site, page):
    # each publication its own trends: the fixture's two months a chart, synthetic's one
    # month a sentence
    page.goto((site / "fixture" / "trends.html").as_uri())
    assert page.locator(".vega-chart").count() == 1
    assert drawn_charts(page) == 1
    assert page.locator("table.trend-table tbody tr").count() == 2
    assert page.locator("#trend-synthetic").count() == 0
    page.goto((site / "synthetic" / "trends.html").as_uri())
    assert "只发布了 1 期通报" in page.locator("#trend-synthetic .one-month").inner_text()
    assert page.locator(".vega-chart").count() == 0
    assert page.locator("table.trend-table tbody tr").count() == 1
    assert_clean(page)


def test_unit_page_charts_are_drawn_by_the_page(tmp_path, page):
    """A unit page carries its charts' specs and no static SVG: the page's vega script
    draws them (and the table above holds the same figures)."""
    from bulletin.core.meta import UnitCell, UnitFigures, UnitRow, read_meta, unit_slug, write_meta
    from bulletin.publish.site.build import build_site
    from support.executed import markdown, write_month

    reports = tmp_path / "reports"
    for month, applied in (("2021-01", 120), ("2021-02", 95), ("2021-03", 130)):
        folder = write_month(reports, month, [markdown(f"{month} 的正文")])
        row = UnitRow(table=f"市级部门运行情况表（2021年{int(month[5:])}月）", cells=[
            UnitCell(column="办件情况（件）/申请", kind="count", unit="件",
                     display=str(applied), value=float(applied))])
        meta = read_meta(folder / "meta.json").model_copy(update={"units": [UnitFigures(
            name="市公安局", slug=unit_slug("市公安局"), level="市级部门", rows=[row])]})
        write_meta(meta, folder)
    site = build_site(reports, tmp_path / "site")
    page.goto((site / "mini" / "units" / f"{unit_slug('市公安局')}.html").as_uri())
    assert page.locator(".vega-chart").count() == 1
    assert drawn_charts(page) == 1
    assert page.locator(".vega-chart.fallback").count() == 0
    assert page.locator("table.unit-history td", has_text="130").count() == 1
    assert_clean(page)

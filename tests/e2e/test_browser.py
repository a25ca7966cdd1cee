"""The built site in a real browser (Debian's chromium via playwright), opened from disk.

Every request that is not file:// is aborted and recorded: the site must work on an
intranet machine with no network. Console errors and failed requests fail the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="/usr/bin/chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from bulletin.publish.fs import replace_dir
    from bulletin.publish.pdf import make_pdf
    from bulletin.publish.site import build_site
    from test_publish import MONTHS, execute_month

    root = tmp_path_factory.mktemp("browser")
    reports = root / "reports"
    for month in MONTHS:
        make_pdf(execute_month(reports, month))
    execute_month(reports, "2021-02", dataset="synthetic")  # a second dataset
    return replace_dir(root / "_site", lambda out: build_site(reports, out))


@pytest.fixture
def page(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(offline=True, viewport={"width": 1200, "height": 900})
        page = context.new_page()
        page.outside, page.errors, page.failed = [], [], []

        def route(route):
            if route.request.url.startswith("file://"):
                route.continue_()
            else:
                page.outside.append(route.request.url)
                route.abort()

        page.route("**/*", route)
        page.on("console", lambda msg: msg.type == "error" and page.errors.append(msg.text))
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on("requestfailed", lambda request: page.failed.append(request.url))
        yield page
        browser.close()


def drawn_charts(page) -> int:
    """Charts that vega-embed drew (an svg or canvas inside a .vega-embed container)."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('.vega-chart')].every("
        "el => el.classList.contains('drawn') || el.classList.contains('fallback'))",
        timeout=15_000)
    return page.locator(".vega-chart.drawn.vega-embed :is(svg, canvas)").count()


def assert_clean(page) -> None:
    assert page.outside == [], f"requests left the machine: {page.outside}"
    assert page.failed == [], f"failed requests: {page.failed}"
    assert page.errors == [], f"console errors: {page.errors}"


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
    page.goto((site / "index.html").as_uri())
    links = page.locator("a.month-link")
    assert links.count() == 3
    page.locator("#dataset-fixture a.month-link", has_text="2021 年第 2 期").click()
    assert page.url.endswith("fixture/2021-02/index.html")
    assert drawn_charts(page) == 1  # let the page finish before leaving it
    page.locator("a.prev").click()
    assert page.url.endswith("fixture/2021-01/index.html")
    assert "2021 年第 1 期" in page.locator(".issue").inner_text()
    assert drawn_charts(page) == 1
    page.locator("a.up").click()
    assert page.url.endswith("/index.html") and page.locator("h1").inner_text() == "通报目录"
    assert_clean(page)


def test_trends_page_offline(site, page):
    page.goto((site / "trends.html").as_uri())
    assert page.locator(".vega-chart").count() == 2  # one per dataset
    assert drawn_charts(page) == 2
    assert page.locator("table.trend-table tbody tr").count() == 3
    assert_clean(page)

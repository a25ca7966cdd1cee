"""The demo site's charts as chromium draws them, at a phone's width (390 × 844) and a
desk's (1366): on a phone no text of any chart is under 11 CSS px — its font size times
the scale the page draws its SVG at (``getScreenCTM``), so an SVG shrunk to fit the screen
counts as small as it looks — and at both widths no axis title in Chinese is turned on its
side. Every page with a chart: each month page, the trends page, each unit page.

The site is the session's published demo (tests/conftest.py), opened from disk offline.
"""

from __future__ import annotations

import re

import pytest

from support.browser import CHROMIUM, NO_CHROMIUM, assert_clean, open_page
from support.site_pages import DESK, PHONE, site_pages

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM)

SMALLEST = 11  # CSS px

# Each text of the page's drawn charts: its characters, its size on screen (font size ×
# the SVG's scale), whether it is turned, and whether it is an axis title.
MEASURE = """() => [...document.querySelectorAll('.vega-chart svg text')]
  .filter(t => t.textContent.trim() && t.getClientRects().length)
  .map(t => {
    const m = t.getScreenCTM();
    return {text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b),
            turned: Math.abs(m.b) > 1e-6 || m.a < 0,
            title: !!t.closest('.role-axis-title')};
  })"""

DRAWN = ("() => [...document.querySelectorAll('.vega-chart')].every("
         "el => el.classList.contains('drawn') || el.classList.contains('fallback'))")


def kind(path, site) -> str:
    parts = path.relative_to(site).parts
    # a publication's trends: trends.html at the root of its site, or <dataset>/trends.html
    # in a site of several (the demo)
    return "trends" if parts[-1] == "trends.html" else "unit" if "units" in parts else "month"


@pytest.fixture(scope="module")
def chart_pages(published_demo):
    site = published_demo / "_site"
    pages = [p for p in site_pages(site) if 'class="vega-chart"' in p.read_text(encoding="utf-8")]
    assert {kind(p, site) for p in pages} == {"month", "trends", "unit"}
    return site, pages


def measured(browser, viewport, site, pages) -> dict[str, list[dict]]:
    """Every chart text of every page at ``viewport``, by page; each page's charts drawn by
    its script (none left as the static fallback), no console error."""
    page = open_page(browser, viewport)
    found = {}
    try:
        for path in pages:
            page.goto(path.as_uri())
            page.wait_for_function(DRAWN, timeout=20_000)
            name = str(path.relative_to(site))
            assert page.locator(".vega-chart.fallback").count() == 0, name
            found[name] = page.evaluate(MEASURE)
            assert found[name], f"{name}: no chart text drawn"
        assert_clean(page)
    finally:
        page.context.close()
    return found


def test_no_chart_text_under_11_px_on_a_phone(browser, chart_pages):
    site, pages = chart_pages
    texts = measured(browser, PHONE, site, pages)
    small = [(name, t["text"], round(t["px"], 2)) for name, ts in texts.items() for t in ts
             if t["px"] < SMALLEST]
    assert not small, small[:20]
    # the month pages' figures (「249679」) and axis labels are there, at 12 px
    month = next(ts for name, ts in texts.items() if name.startswith("seed000/2021-02"))
    assert any(re.fullmatch(r"\d{3,}", t["text"]) and t["px"] == 12 for t in month)


@pytest.mark.parametrize("viewport", [DESK, PHONE], ids=["desk", "phone"])
def test_chinese_axis_titles_are_level(browser, chart_pages, viewport):
    site, pages = chart_pages
    month_and_trends = [p for p in pages if kind(p, site) != "unit"][:12]
    texts = measured(browser, viewport, site, month_and_trends)
    titles = [(name, t["text"]) for name, ts in texts.items() for t in ts
              if t["title"] and re.search(r"[\u4e00-\u9fff]", t["text"])]
    assert any(text == "件" for _, text in titles)
    turned = [(name, t["text"]) for name, ts in texts.items() for t in ts
              if t["title"] and t["turned"]]
    assert not turned, turned

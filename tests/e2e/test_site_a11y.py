"""Accessibility of the demo site in chromium at 1366 and 390 px: axe-core (through
axe-playwright-python, its script shipped in the package, nothing fetched) finds no serious
or critical violation on any page, every page has exactly one h1, and the keyboard alone
reaches every link, button, filter box and scrolling table of a month page.

axe runs on every page except the unit pages, of which it checks each dataset's list of
units and its first unit page: they are one template filled with different figures, and
the demo has some two hundred of them. The layout test (test_site_layout.py) opens all.
"""

from __future__ import annotations

import pytest

from support.browser import CHROMIUM, NO_CHROMIUM, assert_clean
from support.site_pages import site_pages

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM)

SEED000 = "seed000/2021-02/index.html"
# preload off: axe would fetch the style sheets again with XHR for its one CSSOM rule
# (css-orientation-lock), which file:// refuses, and a refused request fails the page
AXE_OPTIONS = {"resultTypes": ["violations"], "preload": False}


@pytest.fixture(scope="module")
def site(published_demo):
    """The pages ``window`` (tests/e2e/conftest.py: desk and phone) opens."""
    return published_demo / "_site"


def axe_pages(site) -> list:
    """Every page but the unit pages; of those, each dataset's list and its first page."""
    pages, first_unit = [], {}
    for path in site_pages(site):
        if path.parent.name != "units" or path.name == "index.html":
            pages.append(path)
        else:
            first_unit.setdefault(path.parent, path)
    return pages + sorted(first_unit.values())


def test_axe_finds_no_serious_or_critical_violation(site, window):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found = {}
    pages = axe_pages(site)
    assert len(pages) > 15
    for path in pages:
        window.goto(path.as_uri())
        window.wait_for_load_state("load")
        violations = axe.run(window, options=AXE_OPTIONS).response["violations"]
        bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in violations if v["impact"] in ("serious", "critical")]
        if bad:
            found[str(path.relative_to(site))] = bad
    assert found == {}
    assert_clean(window)


def test_axe_catches_what_it_should(site, window):
    """The check can fail: a grey too light for its white and a scroll box the keyboard
    cannot reach, put on a real page, are reported."""
    from axe_playwright_python.sync_playwright import Axe

    window.goto((site / SEED000).as_uri())
    window.evaluate("""() => {
      document.querySelector('.issue').style.color = '#aaa';  // 2.3:1 on white
      const region = document.querySelector('.annex-scroll');
      region.removeAttribute('tabindex');
      region.style.overflowX = 'scroll';
      region.classList.remove('fits');
      region.querySelector('table').style.minWidth = '3000px';
      region.querySelectorAll('button, a').forEach(el => el.remove());
    }""")
    ids = {v["id"] for v in Axe().run(window, options=AXE_OPTIONS).response["violations"]}
    assert {"color-contrast", "scrollable-region-focusable"} <= ids


def test_every_page_has_one_h1(site, window):
    counts = {}
    for path in site_pages(site):
        window.goto(path.as_uri())
        n = window.locator("h1").count()
        if n != 1:
            counts[str(path.relative_to(site))] = n
    assert counts == {}
    window.goto((site / SEED000).as_uri())
    assert window.locator("h1").inner_text().replace("\n", "") == "达州市一体化政务服务平台运行情况通报"


# Everything a reader can act on, and every region that scrolls (so needs the keyboard).
ACTIONABLE = """() => [...document.querySelectorAll(
    'a[href], button, input, .annex-scroll[tabindex]')]
  .filter(el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
  .filter(el => !el.matches('.annex-scroll') || el.scrollWidth > el.clientWidth)"""


def test_the_keyboard_reaches_everything_on_a_month_page(site, window):
    window.goto((site / SEED000).as_uri())
    wanted = window.evaluate_handle(ACTIONABLE)
    total = wanted.evaluate("els => els.length")
    assert total > 50  # links, 22 sort buttons a table, filter boxes …
    window.evaluate("() => { window.reached = new Set(); document.addEventListener('focusin', "
                    "e => window.reached.add(e.target)); }")
    window.locator("body").focus()
    for _ in range(total + 10):
        window.keyboard.press("Tab")
    missed = wanted.evaluate("els => els.filter(el => !window.reached.has(el))"
                             ".map(el => el.outerHTML.slice(0, 80))")
    assert missed == []
    assert_clean(window)

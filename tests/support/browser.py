"""Opening built pages in Debian's chromium (via playwright) with no network: every request
that is not file:// is aborted and recorded; console errors and failed requests are kept
for ``assert_clean``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
PAGE = {"width": 1200, "height": 900}  # the window of the ``page`` fixture
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
NO_CHROMIUM = "/usr/bin/chromium is not installed (apt-get install chromium)"


@contextmanager
def offline_browser() -> Iterator:
    """A chromium for the whole test session (tests/e2e/conftest.py: ``browser``); each test
    opens its pages in a context of its own with ``open_page``."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def open_page(browser, viewport: dict, allow: str = "file://"):
    """A page of its own context (``viewport``) that aborts and records every request whose
    address does not start with ``allow`` (file:// by default, and then offline), and
    records console errors and failed requests (``assert_clean``)."""
    context = browser.new_context(offline=allow == "file://", viewport=viewport)
    page = context.new_page()
    page.outside, page.errors, page.failed = [], [], []

    def route(route):
        if route.request.url.startswith(allow):
            route.continue_()
        else:
            page.outside.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.on("console", lambda msg: msg.type == "error" and page.errors.append(msg.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("requestfailed",
            lambda request: page.failed.append(f"{request.url} ({request.failure})"))
    return page


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


# The lines of an element's text as laid out: characters grouped by the line they sit on (a
# Range per character; a character whose middle is inside the box of a line's first
# character is on that line: the boxes of CJK glyphs are taller than the line height).
LINES = """el => {
  const lines = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const box = range.getClientRects()[0];
      if (!box || !node.data[i].trim()) continue;
      const middle = (box.top + box.bottom) / 2;
      let line = lines.find(l => middle > l.top && middle < l.bottom);
      if (!line) lines.push(line = {top: box.top, bottom: box.bottom, text: ''});
      line.text += node.data[i];
    }
  }
  return lines.sort((a, b) => a.top - b.top).map(l => l.text);
}"""

"""The pages of a built site, and one offline chromium per test module that opens them at a
given window size (the same blocking and recording as ``support.browser.offline_page``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from support.browser import ARGS, CHROMIUM

DESK = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
WIDTHS = {"desk": DESK, "phone": PHONE}


def site_pages(site: Path) -> list[Path]:
    """Every HTML page of the site: index, trends, each month and its review, unit pages."""
    return sorted(site.rglob("*.html"))


def month_pages(site: Path) -> list[Path]:
    """The month pages (<dataset>/<YYYY-MM>/index.html)."""
    return sorted(p for p in site.glob("*/*/index.html") if p.parent.name[:4].isdigit())


@contextmanager
def offline_browser() -> Iterator:
    """A chromium for a whole test module; open pages in it with ``support.browser.open_page``."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()



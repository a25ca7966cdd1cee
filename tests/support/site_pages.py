"""The pages of a built site and the window sizes they are opened at (in the session's
chromium: ``support.browser.offline_browser``, ``open_page``)."""

from __future__ import annotations

from pathlib import Path

DESK = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
WIDTHS = {"desk": DESK, "phone": PHONE}


def site_pages(site: Path) -> list[Path]:
    """Every HTML page of the site: index, trends, each month and its review, unit pages."""
    return sorted(site.rglob("*.html"))


def month_pages(site: Path) -> list[Path]:
    """The month pages (<dataset>/<YYYY-MM>/index.html)."""
    return sorted(p for p in site.glob("*/*/index.html") if p.parent.name[:4].isdigit())

"""Fixtures of the end-to-end tests."""

from __future__ import annotations

import pytest

from support.browser import offline_page, open_page
from support.site_pages import WIDTHS, offline_browser


@pytest.fixture
def page(site):
    """An offline chromium page; each browser test module provides its own ``site``."""
    with offline_page() as page:
        yield page


@pytest.fixture(scope="module")
def browser():
    """One offline chromium per test module that asks for it (or for ``window``)."""
    with offline_browser() as browser:
        yield browser


@pytest.fixture(params=list(WIDTHS), scope="module")
def window(request, browser):
    """A page at the desk's or the phone's size (support.site_pages.WIDTHS), reused by the
    module's tests of that size: each test that takes it runs at both sizes."""
    page = open_page(browser, WIDTHS[request.param])
    yield page
    page.context.close()


@pytest.fixture(scope="session")
def published_insider(tmp_path_factory):
    """seed 000 as a hostile insider left it (support.insider), published through the same
    path as `bulletin publish`: tmp/reports and tmp/_site."""
    import io

    from rich.console import Console

    from bulletin.publish.runner import publish_many
    from support.insider import MONTH, hostile_seed000

    root = tmp_path_factory.mktemp("insider")
    dataset = hostile_seed000(root / "data")
    log = io.StringIO()
    publish_many(dataset, [MONTH], reports=root / "reports", site=root / "_site",
                 use_quarto=False, console=Console(file=log, width=400))
    (root / "publish.log").write_text(log.getvalue(), encoding="utf-8")  # what the analyst saw
    return root

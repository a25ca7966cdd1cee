"""Fixtures of the end-to-end tests."""

from __future__ import annotations

import pytest

from support.browser import PAGE, offline_browser, open_page
from support.site_pages import WIDTHS


@pytest.fixture(scope="session")
def browser():
    """One offline chromium for the whole run, launched by the first test that asks for it
    (or for ``page`` or ``window``). tests/conftest.py runs the modules that use it last:
    while playwright's sync API is open, its event loop counts as the thread's running loop."""
    with offline_browser() as browser:
        yield browser


@pytest.fixture
def page(browser):
    """A page in a fresh context of the session's chromium (its own cookies, storage and
    records of outside requests and console errors), closed after the test."""
    page = open_page(browser, PAGE)
    yield page
    page.context.close()


@pytest.fixture(params=list(WIDTHS))
def window(request, browser):
    """A page at the desk's or the phone's size (support.site_pages.WIDTHS) in a fresh
    context: each test that takes it runs at both sizes."""
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

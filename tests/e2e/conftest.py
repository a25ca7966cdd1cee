"""Fixtures of the end-to-end tests."""

from __future__ import annotations

import pytest

from support.browser import offline_page


@pytest.fixture
def page(site):
    """An offline chromium page; each browser test module provides its own ``site``."""
    with offline_page() as page:
        yield page

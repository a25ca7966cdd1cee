"""Fixtures of the end-to-end tests."""

from __future__ import annotations

import pytest

from support.browser import offline_page


@pytest.fixture
def page(site):
    """An offline chromium page; each browser test module provides its own ``site``."""
    with offline_page() as page:
        yield page


@pytest.fixture(scope="session")
def published_insider(tmp_path_factory):
    """seed 000 as a hostile insider left it (support.insider), published through the same
    path as `bulletin publish`: tmp/reports and tmp/_site."""
    from bulletin.publish.runner import publish_many
    from support.insider import MONTH, hostile_seed000

    root = tmp_path_factory.mktemp("insider")
    dataset = hostile_seed000(root / "data")
    publish_many(dataset, [MONTH], reports=root / "reports", site=root / "_site", use_quarto=False)
    return root

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from support.paths import DATA
from support.properties import CHECK

# make check loads it (--hypothesis-profile=check): each property test tries a fifth of
# its examples (support.properties.examples)
settings.register_profile("check", max_examples=CHECK)

E2E = Path(__file__).parent / "e2e"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Every test under tests/e2e is marked ``e2e``. The run takes the unit tests and
    back-tests first, then e2e, and last the e2e modules that use the session's chromium
    (tests/e2e/conftest.py: ``browser``), so that no test runs after it has started but those
    modules' own. The order within a module, and of the modules within each group, is kept."""
    for item in items:
        if item.path.is_relative_to(E2E):
            item.add_marker(pytest.mark.e2e)
    chromium = {item.path for item in items if "browser" in item.fixturenames}
    items.sort(key=lambda item: (item.path.is_relative_to(E2E), item.path in chromium))


@pytest.fixture
def write(tmp_path):
    """Write a text file under tmp_path (creating folders) and return its path."""

    def _write(rel: str, text: str, encoding: str = "utf-8") -> Path:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode(encoding))
        return path

    return _write


DEMO_MONTHS = {"seed000": ["2021-02"], "seed001": ["2023-06"], "seed002": ["2020-12"],
               "seed003": ["2022-09"], "seed004": ["2021-09"],
               "synthetic": ["2021-01", "2021-02"], "qinglan": ["2024-05", "2024-06"],
               "yunling": ["2023-09"]}


@pytest.fixture(scope="session")
def published_demo(tmp_path_factory):
    """The real notebook published for a month of every sample dataset (every profile),
    through the same path as `bulletin publish`: tmp/reports and tmp/_site."""
    from bulletin.publish.runner import publish_many

    root = tmp_path_factory.mktemp("demo")
    for name, months in DEMO_MONTHS.items():
        publish_many(DATA / name, months, reports=root / "reports", site=root / "_site")
    return root

"""Fixtures of the unit tests."""

from __future__ import annotations

import pytest

from bulletin.ingest.dataset import Dataset
from support.cases import HEADER, UNITS


@pytest.fixture
def dataset(write, tmp_path):
    """Make the hand-written case dataset (units.csv + one cases file) from case rows."""
    write("units.csv", UNITS)

    def make(rows: list[str], name: str = "cases/a.csv", encoding: str = "utf-8") -> Dataset:
        write(name, HEADER + "\n".join(rows) + "\n", encoding)
        return Dataset.open(tmp_path)

    return make

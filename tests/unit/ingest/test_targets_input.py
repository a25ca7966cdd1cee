"""目标跟踪 printed target values."""

from __future__ import annotations

import pytest

from bulletin.ingest.targets import parse_value


def test_parse_printed_values():
    assert parse_value("80%以上") == 0.8 and parse_value("97.2%") == pytest.approx(0.972)
    assert parse_value("暂缺") is None

"""dataset.yml: checked at the start of every run, documented in one table."""

from __future__ import annotations

import pytest

from bulletin.core.config import config_reference, load_config
from bulletin.core.errors import ConfigError
from support.paths import ROOT


def test_docs_table_is_generated_from_the_model():
    assert (ROOT / "docs" / "config.md").read_text(encoding="utf-8") == config_reference(), (
        "docs/config.md is stale: run `make docs`")


def test_unknown_key_names_the_key(write, tmp_path):
    write("dataset.yml", "regoin: 达州市\n")
    with pytest.raises(ConfigError, match="配置项「regoin」"):
        load_config(tmp_path)


def test_bad_value_names_key_and_value(write, tmp_path):
    write("dataset.yml", "zero_denominator: 无\n")
    with pytest.raises(ConfigError, match="配置项「zero_denominator」.*'无'"):
        load_config(tmp_path)


def test_defaults_without_a_file(tmp_path):
    assert load_config(tmp_path).zero_denominator == "-"


def test_stated_totals_counts_and_rates(write, tmp_path):
    write("dataset.yml", "stated_totals:\n  \"2021-02\":\n    全市: {applied: 249682, "
                         "handling_speedup_rate: 99.37%, online_share: \"-1.5 ％\"}\n")
    figures = load_config(tmp_path).stated_totals["2021-02"]["全市"]
    assert figures == {"applied": 249682, "handling_speedup_rate": 0.9937, "online_share": -0.015}
    assert isinstance(figures["applied"], int) and isinstance(figures["handling_speedup_rate"], float)


@pytest.mark.parametrize("value", ["0.9937", "99.37", "yes", "九十"])
def test_a_stated_figure_is_a_whole_count_or_a_percentage(write, tmp_path, value):
    write("dataset.yml", f"stated_totals:\n  \"2021-02\":\n    全市: {{online_share: {value}}}\n")
    with pytest.raises(ConfigError, match="2021-02.全市.online_share 的值.*比率应写成百分数"):
        load_config(tmp_path)

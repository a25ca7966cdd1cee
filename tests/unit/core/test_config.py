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

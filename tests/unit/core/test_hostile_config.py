"""dataset.yml as analysts save it: in GBK (Notepad on a Chinese Windows), with a BOM, with
an impossible date. Each is read, or a ConfigError naming the file and the key."""

from __future__ import annotations

import datetime as dt

import pytest

from bulletin.core.config import load_config
from bulletin.core.errors import ConfigError

TEXT = "region: 达州市\nauthority: 达州市政务服务管理局\nholidays: [2021-02-11]\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_dataset_yml_in_the_encodings_of_the_csvs(tmp_path, encoding):
    (tmp_path / "dataset.yml").write_bytes(TEXT.encode(encoding))
    config = load_config(tmp_path)
    assert config.region == "达州市" and config.holidays == [dt.date(2021, 2, 11)]


def test_dataset_yml_in_another_encoding_is_a_config_error(tmp_path):
    (tmp_path / "dataset.yml").write_bytes(TEXT.encode("utf-16"))
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path)
    assert "dataset.yml" in str(err.value) and "编码" in str(err.value)


@pytest.mark.parametrize("text,key", [
    ("holidays: [2021-02-30]", "holidays"),
    ("holidays: [2021-13-01]", "holidays"),
    ("workdays: [2021-02-29]", "workdays"),
    ("workdays: [20210207]", "workdays"),
    ("holidays: [2021/02/07]", "holidays"),
    ("issue_dates: {2021-02: 2021-02-30}", "issue_dates"),
])
def test_an_impossible_date_is_a_config_error_naming_the_key(tmp_path, text, key):
    (tmp_path / "dataset.yml").write_text(f"region: 达州市\n{text}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path)
    assert "dataset.yml" in str(err.value) and key in str(err.value)
    assert "YYYY-MM-DD" in str(err.value)


def test_dates_in_quotes_and_real_dates_are_read(tmp_path):
    (tmp_path / "dataset.yml").write_text(
        "holidays: ['2021-02-11', 2021-02-12]\nissue_dates: {'2021-02': 2021-03-10}\n",
        encoding="utf-8")
    config = load_config(tmp_path)
    assert config.holidays == [dt.date(2021, 2, 11), dt.date(2021, 2, 12)]
    assert config.issue_dates == {"2021-02": dt.date(2021, 3, 10)}

"""A month as typed is parsed in one place (core.months.parse_month): NFKC first, then
exactly YYYY-MM with a month 01–12. Every command of the CLI and ``open_month`` use it and
say whether the format or the month is wrong, before any work."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import bulletin
from bulletin.cli import app
from bulletin.core.errors import ConfigError
from bulletin.core.months import MonthError, is_month, parse_month
from support.paths import DATA


@pytest.mark.parametrize(("typed", "month"), [
    ("2024-06", "2024-06"),
    ("２０２４-０６", "2024-06"),  # full-width digits of a Chinese input method
    ("２０２１－０２", "2021-02"),  # and a full-width hyphen
    ("2024-12", "2024-12"),
    ("2024-01", "2024-01"),
])
def test_a_month_typed_in_full_width_is_the_month_it_shows(typed, month):
    assert parse_month(typed) == month


@pytest.mark.parametrize(("typed", "said"), [
    ("2024-13", "月份「2024-13」不存在：月份应为 01–12"),
    ("2024-00", "月份「2024-00」不存在：月份应为 01–12"),
    ("２０２４-１３", "月份「2024-13」不存在：月份应为 01–12"),
    ("0000-05", "月份「0000-05」不存在：年份应为 0001–9999"),
])
def test_a_month_that_does_not_exist_is_called_so(typed, said):
    with pytest.raises(MonthError) as caught:
        parse_month(typed)
    assert str(caught.value) == said and caught.value.reason == "month"
    assert isinstance(caught.value, ConfigError)


@pytest.mark.parametrize(("typed", "said"), [
    ("2024-6", "月份「2024-6」格式应为 YYYY-MM，如 2024-06"),
    ("24-06", "月份「24-06」格式应为 YYYY-MM，如 2024-06"),
    ("2024/06", "月份「2024/06」格式应为 YYYY-MM，如 2024-06"),
    ("2024-06-01", "月份「2024-06-01」格式应为 YYYY-MM，如 2024-06"),
    (" 2024-06", "月份「 2024-06」格式应为 YYYY-MM，如 2024-06"),
    ("", "月份「」格式应为 YYYY-MM，如 2024-06"),
    ("2024-06\n", "月份「2024-06\\n」含控制字符或不可见字符 \\n，格式应为 YYYY-MM，如 2024-06"),
    ("2024\t-06", "月份「2024\\t-06」含控制字符或不可见字符 \\t，格式应为 YYYY-MM，如 2024-06"),
    ("2024-06\u202e", "月份「2024-06\\u202e」含控制字符或不可见字符 \\u202e，格式应为 YYYY-MM，如 2024-06"),
    ("٢٠٢٤-06", "月份「٢٠٢٤-06」格式应为 YYYY-MM，如 2024-06"),  # digits of another script
])
def test_a_month_in_another_form_is_a_format_error_showing_what_was_typed(typed, said):
    with pytest.raises(MonthError) as caught:
        parse_month(typed)
    assert str(caught.value) == said and caught.value.reason == "format"


def test_is_month_takes_a_name_as_written():
    assert is_month("2024-06") and is_month("2024-12")
    assert not is_month("2024-06\n") and not is_month("２０２４-06") and not is_month("2024-13")
    assert not is_month("2024-00") and not is_month("2024-6")


def run(args):
    return CliRunner().invoke(app, args)


@pytest.mark.parametrize("command", [
    ["facts", "--dataset", str(DATA / "synthetic"), "--out", "x.parquet", "--month"],
    ["facts", "--dataset", str(DATA / "synthetic"), "--out", "x.parquet", "--month", "2021-01",
     "--to"],
    ["synth", "--out", "x", "--from"],
    ["synth", "--out", "x", "--to"],
    ["publish", "--dataset", str(DATA / "synthetic"), "--month"],
])
@pytest.mark.parametrize(("typed", "said"), [
    ("2024-13", "月份「2024-13」不存在：月份应为 01–12"),
    ("2024-6", "月份「2024-6」格式应为 YYYY-MM，如 2024-06"),
    ("2021-02\n", "月份「2021-02\\n」含控制字符或不可见字符 \\n"),
])
def test_every_command_refuses_a_bad_month_before_any_work(command, typed, said, tmp_path,
                                                           monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run([*command, typed])
    assert result.exit_code == 2
    assert said in result.output
    assert list(tmp_path.iterdir()) == []  # nothing written: no facts, no dataset, no reports


def test_facts_takes_a_full_width_month_as_the_month(tmp_path):
    out = tmp_path / "facts.parquet"
    result = run(["facts", "--dataset", str(DATA / "synthetic"), "--month", "２０２１-０２",
                  "--out", str(out)])
    assert result.exit_code == 0, result.output
    import polars as pl
    assert pl.read_parquet(out)["month"].unique().to_list() == ["2021-02"]


def test_open_month_names_the_dataset_folder_whole_and_what_is_wrong():
    folder = (DATA / "synthetic").resolve()
    with pytest.raises(MonthError) as caught:
        bulletin.open_month(DATA / "synthetic", "2024-6")
    assert str(caught.value) == f"数据集文件夹 {folder}：月份「2024-6」格式应为 YYYY-MM，如 2024-06"
    assert "文件 " not in str(caught.value)
    with pytest.raises(MonthError, match=f"^数据集文件夹 {folder}：月份「2024-13」不存在"):
        bulletin.open_month(DATA / "synthetic", "2024-13")


def test_open_month_of_a_month_without_data_names_the_dataset_folder_whole():
    folder = (DATA / "synthetic").resolve()
    with pytest.raises(bulletin.InputError) as caught:
        bulletin.open_month(DATA / "synthetic", "2019-01")
    assert str(caught.value) == (
        f"数据集文件夹 {folder}：值「2019-01」不符合要求，应为数据集中已有数据的月份"
        "（已有：2020-10 至 2021-04）")


def test_open_month_takes_a_full_width_month():
    assert bulletin.open_month(DATA / "synthetic", "２０２１-０２").month == "2021-02"


def test_a_month_folder_is_found_only_when_named_exactly(tmp_path):
    from bulletin.publish.notebook import find_reports

    for name in ("2021-02", "2021-03\n", "2021-13", "２０２１-04"):
        (tmp_path / "ds" / name).mkdir(parents=True)
        (tmp_path / "ds" / name / "meta.json").write_text("{}", encoding="utf-8")
    assert find_reports(tmp_path) == [tmp_path / "ds" / "2021-02"]


def test_a_dataset_folder_is_named_a_folder_and_whole(tmp_path):
    from bulletin.ingest.dataset import Dataset

    with pytest.raises(bulletin.InputError) as caught:
        bulletin.open_month(tmp_path / "没有的数据集", "2021-02")
    assert str(caught.value) == f"数据集文件夹 {tmp_path / '没有的数据集'}：不存在"
    (tmp_path / "ds").mkdir()
    (tmp_path / "ds" / "units.csv").write_text("单位名称,层级,序号\n市甲局,市级部门,1\n",
                                               encoding="utf-8")
    with pytest.raises(bulletin.InputError) as caught:
        Dataset.open(tmp_path / "ds").kind  # noqa: B018 - the property raises
    assert str(caught.value) == (f"数据集文件夹 {tmp_path / 'ds'}：数据集中没有 cases/ 办件明细，"
                                 "也没有 unit_stats/ 运行情况表")


@pytest.mark.parametrize(("stem", "named"), [
    ("2021-02", ("2021-02", None)), ("2023-06_A组", ("2023-06", "A组")),
    ("2022-09_windows", ("2022-09", "windows")), ("2021-09_部门_二", ("2021-09", "部门_二")),
    ("2021-13", None), ("2021-00", None), ("03", None), ("2021-2", None),
    ("2021-02 副本", None), ("２０２１-02", None), ("x2021-02", None), ("2021-02\n", None),
])
def test_the_month_a_file_name_starts_with(stem, named):
    from bulletin.core.months import file_month

    assert file_month(stem) == named

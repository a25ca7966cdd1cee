"""`bulletin publish` refuses a month whose input lost data — rows of units not in the
registry, a column the previous month's file had, more than 1 % of a file's rows
quarantined, 全市申请件 moving by more than 50 % — before any notebook runs: exit 2, the
unit or column named, --accept-loss named, reports/ and the site not created. With
--accept-loss the month is published and its review says what was accepted.

A month without data and a missing required column are refused at the same point, before
papermill starts. The datasets are support.losses' (200 cases a month, worked by hand)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from bulletin import open_month
from bulletin.cli import app
from bulletin.core.errors import ConfigError
from bulletin.publish import preflight
from bulletin.report.losses import ACCEPTED_NAME, read_accepted
from bulletin.report.sections.review import review_markdown
from support import losses as made
from support.fake_publish import REPLACED, install
from support.handmade import CASE_HEADER, CONFIG
from support.paths import ROOT

LOSSES = made.GATES  # each gate: the dataset that trips it, the texts said


@pytest.fixture
def kernel(monkeypatch):
    """publish_many's notebook: every month it runs is listed (none should be, when refused)."""
    from bulletin.publish import runner

    ran = []

    def execute(dataset, month, folder, notebook):
        ran.append(month)
        raise AssertionError(f"the notebook ran for {month}")

    monkeypatch.setattr(runner, "execute_month", execute)
    return ran


@pytest.fixture
def fake(monkeypatch):
    """papermill, PDF and Word replaced (support.fake_publish), the input check kept."""
    from bulletin.publish import runner

    for name in REPLACED:
        monkeypatch.setattr(runner, name, getattr(runner, name))  # restored after the test
    install(lambda: 1)
    runner.check_inputs = preflight.check_inputs  # these folders are datasets


def publish(tmp_path, *options):
    return CliRunner().invoke(app, ["publish", "--dataset", str(tmp_path / "ds"), "--root",
                                    str(ROOT), "--reports", str(tmp_path / "reports"),
                                    "--site", str(tmp_path / "site"), *options])


def untouched(tmp_path) -> bool:
    return sorted(p.name for p in tmp_path.iterdir()) == ["ds"]  # no reports/, no site/


@pytest.mark.parametrize("gate", list(LOSSES))
def test_a_loss_refuses_the_publish_naming_what_before_the_notebook_runs(gate, tmp_path, kernel):
    build, said = LOSSES[gate]
    build(tmp_path / "ds")
    result = publish(tmp_path, "--month", "2021-03")
    assert result.exit_code == 2, result.output
    assert "错误：第 1 步「检查输入数据」失败：输入数据有损失，未发布" in result.output
    assert "2021-03：" in result.output
    for text in said:
        assert text in result.output
    assert "加 --accept-loss 重新运行" in result.output
    assert kernel == [] and untouched(tmp_path)


def test_the_clean_dataset_passes_every_gate(tmp_path):
    made.two_months(tmp_path / "ds")
    assert preflight.check_inputs(tmp_path / "ds", ["2021-02", "2021-03"]) == {}


@pytest.mark.parametrize("gate", list(LOSSES))
def test_with_accept_loss_the_month_is_published_and_its_review_says_what_was_accepted(
        gate, tmp_path, fake):
    build, said = LOSSES[gate]
    dataset = build(tmp_path / "ds")
    result = publish(tmp_path, "--month", "2021-03", "--accept-loss")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "reports" / "ds" / "2021-03"
    assert (folder / "meta.json").is_file()  # published
    for text in said:
        assert f"已接受的数据损失（--accept-loss）2021-03：{text}" in result.output
    record = json.loads((folder / ACCEPTED_NAME).read_text(encoding="utf-8"))
    assert record["month"] == "2021-03" and record["accepted_with"] == "--accept-loss"
    assert [loss["text"] for loss in record["losses"]] == said
    assert {loss["gate"] for loss in record["losses"]} == {gate}
    # the review the notebook writes (show_review reads the record from its out_dir)
    review = review_markdown(open_month(dataset, "2021-03"), [], read_accepted(folder))
    unescaped = review.replace("\\", "")
    for text in said:
        assert f"已接受的数据损失（发布时使用 --accept-loss）：{text}" in unescaped
    assert "拒绝发布本月" not in review


def test_without_the_record_the_review_says_the_loss_was_not_accepted(tmp_path):
    dataset = made.fewer_cases(tmp_path / "ds")
    review = review_markdown(open_month(dataset, "2021-03"), [], read_accepted(tmp_path))
    assert ("数据损失（bulletin publish 拒绝发布本月，除非使用 --accept-loss）：全市申请件 90 件"
            in review)


def test_every_month_asked_for_is_checked_and_none_is_published(tmp_path, kernel):
    made.fewer_cases(tmp_path / "ds")  # February has no month before it: no loss
    result = publish(tmp_path, "--month", "2021-02", "--month", "2021-03")
    assert result.exit_code == 2 and "2021-03：" in result.output
    assert "2021-02：" not in result.output
    assert kernel == [] and untouched(tmp_path)


@pytest.mark.parametrize(("build", "yml", "losses"), [
    # 3 of 200 quarantined = 1.5 %: a loss over 1 %, none at 1.5 % (the limit is inclusive)
    (made.quarantined, "loss_gates:\n  quarantined_share_max: 0.015\n", 0),
    (made.quarantined, "loss_gates:\n  quarantined_share_max: 0.0149\n", 1),
    # 90 against 200 = −55 %
    (made.fewer_cases, "loss_gates:\n  applied_change_max: 0.55\n", 0),
    (made.fewer_cases, "loss_gates:\n  applied_change_max: 0.54\n", 1),
    # 1 of 200 = 0.5 %: no quarantine loss by default, a loss under a limit of 0.4 %
    # (beside the unknown unit, which no threshold lets through)
    (made.unknown_units, "loss_gates:\n  quarantined_share_max: 0.004\n", 2),
])
def test_the_thresholds_are_read_from_dataset_yml(build, yml, losses, tmp_path):
    build(tmp_path / "ds", config=CONFIG + yml)
    found = preflight.check_inputs(tmp_path / "ds", ["2021-03"], accept_loss=True)
    assert len(found.get("2021-03", [])) == losses


@pytest.mark.parametrize(("yml", "key"), [
    ("loss_gates:\n  quarantined_share_max: 1.5\n", "loss_gates.quarantined_share_max"),
    ("loss_gates:\n  applied_change_max: -0.1\n", "loss_gates.applied_change_max"),
    ("loss_gates:\n  quarantine: 0.1\n", "loss_gates.quarantine"),
])
def test_a_threshold_that_cannot_be_used_is_a_config_error_naming_it(yml, key, tmp_path):
    made.two_months(tmp_path / "ds", config=CONFIG + yml)
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        preflight.check_inputs(tmp_path / "ds", ["2021-03"])


def test_a_month_without_data_is_refused_before_the_notebook_runs(tmp_path, kernel):
    made.two_months(tmp_path / "ds")
    result = publish(tmp_path, "--month", "2021-07")
    assert result.exit_code == 2
    assert (f"数据集文件夹 {tmp_path / 'ds'}：值「2021-07」不符合要求，应为数据集中已有数据的月份"
            "（已有：2021-02 至 2021-03）") in result.output
    assert kernel == [] and untouched(tmp_path)


def test_a_missing_required_column_is_refused_before_the_notebook_runs(tmp_path, kernel):
    header = CASE_HEADER.replace(",申请方式", "")
    march = [",".join(r.split(",")[:-1]) for r in made.rows("M", "2021-03-03", 200)]
    made.two_months(tmp_path / "ds", march, header)
    result = publish(tmp_path, "--month", "2021-02")  # a good month; the file is read all the same
    assert result.exit_code == 2
    assert "文件 ds/cases/2021-03.csv 第 1 行：缺少必需的列「申请方式」" in result.output
    assert kernel == [] and untouched(tmp_path)


def test_a_bad_month_is_refused_before_anything(tmp_path, kernel):
    made.two_months(tmp_path / "ds")
    result = publish(tmp_path, "--month", "2021-3")
    assert result.exit_code == 2 and "月份「2021-3」格式应为 YYYY-MM" in result.output
    assert kernel == [] and untouched(tmp_path)


@pytest.mark.slow  # every month of every sample dataset read and checked
def test_every_sample_dataset_passes_the_gates():
    """`bulletin demo` publishes data/ without --accept-loss: every month of every sample
    dataset must pass (or the demo would stop)."""
    from bulletin.report.loader import available_months
    from support.paths import DATA

    datasets = sorted(p for p in DATA.iterdir() if (p / "units.csv").is_file())
    assert len(datasets) >= 6
    for folder in datasets:
        assert preflight.check_inputs(folder, available_months(folder)) == {}, folder.name

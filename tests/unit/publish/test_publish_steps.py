"""A publishing error carries its step: the runner numbers the steps of a run as it prints
them (「✓ 2. 执行笔记本 2021-01」), and an error leaving one is a PublishError whose
``step`` and ``number`` say which — 「第 3 步「排版 2021-01 PDF」失败：…」, as ``bulletin
publish`` prints it. Input and config errors pass as they are (they name their file)."""

from __future__ import annotations

import errno
import io

import pytest
from rich.console import Console
from typer.testing import CliRunner

from bulletin.cli import app
from bulletin.core.errors import ConfigError, InputError, Problem, PublishError
from bulletin.publish import runner
from bulletin.publish.fs import os_error_text
from support.fake_publish import REPLACED, install
from support.mini_bulletin import TEMPLATE


@pytest.fixture
def console() -> Console:
    return Console(file=io.StringIO(), width=200)


def fail_with(error: BaseException):
    def action():
        raise error
    return action


def test_an_error_without_a_step_reads_as_its_message():
    error = PublishError("找不到通报笔记本模板 x.ipynb")
    assert (error.step, error.number, error.message) == (None, None, "找不到通报笔记本模板 x.ipynb")
    assert str(error) == "找不到通报笔记本模板 x.ipynb"
    assert str(PublishError("读不出", step="检查输入数据")) == "检查输入数据失败：读不出"
    assert str(PublishError("读不出", "检查输入数据", 1)) == "第 1 步「检查输入数据」失败：读不出"


def test_the_steps_are_numbered_as_they_run_and_the_failing_one_is_named(console):
    steps = runner.Steps(console)
    assert steps("执行笔记本 2021-01…", "execute", lambda: 42) == 42
    with pytest.raises(PublishError) as raised:
        steps("排版 2021-01 PDF…", "pdf", fail_with(PublishError("typst 排版 2021-01 失败：字体缺失")))
    error = raised.value
    assert (error.step, error.number) == ("排版 2021-01 PDF", 2)
    assert error.message == "typst 排版 2021-01 失败：字体缺失"
    assert str(error) == "第 2 步「排版 2021-01 PDF」失败：typst 排版 2021-01 失败：字体缺失"
    printed = console.file.getvalue()
    assert "✓ 1. 执行笔记本 2021-01（" in printed
    assert "排版 2021-01 PDF（" not in printed  # a failed step is not printed done


def test_an_os_error_in_a_step_is_worded_with_its_path(console, tmp_path):
    steps = runner.Steps(console)
    steps("检查输入数据…", "check", lambda: None)
    full = OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "bulletin.docx"))
    with pytest.raises(PublishError) as raised:
        steps("生成 2021-01 Word 文档…", "docx", fail_with(full))
    assert raised.value.__cause__ is full
    assert (raised.value.step, raised.value.number) == ("生成 2021-01 Word 文档", 2)
    assert raised.value.message == os_error_text(full)
    assert str(raised.value) == f"第 2 步「生成 2021-01 Word 文档」失败：{os_error_text(full)}"
    assert "磁盘空间已满" in str(raised.value)


def test_any_other_exception_is_named_by_its_type(console):
    steps = runner.Steps(console)
    with pytest.raises(PublishError) as raised:
        steps("重建网站（目录、趋势、各月页面）…", "site", fail_with(RuntimeError("模板缺失")))
    assert str(raised.value) == "第 1 步「重建网站（目录、趋势、各月页面）」失败：RuntimeError: 模板缺失"
    assert isinstance(raised.value.__cause__, RuntimeError)


def test_a_step_already_named_keeps_its_name(console):
    inner = PublishError("pandoc 出错", "生成 Word 文档", 1)
    steps = runner.Steps(console)
    steps("检查输入数据…", "check", lambda: None)
    with pytest.raises(PublishError) as raised:
        steps("生成 2021-01 Word 文档…", "docx", fail_with(inner))
    assert raised.value is inner and (inner.step, inner.number) == ("生成 Word 文档", 1)


@pytest.mark.parametrize("error", [
    InputError(Problem("cases/2021-01.csv", 7, "受理时间", "昨天", "日期时间")),
    ConfigError("dataset.yml 的 loss_gates.applied_change_max 应为 0 到 1 之间的数", key="x"),
])
def test_input_and_config_errors_pass_as_they_are(console, error):
    steps = runner.Steps(console)
    with pytest.raises(type(error)) as raised:
        steps("检查输入数据…", "check", fail_with(error))
    assert raised.value is error and not isinstance(error, PublishError)


def test_each_key_adds_up_the_time_of_its_steps(console, monkeypatch):
    clock = iter([10.0, 12.5, 20.0, 21.0, 30.0, 30.25])
    monkeypatch.setattr(runner.time, "perf_counter", lambda: next(clock))
    steps = runner.Steps(console)
    steps("排版 2021-01 PDF…", "pdf", lambda: None)
    steps("排版 2021-02 PDF…", "pdf", lambda: None)
    steps("重建网站…", "site", lambda: None)
    assert steps.timings == {"pdf": 3.5, "site": 0.25}
    assert "✓ 3. 重建网站（0.2 秒）" in console.file.getvalue()


def test_the_command_line_prints_the_step_that_failed(tmp_path, monkeypatch):
    for name in REPLACED:
        monkeypatch.setattr(runner, name, getattr(runner, name))  # restored after the test
    install(lambda: 1)

    def pdf(folder):
        raise RuntimeError("typst 找不到字体")

    runner.make_pdf = pdf
    (tmp_path / "fixture").mkdir()
    result = CliRunner().invoke(app, [
        "publish", "--dataset", str(tmp_path / "fixture"), "--month", "2021-01",
        "--notebook", str(TEMPLATE), "--reports", str(tmp_path / "reports"),
        "--site", str(tmp_path / "site")], env={"COLUMNS": "400"})
    assert result.exit_code == 2, result.output
    # 1 check the inputs, 2 execute, 3 the PDF
    assert "✓ 1. 检查输入数据" in result.output and "✓ 2. 执行笔记本 2021-01" in result.output
    assert "错误：第 3 步「排版 2021-01 PDF」失败：RuntimeError: typst 找不到字体" in result.output
    assert not (tmp_path / "site").exists()

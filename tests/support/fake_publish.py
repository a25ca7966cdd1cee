"""publish_many without papermill, typst or Word, for tests of what it does around them
(staging, commit, recovery, locking): a month "executes" into a notebook written by hand
(support.executed) whose text says its version; a month 2099-… fails like a month without
data. The fixture folder is no dataset, so the input check before the kernel is skipped. Used in-process (with monkeypatch) and by the crash scripts (in a child process)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bulletin.core.errors import PublishError
from support.executed import markdown, write_executed

REPLACED = ("execute_month", "make_pdf", "make_docx", "check_inputs")


def no_check(dataset, months, accept_loss=False, opened=None) -> dict:
    """The input check of publish (publish.preflight), for a folder that is no dataset: the
    fixture notebooks do not read one."""
    return {}


def install(version: Callable[[], int]) -> None:
    from bulletin.publish import runner

    def execute(dataset, month, folder, notebook):
        if month.startswith("2099"):
            raise PublishError(f"执行笔记本（{month}）出错：InputError: {month} 没有数据")
        return write_executed(folder, month, [markdown(f"{month} 的正文，第 {version()} 版")],
                              dataset=Path(dataset).name)

    runner.execute_month = execute
    runner.check_inputs = no_check
    runner.make_pdf = lambda folder: None
    runner.make_docx = lambda folder: None

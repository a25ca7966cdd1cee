"""Every error bulletin raises for a user: one root, and below it the kind of trouble.

``BulletinError`` is what the CLI catches and prints; nothing else reaches a user as a
traceback. Input and config errors carry where the trouble is (file, row, column) so a
person can act on them; messages are Chinese, as the analysts read them.

    BulletinError
    ├── InputError      a bad input file, row or cell (one or many ``Problem`` s)
    ├── ConfigError     a dataset.yml key that cannot be used, an unknown section …
    └── PublishError    a publishing step (notebook, PDF, site) failed, and which
"""

from __future__ import annotations

from dataclasses import dataclass

from bulletin.core.privacy import redact


@dataclass(frozen=True)
class Problem:
    """One bad cell: where it is, what it holds, and what was expected there."""

    file: str
    row: int | None  # 1-based row as the analyst sees it in Excel (header = row 1)
    column: str | None
    value: str | None
    expected: str
    place: str = "文件"  # what ``file`` names: a file, or 数据集文件夹 (shown whole)

    def __str__(self) -> str:
        where = f"{self.place} {self.file}"
        if self.row is not None:
            where += f" 第 {self.row} 行"
        if self.column is not None:
            where += f"「{self.column}」列"
        if self.value is None:
            return f"{where}：{self.expected}"
        # an ID or mobile number typed into a bad cell is masked in every message
        # (the console, a --strict refusal, the quarantine report)
        return f"{where}：值「{redact(str(self.value))}」不符合要求，应为{self.expected}"


class BulletinError(Exception):
    """The root of every error bulletin reports to a user (message in Chinese)."""


class InputError(BulletinError):
    """Bad input. The message is Chinese and names file, row, column and value."""

    def __init__(self, problems: Problem | list[Problem], limit: int = 20):
        self.problems = problems if isinstance(problems, list) else [problems]
        lines = [str(p) for p in self.problems[:limit]]
        more = len(self.problems) - limit
        if more > 0:
            lines.append(f"……另有 {more} 处问题未列出")
        super().__init__("\n".join(lines))

    @property
    def file(self) -> str | None:
        return self.problems[0].file if self.problems else None

    @property
    def row(self) -> int | None:
        return self.problems[0].row if self.problems else None

    @property
    def column(self) -> str | None:
        return self.problems[0].column if self.problems else None


class ConfigError(BulletinError):
    """A dataset.yml (or a setting) that cannot be used; the message names the key."""

    def __init__(self, message: str, file: str | None = None, key: str | None = None):
        super().__init__(message)
        self.file = file
        self.key = key


class PublishError(BulletinError):
    """A publishing step failed; the message (Chinese) says why.

    ``step`` names the step that failed (「排版 2021-02 PDF」) and ``number`` its place in
    the run (1, 2, … as the run printed them): the publishing runner sets both on an error
    leaving one of its steps (``publish.runner.Steps``). The error then reads
    「第 3 步「排版 2021-02 PDF」失败：…」, as the command line prints it; ``message`` is
    the bare reason.
    """

    def __init__(self, message: str, step: str | None = None, number: int | None = None):
        super().__init__(message)
        self.message = message
        self.step = step
        self.number = number

    def __str__(self) -> str:
        if self.step is None:
            return self.message
        where = f"第 {self.number} 步「{self.step}」" if self.number is not None else self.step
        return f"{where}失败：{self.message}"

"""Errors an analyst can act on: which file, which row, which column, what was wrong."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One bad cell: where it is, what it holds, and what was expected there."""

    file: str
    row: int | None  # 1-based row as the analyst sees it in Excel (header = row 1)
    column: str | None
    value: str | None
    expected: str

    def __str__(self) -> str:
        where = f"文件 {self.file}"
        if self.row is not None:
            where += f" 第 {self.row} 行"
        if self.column is not None:
            where += f"「{self.column}」列"
        if self.value is None:
            return f"{where}：{self.expected}"
        return f"{where}：值「{self.value}」不符合要求，应为{self.expected}"


class InputError(ValueError):
    """Bad input. The message is Chinese and names file, row, column and value."""

    def __init__(self, problems: Problem | list[Problem], limit: int = 20):
        self.problems = problems if isinstance(problems, list) else [problems]
        lines = [str(p) for p in self.problems[:limit]]
        more = len(self.problems) - limit
        if more > 0:
            lines.append(f"……另有 {more} 处问题未列出")
        super().__init__("\n".join(lines))


class ConfigError(ValueError):
    """A dataset.yml that cannot be used; the message names the key."""

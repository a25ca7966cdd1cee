"""A dataset folder (docs/inputs.md): its config, its registry and its input files.

Opening a dataset reads ``dataset.yml`` and ``units.csv``; the inputs are read lazily,
validated once (``Dataset.validated``) and shared by whatever needs them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import polars as pl

from bulletin.core.config import DatasetConfig, load_config
from bulletin.core.errors import InputError, Problem
from bulletin.core.privacy import redact
from bulletin.core.spreadsheet import spreadsheet_text
from bulletin.core.workdays import Calendar
from bulletin.ingest.files import INPUT_FOLDERS, display_path, ignored_files, input_files
from bulletin.ingest.registry import Registry, read_registry
from bulletin.ingest.schema import CASES, EVALUATIONS
from bulletin.ingest.validate import (
    FileCount,
    Validated,
    load_validated,
    quarantine_frame,
)

# Cases completed in the window may have been accepted long before it.
CALENDAR_MARGIN_DAYS = 3 * 366


@dataclass
class Ingestion:
    """What was read, used and quarantined, per file: read = used + quarantined."""

    files: list[FileCount] = field(default_factory=list)
    problems: list = field(default_factory=list)
    ignored: list[Path] = field(default_factory=list)  # files of input folders not read
    empty_months: list[str] = field(default_factory=list)  # months without any valid case

    def lines(self) -> list[str]:
        out = []
        if self.ignored:
            out.append("已忽略（不是数据文件，未读取）：" + "、".join(display_path(p) for p in self.ignored))
        for f in self.files:
            line = (f"{f.shown}：读取 {f.read} 行 = 使用 {f.used} 行 + 隔离 "
                    f"{f.quarantined} 行")
            if f.dropped_personal:
                line += f"；已删除个人信息列：{'、'.join(f.dropped_personal)}"
            if f.dropped_other:
                line += f"；未使用的列：{'、'.join(f.dropped_other)}"
            if f.shape:
                line += f"；{f.shape}"
            out.append(line)
        out += [f"{m}：没有任何有效的办件（无数据），不计入事实表，也不作为比较的基期"
                for m in self.empty_months]
        return out

    @property
    def notes(self) -> list[str]:
        """For the month's review: each 合计 row that disagrees with the rows above it, then
        each file's rows that were not data (title rows above the header, a 合计 row)."""
        return ([f"{f.shown}：{f.total_mismatch}" for f in self.files if f.total_mismatch]
                + [f"{f.shown}：{f.shape}" for f in self.files if f.shape])

    @property
    def quarantined(self) -> int:
        return sum(f.quarantined for f in self.files)

    def write_quarantine(self, path: Path) -> Path:
        """The quarantine report as a CSV for Excel: every text cell with its ID and mobile
        numbers masked and, where it would start a formula, a leading "'" (as the downloads)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        frame = quarantine_frame(self.problems)
        frame.with_columns(pl.col(pl.String).map_elements(inert_cell, return_dtype=pl.String)) \
            .write_csv(path, include_bom=True)
        return path


def inert_cell(value: str) -> str:
    """A cell of the quarantine report: personal numbers masked, no formula."""
    return spreadsheet_text(redact(value))


@dataclass
class Dataset:
    folder: Path
    config: DatasetConfig
    registry: Registry
    strict: bool = False
    _validated: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def open(cls, folder: Path | str, strict: bool = False) -> Dataset:
        folder = Path(folder).resolve()
        if not folder.is_dir():
            raise InputError(Problem(str(folder), None, None, None, "不存在",
                                     place="数据集文件夹"))
        return cls(folder, load_config(folder), read_registry(folder), strict)

    @property
    def case_files(self) -> list[Path]:
        return input_files(self.folder / "cases")

    @property
    def evaluation_files(self) -> list[Path]:
        return input_files(self.folder / "evaluations")

    @property
    def unit_stats_files(self) -> list[Path]:
        return input_files(self.folder / "unit_stats")

    @property
    def ignored_files(self) -> list[Path]:
        """Files (and hidden folders) in the input folders that are not data and not read."""
        return [p for name in INPUT_FOLDERS if name != "notes"
                for p in ignored_files(self.folder / name)]

    @property
    def kind(self) -> str:
        """'cases' for case-level datasets, 'unit_stats' for aggregated exports."""
        if self.case_files:
            return "cases"
        if self.unit_stats_files:
            return "unit_stats"
        raise InputError(Problem(str(self.folder), None, None, None,
                                 "数据集中没有 cases/ 办件明细，也没有 unit_stats/ 运行情况表",
                                 place="数据集文件夹"))

    def aliases(self, kind: str) -> dict[str, str]:
        return self.config.header_aliases.get(kind, {})

    def calendar(self, first: dt.date, last: dt.date) -> Calendar:
        return Calendar(first - dt.timedelta(days=CALENDAR_MARGIN_DAYS), last + dt.timedelta(days=1),
                        self.config.holidays, self.config.workdays)

    def validated(self, kind: str) -> tuple[Validated, list[FileCount]]:
        """The typed, row-checked input of one kind ("cases", "evaluations"), lazy.

        Built once per dataset and shared: the month's facts, its 承诺件 items and the
        months available all read the same validated input.
        """
        if kind not in self._validated:
            paths, schema = {"cases": (self.case_files, CASES),
                             "evaluations": (self.evaluation_files, EVALUATIONS)}[kind]
            self._validated[kind] = load_validated(paths, schema, self.registry.unit_map,
                                                   self.aliases(kind),
                                                   self.config.limit_days_max)
        return self._validated[kind]

    @cached_property
    def notes_folder(self) -> Path:
        return self.folder / "notes"

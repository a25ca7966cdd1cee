"""A dataset folder (spec/data-contract.md §0): config, registry, inputs → unit_month facts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import polars as pl

from . import facts as F
from .config import DatasetConfig, load_config
from .errors import InputError, Problem
from .readers import FILE, ROW, display_path, input_files
from .registry import Registry, read_registry
from .schema import CASES, EVALUATIONS
from .validate import FileCount, describe_bad_rows, load_validated, quarantine_frame
from .workdays import Calendar

# Cases completed in the window may have been accepted long before it.
CALENDAR_MARGIN_DAYS = 3 * 366


@dataclass
class Ingestion:
    """What was read, used and quarantined, per file: read = used + quarantined."""

    files: list[FileCount] = field(default_factory=list)
    problems: list = field(default_factory=list)

    def lines(self) -> list[str]:
        out = []
        for f in self.files:
            line = (f"{display_path(f.path)}：读取 {f.read} 行 = 使用 {f.used} 行 + 隔离 "
                    f"{f.quarantined} 行")
            if f.dropped_personal:
                line += f"；已删除个人信息列：{'、'.join(f.dropped_personal)}"
            if f.dropped_other:
                line += f"；未使用的列：{'、'.join(f.dropped_other)}"
            out.append(line)
        return out

    @property
    def quarantined(self) -> int:
        return sum(f.quarantined for f in self.files)

    def write_quarantine(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        quarantine_frame(self.problems).write_csv(path, include_bom=True)
        return path


@dataclass
class Dataset:
    folder: Path
    config: DatasetConfig
    registry: Registry
    strict: bool = False

    @classmethod
    def open(cls, folder: Path | str, strict: bool = False) -> Dataset:
        folder = Path(folder).resolve()
        if not folder.is_dir():
            raise InputError(Problem(str(folder), None, None, None, "数据集文件夹不存在"))
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
    def kind(self) -> str:
        """'cases' for case-level datasets, 'unit_stats' for aggregated exports."""
        if self.case_files:
            return "cases"
        if self.unit_stats_files:
            return "unit_stats"
        raise InputError(Problem(display_path(self.folder), None, None, None,
                                 "数据集中没有 cases/ 办件明细，也没有 unit_stats/ 运行情况表"))

    def aliases(self, kind: str) -> dict[str, str]:
        return self.config.header_aliases.get(kind, {})

    def calendar(self, first: dt.date, last: dt.date) -> Calendar:
        return Calendar(first - dt.timedelta(days=CALENDAR_MARGIN_DAYS), last + dt.timedelta(days=1),
                        self.config.holidays, self.config.workdays)

    def case_facts(self, first: str, last: str, ingestion: Ingestion | None = None) -> pl.DataFrame:
        """unit_month facts for months first..last from the case-level inputs."""
        ingestion = ingestion if ingestion is not None else Ingestion()
        k0, k1 = F.key_of(first), F.key_of(last)
        parts: list[pl.DataFrame] = []
        start, end = F.month_bounds(first, last)
        inputs = [(self.case_files, CASES), (self.evaluation_files, EVALUATIONS)]
        for paths, schema in inputs:
            if not paths:
                continue
            validated, counts = load_validated(paths, schema, self.registry.unit_map,
                                               self.aliases(schema.kind))
            # One pass over the input: read, validate and sum into a small cube; the facts
            # and the per-file counts come from the cube. Only when some rows are bad is
            # the input read a second time, to list those rows.
            units = list(dict.fromkeys(self.registry.unit_map.values()))  # the unit Enum
            calendar = self.calendar(start, end) if schema is CASES else None
            # months only for evaluations: no working days, no holiday calendar consulted
            span = (start - dt.timedelta(days=CALENDAR_MARGIN_DAYS), end + dt.timedelta(days=1))

            # First with units, channels … mapped on their fast path only (exact spellings);
            # if any cell was not an exact spelling, again with the exact mapping.
            for frame in (validated.fast, validated.frame):
                if schema is CASES:
                    lazy = F.case_cube(frame, calendar, k0, k1, len(paths), len(units))
                else:
                    lazy = F.evaluation_cube(frame, span, k0, k1, len(paths), len(units))
                cube = lazy.collect(engine="streaming")
                if not cube["__unmapped__"].sum():
                    break
            if schema is CASES:
                results = F.facts_from_cube(cube, units, k0, k1)
            else:
                results = [F.evaluation_facts_from_cube(cube, units, k0, k1)]
            per_file = cube.group_by(FILE).agg(
                pl.col("n").sum().alias("read"),
                pl.col("n").filter(pl.col("__bad__").cast(pl.Boolean)).sum().alias("bad"))
            if per_file["bad"].sum():
                bad = validated.frame.filter(pl.col("__bad__")).select(
                    FILE, ROW, pl.col("^__e_.*$")).collect()
            else:
                bad = pl.DataFrame(schema={FILE: pl.UInt16, ROW: pl.UInt32})
            results = [check_elapsed(r, start) for r in results]
            parts.extend(results)
            for row in per_file.iter_rows(named=True):
                count = counts[row[FILE]]
                count.read, count.quarantined = row["read"], row["bad"]
                count.used = count.read - count.quarantined
            problems = describe_bad_rows(validated, bad.sort(FILE, ROW), self.aliases(schema.kind),
                                         limit=20 if self.strict else None)
            if problems and self.strict:
                raise InputError(problems)
            ingestion.files.extend(counts)
            ingestion.problems.extend(problems)
        return F.assemble(parts, self.registry, k0, k1)

    @cached_property
    def notes_folder(self) -> Path:
        return self.folder / "notes"


def check_elapsed(part: pl.DataFrame, start: dt.date) -> pl.DataFrame:
    """Completed cases whose acceptance lies before the calendar are an error, not a guess."""
    if "elapsed_unknown" not in part.columns:
        return part
    if part["elapsed_unknown"].sum():
        earliest = part["earliest_accepted"].min()
        raise InputError(Problem(
            "cases/", None, "受理时间", str(earliest),
            f"不早于 {start - dt.timedelta(days=CALENDAR_MARGIN_DAYS)} 的受理时间"
            "（超出工作日历范围，无法计算办理用时）"))
    return part.drop("elapsed_unknown", "earliest_accepted")

"""The unit registry (单位名录): every unit that appears in the annex tables, in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from bulletin.core.errors import InputError, Problem
from bulletin.core.units import COUNTY, DEPARTMENT, UNIT_LEVELS
from bulletin.ingest.files import display_path
from bulletin.ingest.readers import ROW, read_table
from bulletin.ingest.schema import UNITS

# Rows of an aggregated table that total others rather than name a unit.
TOTAL_ROWS = ("合计", "总计", "小计", "全市", "全市合计", "市本级合计", "县（市、区）合计")


@dataclass(frozen=True)
class Registry:
    units: pl.DataFrame  # unit, aliases (list[str]), level, parent, group, order — sorted by order
    unit_map: dict[str, str]  # every spelling → registry unit

    @property
    def names(self) -> list[str]:
        return self.units["unit"].to_list()

    def of_level(self, level: str) -> list[str]:
        return self.units.filter(pl.col("level") == level)["unit"].to_list()

    @property
    def departments(self) -> list[str]:
        return self.of_level(DEPARTMENT)

    @property
    def counties(self) -> list[str]:
        return self.of_level(COUNTY)

    def county_of(self, unit: str) -> str | None:
        """The county a unit belongs to (a county is its own county), following parents."""
        rows = {r["unit"]: r for r in self.units.iter_rows(named=True)}
        seen = set()
        while unit in rows and unit not in seen:
            seen.add(unit)
            if rows[unit]["level"] == COUNTY:
                return unit
            unit = rows[unit]["parent"]
        return None

    def table_unit(self, raw: str, file: str, row: int, header: str,
                   problems: list[Problem]) -> str | None:
        """The registry unit a table row names (spaces ignored, aliases mapped). None for a
        total row (合计 …) and for an unknown name, which is added to ``problems``."""
        name = re.sub(r"[\s\u3000]+", "", raw)
        unit = self.unit_map.get(name) or self.unit_map.get(raw)
        if unit is None and name not in TOTAL_ROWS:
            problems.append(Problem(file, row, header, raw, "单位名录（units.csv）中的单位名称或别名"))
        return unit

    @property
    def unit_enum(self) -> pl.Enum:
        return pl.Enum(self.names)


def read_registry(folder: Path) -> Registry:
    folder = Path(folder)
    candidates = [folder / n for n in ("units.csv", "units.xlsx", "units.parquet")]
    path = next((p for p in candidates if p.exists()), None)
    if path is None:
        raise InputError(Problem(str(folder), None, None, None,
                                 "缺少单位名录 units.csv（或 units.xlsx）"))
    shown = display_path(path)
    frame = read_table(path, UNITS).frame.collect()
    if frame.height == 0:
        raise InputError(Problem(shown, None, None, None, "单位名录为空"))
    frame = frame.with_columns(pl.col(c).cast(pl.String).str.strip_chars()
                               for c in frame.columns if c not in (ROW, "__file__"))
    for name in ("aliases", "parent", "group"):
        if name not in frame.columns:
            frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias(name))
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for r in frame.iter_rows(named=True):
        row = r[ROW]
        if not r["unit"]:
            problems.append(Problem(shown, row, "单位名称", r["unit"], "非空的单位名称"))
        elif r["unit"] in seen:
            problems.append(Problem(shown, row, "单位名称", r["unit"],
                                    f"唯一的单位名称（与第 {seen[r['unit']]} 行重复）"))
        else:
            seen[r["unit"]] = row
        if r["level"] not in UNIT_LEVELS:
            problems.append(Problem(shown, row, "层级", r["level"], "、".join(UNIT_LEVELS) + " 之一"))
        try:
            int(str(r["order"]))
        except ValueError:
            problems.append(Problem(shown, row, "序号", r["order"], "整数"))
    for r in frame.iter_rows(named=True):
        if r["parent"] and r["parent"] not in seen:
            problems.append(Problem(shown, r[ROW], "上级单位", r["parent"], "名录中的单位"))
    unit_map: dict[str, str] = {u: u for u in seen}
    for r in frame.iter_rows(named=True):
        for alias in (r["aliases"] or "").replace("；", ";").split(";"):
            alias = alias.strip()
            if not alias:
                continue
            if unit_map.get(alias, r["unit"]) != r["unit"]:
                problems.append(Problem(shown, r[ROW], "别名", alias,
                                        f"只指向一个单位的别名（已指向「{unit_map[alias]}」）"))
            unit_map[alias] = r["unit"]
    if problems:
        raise InputError(problems)
    units = (
        frame.with_columns(
            pl.col("order").cast(pl.Int32),
            pl.col("aliases").fill_null("").str.replace_all("；", ";").str.split(";")
            .list.eval(pl.element().str.strip_chars()).list.eval(pl.element().filter(pl.element() != "")),
        )
        .sort("order", maintain_order=True)
        .select("unit", "aliases", "level", "parent", "group", "order")
    )
    return Registry(units, unit_map)

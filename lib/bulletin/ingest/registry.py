"""The unit registry (单位名录): every unit that appears in the annex tables, in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import polars as pl

from bulletin.core.errors import InputError, Problem
from bulletin.core.invisible import refuse_invisible_frame
from bulletin.core.privacy import PersonalData, find_lines, redact
from bulletin.core.units import (
    COUNTY,
    DEPARTMENT,
    PARENT_LEVELS,
    PARENT_REQUIRED,
    TOWN,
    UNIT_LEVELS,
)
from bulletin.ingest.files import display_path
from bulletin.ingest.parquet import decoding
from bulletin.ingest.readers import ROW, read_table
from bulletin.ingest.schema import UNITS

# Rows of an aggregated table that total others rather than name a unit.
TOTAL_ROWS = ("合计", "总计", "小计", "全市", "全市合计", "市本级合计", "县（市、区）合计")


@dataclass(frozen=True)
class Registry:
    units: pl.DataFrame  # unit, aliases (list[str]), level, parent, group, order — sorted by order
    unit_map: dict[str, str]  # every spelling → registry unit
    # ID or mobile numbers typed into names (masked in the registry; see _redact_names)
    personal: tuple[PersonalData, ...] = ()

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

    @cached_property
    def parent_of(self) -> dict[str, str | None]:
        return dict(zip(self.units["unit"], self.units["parent"], strict=True))

    @cached_property
    def level_of(self) -> dict[str, str]:
        return dict(zip(self.units["unit"], self.units["level"], strict=True))

    @cached_property
    def children(self) -> dict[str, list[str]]:
        """Each unit's units directly under it, in registry order."""
        out: dict[str, list[str]] = {u: [] for u in self.names}
        for unit, parent in self.parent_of.items():
            if parent:
                out[parent].append(unit)
        return out

    def subtree(self, unit: str) -> list[str]:
        """The unit and every unit under it, depth first, in registry order."""
        out = [unit]
        for child in self.children[unit]:
            out += self.subtree(child)
        return out

    @cached_property
    def areas(self) -> list[str]:
        """The areas (地区) of the registry, in registry order: every 县（市、区）, and the
        乡镇（街道） without a 上级单位 (a district's or a county-less city's towns)."""
        return [u for u in self.names
                if self.level_of[u] == COUNTY or (self.level_of[u] == TOWN and not self.parent_of[u])]

    @cached_property
    def _area_set(self) -> frozenset[str]:
        return frozenset(self.areas)

    @cached_property
    def tree_order(self) -> list[str]:
        """Every unit in the order the annexes print them: the 市级部门, then each area
        followed by the units under it, depth first."""
        ordered = [*self.departments, *(u for a in self.areas for u in self.subtree(a))]
        placed = set(ordered)
        return ordered + [u for u in self.names if u not in placed]

    def area_of(self, unit: str) -> str | None:
        """The area a unit belongs to (an area is its own), following 上级单位; None for a
        市级部门."""
        while unit is not None and unit not in self._area_set:
            unit = self.parent_of.get(unit)
        return unit

    def county_of(self, unit: str) -> str | None:
        """The 县（市、区） a unit belongs to (a county is its own county)."""
        area = self.area_of(unit)
        return area if area is not None and self.level_of[area] == COUNTY else None

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
    """The registry of a dataset folder (units.csv, else units.xlsx, else units.parquet).

    Units are ordered by level (市级部门, 县（市、区）, 乡镇（街道）, 村（社区）), then 序号,
    then their order in the file: 序号 may restart for each level, as the bulletins number
    each annex, and the rows need not be sorted. Every problem is listed at once."""
    folder = Path(folder)
    candidates = [folder / n for n in ("units.csv", "units.xlsx", "units.parquet")]
    path = next((p for p in candidates if p.exists()), None)
    if path is None:
        raise InputError(Problem(str(folder), None, None, None,
                                 "缺少单位名录 units.csv（或 units.xlsx）"))
    shown = display_path(path)
    frame, personal = _redact_names(_registry_frame(path, shown), shown)
    problems: list[Problem] = []
    seen = _check_units(frame, shown, problems)
    _check_parents(frame, shown, seen, problems)
    if problems:
        raise InputError(problems)
    rank = {level: i for i, level in enumerate(UNIT_LEVELS)}
    units = (
        frame.with_columns(
            pl.col("order").cast(pl.Int32),
            pl.col("aliases").fill_null("").str.replace_all("；", ";").str.split(";")
            .list.eval(pl.element().str.strip_chars()).list.eval(pl.element().filter(pl.element() != "")),
        )
        .sort(pl.col("level").replace_strict(rank, return_dtype=pl.Int8), "order", ROW,
              maintain_order=True)
    )
    # Names first, in registry order, then aliases: the unit Enum of the inputs (the map's
    # distinct values) is in the registry's order.
    unit_map: dict[str, str] = {u: u for u in units["unit"]}
    problems += _add_aliases(units, unit_map, shown)
    if problems:
        raise InputError(problems)
    return Registry(units.select("unit", "aliases", "level", "parent", "group", "order"), unit_map,
                    tuple(personal))


def _redact_names(frame: pl.DataFrame, shown: str) -> tuple[pl.DataFrame, list[PersonalData]]:
    """Unit, parent and group names with ID and mobile numbers masked (they are published);
    a unit's name as typed becomes one of its aliases, so the inputs that spell it so still
    match. Aliases are only matched, never published, and stay as typed."""
    personal = [found for r in frame.iter_rows(named=True) for column in ("unit", "parent", "group")
                for found in find_lines(r[column] or "", shown, r[ROW])]
    if not personal:
        return frame, []
    masked = pl.col("unit").map_elements(redact, return_dtype=pl.String)
    frame = frame.with_columns(
        pl.when(masked != pl.col("unit"))
        .then(pl.concat_str([pl.col("unit"), pl.col("aliases").fill_null("")], separator=";"))
        .otherwise(pl.col("aliases")).alias("aliases"),
        masked.alias("unit"),
        *(pl.col(c).map_elements(redact, return_dtype=pl.String) for c in ("parent", "group")))
    return frame, personal


def _registry_frame(path: Path, shown: str) -> pl.DataFrame:
    """units.* as text columns (stripped), optional columns added as null."""
    with decoding([path]):  # a damaged Parquet page named, not a traceback
        frame = read_table(path, UNITS).frame.collect()
    refuse_invisible_frame(frame, shown, {"unit": "单位名称", "aliases": "别名", "parent": "上级单位",
                                          "group": "考核分组", "level": "层级"}, ROW)
    if frame.height == 0:
        raise InputError(Problem(shown, None, None, None, "单位名录为空"))
    frame = frame.with_columns(pl.col(c).cast(pl.String).str.strip_chars()
                               for c in frame.columns if c not in (ROW, "__file__"))
    for name in ("aliases", "parent", "group"):
        if name not in frame.columns:
            frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias(name))
    return frame


def _check_units(frame: pl.DataFrame, shown: str, problems: list[Problem]) -> dict[str, int]:
    """Names (not blank, unique), levels and 序号 of every row; the row of each name."""
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
    return seen


def _check_parents(frame: pl.DataFrame, shown: str, seen: dict[str, int],
                   problems: list[Problem]) -> None:
    """Each unit's 上级单位: a unit of the registry, of the level the unit's level takes
    (a 县级部门's is a 县（市、区）, a 村（社区）'s a 乡镇（街道） …), given where it is
    required, and none for a 市级部门 or 县（市、区）: the registry is a tree."""
    level = {r["unit"]: r["level"] for r in frame.iter_rows(named=True) if r["unit"]}
    for r in frame.iter_rows(named=True):
        parent, allowed = r["parent"], PARENT_LEVELS.get(r["level"])
        if allowed is None:
            continue  # an unknown level, reported by _check_units
        if not parent:
            if r["level"] in PARENT_REQUIRED:
                problems.append(Problem(shown, r[ROW], "上级单位", parent,
                                        f"{r['level']}的上级单位（{'或'.join(allowed)}的名称）"))
        elif parent not in seen:
            problems.append(Problem(shown, r[ROW], "上级单位", parent, "名录中的单位"))
        elif not allowed:
            problems.append(Problem(shown, r[ROW], "上级单位", parent,
                                    f"空白（{r['level']}没有上级单位）"))
        elif level.get(parent) not in allowed:
            problems.append(Problem(shown, r[ROW], "上级单位", parent,
                                    f"{'或'.join(allowed)}（「{parent}」是{level.get(parent)}）"))


def _add_aliases(units: pl.DataFrame, unit_map: dict[str, str], shown: str) -> list[Problem]:
    """Add every alias to ``unit_map``; an alias that names another unit is a problem."""
    problems = []
    for r in units.iter_rows(named=True):
        for alias in r["aliases"]:
            if unit_map.get(alias, r["unit"]) != r["unit"]:
                problems.append(Problem(shown, r[ROW], "别名", alias,
                                        f"只指向一个单位的别名（已指向「{unit_map[alias]}」）"))
            unit_map[alias] = r["unit"]
    return problems

"""考核得分 (seed 001): the province's category points per unit and group, 综合得分 and rank.

Input: ``scores/YYYY-MM.xlsx`` with one sheet per group (the sheet is named as the group
in ``dataset.yml`` → ``scores.groups``), or ``scores/YYYY-MM_<group>.csv``. Each table has
the province's two-row header: row 1 holds 序号, 部门 (地区), the category spanners
(证照应用 over 证照生产率 …) and the stand-alone columns (证照应用得分, 综合得分); row 2 the
leaves under the spanners. Cells are kept as printed for the annex; the points columns
(named in config, e.g. 事项梳理得分) are read as exact decimals.

This module reads the tables; ``indicators.scores`` computes from them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import polars as pl

from bulletin.core.config import DatasetConfig
from bulletin.core.config_scores import ScoreGroup
from bulletin.core.errors import InputError, Problem
from bulletin.core.months import file_month
from bulletin.core.privacy import PersonalData
from bulletin.ingest.files import display_path, input_files
from bulletin.ingest.registry import Registry
from bulletin.ingest.sheets import (
    NULL_VALUES,
    SERIAL,
    HeaderColumn,
    Sheet,
    header_at,
    header_columns,
    header_width,
    holds_figure,
    masked,
    misaligned,
    normalise_header,
    read_sheets,
)


@dataclass
class GroupScores:
    """One group's table for one month."""

    group: ScoreGroup
    month: str
    source: str  # file (and sheet) as shown in messages
    columns: list[HeaderColumn]  # the printed detail and points columns, without 序号/单位/综合得分
    rows: pl.DataFrame  # unit, order, <category>…, total, stated_total, printed_rank, rank, cells
    unit_label: str = "部门"

    def total_of(self, unit: str) -> float | None:
        r = self.rows.filter(pl.col("unit") == unit)
        return r["total"][0] if r.height else None


@dataclass
class MonthScores:
    month: str
    groups: list[GroupScores] = field(default_factory=list)

    def group(self, name: str) -> GroupScores | None:
        return next((g for g in self.groups if g.group.name == name), None)


def score_files(folder: Path) -> dict[str, list[tuple[Path, str | None]]]:
    """month → [(file, group or None for a workbook with one sheet per group)]."""
    out: dict[str, list[tuple[Path, str | None]]] = {}
    for path in input_files(Path(folder) / "scores"):
        named = file_month(path.stem)
        if not named or (path.suffix.lower() == ".csv" and not named[1]):
            raise InputError(Problem(display_path(path), None, None, path.name,
                                     "以月份命名的文件：YYYY-MM.xlsx（每组一个工作表）"
                                     "或 YYYY-MM_分组.csv（如 2023-06_A组.csv）"))
        out.setdefault(named[0], []).append((path, named[1]))
    return out


def parse_points(text: str | None) -> Decimal | None:
    if text is None or text.strip() in NULL_VALUES:
        return None
    try:
        d = Decimal(text.strip())
    except InvalidOperation:
        raise ValueError(text) from None
    if not d.is_finite():
        raise ValueError(text)
    return d


def _points_columns(shown: str, header_row: int, columns: list[HeaderColumn], group: ScoreGroup,
                    total_column: str) -> tuple[dict[str, HeaderColumn], HeaderColumn | None]:
    """Where each configured category's points and the printed 综合得分 sit."""
    by_label = {c.label: c for c in columns}
    problems: list[Problem] = []
    points_at: dict[str, HeaderColumn] = {}
    for cat in group.categories:
        col = by_label.get(normalise_header(cat.column))
        if col is None:
            problems.append(Problem(shown, header_row, cat.column, None,
                                    f"「{group.name}」的得分列「{cat.column}」（表头中没有该列）"))
        else:
            points_at[cat.name] = col
    if problems:
        raise InputError(problems)
    return points_at, by_label.get(normalise_header(total_column))


def _category_points(shown: str, number: int, cell, group: ScoreGroup,
                     points_at: dict[str, HeaderColumn], problems: list[Problem]) \
        -> tuple[dict[str, float], Decimal]:
    """One row's points per category (checked against 0..max) and their exact sum."""
    points: dict[str, float] = {}
    total = Decimal(0)
    for cat in group.categories:
        text = cell(points_at[cat.name].position)
        try:
            value = parse_points(text)
        except ValueError:
            problems.append(Problem(shown, number, cat.column, text,
                                    f"得分（0 至 {cat.max:g} 的数）"))
            continue
        if value is None:
            problems.append(Problem(shown, number, cat.column, text,
                                    f"得分（0 至 {cat.max:g} 的数），不能为空"))
            continue
        if value < 0 or value > Decimal(str(cat.max)):
            problems.append(Problem(shown, number, cat.column, text,
                                    f"不超过该类别满分 {cat.max:g} 分的非负得分"
                                    f"（{group.name}「{cat.name}」满分 {cat.max:g} 分）"))
            continue
        points[cat.name] = float(value)
        total += value
    return points, total


def _ranked_frame(records: list[dict], group: ScoreGroup, keep: list[int]) -> pl.DataFrame:
    """The rows ranked by exact 综合得分 (ties by registry order), printed cells kept."""
    records.sort(key=lambda r: (-r["total_exact"], r["order"]))
    for rank, r in enumerate(records, start=1):
        r["rank"] = rank
        r["total"] = float(r.pop("total_exact"))
    cats = [c.name for c in group.categories]
    schema = {"unit": pl.String, "order": pl.Int64, "row": pl.Int64,
              **{c: pl.Float64 for c in cats}, "total": pl.Float64,
              "stated_total": pl.Float64, "printed_rank": pl.Int64, "rank": pl.Int64,
              "cells": pl.List(pl.String)}
    rows = pl.DataFrame([{k: r.get(k) for k in schema} for r in records], schema=schema)
    return rows.with_columns(pl.col("cells").list.gather(keep))


@dataclass
class _Table:
    """Where one group's table keeps what its rows are read by."""

    shown: str
    sheet: Sheet
    width: int
    unit_col: int | None
    unit_header: str
    serial_col: int | None
    columns: list[HeaderColumn]
    points_at: dict[str, HeaderColumn]
    total_col: HeaderColumn | None


def read_group(path: Path, sheet: Sheet, group: ScoreGroup, month: str,
               registry: Registry, total_column: str = "综合得分",
               found: list[PersonalData] | None = None) -> GroupScores:
    """One group's table → :class:`GroupScores`; every bad cell is reported at once. ID and
    mobile numbers in the unit and printed cells are masked and added to ``found``."""
    shown = display_path(path) + (f" 工作表「{sheet.name}」" if sheet.name else "")
    at = header_at(sheet)
    if at is None:
        raise InputError(Problem(shown, None, None, None,
                                 "找不到表头：应有一行含「序号」和「部门」（或「地区」）"))
    header_row, top = sheet.rows[at]
    leaves = sheet.rows[at + 1][1] if at + 1 < len(sheet.rows) else []
    unit_col, unit_header, columns = header_columns(top, leaves)
    points_at, total_col = _points_columns(shown, header_row, columns, group, total_column)
    serial_col = next((i for i, c in enumerate(top) if normalise_header(c) == SERIAL), None)
    table = _Table(shown, sheet, header_width(sheet, top, leaves), unit_col, unit_header,
                   serial_col, columns, points_at, total_col)
    order = {u: i for i, u in enumerate(registry.names)}
    problems: list[Problem] = []
    records: list[dict] = []
    seen: dict[str, int] = {}
    for number, cells in sheet.rows[at + 2:]:
        record = _score_row(table, number, cells, group, registry, seen, problems,
                            [] if found is None else found)
        if record is not None:
            records.append({**record, "order": order[record["unit"]]})
    if problems:
        raise InputError(problems)
    keep = [i for i, c in enumerate(columns) if c is not total_col]
    rows = _ranked_frame(records, group, keep)
    return GroupScores(group, month, shown, [columns[i] for i in keep], rows,
                       group.unit_label or unit_header)


def _score_row(t: _Table, number: int, cells: list[str | None], group: ScoreGroup,
               registry: Registry, seen: dict[str, int], problems: list[Problem],
               found: list[PersonalData]) -> dict | None:
    """One data row as a record (None for a blank, total or repeated header row, or one
    with a problem, which is added to ``problems``)."""
    def cell(i):
        return cells[i] if i is not None and i < len(cells) else None

    raw_unit = masked(cell(t.unit_col), t.shown, number, t.unit_header, found)
    if not any(cells):
        return None
    if not raw_unit:
        if holds_figure([cell(c.position) for c in t.columns]):
            problems.append(Problem(t.shown, number, t.unit_header, None,
                                    "单位名称（该行有得分但没有单位）"))
        return None  # a note, or the second header line repeated after a page break
    if re.sub(r"\s+", "", raw_unit) in (SERIAL, t.unit_header) \
            or normalise_header(cell(t.serial_col)) == SERIAL:
        return None  # a header repeated after a page break
    bad = misaligned(t.shown, t.sheet, number, cells, t.width)
    if bad is not None:
        problems.append(bad)
        return None
    unit = registry.table_unit(raw_unit, t.shown, number, t.unit_header, problems)
    if unit is None:
        return None
    if unit in seen:
        problems.append(Problem(t.shown, number, t.unit_header, raw_unit,
                                f"每个单位只出现一次（已见于第 {seen[unit]} 行）"))
        return None
    seen[unit] = number
    points, total = _category_points(t.shown, number, cell, group, t.points_at, problems)
    total_column = t.total_col.label if t.total_col else ""
    try:
        stated = parse_points(cell(t.total_col.position)) if t.total_col else None
    except ValueError:
        problems.append(Problem(t.shown, number, total_column, cell(t.total_col.position), "得分"))
        stated = None
    serial = cell(t.serial_col)
    return {
        "unit": unit, "row": number, **points, "total_exact": total,
        "stated_total": None if stated is None else float(stated),
        "printed_rank": int(serial) if serial and serial.strip().isdigit() else None,
        "cells": [masked(cell(c.position), t.shown, number, c.label, found) or ""
                  for c in t.columns]}


def read_scores(folder: Path, month: str, config: DatasetConfig, registry: Registry,
                found: list[PersonalData] | None = None) -> MonthScores | None:
    """Every configured group's table of the month, or None when the month has no file.
    ID and mobile numbers typed into the tables are masked and added to ``found``."""
    files = score_files(folder).get(month)
    if not files:
        return None
    groups = {g.name: g for g in config.scores.groups}
    out = MonthScores(month)
    problems: list[Problem] = []
    for path, named in files:
        for sheet in read_sheets(path):
            name = named or sheet.name
            if name not in groups:
                problems.append(Problem(display_path(path), None, None, name,
                                        "dataset.yml 中 scores.groups 的分组名之一："
                                        + "、".join(groups) if groups else
                                        "dataset.yml 中配置的考核分组（scores.groups 为空）"))
                continue
            try:
                out.groups.append(read_group(path, sheet, groups[name], month, registry,
                                             config.scores.total_column, found))
            except InputError as err:  # report every sheet's problems at once
                problems.extend(err.problems)
    if problems:
        raise InputError(problems)
    position = {name: i for i, name in enumerate(groups)}
    out.groups.sort(key=lambda g: position[g.group.name])
    return out

"""目标跟踪 (seed 002): the targets table with status and gap, and its findings.
"""

from __future__ import annotations

import polars as pl

from bulletin.core.blocks import Cell, Column, Table
from bulletin.core.definitions import RATES
from bulletin.core.units import CITY
from bulletin.indicators.items import rollup_items
from bulletin.indicators.targets import evaluate
from bulletin.report.blocks import gap_cell, order_cell, rate_cell, text_cell
from bulletin.report.blocks import table as typed_table
from bulletin.report.findings import target_findings
from bulletin.report.fmt import fmt_gap
from bulletin.report.month import MonthlyBulletin
from bulletin.report.sections.common import RED, SOURCES, Review, as_text, reviews_of
from bulletin.report.sections.items import month_items


def engine_values(b: MonthlyBulletin) -> dict[str, float | None]:
    """Indicator key → value the engine computes for this month: the items roll-up, and
    the 全市 roll-up of the unit_month facts when the dataset has case data."""
    values: dict[str, float | None] = {}
    frame = month_items(b)
    if frame is not None:
        values |= {k: v for k, v in rollup_items(frame, "合计").items() if isinstance(v, float)}
    if "completed" in b.facts.columns:

        city = b.scope(CITY) or {}
        values |= {k: v for k, v in city.items() if k in RATES and isinstance(v, float)}
    return values


def targets_table(b: MonthlyBulletin, table: pl.DataFrame) -> Table:
    """Each indicator's baseline, target, level achieved, status (未达标 red) and gap; the
    values the targets file gives as printed, the level the engine computes as a rate."""
    year = table["target_year"][0] if table.height else ""
    base_year = table["baseline_year"][0] if table.height else ""
    spanner = (f"{year}年",)
    columns = [Column(id="order", label="序号"),
               Column(id="indicator", label="指标（项目）", align="left"),
               Column(id="baseline", label=f"{base_year}年评价水平"),
               Column(id="target", label="目标", spanners=spanner),
               Column(id="achieved", label="达到水平", spanners=spanner),
               Column(id="status", label="状态", spanners=spanner),
               Column(id="gap", label="差距", spanners=spanner),
               Column(id="frontier", label="国内前沿水平", align="left")]
    rows = []
    for i, (r, achieved) in enumerate(zip(table.iter_rows(named=True), _achieved(table),
                                          strict=True)):
        status = text_cell(r["status"] or "-")
        rows.append({"order": order_cell(i + 1), "indicator": text_cell(r["indicator"]),
                     "baseline": Cell.printed(r["baseline"]), "target": Cell.printed(r["target"]),
                     "achieved": achieved,
                     "status": status.marked(bold=True, color=RED) if r["status"] == "未达标"
                     else status,
                     "gap": gap_cell(r["gap"]), "frontier": Cell.printed(r["frontier"])})
    return typed_table(f"{b.config.region}指标整改提升目标及完成情况", columns, rows,
                       ["达到水平 ≥ 目标为达标；差距 = 达到水平 − 目标。"])


SOURCE_TEXT = {"计算": "由本数据集的数据计算", "读取": "取自目标表（targets/）所列数值"}


def source_reviews(table: pl.DataFrame) -> list[Review]:
    """Where each achieved value comes from, for the analyst (the bulletin prints values)."""
    return [Review(SOURCES, f"{r['indicator']}：达到水平 {achieved}"
                            f"{SOURCE_TEXT.get(r['source'], r['source'])}。")
            for r, achieved in zip(table.iter_rows(named=True),
                                   [cell.text for cell in _achieved(table)], strict=True)]


def _achieved(table: pl.DataFrame) -> list[Cell]:
    """The level achieved: the engine's rate where it computes one, else as the file gives it."""
    return [rate_cell(v) if s == "计算" else Cell.printed(a) for v, s, a in
            zip(table["achieved_used"], table["source"], table["achieved"], strict=True)]


def section_targets(b: MonthlyBulletin) -> list:
    table = b.inputs.targets
    if table is None:
        return []
    table = evaluate(table, b.config.targets.engine, engine_values(b))
    met = table.filter(pl.col("status") == "达标")
    missed = table.filter(pl.col("status") == "未达标")
    text = f"共跟踪 {table.height} 项指标，{met.height} 项达到目标"
    if missed.height:
        text += "，未达标：" + "、".join(
            f"{r['indicator']}（差距 {fmt_gap(r['gap'])}）" for r in missed.iter_rows(named=True))
    text += "。"
    # Under the analyst's own 一、整改提升目标及成效 (notes, ``goals``) the table and its
    # summary close the body, as the seed prints its table; else they make the section.
    written = "goals" in b.config.profile.sections and b.notes.sections.get("目标")
    text = as_text(text)  # the indicators' names are the targets table's: text
    blocks = [f"各项指标的整改提升目标及完成情况见下表。{text}" if written
              else "### 整改提升目标及成效\n\n" + text]
    blocks += reviews_of(target_findings(table, b.inputs.stated_targets))
    return blocks + [targets_table(b, table)] + source_reviews(table)

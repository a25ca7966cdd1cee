"""目标跟踪 (seed 002): the targets table with status and gap, and its findings.
"""

from __future__ import annotations

import polars as pl
from great_tables import GT, loc, style

from bulletin.core.definitions import RATES
from bulletin.core.units import CITY
from bulletin.indicators.items import rollup_items
from bulletin.indicators.targets import evaluate
from bulletin.report.findings import target_findings
from bulletin.report.fmt import fmt_gap, fmt_rate
from bulletin.report.month import MonthlyBulletin
from bulletin.report.sections.common import RED, SOURCES, Review, as_text, reviews_of, titled_table
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


def targets_table(b: MonthlyBulletin, table: pl.DataFrame) -> GT:
    year = table["target_year"][0] if table.height else ""
    base_year = table["baseline_year"][0] if table.height else ""
    data = {
        "order": [str(i + 1) for i in range(table.height)],
        "indicator": table["indicator"].to_list(),
        "baseline": table["baseline"].to_list(),
        "target": table["target"].to_list(),
        "achieved": _achieved(table),
        "status": [s or "-" for s in table["status"]],
        "gap": [fmt_gap(g) for g in table["gap"]],
        "frontier": table["frontier"].to_list(),
    }
    gt = titled_table(pl.DataFrame(data), f"{b.config.region}指标整改提升目标及完成情况")
    gt = (gt.tab_spanner(f"{year}年", columns=["target", "achieved", "status", "gap"])
          .cols_label(order="序号", indicator="指标（项目）", baseline=f"{base_year}年评价水平",
                      target="目标", achieved="达到水平", status="状态",
                      gap="差距", frontier="国内前沿水平")
          .cols_align("left", columns=["indicator", "frontier"])
          .tab_style(style.text(color=RED, weight="bold"),
                     loc.body(columns="status", rows=pl.col("status") == "未达标")))
    return gt.tab_source_note("达到水平 ≥ 目标为达标；差距 = 达到水平 − 目标。")


SOURCE_TEXT = {"计算": "由本数据集的数据计算", "读取": "取自目标表（targets/）所列数值"}


def source_reviews(table: pl.DataFrame) -> list[Review]:
    """Where each achieved value comes from, for the analyst (the bulletin prints values)."""
    return [Review(SOURCES, f"{r['indicator']}：达到水平 {achieved}"
                            f"{SOURCE_TEXT.get(r['source'], r['source'])}。")
            for r, achieved in zip(table.iter_rows(named=True), _achieved(table), strict=True)]


def _achieved(table: pl.DataFrame) -> list[str]:
    return [fmt_rate(v) if s == "计算" else a for v, s, a in
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

"""事项 indicators against targets (seeds 003/004) and the zero-case items table.
"""

from __future__ import annotations

import polars as pl

from bulletin.core.blocks import Cell, Column, Table
from bulletin.core.definitions import BY_KEY, ITEM_COUNTS
from bulletin.core.months import month_cn
from bulletin.indicators.items import (
    below_target,
    default_targets,
    indicators_present,
    meets,
    rollup_items,
    with_indicators,
)
from bulletin.ingest.items import SUMMARY_COUNTS, SUMMARY_RATES
from bulletin.report.blocks import (
    count_cell,
    indicator_cell,
    order_cell,
    rate_cell,
    table,
    text_cell,
)
from bulletin.report.findings import share_findings, stated_findings
from bulletin.report.fmt import fmt_value
from bulletin.report.month import MonthlyBulletin
from bulletin.report.sections.common import (
    NOTES,
    RED,
    SOURCES,
    Review,
    paragraphs,
    reviews_of,
)

# How the items tables are computed, for the analyst's review (docs/definitions.md too).
METHOD = ("事项指标表中单位数值为平台给出的比率（按两位小数截断显示）；合计按各单位计数"
          "（或比率 × 事项数还原的计数）汇总后计算，不对比率取平均。")


def month_items(b: MonthlyBulletin) -> pl.DataFrame | None:
    frame = b.inputs.items
    return None if frame is None else with_indicators(frame)


def _level_parts(b: MonthlyBulletin, frame: pl.DataFrame) -> list[tuple[str, pl.DataFrame]]:
    levels = b.registry.units.select("unit", "level")
    joined = frame.join(levels, on="unit", how="left", maintain_order="left")
    names = {"市级部门": "部门", "乡镇（街道）": "镇（街道）", "县（市、区）": "县（市、区）",
             "村（社区）": "村（社区）"}
    return [(names.get(level, level), joined.filter(pl.col("level") == level))
            for level in dict.fromkeys(joined["level"].to_list())]


# The columns of a unit summary the items table prints, in the order of the seeds' tables
# (seed 003's 事项梳理 and 运行效能, seed 004's four indicators), under their group's spanner
# when the table has columns of both groups. Labels are the summary's own header labels.
GROUPS = [("事项梳理", ["items", "claimed", "unclaimed", "claim_rate", "published", "publish_rate",
                    "guide_accuracy", "sorting_completion"]),
          ("运行效能", ["overdue_new", "overdue_total", "overdue_rate", "cases", "cases_ytd",
                    "active_evaluations", "active_evaluations_ytd", "active_evaluation_rate",
                    "active_evaluation_rate_ytd", "case_coverage"]),
          ("", ["promise_speedup", "visits_avg", "instant_share", "full_online_share"])]

LABELS = {col: label for label, col in (SUMMARY_COUNTS | SUMMARY_RATES).items()}

# Rates of a summary that are not 事项 indicators: each unit's as given, the 合计's from
# the summed counts (numerator, denominator), never a mean of the units' rates.
RATIOS = {"overdue_rate": ("overdue_total", "cases_ytd", "超期率 = 累计超时件 / 累计办件量"),
          "active_evaluation_rate_ytd": ("active_evaluations_ytd", "cases_ytd",
                                         "累计主动评价率 = 累计主动评价数 / 累计办件量")}


def _whole(frame: pl.DataFrame, key: str) -> bool:
    """A count the summary gives: values in some row, whole numbers in every row (a count
    restored as a truncated rate × its denominator is not one)."""
    if key not in frame.columns or frame[key].null_count() == frame.height:
        return False
    return all(float(v).is_integer() for v in frame[key].drop_nulls())


def shown_counts(frame: pl.DataFrame) -> list[str]:
    """The counts of the summary the table prints: each count column the input gives (of an
    item list, 事项数 only); 事项数 not where it is only 已认领 again (a summary without it)."""
    keys = [k for _, cols in GROUPS for k in cols if k in SUMMARY_COUNTS.values()]
    if "items_list" in frame.columns and frame["items_list"].any():
        keys = ["items"]
    shown = [k for k in keys if _whole(frame, k)]
    if "items" in shown and "claimed" in shown and frame["items"].equals(frame["claimed"]):
        shown.remove("items")
    return shown


def _count_cells(values: pl.Series) -> list[Cell]:
    given = values.drop_nulls()
    total = count_cell(int(given.sum())) if len(given) else Cell(text="-")
    return [count_cell(v) for v in values] + [total]


def _ratio_cells(frame: pl.DataFrame, key: str) -> list[Cell]:
    num, den, _ = RATIOS[key]
    both = frame.filter(pl.col(num).is_not_null() & pl.col(den).is_not_null())
    total = both[num].sum() / both[den].sum() if both.height and both[den].sum() else None
    return [rate_cell(v) for v in frame[f"given_{key}"]] + [rate_cell(total)]


# The background of a figure that misses its target.
MISSED_FILL = "#fde9e9"


def items_table(b: MonthlyBulletin, frame: pl.DataFrame, label: str, title: str) -> Table:
    """Units, the counts and rates of their summary (``GROUPS``) and the 合计 row (bold),
    whose rates are computed from the summed counts; a figure that misses its target red on
    pink."""
    targets = default_targets(b.config)
    present = indicators_present(frame)
    total = rollup_items(frame, "合计")
    counts = shown_counts(frame)
    ratios = [k for k in RATIOS if f"given_{k}" in frame.columns
              and frame[f"given_{k}"].null_count() < frame.height]
    cells: dict[str, list[Cell]] = {k: _count_cells(frame[k]) for k in counts}
    cells |= {k: _ratio_cells(frame, k) for k in ratios}
    for ind in present:
        missed = [ind.key in targets and meets(v, targets[ind.key]) is False
                  for v in frame[ind.key]]
        cells[ind.key] = [cell.marked(bold=True, color=RED, fill=MISSED_FILL) if miss else cell
                          for cell, miss in zip((indicator_cell(ind, v) for v in frame[ind.key]),
                                                missed, strict=True)]
        cells[ind.key].append(indicator_cell(ind, total[ind.key]))
    groups = [(name, [k for k in cols if k in cells]) for name, cols in GROUPS]
    spanned = sum(1 for name, cols in groups if name and cols) > 1
    labels = {k: LABELS.get(k, k) for k in counts + ratios} | {i.key: i.label for i in present}
    columns = [Column(id="order", label="序号"), Column(id="unit", label=label, align="left")]
    columns += [Column(id=k, label=labels[k], spanners=(name,) if spanned and name else ())
                for name, cols in groups for k in cols]
    rows = [{"order": order_cell(i + 1), "unit": text_cell(unit)}
            | {c.id: cells[c.id][i] for c in columns[2:]}
            for i, unit in enumerate(frame["unit"].to_list())]
    total_row = {"order": text_cell(""), "unit": text_cell("合计")}
    rows.append({k: cell.marked(bold=True) for k, cell in
                 (total_row | {c.id: cells[c.id][-1] for c in columns[2:]}).items()})
    notes = [i.definition for i in present] + [RATIOS[k][2] for k in ratios]
    notes += ["目标：" + "；".join(f"{i.label}{target_text(i, targets[i.key])}"
                                  for i in present if i.key in targets)
              + "。未达目标的数值以红色标出。"]  # the 口径 only: how it is computed is METHOD
    return table(title, columns, rows, notes)


def threshold(ind, value: float) -> str:
    """A target as a person writes it: 80%, 100%, 0.3 次 (no padding zeros)."""
    if ind.kind == "rate":
        return f"{round(value * 100, 6):g}%"
    return f"{value:g} {ind.unit}" if ind.unit else f"{value:g}"


def target_text(ind, target: tuple[float | None, float | None]) -> str:
    """不低于 80% / 不超过 0.3 次 / 为 100% / 在 a 至 b 之间."""
    lo, hi = target
    if lo is not None and hi is not None:
        return f"在 {threshold(ind, lo)} 至 {threshold(ind, hi)} 之间"
    if lo is not None:
        return f"为 {threshold(ind, lo)}" if ind.kind == "rate" and lo >= 1 else \
            f"不低于 {threshold(ind, lo)}"
    return f"不超过 {threshold(ind, hi)}"


def missed_text(ind, target: tuple[float | None, float | None]) -> str:
    """What a unit that misses the target does: 低于 80% / 超过 0.3 次 / 不在 a 至 b 之间."""
    lo, hi = target
    if lo is not None and hi is not None:
        return f"不在 {threshold(ind, lo)} 至 {threshold(ind, hi)} 之间"
    if lo is not None:
        return f"未达到 {threshold(ind, lo)}" if ind.kind == "rate" and lo >= 1 else \
            f"低于 {threshold(ind, lo)}"
    return f"超过 {threshold(ind, hi)}"


def met_text(ind, target: tuple[float | None, float | None]) -> str:
    """均为 100% / 均不低于 80% / 均不超过 0.3 次."""
    return "均" + target_text(ind, target)


def items_paragraphs(b: MonthlyBulletin, frame: pl.DataFrame) -> list[str]:
    targets = default_targets(b.config)
    total = rollup_items(frame, "合计")
    present = indicators_present(frame)
    overall = "、".join(f"{i.label} {fmt_value(i, total[i.key])}" for i in present
                        if total[i.key] is not None)
    # the cases and their evaluations where the summary gives them (seed 003's 运行效能)
    counts = [k for k in ("cases", "active_evaluations") if k in shown_counts(frame)]
    cases = "，".join(f"{ITEM_COUNTS[k].label} {int(frame[k].drop_nulls().sum())} "
                     f"{ITEM_COUNTS[k].unit}" for k in counts) + ("；" if counts else "")
    texts = [f"{month_cn(b.month)}，{b.config.region}各单位{cases}事项指标合计：{overall}。"]
    met: dict[str, list[str]] = {}  # 均为 100% → the indicators every unit meets, in order
    for key, units in below_target(frame, targets).items():
        ind = BY_KEY[key]
        if units:
            listed = "、".join(f"{u}（{fmt_value(ind, v)}）" for u, v in units)
            missed = missed_text(ind, targets[key])
            gap = "" if missed[-1] >= "\u2e80" else " "  # 「80% 的」 but 「0.3 次的」
            texts.append(f"{ind.label}{missed}{gap}的单位有 {len(units)} 个：{listed}。")
        else:
            met.setdefault(met_text(ind, targets[key]), []).append(ind.label)
    # one sentence for the indicators every unit meets alike, not one each
    return texts[:1] + [f"各单位{'、'.join(labels)}{text}。" for text, labels in met.items()] + \
        texts[1:]


def section_items(b: MonthlyBulletin) -> list:
    frame = month_items(b)
    if frame is None:
        return []
    blocks = ["### 事项指标情况\n\n" + paragraphs(items_paragraphs(b, frame))]
    findings = share_findings(frame)
    stated = b.config.stated_totals.get(b.month, {}).get("事项合计")
    if stated:
        findings += stated_findings(rollup_items(frame, "合计"), stated, "各单位")
    blocks += reviews_of(findings)
    blocks += [Review(SOURCES, METHOD + "".join(f"{i.label}：{i.note}。" for i in
                                                indicators_present(frame) if i.note))]
    if "items_annexes" in b.config.profile.sections:
        return blocks  # the tables are annexes after the body (``items_annexes``)
    for n, (label, title, part) in enumerate(_level_tables(b, frame), 1):
        blocks += [f"### 事项指标表{n}", items_table(b, part, label, title)]
    return blocks


def _level_tables(b: MonthlyBulletin, frame: pl.DataFrame) -> list[tuple[str, str, pl.DataFrame]]:
    """(unit label, table title, rows) of each level's table."""
    return [(label, f"{b.config.region}各{label}事项指标情况（{month_cn(b.month)}）", part)
            for label, part in _level_parts(b, frame)]


def annex_titles(b: MonthlyBulletin) -> list[str]:
    """The titles of the items tables as annexes (``items_annexes``): one per level, or the
    one ``profile.items_annex_title`` that holds every level's table (seed 004's 附件2)."""
    frame = month_items(b)
    if frame is None:
        return []
    one = b.config.profile.items_annex_title
    return [one] if one else [title for _, title, _ in _level_tables(b, frame)]


def annex_blocks(b: MonthlyBulletin, start: int) -> list:
    """附件 start, start + 1 …: the items tables after the body; under one 附件 start and
    its title when ``profile.items_annex_title`` is set, each table with its own title."""
    frame = month_items(b)
    if frame is None:
        return []
    tables = [items_table(b, part, label, title) for label, title, part in _level_tables(b, frame)]
    one = b.config.profile.items_annex_title
    if one:
        return [f"### 附件{start}", f"#### {one}", *tables]
    return [block for n, table in enumerate(tables, start) for block in (f"### 附件{n}", table)]


BLANK_ROWS = 5


def _feedback_table(title: str, items: list[str], year: str,
                    intro: list[str] | None = None) -> Table:
    """A 办件情况反馈表: a form (full width, rows to write in), ``intro`` under its title."""
    columns = [Column(id="item", label="事项名称", align="left"), Column(id="count", label="办件量"),
               Column(id="reason", label="办件量为 0 的事项请说明原因")]
    rows = [{"item": text_cell(item), "count": count_cell(0), "reason": text_cell("")}
            for item in items] or [{"item": text_cell(""), "count": text_cell(""),
                                    "reason": text_cell("")}] * BLANK_ROWS
    form = table(title, columns, rows, [f"注：请统计 {year} 年以来产生的办件数据。"])
    return form.model_copy(update={"form": True, "intro": list(intro or [])})


# The form's title, as seed 004's 附件1 names it.
FEEDBACK_FORM = "办件情况反馈表"


def section_zero_case_items(b: MonthlyBulletin) -> list:
    """办件情况反馈表 (seed 004 annex 1) in the body, under a heading of its own and a line
    that says what to fill in; ``zero_case_items_annexes`` prints it as an annex instead."""
    if "zero_case_items_annexes" in b.config.profile.sections:
        return []
    blocks = _feedback_blocks(b, "###")
    if not blocks:
        return []
    head = (f"## {FEEDBACK_FORM}\n\n请各单位对照本单位依申请类政务服务事项清单，对 {b.month[:4]} 年以来"
            "办件量为 0 的事项逐项说明原因。")
    return [head, *blocks]


def zero_case_annex_titles(b: MonthlyBulletin) -> list[str]:
    """The 办件情况反馈表 as one annex (``zero_case_items_annexes``) when there are items."""
    return [] if b.inputs.items is None else [FEEDBACK_FORM]


def zero_case_annex_blocks(b: MonthlyBulletin, start: int) -> list:
    """附件 start: the 办件情况反馈表 after the body, as seed 004 prints its 附件1."""
    blocks = _feedback_blocks(b, "####")
    return [f"### 附件{start}", *blocks] if blocks else []


def _feedback_blocks(b: MonthlyBulletin, unit_heading: str) -> list:
    """Per unit, its items without a case since January (each under ``unit_heading``);
    without an item-level list, the blank form every unit fills in, as the seed prints it."""
    frame = b.inputs.items
    if frame is None:
        return []
    year = b.month[:4]
    if not frame["items_list"].any():
        intro = ["填报单位：（加盖单位鲜章）　填报人：　　联系电话：",
                 ("本单位共××项依申请类政务服务事项，其中××项事项产生办件量，××项事项办件量为 0，"
                  "具体情况详见下表。")]
        return [_feedback_table(FEEDBACK_FORM, [], year, intro),
                Review(NOTES, "事项清单为各单位汇总数，不含逐项办件量，“办件情况反馈表”印为空白表"
                              "由各单位填写；提供逐项事项清单（含“办件量”列）后按单位列出办件量为 0 "
                              "的事项。")]
    blocks = []
    for r in frame.filter(pl.col("items_list")).iter_rows(named=True):
        zero = r["zero_case_items"] or []
        items = int(r["items"] or 0)
        blocks.append(f"{unit_heading} {r['unit']}\n\n本单位共 {items} 项依申请类政务服务事项，其中 "
                      f"{items - len(zero)} 项事项产生办件量，{len(zero)} 项事项办件量为 0。")
        if zero:
            blocks.append(_feedback_table(f"{r['unit']}{FEEDBACK_FORM}", zero, year))
    return blocks

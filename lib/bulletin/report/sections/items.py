"""事项 indicators against targets (seeds 003/004) and the zero-case items table.
"""

from __future__ import annotations

import polars as pl
from great_tables import GT, loc, style

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
    titled_table,
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


def items_table(b: MonthlyBulletin, frame: pl.DataFrame, label: str, title: str) -> GT:
    """Units, their item indicators and the 合计 row; a figure that misses its target red."""
    targets = default_targets(b.config)
    present = indicators_present(frame)
    total = rollup_items(frame, "合计")
    data: dict[str, list[str]] = {"order": [str(i + 1) for i in range(frame.height)] + [""],
                                  "unit": frame["unit"].to_list() + ["合计"]}
    if "items" in frame.columns and frame["items"].null_count() < frame.height:
        data["items"] = [str(int(v)) if v is not None else "-" for v in frame["items"]] + \
                        [str(int(total["items"] or 0))]
    for ind in present:
        data[ind.key] = [fmt_value(ind, v) for v in frame[ind.key]] + \
                        [fmt_value(ind, total[ind.key])]
    table = titled_table(pl.DataFrame(data), title)
    labels = {"order": "序号", "unit": label, "items": ITEM_COUNTS["items"].label} | \
        {i.key: i.label for i in present}
    table = (table.cols_label(**{k: v for k, v in labels.items() if k in data})
             .cols_align("left", columns=["unit"])
             .tab_style(style.text(weight="bold"), loc.body(rows=pl.col("unit") == "合计")))
    for ind in present:
        if ind.key not in targets:
            continue
        flags = [meets(v, targets[ind.key]) is False for v in frame[ind.key]] + [False]
        rows = [i for i, f in enumerate(flags) if f]
        if rows:
            table = table.tab_style([style.text(color=RED, weight="bold"), style.fill("#fde9e9")],
                                    loc.body(columns=ind.key, rows=rows))
    notes = [i.definition for i in present]
    notes += ["目标：" + "；".join(f"{i.label}{target_text(i, targets[i.key])}"
                                  for i in present if i.key in targets)
              + "。未达目标的数值以红色标出。"]
    for note in notes:  # the 口径 only: how the table is computed is the review's (METHOD)
        table = table.tab_source_note(note)
    return table


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
    texts = [f"{month_cn(b.month)}，{b.config.region}各单位事项指标合计：{overall}。"]
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


def _feedback_table(title: str, items: list[str], year: str) -> GT:
    rows = items or [""] * BLANK_ROWS
    table = pl.DataFrame({"item": rows, "count": ["0" if items else ""] * len(rows),
                          "reason": [""] * len(rows)})
    return (titled_table(table, title)
            .cols_label(item="事项名称", count="办件量", reason="办件量为 0 的事项请说明原因")
            .cols_align("left", columns=["item"])
            .tab_source_note(f"注：请统计 {year} 年以来产生的办件数据。"))


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
        form = ("填报单位：（加盖单位鲜章）　填报人：　　联系电话：\n\n"
                "本单位共××项依申请类政务服务事项，其中××项事项产生办件量，××项事项办件量为 0，"
                "具体情况详见下表。")
        return [form, _feedback_table(FEEDBACK_FORM, [], year),
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

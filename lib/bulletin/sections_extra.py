"""Sections of the other bulletins (seeds 001-004): 考核得分, 事项指标, 大厅与便民服务中心,
目标跟踪. Like ``sections.py`` each ``section_*`` takes the month's ``MonthlyBulletin`` and
returns a list of blocks (Markdown strings, great-tables tables) for ``show``; a section
whose input the dataset does not hold returns ``[]``.
"""

from __future__ import annotations

from itertools import groupby

import polars as pl
from great_tables import GT, loc, style

from . import hall as H
from . import items as I
from . import targets as T
from .indicators import fmt_rate, previous_month
from .month import MonthlyBulletin, month_cn
from .scores import (
    MonthScores,
    category_results,
    fmt_rank_change,
    fmt_score,
    rank_changes,
    read_scores,
    score_findings,
)
from .tables import FONT

RED = "#c00000"
CN_NUMBERS = "一二三四五六七八九十"


def _table(frame: pl.DataFrame, title: str) -> GT:
    return (GT(frame).tab_header(title=title).cols_align("center")
            .opt_table_font(font=FONT)
            .tab_options(table_font_size="12px", column_labels_font_size="12px",
                         data_row_padding="2px"))


def _findings_block(findings) -> list[str]:
    if not findings:
        return []
    return ["**输入核对发现的不一致**（由数据自动生成，供分析人员核实）：\n\n"
            + "\n".join(f"{i}. {f.text}" for i, f in enumerate(findings, 1))]


# ---------------------------------------------------------------- 考核得分 (seed 001)


def month_scores(b: MonthlyBulletin, month: str | None = None) -> MonthScores | None:
    return read_scores(b.dataset.folder, month or b.month, b.config, b.registry)


def scores_summary(b: MonthlyBulletin, scores: MonthScores) -> list[str]:
    """总体情况 and the first of each group, from the computed 综合得分."""
    texts = []
    province = b.config.scores.province.get(b.month)
    if province:
        text = f"{month_cn(b.month)}，{b.config.region}综合得分 {fmt_score(province.score)} 分"
        if province.rank is not None:
            text += f"，全省排名第 {province.rank} 位"
        texts.append(text + "。")
    for g in scores.groups:
        first = g.rows.row(0, named=True)
        label = g.group.title or g.group.name
        texts.append(f"{label}共 {g.rows.height} 个单位参加排名，{first['unit']}以综合得分 "
                     f"{fmt_score(first['total'])} 分排名第一。")
    return texts


def scores_categories(scores: MonthScores) -> list[str]:
    """较好 / 较差: categories with full marks everywhere, and those where units lost points."""
    results = category_results(scores)
    good = [r.name for r in results if r.good]
    bad = [r for r in results if not r.good]
    texts = []
    if good:
        texts.append(f"**（一）完成情况较好的指标。**全部单位在{'、'.join(good)}方面均取得满分。")
    if bad:
        parts = []
        for r in bad:
            units = "、".join(f"{unit}（{fmt_score(points)} 分，失 {fmt_score(lost)} 分）"
                              for _, unit, points, lost in r.shortfalls)
            parts.append(f"{r.name}有 {len(r.shortfalls)} 个单位失分：{units}")
        texts.append(f"**（二）完成情况较差的指标。**{'；'.join(parts)}。")
    return texts


def scores_table(b: MonthlyBulletin, scores: MonthScores, index: int,
                 previous: MonthScores | None) -> GT:
    """附件 index: the group's table with the province's spanners, computed 综合得分, rank and
    the change of rank against the previous month."""
    g = scores.groups[index]
    before = previous.group(g.group.name) if previous else None
    changes = rank_changes(g, before)
    data: dict[str, list[str]] = {"rank": [str(r) for r in g.rows["rank"]],
                                  "unit": g.rows["unit"].to_list()}
    cells = g.rows["cells"].to_list()
    for j, _ in enumerate(g.columns):
        data[f"c{j}"] = [row[j] for row in cells]
    data["total"] = [fmt_score(v) for v in g.rows["total"]]
    data["change"] = [fmt_rank_change(c, before is not None) for c in changes["change"]]
    frame = pl.DataFrame(data)
    label = g.group.title or g.group.name
    table = _table(frame, f"{label}“一网通办”能力巩固提升汇总表（{month_cn(b.month)}）")
    labels = {"rank": "排名", "unit": g.unit_label, "total": "综合得分", "change": "较上月"}
    labels |= {f"c{j}": c.label for j, c in enumerate(g.columns)}
    for n, (spanner, cols) in enumerate(groupby(enumerate(g.columns), key=lambda x: x[1].spanner)):
        ids = [f"c{j}" for j, _ in cols]
        if spanner:
            table = table.tab_spanner(spanner, columns=ids, id=f"s{n}")
    table = (table.cols_label(**labels).cols_align("left", columns=["unit"])
             .tab_style(style.text(weight="bold"), loc.body(columns="total")))
    maxima = {c.column: c.max for c in g.group.categories}
    for j, c in enumerate(g.columns):
        if c.label in maxima:  # a points column below its maximum
            full = f"{maxima[c.label]:g}"
            lost = pl.col(f"c{j}").cast(pl.Float64, strict=False) < float(full)
            table = table.tab_style(style.text(color=RED), loc.body(columns=f"c{j}", rows=lost))
    table = table.tab_source_note(
        "综合得分 = 各类别得分之和（" + "、".join(f"{c.name} {c.max:g} 分" for c in g.group.categories)
        + "），按四舍五入保留两位小数显示；排名按综合得分从高到低，得分相同按单位名录顺序。"
          "红色为未取得满分的得分。")
    return table


def section_scores(b: MonthlyBulletin) -> list:
    scores = month_scores(b)
    if scores is None or not scores.groups:
        return []
    previous = month_scores(b, previous_month(b.month))
    blocks = ["## 一、总体情况\n\n" + "\n\n".join(scores_summary(b, scores)),
              "## 二、各项考核指标具体情况\n\n" + "\n\n".join(scores_categories(scores))]
    if previous is None:
        blocks.append(f"（{month_cn(previous_month(b.month))}无考核得分数据，排名变化不作比较。）")
    blocks += _findings_block(score_findings(scores))
    for i, g in enumerate(scores.groups):
        blocks += [f"### 附件{i + 1}", scores_table(b, scores, i, previous)]
    return blocks


# ---------------------------------------------------------------- 事项指标 (seeds 003, 004)


def month_items(b: MonthlyBulletin) -> pl.DataFrame | None:
    frame = I.read_items(b.dataset.folder, b.month, b.registry)
    return None if frame is None else I.with_indicators(frame)


def _level_parts(b: MonthlyBulletin, frame: pl.DataFrame) -> list[tuple[str, pl.DataFrame]]:
    levels = b.registry.units.select("unit", "level")
    joined = frame.join(levels, on="unit", how="left", maintain_order="left")
    names = {"市级部门": "部门", "乡镇（街道）": "镇（街道）", "县（市、区）": "县（市、区）",
             "村（社区）": "村（社区）"}
    return [(names.get(level, level), joined.filter(pl.col("level") == level))
            for level in dict.fromkeys(joined["level"].to_list())]


def items_table(b: MonthlyBulletin, frame: pl.DataFrame, label: str, title: str) -> GT:
    """Units, their item indicators and the 合计 row; a figure that misses its target red."""
    targets = I.default_targets(b.config)
    present = I.indicators_present(frame)
    total = I.rollup(frame, "合计")
    data: dict[str, list[str]] = {"order": [str(i + 1) for i in range(frame.height)] + [""],
                                  "unit": frame["unit"].to_list() + ["合计"]}
    if "items" in frame.columns and frame["items"].null_count() < frame.height:
        data["items"] = [str(int(v)) if v is not None else "-" for v in frame["items"]] + \
                        [str(int(total["items"] or 0))]
    for ind in present:
        data[ind.key] = [I.fmt_value(ind, v) for v in frame[ind.key]] + \
                        [I.fmt_value(ind, total[ind.key])]
    table = _table(pl.DataFrame(data), title)
    labels = {"order": "序号", "unit": label, "items": "事项数"} | {i.key: i.label for i in present}
    table = (table.cols_label(**{k: v for k, v in labels.items() if k in data})
             .cols_align("left", columns=["unit"])
             .tab_style(style.text(weight="bold"), loc.body(rows=pl.col("unit") == "合计")))
    for ind in present:
        if ind.key not in targets:
            continue
        flags = [I.meets(v, targets[ind.key]) is False for v in frame[ind.key]] + [False]
        rows = [i for i, f in enumerate(flags) if f]
        if rows:
            table = table.tab_style([style.text(color=RED, weight="bold"), style.fill("#fde9e9")],
                                    loc.body(columns=ind.key, rows=rows))
    notes = [i.definition for i in present]
    notes += ["目标：" + "；".join(f"{i.label} {I.fmt_target(i, targets[i.key])}"
                                  for i in present if i.key in targets)
              + "。未达目标的数值以红色标出。"]
    notes.append("单位数值为平台给出的比率（按两位小数截断显示）；合计按各单位计数"
                 "（或比率 × 事项数还原的计数）汇总后计算，不对比率取平均。")
    for note in notes:
        table = table.tab_source_note(note)
    return table


def items_paragraphs(b: MonthlyBulletin, frame: pl.DataFrame) -> list[str]:
    targets = I.default_targets(b.config)
    total = I.rollup(frame, "合计")
    present = I.indicators_present(frame)
    overall = "、".join(f"{i.label} {I.fmt_value(i, total[i.key])}" for i in present
                        if total[i.key] is not None)
    texts = [f"{month_cn(b.month)}，{b.config.region}各单位事项指标合计：{overall}。"]
    for key, units in I.below_target(frame, targets).items():
        ind = I.BY_KEY[key]
        target = I.fmt_target(ind, targets[key])
        if units:
            listed = "、".join(f"{u}（{I.fmt_value(ind, v)}）" for u, v in units)
            texts.append(f"{ind.label}未达到 {target} 的单位有 {len(units)} 个：{listed}。")
        else:
            texts.append(f"各单位{ind.label}均达到 {target}。")
    return texts


def section_items(b: MonthlyBulletin) -> list:
    frame = month_items(b)
    if frame is None:
        return []
    blocks = ["## 事项指标情况\n\n" + "\n\n".join(items_paragraphs(b, frame))]
    findings = I.share_findings(frame)
    stated = b.config.stated_totals.get(b.month, {}).get("事项合计")
    if stated:
        findings += I.stated_findings(I.rollup(frame, "合计"), stated, "各单位")
    blocks += _findings_block(findings)
    for n, (label, part) in enumerate(_level_parts(b, frame), 1):
        title = f"{b.config.region}各{label}事项指标情况（{month_cn(b.month)}）"
        blocks += [f"### 事项指标表{n}", items_table(b, part, label, title)]
    return blocks


def section_zero_case_items(b: MonthlyBulletin) -> list:
    """办件情况反馈表 (seed 004 annex 1): per unit, its items without a case since January."""
    frame = I.read_items(b.dataset.folder, b.month, b.registry)
    if frame is None:
        return []
    head = (f"## 办件情况反馈表\n\n请各单位对照本单位依申请类政务服务事项清单，对 {b.month[:4]} 年以来"
            "办件量为 0 的事项逐项说明原因。")
    if not frame["items_list"].any():
        return [head + "\n\n（本数据集的事项清单为各单位汇总数，不含逐项办件量，无法列出办件量为 0 "
                       "的事项；提供逐项事项清单（含“办件量”列）后自动生成。）"]
    blocks = [head]
    for r in frame.filter(pl.col("items_list")).iter_rows(named=True):
        zero = r["zero_case_items"] or []
        items = int(r["items"] or 0)
        blocks.append(f"### {r['unit']}\n\n本单位共 {items} 项依申请类政务服务事项，其中 "
                      f"{items - len(zero)} 项事项产生办件量，{len(zero)} 项事项办件量为 0。")
        if zero:
            table = pl.DataFrame({"item": zero, "count": ["0"] * len(zero), "reason": [""] * len(zero)})
            blocks.append(_table(table, f"{r['unit']}办件情况反馈表").cols_label(
                item="事项名称", count="办件量", reason="办件量为 0 的事项请说明原因")
                .cols_align("left", columns=["item"])
                .tab_source_note(f"注：统计 {b.month[:4]} 年以来产生的办件数据。"))
    return blocks


# ---------------------------------------------------------------- 大厅与便民服务中心 (seed 003)


def windows_table(b: MonthlyBulletin, hall: H.Hall) -> GT:
    w = hall.windows
    data = {"order": [str(v) for v in w["order"]] + ["总计"],
            "window": w["window"].to_list() + [""],
            "count": [str(v) for v in w["window_cases"]] + [str(int(w["window_cases"].sum()))],
            "note": w["note"].to_list() + [""]}
    return (_table(pl.DataFrame(data), f"{b.config.region}政务服务大厅{month_cn(b.month)}部门窗口办件情况")
            .cols_label(order="序号", window="部门", count="大厅窗口办件数", note="备注")
            .cols_align("left", columns=["window"])
            .tab_style(style.text(weight="bold"), loc.body(rows=pl.col("order") == "总计"))
            .tab_source_note("总计由各窗口办件数相加得出。"))


def centres_table(b: MonthlyBulletin, hall: H.Hall) -> GT:
    rows = H.nested_rows(hall.centres)
    counts = list(H.CENTRE_COUNTS.values())
    data = rows.select("town", "centre", *[pl.col(c).cast(pl.String) for c in counts])
    table = _table(data, f"{month_cn(b.month)}{b.config.region}街道（镇）、社区（村）便民服务中心办件情况统计表")
    table = (table.tab_spanner("便民服务中心", columns=["town", "centre"])
             .cols_label(town="镇（街道）", centre="中心", consult="咨询（件）", applied="申请（件）",
                         accepted="受理（件）", completed="办结（件）")
             .cols_align("left", columns=["town", "centre"])
             .tab_style(style.text(weight="bold"),
                        loc.body(rows=pl.col("centre").is_in([H.SUBTOTAL, ""]))))
    return table.tab_source_note("小计为各镇（街道）所属中心之和，总计为各小计之和。")


def hall_paragraphs(b: MonthlyBulletin, hall: H.Hall) -> list[str]:
    texts = []
    if hall.windows is not None:
        total = int(hall.windows["window_cases"].sum())
        texts.append(f"{month_cn(b.month)}，政务服务大厅 {hall.windows.height} 个部门窗口共办件 "
                     f"{total} 件（见附件）。")
    if hall.centres is not None:
        t = H.centres_total(hall.centres)
        towns = hall.centres["town"].n_unique()
        texts.append(f"{towns} 个镇（街道）及所属村（社区）便民服务中心（{hall.centres.height} 个）"
                     f"咨询 {t['consult']} 件，申请 {t['applied']} 件，受理 {t['accepted']} 件，"
                     f"办结 {t['completed']} 件。")
    return texts


def overdue_paragraph(b: MonthlyBulletin) -> list[str]:
    """新增 / 累计超时件 and 超期率 from the items summary's 运行效能 columns."""
    frame = I.read_items(b.dataset.folder, b.month, b.registry)
    if frame is None or frame["overdue_new"].null_count() == frame.height:
        return []
    new, total = int(frame["overdue_new"].sum()), int(frame["overdue_total"].sum())
    ytd = frame["cases_ytd"].sum()
    rate = total / ytd if ytd else None
    late = frame.filter(pl.col("overdue_total") > 0)
    text = (f"本月新增超时件 {new} 件，累计超时件 {total} 件，超期率 {fmt_rate(rate)}"
            f"（累计超时件 / 累计办件量 {int(ytd)} 件）。")
    if late.height:
        text += "有累计超时件的单位：" + "、".join(
            f"{r['unit']} {int(r['overdue_total'])} 件" for r in late.iter_rows(named=True)) + "。"
    return [text]


def section_hall(b: MonthlyBulletin) -> list:
    hall = H.read_hall(b.dataset.folder, b.month)
    if hall is None:
        return []
    blocks = ["## 实体大厅办件情况\n\n" + "\n\n".join(hall_paragraphs(b, hall) + overdue_paragraph(b))]
    stated = b.config.stated_totals.get(b.month, {})
    blocks += _findings_block(H.hall_findings(hall, stated))
    if hall.windows is not None:
        blocks += ["### 大厅部门窗口办件情况", windows_table(b, hall)]
    if hall.centres is not None:
        blocks += ["### 便民服务中心办件情况", centres_table(b, hall)]
    return blocks


# ---------------------------------------------------------------- 目标跟踪 (seed 002)


def engine_values(b: MonthlyBulletin) -> dict[str, float | None]:
    """Indicator key → value the engine computes for this month: the items roll-up, and
    the 全市 roll-up of the unit_month facts when the dataset has case data."""
    values: dict[str, float | None] = {}
    frame = month_items(b)
    if frame is not None:
        values |= {k: v for k, v in I.rollup(frame, "合计").items() if isinstance(v, float)}
    if "completed" in b.facts.columns:
        from .indicators import CITY

        city = b.scope(CITY) or {}
        values |= {k: v for k, v in city.items() if k.endswith("_rate") and isinstance(v, float)}
    return values


def targets_table(b: MonthlyBulletin, table: pl.DataFrame) -> GT:
    year = table["target_year"][0] if table.height else ""
    base_year = table["baseline_year"][0] if table.height else ""
    data = {
        "order": [str(i + 1) for i in range(table.height)],
        "indicator": table["indicator"].to_list(),
        "baseline": table["baseline"].to_list(),
        "target": table["target"].to_list(),
        "achieved": [fmt_rate(v) if s == "计算" else a for v, s, a in
                     zip(table["achieved_used"], table["source"], table["achieved"])],
        "source": table["source"].to_list(),
        "status": [s or "-" for s in table["status"]],
        "gap": [T.fmt_gap(g) for g in table["gap"]],
        "frontier": table["frontier"].to_list(),
    }
    gt = _table(pl.DataFrame(data), f"{b.config.region}指标整改提升目标及完成情况")
    gt = (gt.tab_spanner(f"{year}年", columns=["target", "achieved", "source", "status", "gap"])
          .cols_label(order="序号", indicator="指标（项目）", baseline=f"{base_year}年评价水平",
                      target="目标", achieved="达到水平", source="来源", status="状态",
                      gap="差距", frontier="国内前沿水平")
          .cols_align("left", columns=["indicator", "frontier"])
          .tab_style(style.text(color=RED, weight="bold"),
                     loc.body(columns="status", rows=pl.col("status") == "未达标")))
    return gt.tab_source_note("达到水平：“计算”为本数据集数据计算所得，“读取”为目标表所列；"
                              "达到水平 ≥ 目标为达标；差距 = 达到水平 − 目标。")


def section_targets(b: MonthlyBulletin) -> list:
    table = T.read_targets(b.dataset.folder, b.month)
    if table is None:
        return []
    table = T.evaluate(table, b.config.targets.engine, engine_values(b))
    met = table.filter(pl.col("status") == "达标")
    missed = table.filter(pl.col("status") == "未达标")
    text = f"共跟踪 {table.height} 项指标，{met.height} 项达到目标"
    if missed.height:
        text += "，未达标：" + "、".join(
            f"{r['indicator']}（差距 {T.fmt_gap(r['gap'])}）" for r in missed.iter_rows(named=True))
    text += "。"
    blocks = ["## 整改提升目标及成效\n\n" + text]
    blocks += _findings_block(T.target_findings(table, b.config.targets.stated_in_text))
    return blocks + [targets_table(b, table)]

"""考核得分 (seed 001): summary, 较好 / 较差 categories and the group annex tables.
"""

from __future__ import annotations

import re

from bulletin.core.blocks import Cell, Column, Table
from bulletin.core.months import month_cn, previous_month
from bulletin.indicators.scores import category_results, rank_changes
from bulletin.ingest.scores import MonthScores
from bulletin.report.blocks import order_cell, rank_change_cell, score_cell, table, text_cell
from bulletin.report.findings import score_findings
from bulletin.report.fmt import fmt_score
from bulletin.report.month import MonthlyBulletin
from bulletin.report.sections.common import (
    CHECKS,
    RED,
    SOURCES,
    Review,
    as_text,
    paragraphs,
    reviews_of,
    strong,
    structured_emphasis,
)
from bulletin.report.sections.written import note_heading


def month_scores(b: MonthlyBulletin, month: str | None = None) -> MonthScores | None:
    """The scores of the month or of the month before it, as read with the month."""
    if month is None or month == b.month:
        return b.inputs.scores
    if month == previous_month(b.month):
        return b.inputs.previous_scores
    raise ValueError(f"the scores of {month} are not read with {b.month}")


def scores_summary(b: MonthlyBulletin, scores: MonthScores) -> list[str]:
    """总体情况 and the first of each group, from the computed 综合得分. The analyst's
    「总体情况」 (notes/YYYY-MM.md: the province's assessment in their words) takes the place
    of the sentence of the province's result (``province_review`` checks it names it)."""
    texts = []
    province = b.config.scores.province.get(b.month)
    written = b.notes.sections.get("总体情况")
    if written:
        texts.append(written)
    elif province:
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


def scores_categories(scores: MonthScores, b: MonthlyBulletin | None = None) -> list[str]:
    """较好 / 较差: categories with full marks everywhere, and those where units lost points;
    each after the analyst's own text on it (notes/YYYY-MM.md 「较好的指标」, 「较差的指标」: the
    province's assessment of the city), under the analyst's heading where they wrote one."""
    results = category_results(scores)
    good = [r.name for r in results if r.good]
    bad = [r for r in results if not r.good]
    engine = {"较好的指标": "", "较差的指标": ""}
    if good:
        engine["较好的指标"] = f"全部单位在{'、'.join(good)}方面均取得满分。"
    if bad:
        parts = []
        for r in bad:
            units = "、".join(f"{unit}（{fmt_score(points)} 分，失 {fmt_score(lost)} 分）"
                              for _, unit, points, lost in r.shortfalls)
            parts.append(f"{r.name}有 {len(r.shortfalls)} 个单位失分：{units}")
        engine["较差的指标"] = f"{'；'.join(parts)}。"
    texts = []
    for note, default in (("较好的指标", "（一）完成情况较好的指标。"),
                          ("较差的指标", "（二）完成情况较差的指标。")):
        written = b.notes.sections.get(note) if b is not None else None
        if written:
            head = note_heading(b, note) or default
            head += "" if head.endswith(("。", "：")) else "。"
            texts.append("\n\n".join([strong(head), structured_emphasis(written),
                                       *([as_text(engine[note])] if engine[note] else [])]))
        elif engine[note]:
            texts.append(strong(default) + as_text(engine[note]))
    return texts


def province_review(b: MonthlyBulletin) -> list[Review]:
    """The analyst's 「总体情况」 prints the province's result in place of the bulletin's own
    sentence: a 数据核对 item where it does not give the 综合得分 and rank of dataset.yml."""
    province = b.config.scores.province.get(b.month)
    written = b.notes.sections.get("总体情况")
    if not (province and written):
        return []
    score = fmt_score(province.score)
    named = score in written and (province.rank is None
                                  or re.search(rf"第\s*{province.rank}\s*位", written))
    if named:
        return []
    rank = "" if province.rank is None else f"、全省排名第 {province.rank} 位"
    return [Review(CHECKS, f"notes/{b.month}.md 的「总体情况」印在一、总体情况中，但未写出 dataset.yml "
                           f"scores.province 所载的全市综合得分 {score} 分{rank}，请核实。")]


def scores_table(b: MonthlyBulletin, scores: MonthScores, index: int,
                 previous: MonthScores | None) -> Table:
    """附件 index: the group's table with the province's spanners, computed 综合得分, rank and
    the change of rank against the previous month; a category's points below its maximum
    red, the 综合得分 bold."""
    g = scores.groups[index]
    before = previous.group(g.group.name) if previous else None
    changes = rank_changes(g, before)
    maxima = {c.column: c.max for c in g.group.categories}
    columns = [Column(id="rank", label="排名"), Column(id="unit", label=g.unit_label, align="left")]
    columns += [Column(id=f"c{j}", label=c.label, spanners=(c.spanner,) if c.spanner else ())
                for j, c in enumerate(g.columns)]
    columns.append(Column(id="total", label="综合得分"))
    if before is not None:  # no previous month (or group): no 较上月 column
        columns.append(Column(id="change", label="较上月"))
    rows = []
    for i, (rank, unit, cells, total) in enumerate(
            g.rows.select("rank", "unit", "cells", "total").iter_rows()):
        row = {"rank": order_cell(rank), "unit": text_cell(unit),
               "total": score_cell(total).marked(bold=True)}
        for j, c in enumerate(g.columns):
            cell = Cell.printed(cells[j])
            points = cell.format is not None and not cell.is_percentage  # a number, not a rate
            lost = c.label in maxima and points and cell.value < maxima[c.label]
            row[f"c{j}"] = cell.marked(color=RED) if lost else cell
        if before is not None:
            row["change"] = rank_change_cell(changes["change"][i], True)
        rows.append(row)
    notes = [("备注：" if k == 0 else "") + note  # the 备注 as dataset.yml gives them
             for k, note in enumerate(g.group.notes)]
    notes.append(  # the 口径; how it is rounded and ranked: SCORES_METHOD
        "综合得分 = 各类别得分之和（" + "、".join(f"{c.name} {c.max:g} 分" for c in g.group.categories)
        + "），排名按综合得分从高到低。红色为未取得满分的得分。")
    return table(group_title(b, g), columns, rows, notes)


# How the scores tables are computed, for the analyst's review.
SCORES_METHOD = "附表的综合得分按四舍五入保留两位小数显示；得分相同的单位按单位名录顺序排名。"


def section_scores(b: MonthlyBulletin) -> list:
    scores = month_scores(b)
    if scores is None or not scores.groups:
        return []
    previous = month_scores(b, previous_month(b.month))
    # names of units, groups and the region are text (as_text); the categories' sentences
    # are escaped where they are made, beside their bold heads
    summary = scores_summary(b, scores)
    written = b.notes.sections.get("总体情况")
    lead = structured_emphasis(summary[0]) + "\n\n" if written else ""
    blocks = ["### 一、总体情况\n\n" + lead + paragraphs(summary[1:] if written else summary),
              "### 二、各项考核指标具体情况\n\n" + "\n\n".join(scores_categories(scores, b)),
              *province_review(b)]
    blocks.append(Review(SOURCES, SCORES_METHOD))
    if previous is None:  # said to the analyst; the bulletin leaves the comparison out
        blocks.append(Review(SOURCES, f"{month_cn(previous_month(b.month))}无考核得分数据："
                                      "排名变化不作比较，附表不列“较上月”一栏；通报中对此不作说明。"))
    blocks += reviews_of(score_findings(scores))
    if "scores_annexes" not in b.config.profile.sections:
        blocks += annex_blocks(b, 1)
    return blocks


def annex_titles(b: MonthlyBulletin) -> list[str]:
    """The titles of the groups' tables as annexes."""
    scores = month_scores(b)
    if scores is None:
        return []
    return [group_title(b, g) for g in scores.groups]


def group_title(b: MonthlyBulletin, g) -> str:
    return f"{g.group.title or g.group.name}“一网通办”能力巩固提升汇总表（{month_cn(b.month)}）"


def section_scores_annexes(b: MonthlyBulletin) -> list:
    """The groups' tables as 附件 1, 2, …"""
    return annex_blocks(b, 1)


def annex_blocks(b: MonthlyBulletin, start: int) -> list:
    """附件 start, start + 1 … : the groups' tables, after the body (``scores_annexes`` in
    the profile puts them after sections of their own, such as the analyst's 主要问题;
    without it they close the ``scores`` section)."""
    scores = month_scores(b)
    if scores is None or not scores.groups:
        return []
    previous = month_scores(b, previous_month(b.month))
    return [block for i, _ in enumerate(scores.groups)
            for block in (f"### 附件{start + i}", scores_table(b, scores, i, previous))]

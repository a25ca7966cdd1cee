"""考核得分 (seed 001): summary, 较好 / 较差 categories and the group annex tables.
"""

from __future__ import annotations

from itertools import groupby

import polars as pl
from great_tables import GT, loc, style

from bulletin.core.months import month_cn, previous_month
from bulletin.indicators.scores import category_results, rank_changes
from bulletin.ingest.scores import MonthScores
from bulletin.report.findings import score_findings
from bulletin.report.fmt import fmt_rank_change, fmt_score
from bulletin.report.month import MonthlyBulletin
from bulletin.report.sections.common import (
    RED,
    SOURCES,
    Review,
    as_text,
    paragraphs,
    reviews_of,
    strong,
    titled_table,
)


def month_scores(b: MonthlyBulletin, month: str | None = None) -> MonthScores | None:
    """The scores of the month or of the month before it, as read with the month."""
    if month is None or month == b.month:
        return b.inputs.scores
    if month == previous_month(b.month):
        return b.inputs.previous_scores
    raise ValueError(f"the scores of {month} are not read with {b.month}")


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
        texts.append(strong("（一）完成情况较好的指标。")
                     + as_text(f"全部单位在{'、'.join(good)}方面均取得满分。"))
    if bad:
        parts = []
        for r in bad:
            units = "、".join(f"{unit}（{fmt_score(points)} 分，失 {fmt_score(lost)} 分）"
                              for _, unit, points, lost in r.shortfalls)
            parts.append(f"{r.name}有 {len(r.shortfalls)} 个单位失分：{units}")
        texts.append(strong("（二）完成情况较差的指标。") + as_text(f"{'；'.join(parts)}。"))
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
    if before is not None:  # no previous month (or group): no 较上月 column
        data["change"] = [fmt_rank_change(c, True) for c in changes["change"]]
    frame = pl.DataFrame(data)
    table = titled_table(frame, group_title(b, g))
    labels = {"rank": "排名", "unit": g.unit_label, "total": "综合得分"}
    labels |= {"change": "较上月"} if before is not None else {}
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
    table = table.tab_source_note(  # the 口径; how it is rounded and ranked: SCORES_METHOD
        "综合得分 = 各类别得分之和（" + "、".join(f"{c.name} {c.max:g} 分" for c in g.group.categories)
        + "），排名按综合得分从高到低。红色为未取得满分的得分。")
    return table


# How the scores tables are computed, for the analyst's review.
SCORES_METHOD = "附表的综合得分按四舍五入保留两位小数显示；得分相同的单位按单位名录顺序排名。"


def section_scores(b: MonthlyBulletin) -> list:
    scores = month_scores(b)
    if scores is None or not scores.groups:
        return []
    previous = month_scores(b, previous_month(b.month))
    # names of units, groups and the region are text (as_text); the categories' sentences
    # are escaped where they are made, beside their bold heads
    blocks = ["### 一、总体情况\n\n" + paragraphs(scores_summary(b, scores)),
              "### 二、各项考核指标具体情况\n\n" + "\n\n".join(scores_categories(scores))]
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

"""The bulletin's sentences, generated from computed figures in the register of seed 000.

Each sentence is a template with named slots. A clause whose figure the data cannot
give (an aggregated export has no 承诺件申请, a dataset without 好差评 has no 满意率)
is left out rather than filled with a zero — unless the input states it: a figure of the
catalogue that dataset.yml's ``stated_totals`` gives for the scope (the export's total
line, the source's text) is printed where the rows cannot give it, and the review says so
(``stated_reviews``). No figure is ever typed here.
"""

from __future__ import annotations

import polars as pl

from bulletin.core.definitions import FIGURES, known
from bulletin.core.months import month_cn
from bulletin.core.units import CITY, COUNTY, DEPARTMENT
from bulletin.indicators.problems import overdue_units
from bulletin.report.fmt import describe_change, fmt_figure, fmt_rate
from bulletin.report.month import MonthlyBulletin


def n(value) -> str:
    return f"{int(value)}"


def counts_phrase(prefix: str, items: list[tuple[str, int | None]], unit: str = "件") -> str:
    """'承诺件申请 3340 件，受理 3388 件，办结 3163 件', leaving out unknown counts."""
    given = [(label, v) for label, v in items if v is not None]
    parts = [f"{label} {n(v)} {unit}" for label, v in given]  # label "" → " 6548 件"
    if parts:
        parts[0] = prefix + parts[0]
    return "，".join(parts)


def rate_phrase(items: list[tuple[str, float | None]]) -> str:
    """'满意率为 62.50%，…', leaving out a rate the data cannot give or whose denominator
    is 0 (no zero_denominator text in a sentence)."""
    return "，".join(f"{label}{fmt_rate(v)}" for label, v in items if known(v))


def sentence(*clauses: str) -> str:
    text = "，".join(c for c in clauses if c)
    return text + "。" if text else ""


def listing(names: list[str]) -> str:
    return "、".join(names)


def figures(values: list[int], unit: str = "件") -> str:
    return "、".join(f"{n(v)} {unit}" for v in values)


SUBJECTS = {
    "city": "全市通过一体化政务服务平台",
    "city_level": "部门一体化政务服务平台",
    "counties": "通过一体化政务服务平台",
}


def stated_of(b: MonthlyBulletin, scope: str) -> dict[str, int | float]:
    """The figures dataset.yml's ``stated_totals`` gives for ``scope`` this month."""
    return b.config.stated_totals.get(b.month, {}).get(scope, {})


def filled(b: MonthlyBulletin, scope: str) -> tuple[dict, list[str]]:
    """The roll-up row of ``scope``, each figure of the catalogue the rows cannot give (not
    a column of the input, or a rate not computable from it) taken from the stated totals;
    and the keys so taken, in catalogue order."""
    row = dict(b.scope(scope) or {})
    given = stated_of(b, scope)
    taken = [k for k in FIGURES if k in given and not known(row.get(k))]
    row.update({k: given[k] for k in taken})
    return row, taken


# The figures the sentences print, of every scope and of 全市 only (好差评, 办件超时).
PRINTED = ("applied", "accepted", "completed", "promise_applied", "promise_accepted",
           "promise_completed", "handling_speedup_rate", "promise_early_rate", "online_applied",
           "online_share", "online_accepted", "online_completed", "online_promise_completed",
           "online_promise_early_rate")
PRINTED_CITY = ("active_evaluations", "bad_evaluations", "satisfaction_rate",
                "active_evaluation_rate", "completed_overdue", "on_time_rate")


def stated_reviews(b: MonthlyBulletin, scopes: list[str]) -> list[str]:
    """For the analyst: per scope, the figures the text takes from the stated totals, and
    the stated figures the bulletin neither prints nor checks (no figure of the catalogue:
    the data has nothing to compute them from)."""
    out = []
    for scope in scopes:
        rolled = b.scope(scope) or {}
        row, taken = filled(b, scope)
        printed = PRINTED + (PRINTED_CITY if scope == CITY else ())
        shown = [k for k in taken if k in printed]
        if shown:
            figures_ = "、".join(f"{FIGURES[k].label} {stated_figure(k, row[k])}" for k in shown)
            why = "、".join(dict.fromkeys(
                "比率无法由各单位的数据汇总计算" if FIGURES[k].is_rate else "单位数据中无此列"
                for k in shown))
            out.append(f"{scope}{figures_}：{why}，正文所印为 dataset.yml 的 stated_totals 所载"
                       "数值，未经核对。")
        other = {k: v for k, v in stated_of(b, scope).items()
                 if k not in shown and not (k in FIGURES and known(rolled.get(k)))}
        if other:
            figures_ = "、".join(f"{FIGURES[k].label if k in FIGURES else k} "
                                 f"{v if isinstance(v, int) else fmt_rate(v)}"
                                 for k, v in other.items())
            out.append(f"{scope}{figures_}：dataset.yml 的 stated_totals 所载，单位数据中没有，"
                       "无法计算或核对，通报也不印。")
    return out


def stated_figure(key: str, value: float) -> str:
    figure = FIGURES[key]
    return fmt_figure(figure.kind, value) + ("" if figure.is_rate else f" {figure.unit}")


def operation_paragraphs(b: MonthlyBulletin, scope: str, kind: str) -> list[str]:
    """The three paragraphs of 总体 / 市本级 / 各县（市、区）运行情况."""
    row, _ = filled(b, scope)
    if kind == "city":
        lead = f"{month_cn(b.month)}，{SUBJECTS['city']}"
    elif kind == "city_level":
        lead = f"{scope}{SUBJECTS['city_level']}"
    else:
        lead = f"{scope}{SUBJECTS['counties']}"
    first = sentence(
        counts_phrase(f"{lead}共申请依申请政务服务事项", [("", row["applied"])]) + "，" + counts_phrase("", [("受理", row["accepted"]), ("办结", row["completed"])]),
    )
    promise = counts_phrase("承诺件", [("申请", row.get("promise_applied")),
                                    ("受理", row.get("promise_accepted")),
                                    ("办结", row.get("promise_completed"))])
    rates = rate_phrase([("办理提速率为 ", row.get("handling_speedup_rate")),
                         ("提前办结率 ", row.get("promise_early_rate"))])
    first = first[:-1] + "；" + sentence(promise, rates) if promise else first
    level = DEPARTMENT if kind == "city_level" else COUNTY if kind == "counties" else None
    if level:
        first += top_completed_sentence(b, level)

    online = sentence(
        counts_phrase("其中，公众通过线上申请依申请政务服务事项", [("", row["online_applied"])]),
        rate_phrase([("占比 ", row.get("online_share"))]),
        counts_phrase("", [("受理", row["online_accepted"]), ("办结", row["online_completed"])]),
    )
    online += sentence(
        counts_phrase("承诺件线上", [("办结", row.get("online_promise_completed"))]),
        rate_phrase([("提前办结率为 ", row.get("online_promise_early_rate"))]),
    )
    return [first, online, comparison_sentence(b, scope)]


def top_completed_sentence(b: MonthlyBulletin, level: str) -> str:
    top = b.top_units("completed", level, 3).filter(pl.col("completed") > 0)
    if top.height == 0:
        return ""
    return (f"{listing(top['unit'].to_list())}办结件较多，分别为 "
            f"{figures(top['completed'].to_list())}。")


# 环比 of these figures (the first two also 同比), named by their catalogue labels.
COMPARED = [(key, FIGURES[key].label) for key in ("applied", "completed", "promise_early_rate")]


def comparison_sentence(b: MonthlyBulletin, scope: str) -> str:
    """环比, 同比 and 累计 where the data holds them. A comparison without its base (no
    previous month, no year-ago month) is left out, and nothing is said of it: the review
    tells the analyst (``sections.operation.base_reviews``)."""
    text = ""
    if b.has(b.previous):
        parts = []
        for column, label in COMPARED:
            change = b.change(scope, column)
            if change.available:
                parts.append(f"{label}{describe_change(change)}")
        text = "与上月相比，" + "，".join(parts) + "。" if parts else ""
    if b.has(b.year_ago):
        parts = [f"{label}{describe_change(b.change(scope, c, b.year_ago), '去年同期')}"
                 for c, label in COMPARED[:2] if b.change(scope, c, b.year_ago).available]
        if parts:
            text += "与去年同期相比，" + "，".join(parts) + "。"
    ytd = b.year_to_date
    if ytd is not None and b.month[5:] != "01":
        row = ytd.filter(pl.col("scope") == scope).row(0, named=True)
        text += sentence(counts_phrase(f"1—{int(b.month[5:])}月累计", [
            ("申请", row["applied"]), ("办结", row["completed"])]))
    return text


def evaluation_head(b: MonthlyBulletin, city: dict) -> str:
    """The 好差评 section's first sentence, each clause over one base: 差评数 and 满意率
    count every evaluation (主动 and 回访), 主动评价数 and 主动评价率 the 主动评价 only. A
    month with 回访评价 names both bases (「主动评价与回访评价合计 … 条，其中差评数 …」);
    without them every evaluation is a 主动评价 and the seed's sentence has one base: 满意率
    is then (主动评价数 − 差评数) / 主动评价数 (an export without 评价数, its 差评数 stated)."""
    active, total = city["active_evaluations"], city.get("evaluations")
    bad_count = city.get("bad_evaluations")
    if total is None and known(bad_count) and active and not known(city.get("satisfaction_rate")):
        city = {**city, "satisfaction_rate": (active - bad_count) / active}
    lead = counts_phrase(f"{month_cn(b.month)}，全市在一体化政务服务平台上办件主动评价总数",
                         [("", active)], "条")
    bad = [(FIGURES["bad_evaluations"].label, city.get("bad_evaluations"))]
    satisfaction = ("满意率为 ", city.get("satisfaction_rate"))
    activity = ("主动评价率为 ", city.get("active_evaluation_rate"))
    if total is None or total == active:
        head = sentence(lead, counts_phrase("", bad, "条"), rate_phrase([satisfaction, activity]))
    else:
        head = sentence(lead, rate_phrase([activity]))[:-1] + "；" + sentence(
            counts_phrase("主动评价与回访评价合计", [("", total)], "条"),
            counts_phrase("其中", bad, "条"), rate_phrase([satisfaction]))
    return head + "（备注：主动评价率=群众办件主动评价数/办结件总数×100%）。"


def evaluation_paragraphs(b: MonthlyBulletin) -> list[str]:
    city, _ = filled(b, CITY)
    zero = b.config.zero_denominator
    if city.get("active_evaluations") is None:
        return ["本数据集未提供好差评数据。"]
    head = evaluation_head(b, city)
    parts = []
    for name in [b.config.city_level_name, *b.registry.areas]:
        row = b.scope(name)  # the figures the annexes print (indicators.rollups)
        if row is None or row.get("active_evaluations") is None:
            continue
        parts.append(f"{name}主动评价数为 {n(row['active_evaluations'])} 条，主动评价率为 "
                     f"{fmt_rate(row.get('active_evaluation_rate'), zero)}")
    detail = "其中，" + "；".join(parts) + "。" if parts else ""
    most = []
    for level, what in ((DEPARTMENT, "部门"), (COUNTY, "地区")):
        top = b.top_units("active_evaluations", level, 3).filter(pl.col("active_evaluations") > 0)
        if top.height:
            most.append(f"主动评价数较多的{what}为{listing(top['unit'].to_list())}")
    ranking = "；".join(most) + "。" if most else ""
    return [head, detail + ranking]


def overdue_paragraphs(b: MonthlyBulletin) -> list[str]:
    city = b.scope(CITY)
    text = sentence(
        counts_phrase(f"{month_cn(b.month)}，全市一体化政务服务平台", [("超时办结件", city["completed_overdue"])]),
        rate_phrase([("按时办结率为 ", city.get("on_time_rate"))]),
    )
    # each case once: a unit's own cases (「西岭县本级」 where units are under it)
    units = overdue_units(b.own_of())
    if units.height:
        text += ("超时办结件分布在" + "、".join(
            f"{r['name']}（{n(r['completed_overdue'])} 件）" for r in units.head(10).iter_rows(named=True))
            + ("等" if units.height > 10 else "") + f" {units.height} 个单位。")
    change = b.change(CITY, "completed_overdue")
    if change.available:
        text += f"超时办结件{describe_change(change)}。"
    return [text]

"""Problem candidates (存在的问题 线索) and input inconsistencies as sentences with the
figures behind them. The rules that find them are the indicators' (``indicators.problems``
over a month's unit rows, ``indicators.checks`` for stated totals that differ from the sums
and the checks of the scores, items, hall and targets inputs); this module words them.
"""

from __future__ import annotations

import polars as pl

from bulletin.core.definitions import FIGURES, HALL_COUNTS, INDICATORS, ITEM_COUNTS
from bulletin.core.findings import Finding
from bulletin.indicators.checks import (
    hall_differences,
    impossible_shares,
    score_differences,
    stated_sums,
    stated_totals,
    target_differences,
)
from bulletin.indicators.problems import (
    below_minimum,
    low_evaluation_units,
    low_on_time_units,
    overdue_units,
    unrectified_units,
)
from bulletin.ingest.hall import Hall
from bulletin.ingest.scores import MonthScores
from bulletin.ingest.targets import Stated
from bulletin.report.fmt import fmt_rate


def check_stated_totals(rolled: pl.DataFrame,
                        stated: dict[str, dict[str, dict[str, int | float]]],
                        labels: dict[str, str]) -> list[Finding]:
    """Totals stated in the input (an export's total line, the text of a bulletin) that
    differ from the roll-up of the unit rows (``indicators.checks.stated_totals``); for a
    count, also the rates it enters as the stated figures give them (``restated``)."""
    out = []
    for d in stated_totals(rolled, stated):
        row = rolled.filter((pl.col("month") == d.month) & (pl.col("scope") == d.where))
        given = stated[d.month][d.where]
        text = difference_text(d, labels.get(d.column, d.column), "各单位合计", "输入中声明")
        out.append(Finding("inconsistent_input", text + restated(d.column, given, row.row(0, named=True)),
                           {"month": d.month, "scope": d.where, "column": d.column,
                            "computed": d.computed, "stated": d.stated}))
    return out


def difference_text(d, label: str, computed: str, stated: str) -> str:
    """「市本级申请件：各单位合计为 6545，而输入中声明为 6548，相差 3」; a rate
    「全市主动评价率：按各单位合计计算为 33.39%，而输入中声明为 32.10%」."""
    if d.is_rate:
        return (f"{d.where}{label}：按{computed}计算为 {fmt_rate(d.computed)}，"
                f"而{stated}为 {fmt_rate(d.stated)}")
    return f"{d.where}{label}：{computed}为 {d.computed}，而{stated}为 {d.stated}，相差 {d.stated - d.computed}"


def _rates_of(catalogue: str) -> list[tuple[str, str, tuple[tuple[str, int], ...], str, bool]]:
    """(key, label, numerator parts, denominator, complement) of the rates of the unit_month
    catalogue (``FIGURES``) or of the 事项 indicators (``INDICATORS``)."""
    if catalogue == "items":
        return [(i.key, i.label, ((i.numerator, 1),), i.denominator, False)
                for i in INDICATORS if i.is_rate]
    return [(f.key, f.label, f.parts, f.denominator, f.complement)
            for f in FIGURES.values() if f.is_rate]


def restated(column: str, given: dict[str, int | float], computed: dict,
             catalogue: str = "figures") -> str:
    """The rates ``column`` enters, computed from the stated figures where the input
    states every count of the rate and it prints otherwise than the roll-up's:
    「；按声明的数值计，主动评价率为 32.85%（80165 / 243986），按各单位合计为 33.39%」.
    Only the end of the sentence (「。」) when there is none."""
    parts = []
    for key, label, numerator, denominator, complement in _rates_of(catalogue):
        counts = [c for c, _ in numerator] + [denominator]
        if column not in counts or not all(isinstance(given.get(c), int) for c in counts):
            continue
        num, den = sum(sign * given[c] for c, sign in numerator), given[denominator]
        if not den:
            continue
        shown, before = fmt_rate(1 - num / den if complement else num / den), fmt_rate(computed.get(key))
        if shown != before:
            parts.append(f"{label}为 {shown}（{num} / {den}），按各单位合计为 {before}")
    return ("；按声明的数值计，" + "；".join(parts) if parts else "") + "。"


def _label(catalogue: dict, key: str) -> str:
    """A key's catalogue label; the key itself for one the catalogue does not hold."""
    figure = catalogue.get(key)
    return figure.label if figure else key


def problem_findings(units: pl.DataFrame, city: dict, thresholds) -> list[Finding]:
    """The candidates of the rules of ``indicators.problems`` over one month's unit rows
    (with rates) and the 全市 row."""
    out: list[Finding] = []
    overdue = overdue_units(units)
    if overdue.height:
        parts = "、".join(f"{r['unit']} {r['completed_overdue']} 件" for r in overdue.iter_rows(named=True))
        out.append(Finding("overdue", f"存在超时办结件：{parts}，合计 "
                           f"{int(overdue['completed_overdue'].sum())} 件。",
                           {"units": overdue.height, "total": int(overdue["completed_overdue"].sum())}))
    out += on_time_findings(units, city, thresholds.on_time_rate_min)
    open_bad = unrectified_units(units)
    if open_bad is not None and open_bad.height:
        parts = "、".join(f"{r['unit']} {r['open']} 条" for r in open_bad.iter_rows(named=True))
        out.append(Finding("bad_not_rectified", f"差评尚未整改完成：{parts}。",
                           {"total": int(open_bad["open"].sum())}))
    limit = thresholds.active_evaluation_rate_min
    out += rate_findings(
        "active_evaluation", "主动评价率", city, limit, low_evaluation_units(units, limit),
        lambda: f"全市办结件 {int(city['completed'])} 件，主动评价数 "
                f"{int(city['active_evaluations'])} 条")
    return out


def rate_findings(key: str, label: str, city: dict, limit: float, low: pl.DataFrame,
                  counts) -> list[Finding]:
    """「{label}较低」 when the 全市 rate (``city[key + "_rate"]``) is below ``limit``, in
    ``counts()``'s words, and 「{label}低于 … 的单位有 n 个」 for the units of ``low``."""
    out = []
    rate = city.get(f"{key}_rate")
    if below_minimum(rate, limit):
        out.append(Finding(
            f"{key}_low",
            f"{label}较低：{counts()}，{label} {fmt_rate(rate)}，低于 {fmt_rate(limit)} 的要求。",
            {"rate": rate, "threshold": limit}))
    if low.height:
        parts = "、".join(f"{r['unit']}（{fmt_rate(r[f'{key}_rate'])}）"
                          for r in low.iter_rows(named=True))
        out.append(Finding(f"{key}_low_units",
                           f"{label}低于 {fmt_rate(limit)} 的单位有 {low.height} 个：{parts}。",
                           {"units": low.height}))
    return out


def on_time_findings(units: pl.DataFrame, city: dict, limit: float) -> list[Finding]:
    """The 全市 按时办结率 below ``limit`` and the units below it; none at a limit of 100 %
    (the default), where they are the units with 超时办结件, found already."""
    if limit >= 1:
        return []
    return rate_findings(
        "on_time", "按时办结率", city, limit, low_on_time_units(units, limit),
        lambda: f"全市办结件 {int(city['completed'])} 件，超时办结件 "
                f"{int(city['completed_overdue'])} 件")


def score_findings(scores: MonthScores) -> list[Finding]:
    """Printed 综合得分 or rank (序号) that differ from the computation
    (``indicators.checks.score_differences``)."""
    out = []
    for d in score_differences(scores):
        if d.what == "total":
            text = (f"{d.group}{d.unit}综合得分：各类别得分之和为 {d.computed}，"
                    f"而表中为 {d.stated}。")
            computed = float(d.computed)
        else:
            text = (f"{d.group}{d.unit}排名：按综合得分应为第 {d.computed} 位，"
                    f"而表中序号为 {d.stated}。")
            computed = d.computed
        out.append(Finding("inconsistent_input", text,
                           {"group": d.group, "unit": d.unit, "computed": computed,
                            "stated": d.stated_raw}))
    return out


INDICATOR_LABELS = {ind.key: ind.label for ind in INDICATORS}


def share_findings(frame: pl.DataFrame) -> list[Finding]:
    """A printed share of n items that no whole number of items can give (k / n;
    ``indicators.checks.impossible_shares``)."""
    return [Finding(
        "inconsistent_input",
        f"{s.unit}{INDICATOR_LABELS[s.indicator]}印为 {fmt_rate(s.value)}，但 {int(s.items)} 项事项的占比只能是 "
        f"k/{int(s.items)}（最接近的是 {s.nearest}/{int(s.items)} = {fmt_rate(s.nearest / s.items)}）。",
        {"unit": s.unit, "indicator": s.indicator, "stated": s.value, "items": s.items})
        for s in impossible_shares(frame)]


def stated_findings(total: dict, stated: dict[str, int | float], scope: str) -> list[Finding]:
    """Totals the bulletin's text states (``stated_totals`` → month → 事项合计) that differ
    from the sums of the unit rows (``indicators.checks.stated_sums``)."""
    labels = {**{k: f.label for k, f in ITEM_COUNTS.items()}, **INDICATOR_LABELS}
    return [Finding("inconsistent_input",
                    scope + difference_text(d, labels.get(d.column, d.column), "各单位合计", "原文")
                    + restated(d.column, stated, total, "items"),
                    {"column": d.column, "computed": d.computed, "stated": d.stated})
            for d in stated_sums(total, stated)]


def hall_findings(hall: Hall, stated_text: dict[str, dict[str, int]] | None = None) -> list[Finding]:
    """Printed 小计 / 总计, and totals stated in the bulletin's text (``stated_totals`` of
    dataset.yml under 大厅窗口 / 便民服务中心), that differ from the sums of the rows
    (``indicators.checks.hall_differences``)."""
    return [Finding("inconsistent_input",
                    f"{d.where}{_label(HALL_COUNTS, d.column)}：各行合计为 {d.computed}，"
                    f"而{'原文' if stated_text else '表中'}为 {d.stated}，"
                    f"相差 {d.stated - d.computed}。",
                    {"where": d.where, "column": d.column, "computed": d.computed,
                     "stated": d.stated})
            for d in hall_differences(hall, stated_text)]


def target_findings(table: pl.DataFrame, stated: dict[str, Stated]) -> list[Finding]:
    """Achieved values the bulletin's text gives (``MonthInputs.stated_targets``) that
    differ from its table (``indicators.checks.target_differences``)."""
    return [Finding("inconsistent_input",
                    f"{d.indicator}：正文写达到 {d.stated.text}，而目标表为 {d.table}。",
                    {"indicator": d.indicator, "text": d.stated.text, "table": d.table})
            for d in target_differences(table, stated)]

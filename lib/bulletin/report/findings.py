"""Problem candidates (存在的问题 线索) and input inconsistencies, as sentences with the
figures behind them: rules over a month's unit rows, stated totals that differ from the
sums, and the checks of the scores, items, hall and targets inputs.
"""

from __future__ import annotations

import polars as pl

from bulletin.core.definitions import HALL_COUNTS, INDICATORS, ITEM_COUNTS
from bulletin.core.findings import Finding
from bulletin.indicators.hall import centres_total, town_subtotals
from bulletin.indicators.rankings import top
from bulletin.indicators.scores import round_score
from bulletin.ingest.hall import TOTAL, Hall
from bulletin.ingest.scores import MonthScores
from bulletin.ingest.targets import parse_value
from bulletin.report.fmt import fmt_rate


def check_stated_totals(rolled: pl.DataFrame, stated: dict[str, dict[str, dict[str, int]]],
                        labels: dict[str, str]) -> list[Finding]:
    """Totals stated in the input (an export's total line, the text of a bulletin) that
    differ from the roll-up of the unit rows."""
    findings = []
    for month, by_scope in stated.items():
        for scope, figures in by_scope.items():
            row = rolled.filter((pl.col("month") == month) & (pl.col("scope") == scope))
            if row.height == 0:
                continue
            for column, value in figures.items():
                if column not in row.columns:
                    continue
                computed = row[column][0]
                if computed is not None and int(computed) != int(value):
                    findings.append(Finding(
                        "inconsistent_input",
                        f"{scope}{labels.get(column, column)}：各单位合计为 {int(computed)}，"
                        f"而输入中声明为 {int(value)}，相差 {int(value) - int(computed)}。",
                        {"month": month, "scope": scope, "column": column,
                         "computed": int(computed), "stated": int(value)},
                    ))
    return findings


def _label(catalogue: dict, key: str) -> str:
    """A key's catalogue label; the key itself for one the catalogue does not hold."""
    figure = catalogue.get(key)
    return figure.label if figure else key


def problem_findings(units: pl.DataFrame, city: dict, thresholds) -> list[Finding]:
    """Rule-based candidates from one month's unit rows (with rates) and the 全市 row."""
    out: list[Finding] = []
    overdue = units.filter(pl.col("completed_overdue") > 0).sort(  # ties: the annexes' order
        ["completed_overdue", "position"], descending=[True, False])
    if overdue.height:
        parts = "、".join(f"{r['unit']} {r['completed_overdue']} 件" for r in overdue.iter_rows(named=True))
        out.append(Finding("overdue", f"存在超时办结件：{parts}，合计 "
                           f"{int(overdue['completed_overdue'].sum())} 件。",
                           {"units": overdue.height, "total": int(overdue["completed_overdue"].sum())}))
    if "bad_evaluations" in units.columns:
        open_bad = units.with_columns((pl.col("bad_evaluations") - pl.col("bad_rectified"))
                                      .alias("open")).filter(pl.col("open") > 0)
        if open_bad.height:
            parts = "、".join(f"{r['unit']} {r['open']} 条" for r in open_bad.iter_rows(named=True))
            out.append(Finding("bad_not_rectified", f"差评尚未整改完成：{parts}。",
                               {"total": int(open_bad["open"].sum())}))
    limit = thresholds.active_evaluation_rate_min
    rate = city.get("active_evaluation_rate")
    if rate is not None and rate < limit:
        out.append(Finding(
            "active_evaluation_low",
            f"主动评价率较低：全市办结件 {int(city['completed'])} 件，主动评价数 "
            f"{int(city['active_evaluations'])} 条，主动评价率 {fmt_rate(rate)}，低于 "
            f"{fmt_rate(limit)} 的要求。",
            {"rate": rate, "threshold": limit}))
    low = top(units, "active_evaluation_rate", n=units.height, ascending=True,
              where=(pl.col("completed") > 0) & (pl.col("active_evaluation_rate") < limit))
    if low.height:
        parts = "、".join(f"{r['unit']}（{fmt_rate(r['active_evaluation_rate'])}）"
                          for r in low.iter_rows(named=True))
        out.append(Finding("active_evaluation_low_units",
                           f"主动评价率低于 {fmt_rate(limit)} 的单位有 {low.height} 个：{parts}。",
                           {"units": low.height}))
    return out


def score_findings(scores: MonthScores) -> list[Finding]:
    """Printed 综合得分 or rank (序号) that differ from the computation."""
    out = []
    for g in scores.groups:
        for r in g.rows.iter_rows(named=True):
            computed = round_score(r["total"])
            if r["stated_total"] is not None and round_score(r["stated_total"]) != computed:
                out.append(Finding(
                    "inconsistent_input",
                    f"{g.group.name}{r['unit']}综合得分：各类别得分之和为 {computed}，"
                    f"而表中为 {round_score(r['stated_total'])}。",
                    {"group": g.group.name, "unit": r["unit"], "computed": float(computed),
                     "stated": r["stated_total"]}))
            if r["printed_rank"] is not None and r["printed_rank"] != r["rank"]:
                out.append(Finding(
                    "inconsistent_input",
                    f"{g.group.name}{r['unit']}排名：按综合得分应为第 {r['rank']} 位，"
                    f"而表中序号为 {r['printed_rank']}。",
                    {"group": g.group.name, "unit": r["unit"], "computed": r["rank"],
                     "stated": r["printed_rank"]}))
    return out


def share_findings(frame: pl.DataFrame) -> list[Finding]:
    """A printed share of n items that no whole number of items can give (k / n)."""
    out = []
    for ind in INDICATORS:
        given = f"given_{ind.key}"
        if not ind.is_rate or ind.denominator != "items" or given not in frame.columns \
                or ind.numerator == "items_with_cases":
            continue
        for r in frame.iter_rows(named=True):
            n, value = r.get("items"), r.get(given)
            if not n or value is None:
                continue
            k = round(value * n)
            if abs(k / n - value) > 0.00005 + 1e-12:
                out.append(Finding(
                    "inconsistent_input",
                    f"{r['unit']}{ind.label}印为 {fmt_rate(value)}，但 {int(n)} 项事项的占比只能是 "
                    f"k/{int(n)}（最接近的是 {k}/{int(n)} = {fmt_rate(k / n)}）。",
                    {"unit": r["unit"], "indicator": ind.key, "stated": value, "items": n}))
    return out


def stated_findings(total: dict, stated: dict[str, int | float], scope: str) -> list[Finding]:
    """Totals the bulletin's text states (``stated_totals`` → month → 事项合计) that differ
    from the sums of the unit rows."""
    out = []
    for column, value in stated.items():
        computed = total.get(column)
        if computed is not None and round(computed) != int(value):
            out.append(Finding("inconsistent_input",
                               f"{scope}{_label(ITEM_COUNTS, column)}：各单位合计为 {round(computed)}，"
                               f"而原文为 {int(value)}，相差 {int(value) - round(computed)}。",
                               {"column": column, "computed": round(computed), "stated": int(value)}))
    return out


def hall_findings(hall: Hall, stated_text: dict[str, dict[str, int]] | None = None) -> list[Finding]:
    """Printed 小计 / 总计, and totals stated in the bulletin's text (``stated_totals`` of
    dataset.yml under 大厅窗口 / 便民服务中心), that differ from the sums of the rows."""
    out = []

    def check(where, column, computed, value):
        if value is not None and int(value) != int(computed):
            out.append(Finding("inconsistent_input",
                               f"{where}{_label(HALL_COUNTS, column)}：各行合计为 {int(computed)}，"
                               f"而{'原文' if stated_text else '表中'}为 {int(value)}，"
                               f"相差 {int(value) - int(computed)}。",
                               {"where": where, "column": column, "computed": int(computed),
                                "stated": int(value)}))

    if hall.centres is not None:
        subtotals = {r["town"]: r for r in town_subtotals(hall.centres).iter_rows(named=True)}
        total = centres_total(hall.centres)
        for where, figures in hall.stated.items():
            computed = total if where == TOTAL else subtotals.get(where)
            for column, value in figures.items():
                if computed is not None:
                    check(f"{where}（表中）", column, computed[column], value)
        for column, value in (stated_text or {}).get("便民服务中心", {}).items():
            if column in total:
                check("便民服务中心（正文）", column, total[column], value)
    if hall.windows is not None:
        total = int(hall.windows["window_cases"].sum())
        check("大厅窗口（表中总计）", "window_cases", total, hall.window_total_stated)
        for column, value in (stated_text or {}).get("大厅窗口", {}).items():
            check("大厅窗口（正文）", column, total, value)
    return out


def target_findings(table: pl.DataFrame, stated_in_text: dict[str, str]) -> list[Finding]:
    """Achieved values the bulletin's text gives that differ from its table."""
    out = []
    rows = {r["indicator"]: r for r in table.iter_rows(named=True)}
    for name, text in stated_in_text.items():
        r = rows.get(name)
        value = parse_value(text)
        if r is None or value is None or r["achieved_value"] is None:
            continue
        if abs(value - r["achieved_value"]) > 1e-9:
            out.append(Finding("inconsistent_input",
                               f"{name}：正文写达到 {text}，而目标表为 {r['achieved']}。",
                               {"indicator": name, "text": text, "table": r["achieved"]}))
    return out

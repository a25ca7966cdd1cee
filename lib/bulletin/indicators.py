"""Indicators (spec/indicators.md): roll-ups, rates from summed counts, display, comparisons,
rankings and the problem candidates.

Every rate is numerator-sum / denominator-sum at the level it is shown; nothing here
averages rates. The definitions (口径) live in ``RATES`` and feed the table footnotes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import polars as pl

from .facts import FACT_COLUMNS, key_of, month_of
from .registry import Registry
from .schema import COUNTY, DEPARTMENT

CITY = "全市"
NOT_COMPUTABLE = float("nan")
COUNTIES = "各县（市、区）"


@dataclass(frozen=True)
class Rate:
    name: str
    label: str
    numerator: pl.Expr
    denominator: str
    definition: str  # 口径, printed under the annex tables
    complement: bool = False  # 1 − numerator/denominator (按时办结率)


RATES: dict[str, Rate] = {
    r.name: r
    for r in [
        Rate("on_time_rate", "按时办结率", pl.col("completed_overdue"), "completed",
             "按时办结率 = 1 − 超时办结件 / 办结件", complement=True),
        Rate("promise_early_rate", "提前办结率", pl.col("promise_early"), "promise_completed",
             "提前办结率 = 提前办结件 / 承诺件办结件 × 100%（办结用时 < 承诺时限）"),
        Rate("handling_speedup_rate", "办理提速率", pl.col("promise_saved_days"),
             "promise_legal_days",
             "办理提速率 = Σ(法定时限 − 实际办理工作日) / Σ法定时限 × 100%（按承诺件计算，可为负）"),
        Rate("online_handling_rate", "网上办理率", pl.col("online_promise_completed"),
             "promise_completed", "网上办理率 = 线上承诺件办结件 / 承诺件办结件 × 100%"),
        Rate("online_share", "线上申请占比", pl.col("online_applied"), "applied",
             "线上申请占比 = 线上申请件 / 申请件 × 100%"),
        Rate("active_evaluation_rate", "主动评价率", pl.col("active_evaluations"), "completed",
             "主动评价率 = 主动评价数 / 办结件 × 100%（可超过 100%）"),
        Rate("satisfaction_rate", "满意率", pl.col("evaluations") - pl.col("bad_evaluations"),
             "evaluations", "满意率 = (评价数 − 差评数) / 评价数 × 100%"),
        Rate("bad_rectified_rate", "差评整改率", pl.col("bad_rectified"), "bad_evaluations",
             "差评整改率 = 已整改差评 / 差评数 × 100%"),
        Rate("promise_speedup_rate", "承诺提速率", pl.col("promise_items_speedup"), "promise_items",
             "承诺提速率 = 各承诺件事项 (法定时限 − 承诺时限) / 法定时限 的平均值（法定时限 > 0 的事项）"),
        Rate("online_handling_speedup_rate", "线上办理提速率", pl.col("online_saved_days"),
             "online_legal_days", "线上办理提速率：同办理提速率，按线上承诺件计算"),
        Rate("online_promise_early_rate", "线上提前办结率", pl.col("online_promise_early"),
             "online_promise_completed", "线上提前办结率：同提前办结率，按线上承诺件计算"),
    ]
}


# ---------------------------------------------------------------- scopes and roll-ups


@dataclass(frozen=True)
class Scope:
    name: str
    kind: str  # city | city_level | counties | county | unit
    members: tuple[str, ...]


def scopes(registry: Registry, city_level_name: str = "市本级") -> list[Scope]:
    """全市, 市本级, 各县（市、区）, each county (with its towns and communities)."""
    units = registry.names
    county_of = {u: registry.county_of(u) for u in units}
    out = [
        Scope(CITY, "city", tuple(units)),
        Scope(city_level_name, "city_level", tuple(registry.of_level(DEPARTMENT))),
        Scope(COUNTIES, "counties", tuple(u for u in units if county_of[u] is not None)),
    ]
    out += [Scope(c, "county", tuple(u for u in units if county_of[u] == c))
            for c in registry.of_level(COUNTY)]
    return out


def membership(scope_list: list[Scope]) -> pl.DataFrame:
    return pl.DataFrame(
        [(s.name, s.kind, m) for s in scope_list for m in s.members],
        schema={"scope": pl.String, "kind": pl.String, "unit": pl.String}, orient="row",
    )


# Additive side figures beside the unit_month facts: the number of distinct 承诺件 items
# (法定时限 > 0) a unit completed cases of, and the sum of their (legal − promised) / legal.
ITEM_COLUMNS = ["promise_items", "promise_items_speedup"]


def count_columns(facts: pl.DataFrame) -> list[str]:
    return [c for c in FACT_COLUMNS + ITEM_COLUMNS if c in facts.columns]


def rollup(facts: pl.DataFrame, scope_list: list[Scope]) -> pl.DataFrame:
    """Summed counts per (month, scope), in the order of ``scope_list``. A count that no
    member unit states (all null, as in an aggregated export that lacks it) stays null."""
    counts = count_columns(facts)
    order = {s.name: i for i, s in enumerate(scope_list)}
    return (
        facts.join(membership(scope_list), on="unit", how="inner")
        .group_by("month", "scope", "kind")
        .agg([pl.when(pl.col(c).is_not_null().any()).then(pl.col(c).sum()).alias(c)
              for c in counts])
        .with_columns(pl.col("scope").replace_strict(order, return_dtype=pl.Int32).alias("_o"))
        .sort("month", "_o")
        .drop("_o")
    )


def unit_rows(facts: pl.DataFrame, registry: Registry) -> pl.DataFrame:
    """Facts of single units with their registry columns, in registry order."""
    return (
        facts.join(registry.units.select("unit", "level", "parent", "order"), on="unit", how="left")
        .sort("month", "order")
    )


def with_rates(frame: pl.DataFrame) -> pl.DataFrame:
    """Add every rate computable from the frame's counts (null where the denominator is 0
    or a count is missing). A ``given_<rate>`` column (copied from an aggregated export)
    wins over the computed rate: rates in such exports are shown as given."""
    exprs = []
    for rate in RATES.values():
        needed = rate.numerator.meta.root_names() + [rate.denominator]
        if not all(c in frame.columns for c in needed):
            # Not computable from this input (NaN), as opposed to a zero denominator (null).
            computed = pl.lit(NOT_COMPUTABLE, dtype=pl.Float64)
        else:
            den = pl.col(rate.denominator)
            value = rate.numerator / den
            computed = pl.when(den > 0).then(1 - value if rate.complement else value)
        given = f"given_{rate.name}"
        if given in frame.columns:
            computed = pl.coalesce(pl.col(given), computed)
        exprs.append(computed.cast(pl.Float64).alias(rate.name))
    # Given rates with no count-based formula here (承诺提速率) pass through as given.
    exprs += [pl.col(c).alias(c.removeprefix("given_")) for c in frame.columns
              if c.startswith("given_") and c.removeprefix("given_") not in RATES]
    return frame.with_columns(exprs)


# ---------------------------------------------------------------- display


def truncate_hundredths(value: float | None) -> int | None:
    """A rate in hundredths of a percent, truncated toward zero (99.9988% → 9999).

    Rates here are ratios of counts up to ~10⁸, so a true value is never closer than
    1e-8 to a boundary; rounding to 1e-9 first only removes binary floating error.
    """
    if value is None:
        return None
    scaled = round(value * 10000, 9)
    return int(scaled) if scaled >= 0 else -int(-scaled)


def fmt_rate(value: float | None, zero_denominator: str = "-") -> str:
    """Percent with two decimals, truncated toward zero; '-' (or 0.00%) for no denominator."""
    if value is not None and math.isnan(value):  # the input cannot give this rate
        return "-"
    h = truncate_hundredths(value)
    if h is None:
        return zero_denominator
    sign = "-" if h < 0 else ""
    return f"{sign}{abs(h) // 100}.{abs(h) % 100:02d}%"


def known(value) -> bool:
    """A figure the data gives: neither missing (None) nor not computable (NaN)."""
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def fmt_count(value: int | None) -> str:
    return "-" if value is None else f"{int(value)}"


# ---------------------------------------------------------------- comparisons


@dataclass(frozen=True)
class Change:
    """A value compared with an earlier one (环比 / 同比)."""

    current: float | None
    previous: float | None
    is_rate: bool

    @property
    def available(self) -> bool:
        return known(self.current) and known(self.previous)

    @property
    def difference(self) -> float | None:
        return self.current - self.previous if self.available else None

    @property
    def percent(self) -> float | None:
        """Relative change of a count; None for rates, a missing or a zero earlier value."""
        if self.is_rate or not self.available or self.previous == 0:
            return None
        return (self.current - self.previous) / self.previous

    def describe(self, earlier: str = "上月") -> str:
        """Chinese: 较上月增加 12 件（+3.45%） / 较上月上升 1.20 个百分点 / 上月无数据."""
        if self.previous is None:
            return f"{earlier}无数据，不作比较"
        if self.current is None:
            return "本月无数据"
        d = self.difference
        if self.is_rate:
            h = truncate_hundredths(abs(d))
            pp = f"{h // 100}.{h % 100:02d} 个百分点"
            if h == 0:
                return f"与{earlier}持平"
            return f"较{earlier}{'上升' if d > 0 else '下降'} {pp}"
        if d == 0:
            return f"与{earlier}持平"
        text = f"较{earlier}{'增加' if d > 0 else '减少'} {abs(int(d))} 件"
        if self.percent is not None:
            text += f"（{'+' if d > 0 else '-'}{fmt_rate(abs(self.percent))}）"
        return text


def previous_month(month: str) -> str:
    return month_of(key_of(month) - 1)


def year_ago(month: str) -> str:
    return month_of(key_of(month) - 12)


def year_to_date(facts: pl.DataFrame, month: str) -> pl.DataFrame:
    """累计: facts summed per unit from January of the month's year to the month; None if
    any of those months is missing from ``facts``."""
    months = [f"{month[:4]}-{m:02d}" for m in range(1, int(month[5:]) + 1)]
    present = set(facts["month"].unique().to_list())
    if not set(months) <= present:
        return None
    counts = count_columns(facts)
    return (
        facts.filter(pl.col("month").is_in(months))
        .group_by("unit", maintain_order=True)
        .agg([pl.when(pl.col(c).is_not_null().any()).then(pl.col(c).sum()).alias(c)
              for c in counts])
        .with_columns(pl.lit(f"{month[:4]}-01..{month}").alias("month"))
    )


# ---------------------------------------------------------------- rankings


def top(frame: pl.DataFrame, column: str, n: int = 3, ascending: bool = False,
        where: pl.Expr | None = None) -> pl.DataFrame:
    """The n units with the largest (or smallest) value; ties by registry order.

    ``frame`` must carry ``order`` (registry order); rows with a null value are left out.
    """
    rows = frame.filter(pl.col(column).is_not_null())
    if where is not None:
        rows = rows.filter(where)
    return rows.sort([column, "order"], descending=[not ascending, False]).head(n)


# ---------------------------------------------------------------- problems


@dataclass
class Finding:
    """A problem candidate for 存在的问题: the rule, a sentence, and the figures behind it."""

    rule: str
    text: str
    figures: dict[str, float | int | str] = field(default_factory=dict)


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


def problem_findings(units: pl.DataFrame, city: dict, thresholds) -> list[Finding]:
    """Rule-based candidates from one month's unit rows (with rates) and the 全市 row."""
    out: list[Finding] = []
    overdue = units.filter(pl.col("completed_overdue") > 0).sort(
        ["completed_overdue", "order"], descending=[True, False])
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

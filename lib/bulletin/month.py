"""One month of one dataset, with everything its bulletin says: the facts of this month
and the months it is compared with, roll-ups with rates, rankings and problem findings.

This is the object the notebook holds; sections (narrative, tables, charts) read it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import polars as pl

from . import indicators as ind
from .dataset import Dataset, Ingestion
from .facts import EVALUATED, key_of, month_key, month_of

LABELS = {
    "applied": "申请件", "accepted": "受理件", "completed": "办结件",
    "completed_overdue": "超时办结件", "promise_applied": "承诺件申请",
    "promise_accepted": "承诺件受理", "promise_completed": "承诺件办结",
    "promise_early": "承诺件提前办结", "online_applied": "线上申请",
    "online_accepted": "线上受理", "online_completed": "线上办结",
    "online_promise_completed": "线上承诺件办结", "online_promise_early": "线上承诺件提前办结",
    "active_evaluations": "主动评价数", "evaluations": "评价数", "bad_evaluations": "差评数",
    "bad_rectified": "已整改差评",
} | {name: rate.label for name, rate in ind.RATES.items()} | {
    "promise_speedup_rate": "承诺提速率",
}


def month_cn(month: str) -> str:
    return f"{int(month[:4])}年{int(month[5:])}月"


def facts_for(dataset: Dataset, first: str, last: str, ingestion: Ingestion | None = None) \
        -> pl.DataFrame:
    """unit_month facts for months first..last, from case data or an aggregated export.

    Rates an aggregated export states are kept as ``given_<rate>`` columns.
    """
    if dataset.kind == "cases":
        table = dataset.case_facts(first, last, ingestion)
        if not dataset.evaluation_files:  # no 好差评 input: unknown, not zero
            table = table.with_columns(pl.lit(None, dtype=pl.Int64).alias(c) for c in EVALUATED)
        items = item_speedup(dataset, first, last)
        return (table.join(items, on=["month", "unit"], how="left")
                .with_columns(pl.col("promise_items").fill_null(0),
                              pl.col("promise_items_speedup").fill_null(0.0)))
    from .unit_stats import unit_stats_facts

    table = unit_stats_facts(dataset, first, last)
    rates = [c for c in table.columns if c.endswith("_rate")]
    return table.rename({c: f"given_{c}" for c in rates})


def item_speedup(dataset: Dataset, first: str, last: str) -> pl.DataFrame:
    """Per (month, unit): distinct 承诺件 items with 法定时限 > 0 among the cases completed in
    the month, and the sum of their (legal − promised) / legal (承诺提速率's parts)."""
    from .schema import CASES
    from .validate import load_validated

    validated, _ = load_validated(dataset.case_files, CASES, dataset.registry.unit_map,
                                  dataset.aliases("cases"))
    k = month_key(pl.col("completed_at"))
    legal, promised = pl.col("legal_limit_days"), pl.col("promised_limit_days")
    item = pl.coalesce(pl.col("item_code"), pl.col("item_name"))
    return (
        validated.frame.filter(~pl.col("__bad__") & (k >= key_of(first)) & (k <= key_of(last))
                               & (promised > 0) & (legal > 0) & item.is_not_null())
        .group_by(pl.col("unit").cast(pl.String), k.alias("month_key"), item.alias("item"))
        .agg(((legal - promised) / legal).mean().alias("ratio"))
        .group_by("unit", "month_key")
        .agg(pl.len().cast(pl.Int64).alias("promise_items"),
             pl.col("ratio").sum().alias("promise_items_speedup"))
        .with_columns(pl.col("month_key").map_elements(month_of, return_dtype=pl.String)
                      .alias("month"))
        .drop("month_key")
        .collect()
    )


def months_in(dataset: Dataset) -> list[str]:
    """The months the dataset has data for, oldest first."""
    if dataset.kind == "unit_stats":
        return sorted(p.stem for p in dataset.unit_stats_files)
    bounds = []
    from .schema import CASES
    from .validate import load_validated

    validated, _ = load_validated(dataset.case_files, CASES, dataset.registry.unit_map,
                                  dataset.aliases("cases"))
    row = validated.frame.filter(~pl.col("__bad__")).select(
        pl.col("applied_at").min().alias("lo"), pl.col("applied_at").max().alias("hi")).collect()
    lo, hi = row["lo"][0], row["hi"][0]
    if lo is None:
        return bounds
    return [month_of(k) for k in range(key_of(lo.strftime("%Y-%m")), key_of(hi.strftime("%Y-%m")) + 1)]


@dataclass
class MonthlyBulletin:
    dataset: Dataset
    month: str
    facts: pl.DataFrame  # unit_month rows for the months this bulletin needs
    months_available: list[str]
    ingestion: Ingestion = field(default_factory=Ingestion)

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(cls, folder: str | Path, month: str) -> MonthlyBulletin:
        dataset = Dataset.open(folder)
        available = months_in(dataset)
        if month not in available:
            shown = f"{available[0]} 至 {available[-1]}" if available else "无"
            raise ValueError(f"数据集 {dataset.folder.name} 没有 {month} 的数据（已有月份：{shown}）")
        # 同比 needs the same month a year ago; 累计 needs January: the year-ago month is
        # the earlier of the two.
        first = max(available[0], ind.year_ago(month))
        ingestion = Ingestion()
        facts = facts_for(dataset, first, month, ingestion)
        return cls(dataset, month, facts, available, ingestion)

    @property
    def config(self):
        return self.dataset.config

    @property
    def registry(self):
        return self.dataset.registry

    @property
    def is_aggregated(self) -> bool:
        return self.dataset.kind == "unit_stats"

    def has(self, month: str) -> bool:
        return month in self.months_available and month in set(self.facts["month"].to_list())

    @property
    def previous(self) -> str:
        return ind.previous_month(self.month)

    @property
    def year_ago(self) -> str:
        return ind.year_ago(self.month)

    # ------------------------------------------------------------------ tables of figures

    @cached_property
    def scopes(self) -> list[ind.Scope]:
        return ind.scopes(self.registry, self.config.city_level_name)

    @cached_property
    def rolled(self) -> pl.DataFrame:
        """Roll-ups with rates, every month held."""
        return ind.with_rates(ind.rollup(self.facts, self.scopes))

    @cached_property
    def units(self) -> pl.DataFrame:
        """Unit rows with rates, every month held."""
        return ind.with_rates(ind.unit_rows(self.facts, self.registry))

    def units_of(self, month: str | None = None, level: str | None = None) -> pl.DataFrame:
        rows = self.units.filter(pl.col("month") == (month or self.month))
        return rows.filter(pl.col("level") == level) if level else rows

    def scope(self, name: str, month: str | None = None) -> dict | None:
        """The roll-up row of a scope (全市, 市本级, 各县（市、区）, a county) as a dict."""
        month = month or self.month
        if not self.has(month):
            return None
        rows = self.rolled.filter((pl.col("scope") == name) & (pl.col("month") == month))
        return rows.row(0, named=True) if rows.height else None

    def change(self, scope: str, column: str, earlier: str | None = None) -> ind.Change:
        earlier = earlier or self.previous
        now, before = self.scope(scope), self.scope(scope, earlier)
        return ind.Change(
            None if now is None else now.get(column),
            None if before is None else before.get(column),
            column.endswith("_rate"),
        )

    @cached_property
    def year_to_date(self) -> pl.DataFrame | None:
        """累计 roll-ups (January to this month), or None where a month is missing."""
        ytd = ind.year_to_date(self.facts, self.month)
        if ytd is None:
            return None
        return ind.with_rates(ind.rollup(ytd, self.scopes))

    # ------------------------------------------------------------------ rankings

    def top_units(self, column: str, level: str, n: int = 3) -> pl.DataFrame:
        return ind.top(self.units_of(level=level), column, n)

    # ------------------------------------------------------------------ findings

    @cached_property
    def findings(self) -> list[ind.Finding]:
        city = self.scope(ind.CITY) or {}
        units = self.units_of()
        found = ind.problem_findings(units, city, self.config.thresholds)
        stated = {m: v for m, v in self.config.stated_totals.items() if m == self.month}
        found += ind.check_stated_totals(self.rolled, stated, LABELS)
        return found

    # ------------------------------------------------------------------ issue metadata

    @property
    def issue_number(self) -> int:
        """期号: numbered per year, one issue a month, unless dataset.yml says otherwise."""
        return self.config.issue_numbers.get(self.month, int(self.month[5:]))

    @property
    def issue_label(self) -> str:
        return f"{int(self.month[:4])} 年第 {self.issue_number} 期"

    @property
    def issue_date(self) -> dt.date:
        given = self.config.issue_dates.get(self.month)
        if given:
            return given
        k = key_of(self.month) + 1
        return dt.date(k // 12, k % 12 + 1, 10)

    @property
    def issue_date_label(self) -> str:
        d = self.issue_date
        return f"{d.year} 年 {d.month} 月 {d.day} 日"

    @property
    def notes_path(self) -> Path:
        return self.dataset.folder / "notes" / f"{self.month}.md"

    @property
    def dataset_name(self) -> str:
        return self.dataset.folder.name


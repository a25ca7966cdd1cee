"""One month of one dataset, with everything its bulletin says: the facts of this month
and the months it is compared with, roll-ups with rates, rankings and problem findings.

This is the object the notebook holds; sections (narrative, tables, charts) read it.
It holds data and computes from it; ``report.loader.open_month`` builds it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import polars as pl

from bulletin.core.definitions import LABELS
from bulletin.core.findings import Finding
from bulletin.core.months import key_of, previous_month, year_ago
from bulletin.core.units import CITY
from bulletin.indicators.comparisons import Change, year_to_date
from bulletin.indicators.rankings import top
from bulletin.indicators.rollups import Scope, rollup, scopes, unit_rows, with_rates
from bulletin.ingest.dataset import Dataset, Ingestion
from bulletin.report.findings import check_stated_totals, problem_findings


@dataclass
class MonthlyBulletin:
    dataset: Dataset
    month: str
    facts: pl.DataFrame  # unit_month rows for the months this bulletin needs
    months_available: list[str]
    ingestion: Ingestion = field(default_factory=Ingestion)

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
        return previous_month(self.month)

    @property
    def year_ago(self) -> str:
        return year_ago(self.month)

    # ------------------------------------------------------------------ tables of figures

    @cached_property
    def scopes(self) -> list[Scope]:
        return scopes(self.registry, self.config.city_level_name)

    @cached_property
    def rolled(self) -> pl.DataFrame:
        """Roll-ups with rates, every month held."""
        return with_rates(rollup(self.facts, self.scopes))

    @cached_property
    def units(self) -> pl.DataFrame:
        """Unit rows with rates, every month held."""
        return with_rates(unit_rows(self.facts, self.registry))

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

    def change(self, scope: str, column: str, earlier: str | None = None) -> Change:
        earlier = earlier or self.previous
        now, before = self.scope(scope), self.scope(scope, earlier)
        return Change(
            None if now is None else now.get(column),
            None if before is None else before.get(column),
            column.endswith("_rate"),
        )

    @cached_property
    def year_to_date(self) -> pl.DataFrame | None:
        """累计 roll-ups (January to this month), or None where a month is missing."""
        ytd = year_to_date(self.facts, self.month)
        if ytd is None:
            return None
        return with_rates(rollup(ytd, self.scopes))

    # ------------------------------------------------------------------ rankings

    def top_units(self, column: str, level: str, n: int = 3) -> pl.DataFrame:
        return top(self.units_of(level=level), column, n)

    # ------------------------------------------------------------------ findings

    @cached_property
    def findings(self) -> list[Finding]:
        city = self.scope(CITY) or {}
        units = self.units_of()
        found = problem_findings(units, city, self.config.thresholds)
        stated = {m: v for m, v in self.config.stated_totals.items() if m == self.month}
        found += check_stated_totals(self.rolled, stated, LABELS)
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

"""One month of one dataset, with everything its bulletin says: the facts of this month
and the months it is compared with, roll-ups with rates, rankings and problem findings.

This is the object the notebook holds; sections (narrative, tables, charts) read it.
It holds data and computes from it; ``report.loader.open_month`` builds it.

An explorer in Jupyter reads it through a few table methods (``unit_table``,
``rollup_table``, ``changes``, ``ranking``, ``findings_table``, ``series``): polars
DataFrames with the catalogue's Chinese labels as column names, numbers straight from
the roll-ups and rates above (rates as fractions: 0.95 is 95%).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import polars as pl

from bulletin.core.definitions import FIGURES, LABELS, RATES
from bulletin.core.document import number_of
from bulletin.core.findings import Finding
from bulletin.core.months import key_of, previous_month, year_ago
from bulletin.core.typography import Fix
from bulletin.core.units import CITY, COUNTY
from bulletin.indicators.comparisons import Change, year_to_date
from bulletin.indicators.rankings import top
from bulletin.indicators.rollups import Scope, own_rows, rollup, scopes, unit_rows, with_rates
from bulletin.ingest.dataset import Dataset, Ingestion
from bulletin.ingest.encoding import decode_csv
from bulletin.ingest.month import MonthInputs
from bulletin.report.explorer import SCOPE_KINDS, figure_key, figures_of, labelled, level_of
from bulletin.report.findings import check_stated_totals, problem_findings
from bulletin.report.notes import Notes, notes_text, read_notes


@dataclass
class MonthlyBulletin:
    dataset: Dataset
    month: str
    facts: pl.DataFrame  # unit_month rows for the months this bulletin needs
    months_available: list[str]
    inputs: MonthInputs  # the month's tables, read once (ingest.month)
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
        """Unit rows with rates, every month held: each unit with every unit under it (a
        county with its departments, towns and communities), so that a unit's figure is
        one number wherever it is printed."""
        return with_rates(unit_rows(self.facts, self.registry))

    @cached_property
    def own_units(self) -> pl.DataFrame:
        """Each unit's own cases with rates, every month held (every case counted once);
        ``name`` is 「西岭县本级」 for a unit with units under it."""
        return with_rates(own_rows(self.facts, self.registry))

    def own_of(self, month: str | None = None) -> pl.DataFrame:
        return self.own_units.filter(pl.col("month") == (month or self.month))

    def units_of(self, month: str | None = None, level: str | None = None) -> pl.DataFrame:
        """The unit rows of a month, of one level or all. 县（市、区） means the areas: every
        county, and a town without a county (a district's or a county-less city's towns),
        which the bulletin compares with the counties."""
        rows = self.units.filter(pl.col("month") == (month or self.month))
        if level == COUNTY:
            return rows.filter(pl.col("unit").is_in(self.registry.areas))
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
            column in RATES,  # the catalogue says what is a rate
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
        # each case once: a unit's own cases, named 「西岭县本级」 where units are under it
        units = self.own_of().with_columns(pl.col("name").alias("unit"))
        found = problem_findings(units, city, self.config.thresholds)
        stated = {m: v for m, v in self.config.stated_totals.items() if m == self.month}
        found += check_stated_totals(self.rolled, stated, LABELS)
        return found

    # ------------------------------------------------------------------ explorer tables
    # For Jupyter: each returns a polars DataFrame, with Chinese column names (单位, 层级,
    # 范围, 月份 and the catalogue's labels) unless chinese=False (the catalogue's keys).
    # A figure is named by its key ("on_time_rate") or its label ("按时办结率"); a level by
    # its name ("市级部门") or an alias ("department", "county", "town", "community").

    def unit_table(self, level: str | None = None, month: str | None = None,
                   chinese: bool = True) -> pl.DataFrame:
        """The units of the month (default: this month), in registry order: 单位, 层级,
        then every count and rate of the catalogue the input gives, in catalogue order.

        Rates are fractions (0.95 is 95%); null where the denominator is 0. A rate this
        input cannot give at all (NaN in every row, e.g. 满意率 of an export without
        evaluations) is left out.
        """
        rows = self.units_of(self._held(month), level_of(level))
        columns = ["unit", "level", *figures_of(self.units)]
        return labelled(rows.select(columns), chinese)

    def rollup_table(self, kind: str | None = None, month: str | None = None,
                     chinese: bool = True) -> pl.DataFrame:
        """The roll-ups of the month: 全市, 市本级, 各县（市、区） and each county (with its
        towns and communities), as 范围 and the figures of ``unit_table``. ``kind`` keeps
        one kind of scope: "city", "city_level", "counties" or "county"."""
        if kind is not None and kind not in SCOPE_KINDS:  # a registry without counties: no row
            raise ValueError(f"kind {kind!r} is not one of {list(SCOPE_KINDS)}")
        rows = self.rolled.filter(pl.col("month") == self._held(month))
        if kind is not None:
            rows = rows.filter(pl.col("kind") == kind)
        return labelled(rows.select(["scope", *figures_of(self.rolled)]), chinese)

    def changes(self, column: str, level: str | None = None, earlier: str | None = None,
                by: str = "unit", chinese: bool = True) -> pl.DataFrame:
        """One figure this month against an earlier month (default: the previous one, 环比;
        ``b.year_ago`` gives 同比), per unit (``by="unit"``, optionally of one level) or
        per roll-up scope (``by="scope"``, the numbers of ``change``).

        Columns: 单位 and 层级 (or 范围), the value of each month (named by label and
        month), 增减 (the difference; for a rate a difference of fractions: −0.02 is
        2 percentage points) and 增减幅度 (relative change of a count; null for a rate).
        Null where either month lacks the value.
        """
        key = figure_key(column)
        earlier = earlier or self.previous
        if by == "scope":
            names = [s.name for s in self.scopes]
            rows = [(name, self.change(name, key, earlier)) for name in names]
            head = {"scope": names}
        elif by == "unit":
            level = level_of(level)
            now = self.units_of(self._held(None), level)
            before = self.units_of(earlier, level)
            previous = dict(zip(before["unit"], before[key], strict=True))
            is_rate = FIGURES[key].is_rate
            rows = [(u, Change(v, previous.get(u), is_rate))
                    for u, v in zip(now["unit"], now[key], strict=True)]
            head = {"unit": now["unit"].to_list(), "level": now["level"].to_list()}
        else:
            raise ValueError(f"by must be 'unit' or 'scope', not {by!r}")
        dtype = self.units.schema[key]
        frame = pl.DataFrame({
            **head,
            "value": pl.Series([c.current for _, c in rows], dtype=dtype),
            "previous": pl.Series([c.previous for _, c in rows], dtype=dtype),
            "difference": pl.Series([c.difference for _, c in rows], dtype=dtype),
            "percent": pl.Series([c.percent for _, c in rows], dtype=pl.Float64),
        })
        if not chinese:
            return frame
        label = LABELS[key]
        return labelled(frame, True, {"value": f"{label}（{self.month}）",
                                       "previous": f"{label}（{earlier}）",
                                       "difference": "增减", "percent": "增减幅度"})

    def ranking(self, column: str, level: str, n: int = 10, ascending: bool = False,
                month: str | None = None, chinese: bool = True) -> pl.DataFrame:
        """The n units of a level with the largest (``ascending``: smallest) value of a
        figure, ties by registry order, units without a value left out (the rule of the
        bulletin's own rankings): 名次, 单位, the figure and, for a rate, the counts it is
        computed from."""
        key = figure_key(column)
        rows = top(self.units_of(self._held(month), level_of(level)), key, n, ascending)
        inputs = [c for c in FIGURES[key].inputs if c in rows.columns]
        frame = rows.select(pl.int_range(1, rows.height + 1, dtype=pl.Int64).alias("rank"),
                            "unit", key, *inputs)
        return labelled(frame, chinese)

    def findings_table(self, rule: str | None = None, chinese: bool = True) -> pl.DataFrame:
        """The findings of the month (problem candidates, stated totals that differ from
        the sums): 类别 (the rule), 内容 (the sentence) and 数据 (the figures behind it, as
        JSON). With ``rule`` (e.g. "inconsistent_input", "overdue"), the findings of that
        rule only, with their figures as columns (for a stated total: 月份, 范围, 指标,
        计算值, 声明值)."""
        found = [f for f in self.findings if rule is None or f.rule == rule]
        schema = {"rule": pl.String, "text": pl.String}
        frame = pl.DataFrame({"rule": [f.rule for f in found], "text": [f.text for f in found]},
                             schema=schema)
        if rule is None:
            figures = pl.DataFrame({"figures": [json.dumps(f.figures, ensure_ascii=False)
                                                for f in found]}, schema={"figures": pl.String})
        else:
            figures = pl.DataFrame([f.figures for f in found]) if found else pl.DataFrame()
        frame = frame.hstack(figures)
        if chinese and "column" in frame.columns:
            frame = frame.with_columns(pl.col("column").replace(LABELS))
        return labelled(frame, chinese)

    def series(self, name: str, *columns: str, chinese: bool = True) -> pl.DataFrame:
        """Figures of a roll-up scope (全市, 市本级, 各县（市、区）, a county with its towns)
        or, for any other name, of a single unit, for every month this bulletin holds
        (from a year before this month, or the dataset's first month, to this month):
        月份 and one column per figure, null in a month without a row."""
        if not columns:
            raise TypeError("series() needs at least one figure")
        keys = [figure_key(c) for c in columns]
        if name in {s.name for s in self.scopes}:
            rows = self.rolled.filter(pl.col("scope") == name)
        elif name in set(self.registry.names):
            rows = self.units.filter(pl.col("unit") == name)
        else:
            raise KeyError(f"{name!r} is neither a roll-up scope nor a unit of the registry")
        months = pl.DataFrame({"month": sorted(set(self.facts["month"].to_list()))})
        frame = months.join(rows.select("month", *keys), on="month", how="left").sort("month")
        return labelled(frame, chinese)

    def _held(self, month: str | None) -> str:
        month = month or self.month
        if not self.has(month):
            held = sorted(set(self.facts["month"].to_list()))
            raise ValueError(f"month {month!r} is not held by this bulletin (held: {held})")
        return month

    # ------------------------------------------------------------------ issue metadata

    @property
    def issue_number(self) -> int:
        """期号: numbered per year, one issue a month, unless dataset.yml says otherwise."""
        return self.config.issue_numbers.get(self.month, int(self.month[5:]))

    @property
    def issue_label(self) -> str:
        """The 期号 (「2021 年第 2 期」), or a 公文's 发文字号 (core.document.number_of)."""
        if self.config.document.official:
            return number_of(self.config, self.month)
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
        """The date as printed: spaced in a 简报's masthead (「2021 年 3 月 22 日」, as seed
        000), unspaced in a 公文 (「2021年9月29日」, GB/T 9704 §7.3.5: 成文日期, 印发日期)."""
        d = self.issue_date
        if self.config.document.official:
            return f"{d.year}年{d.month}月{d.day}日"
        return f"{d.year} 年 {d.month} 月 {d.day} 日"

    @property
    def notes_path(self) -> Path:
        return self.dataset.folder / "notes" / f"{self.month}.md"

    @cached_property
    def notes_raw(self) -> str | None:
        """The analyst's notes/YYYY-MM.md as written (None without one): read once, for
        every section, the proofreading and the sign-off."""
        return decode_csv(self.notes_path) if self.notes_path.is_file() else None

    @cached_property
    def notes_printed(self) -> tuple[str, list[Fix]]:
        """The notes as printed and the punctuation changed for print (``notes_text``)."""
        return notes_text(self.notes_path, self.notes_raw or "")

    @cached_property
    def notes(self) -> Notes:
        """The notes by section (``report.notes.read_notes``)."""
        if self.notes_raw is None:
            return Notes()
        return read_notes(self.notes_path, self.notes_printed[0])

    @property
    def dataset_name(self) -> str:
        return self.dataset.folder.name

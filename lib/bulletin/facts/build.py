"""The unit_month facts of a dataset (docs/definitions.md, section 4): from case data
through the one-pass cube, or from the aggregated unit_stats exports; the 承诺件 items
beside them; and the months a dataset holds.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import polars as pl

from bulletin.core.errors import ConfigError, InputError, Problem
from bulletin.core.invisible import PATTERN, invisible_problem
from bulletin.core.months import key_of, month_bounds, month_key, month_of
from bulletin.facts.cube import (
    CASE_TEXTS,
    EVALUATED,
    FACT_COLUMNS,
    assemble,
    case_cube,
    day_number,
    day_tables,
    evaluation_cube,
    evaluation_facts_from_cube,
    facts_from_cube,
    sums_fit,
)
from bulletin.ingest.cells import YEAR_MAX, YEAR_MIN
from bulletin.ingest.dataset import CALENDAR_MARGIN_DAYS, Dataset, Ingestion
from bulletin.ingest.files import display_path, shown_as
from bulletin.ingest.parquet import decoding
from bulletin.ingest.readers import FILE, ROW
from bulletin.ingest.schema import CASES, EVALUATIONS, UNIT_STATS_COUNTS, UNIT_STATS_RATES
from bulletin.ingest.unit_stats import (
    GIVEN_RATE_COLUMNS,
    month_of_file,
    read_unit_stats,
)
from bulletin.ingest.validate import BAD, describe_bad_rows


def check_elapsed(part: pl.DataFrame, start: dt.date, earliest=None) -> pl.DataFrame:
    """Completed cases whose acceptance lies before the calendar are an error, not a guess.
    The earliest acceptance named is the part's ``earliest_accepted`` or, without that
    column, ``earliest()`` (asked only then)."""
    if "elapsed_unknown" not in part.columns:
        return part
    if part["elapsed_unknown"].sum():
        first = (part["earliest_accepted"].min() if "earliest_accepted" in part.columns
                 else earliest())
        raise InputError(Problem(
            "cases/", None, "受理时间", str(first),
            f"不早于 {start - dt.timedelta(days=CALENDAR_MARGIN_DAYS)} 的受理时间"
            "（超出工作日历范围，无法计算办理用时）"))
    return part.drop("elapsed_unknown", "earliest_accepted", strict=False)


def decoded(func):
    """``ingest.parquet.decoding`` around a function whose first argument is a Dataset: its
    case and evaluation files are the inputs named when a page fails to decode. (Here, not
    in ingest, so a call from facts goes down to ingest and comes back to facts no more.)"""
    @functools.wraps(func)
    def run(dataset, *args, **kwargs):
        with decoding([*dataset.case_files, *dataset.evaluation_files]):
            return func(dataset, *args, **kwargs)
    return run


@decoded  # a damaged Parquet page: an InputError naming it (ingest.parquet)
def case_facts(dataset: Dataset, first: str, last: str, ingestion: Ingestion | None = None) \
        -> pl.DataFrame:
    """unit_month facts for months first..last from the case-level inputs."""
    ingestion = ingestion if ingestion is not None else Ingestion()
    ingestion.ignored = dataset.ignored_files
    k0, k1 = key_of(first), key_of(last)
    parts: list[pl.DataFrame] = []
    start, end = month_bounds(first, last)
    inputs = [(dataset.case_files, CASES), (dataset.evaluation_files, EVALUATIONS)]
    for paths, schema in inputs:
        if not paths:
            continue
        validated, counts = dataset.validated(schema.kind)
        # One pass over the input: read, validate and sum into a small cube, grouped by
        # the text of the unit, channel … cells, mapped on the cube; the facts and the
        # per-file counts come from the cube. Only when some rows are bad is the input
        # read a second time, to list those rows.
        if schema is CASES:
            calendar = dataset.calendar(start, end)
            cube = case_rows(validated, calendar, k0, k1, len(counts))
            results = facts_from_cube(cube, k0, k1)
        else:
            cube = validated.settle(
                evaluation_cube(validated.lean, k0, k1, len(counts)).collect(engine="streaming"))
            results = [evaluation_facts_from_cube(cube, k0, k1)]
        per_file = cube.group_by(FILE).agg(
            pl.col("n").sum().alias("read"),
            pl.col("n").filter(pl.col("__bad__")).sum().alias("bad"))
        if per_file["bad"].sum():
            bad = validated.frame.filter(pl.col("__bad__")).select(
                FILE, ROW, pl.col("^__e_.*$")).collect()
        else:
            bad = pl.DataFrame(schema={FILE: pl.UInt16, ROW: pl.UInt32})
        earliest = functools.partial(earliest_accepted, validated, k0, k1)
        results = [check_elapsed(r, start, earliest) for r in results]
        parts.extend(results)
        for row in per_file.iter_rows(named=True):
            count = counts[row[FILE]]
            count.read, count.quarantined = row["read"], row["bad"]
            count.used = count.read - count.quarantined
        problems = describe_bad_rows(validated, bad.sort(FILE, ROW), dataset.aliases(schema.kind),
                                     limit=20 if dataset.strict else None)
        if problems and dataset.strict:
            raise InputError(problems)
        ingestion.files.extend(counts)
        ingestion.problems.extend(problems)
    return without_empty_months(assemble(parts, dataset.registry, k0, k1), ingestion)


def case_rows(validated, calendar, first: int, last: int, n_files: int) -> pl.DataFrame:
    """The case cube, its unit and channel typed and the rules of those checked on it. Its
    sums are Int32, unless a group holds so many rows that they might not fit (then the
    pass is made again with Int64 sums)."""
    lazy = case_cube(validated.lean, calendar, first, last, n_files)
    cube = validated.settle(lazy.collect(engine="streaming"))
    # a good row's |法定时限| is at most limit_max, its elapsed at most the calendar's days
    if not sums_fit(cube, max(validated.limit_max, len(calendar.index))):
        wide = case_cube(validated.lean, calendar, first, last, n_files, wide=True)
        cube = validated.settle(wide.collect(engine="streaming"))
    return cube


def earliest_accepted(validated, first: int, last: int):
    """The earliest 受理时间 of the good cases completed in months first..last."""
    k = month_key(pl.col("completed_at"))
    return (validated.frame.filter(~pl.col("__bad__") & (k >= first) & (k <= last))
            .select(pl.col("accepted_at").min()).collect().item())


def without_empty_months(table: pl.DataFrame, ingestion: Ingestion) -> pl.DataFrame:
    """The facts without the months in which no valid case was applied for (a case file
    missing, every row of a month quarantined): such a month has no data, and zeros would
    be taken for its figures (the base of 环比, a part of 累计). Listed in ``ingestion``."""
    applied = table.group_by("month", maintain_order=True).agg(pl.col("applied").sum())
    empty = applied.filter(pl.col("applied") == 0)["month"].to_list()
    ingestion.empty_months = empty
    return table.filter(~pl.col("month").is_in(empty)) if empty else table


def facts_for(dataset: Dataset, first: str, last: str, ingestion: Ingestion | None = None) \
        -> pl.DataFrame:
    """unit_month facts for months first..last, from case data or an aggregated export.

    Rates an aggregated export states are kept as ``given_<rate>`` columns.
    """
    if dataset.kind == "cases":
        table = case_facts(dataset, first, last, ingestion)
        if not dataset.evaluation_files:  # no 好差评 input: unknown, not zero
            table = table.with_columns(pl.lit(None, dtype=pl.Int64).alias(c) for c in EVALUATED)
        items = item_speedup(dataset, first, last)
        return (table.join(items, on=["month", "unit"], how="left")
                .with_columns(pl.col("promise_items").fill_null(0),
                              pl.col("promise_items_speedup").fill_null(0.0)))

    table = unit_stats_facts(dataset, first, last)
    rates = [c for c in table.columns if c in UNIT_STATS_RATES]
    return table.rename({c: f"given_{c}" for c in rates})


@decoded
def item_speedup(dataset: Dataset, first: str, last: str) -> pl.DataFrame:
    """Per (month, unit): distinct 承诺件 items with 法定时限 > 0 among the cases completed in
    the month, and the sum of their (legal − promised) / legal (承诺提速率's parts).

    One streaming pass over the lean rows (``Validated.lean``): the cases and the sum of
    their ratios per item, month, bad flag and text of the unit and channel cells; those
    texts are mapped and checked on the groups (``Validated.settle``), the bad groups left
    out, and an item's ratio is its sum over its cases' count."""
    validated, _ = dataset.validated("cases")
    k0, k1 = key_of(first), key_of(last)
    legal, promised = pl.col("legal_limit_days"), pl.col("promised_limit_days")
    item = pl.coalesce(pl.col("item_code"), pl.col("item_name"))
    slot = day_tables(None, k0, k1).slot_of(day_number(pl.col("completed_at")))
    groups = (
        validated.lean.filter((promised > 0) & (legal > 0) & item.is_not_null())
        .select(pl.col(BAD), *[pl.col(t) for t in CASE_TEXTS], slot.alias("slot"),
                item.alias("item"), ((legal - promised) / legal).alias("ratio"))
        .filter((pl.col("slot") >= 1) & (pl.col("slot") <= k1 - k0 + 1))
        .group_by(BAD, *CASE_TEXTS, "slot", "item")
        .agg(pl.len().alias("n"), pl.col("ratio").sum())
        .collect(engine="streaming")
    )
    items = (
        validated.settle(groups).filter(~pl.col(BAD))
        .group_by(pl.col("unit").cast(pl.String), (pl.col("slot") + k0 - 1).alias("month_key"),
                  "item")
        .agg((pl.col("ratio").sum() / pl.col("n").sum()).alias("ratio"))
    )
    if items["item"].str.contains(PATTERN).any():
        refuse_invisible_items(first_rows(validated, k0, k1), validated)
    return (
        items.lazy().group_by("unit", "month_key")
        .agg(pl.len().cast(pl.Int64).alias("promise_items"),
             pl.col("ratio").sum().alias("promise_items_speedup"))
        .with_columns(pl.col("month_key").map_elements(month_of, return_dtype=pl.String)
                      .alias("month"))
        .drop("month_key")
        .collect()
    )


def first_rows(validated, first: int, last: int) -> pl.DataFrame:
    """The items of item_speedup, each with its first row (file, row, whether by 事项编码),
    row by row from the exact frame: for naming a row when an item must be refused."""
    k = month_key(pl.col("completed_at"))
    legal, promised = pl.col("legal_limit_days"), pl.col("promised_limit_days")
    item = pl.coalesce(pl.col("item_code"), pl.col("item_name"))
    return (
        validated.frame.filter(~pl.col(BAD) & (k >= first) & (k <= last)
                               & (promised > 0) & (legal > 0) & item.is_not_null())
        .group_by(pl.col("unit").cast(pl.String), k.alias("month_key"), item.alias("item"))
        .agg(pl.col(FILE).first(), pl.col(ROW).first(),
             pl.col("item_code").is_not_null().first().alias("coded"))
        .collect()
    )


def refuse_invisible_items(items: pl.DataFrame, validated) -> None:
    """An item told apart by a 事项编码 or 事项名称 holding an invisible format character
    (U+202E …) stops the run, naming a row that holds it: two spellings of one item would
    count as two unseen. Checked on the items counted only, where the column is read anyway
    (docs/inputs.md, section 3)."""
    hits = items.filter(pl.col("item").str.contains(PATTERN))
    problems = [invisible_problem(
        r["item"], shown_as(validated.files[r[FILE]],
                            validated.sheets[r[FILE]] if validated.sheets else None),
        r[ROW], "事项编码" if r["coded"] else "事项名称") for r in hits.iter_rows(named=True)]
    if problems:
        raise InputError(problems)


@decoded
def months_in(dataset: Dataset) -> list[str]:
    """The months the dataset has data for, oldest first: for case data, the months in
    which at least one valid case was applied for (a month between two others without any
    is not one of them); for aggregated exports, the months of the files."""
    if dataset.kind == "unit_stats":
        return sorted({month_of_file(p) for p in dataset.unit_stats_files})
    validated, _ = dataset.validated("cases")
    # every month a date-time can fall in, as slots 1 … of the day tables; the lean rows
    # counted per month and unit and channel text, those checked on the groups
    first, last = YEAR_MIN * 12, YEAR_MAX * 12 + 11
    slot = day_tables(None, first, last).slot_of(day_number(pl.col("applied_at")))
    groups = (validated.lean.group_by(BAD, *CASE_TEXTS, slot.alias("slot")).agg(pl.len())
              .collect(engine="streaming"))
    keys = (validated.settle(groups).filter(~pl.col(BAD) & (pl.col("slot") >= 1))["slot"]
            .unique().sort() + first - 1)
    return [month_of(k) for k in keys.to_list()]


# Facts of the unit_month table that this export states. The schema's count names are
# the fact names; every other fact (promise_applied, promise_legal_days, evaluations, …)
# is not in the export and is left out rather than invented.
FACT_COUNTS = [c for c in UNIT_STATS_COUNTS if c in FACT_COLUMNS]


def unit_stats_facts(dataset, first: str, last: str) -> pl.DataFrame:
    """unit_month facts for months first..last from the dataset's unit_stats exports.

    One row per (month, registry unit) for every registry unit, months ascending, units
    in registry order. Columns: month, unit, the facts the export states (applied,
    accepted, completed, completed_overdue, promise_completed, promise_early,
    online_applied, online_accepted, online_completed, online_promise_completed,
    online_promise_early, active_evaluations) and the rates as given
    (``GIVEN_RATE_COLUMNS``).

    A unit absent from a month's export — or every unit of a month without an export —
    has null counts, not zeros: the export did not state them, and a null cannot be
    mistaken for a real 0 in a sum. Facts the export cannot give (promise_applied,
    promise_accepted, promise_legal_days, evaluations, …) are not columns at all.
    """
    k0, k1 = key_of(first), key_of(last)
    if k1 < k0:
        raise ConfigError(f"月份范围 {first}..{last} 为空：截止月份早于起始月份")
    by_month: dict[str, Path] = {}
    problems: list[Problem] = []
    for path in dataset.unit_stats_files:
        try:
            month = month_of_file(path)
        except InputError as err:
            problems.extend(err.problems)
            continue
        if month in by_month:
            problems.append(Problem(display_path(path), None, None, path.name,
                                    f"每月只有一个运行情况表（{month} 已有 "
                                    f"{display_path(by_month[month])}）"))
            continue
        by_month[month] = path
    if problems:
        raise InputError(problems)
    months = [month_of(k) for k in range(k0, k1 + 1)]
    parts = [read_unit_stats(by_month[m], dataset.registry, dataset.aliases("unit_stats"))
             for m in months if m in by_month]
    grid = pl.DataFrame(
        {"month": [m for m in months for _ in dataset.registry.names],
         "unit": [u for _ in months for u in dataset.registry.names]},
        schema={"month": pl.String, "unit": pl.String},
    )
    columns = [*FACT_COUNTS, *GIVEN_RATE_COLUMNS]
    if parts:
        stated = pl.concat(parts).select("month", "unit", *columns)
        return grid.join(stated, on=["month", "unit"], how="left", maintain_order="left")
    empty = [pl.lit(None, dtype=pl.Int64).alias(c) for c in FACT_COUNTS]
    empty += [pl.lit(None, dtype=pl.Float64).alias(c) for c in GIVEN_RATE_COLUMNS]
    return grid.with_columns(empty)

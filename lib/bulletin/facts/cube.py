"""The ``unit_month`` facts: one row per (month, registry unit), additive counts only.

Each count is defined in the catalogue of figures (core.definitions; docs/definitions.md,
sections 3 and 4); any roll-up is a plain sum of these rows and every rate is computed
from the sums (indicators.rollups).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from bulletin.core.months import month_of
from bulletin.core.workdays import Calendar
from bulletin.ingest.registry import Registry

APPLIED = ["applied", "promise_applied", "online_applied"]


ACCEPTED = ["accepted", "promise_accepted", "online_accepted"]


COMPLETED = [
    "completed", "completed_overdue", "promise_completed", "promise_early", "promise_overdue",
    "promise_legal_days", "promise_saved_days", "online_completed", "online_promise_completed",
    "online_promise_early", "online_legal_days", "online_saved_days",
]


EVALUATED = ["active_evaluations", "evaluations", "bad_evaluations", "bad_rectified"]


FACT_COLUMNS = [
    "applied", "accepted", "completed", "completed_overdue",
    "promise_applied", "promise_accepted", "promise_completed", "promise_early",
    "promise_overdue", "promise_legal_days", "promise_saved_days",
    "online_applied", "online_accepted", "online_completed",
    "online_promise_completed", "online_promise_early", "online_legal_days", "online_saved_days",
    "active_evaluations", "evaluations", "bad_evaluations", "bad_rectified",
]


assert sorted(FACT_COLUMNS) == sorted(APPLIED + ACCEPTED + COMPLETED + EVALUATED)


def grid(registry: Registry, first: int, last: int) -> pl.DataFrame:
    """Every (month, registry unit) pair, in month then registry order."""
    return (
        pl.DataFrame({"month_key": list(range(first, last + 1))}, schema={"month_key": pl.Int32})
        .join(pl.DataFrame({"unit": registry.names}, schema={"unit": registry.unit_enum}),
              how="cross")
    )


def assemble(parts: list[pl.DataFrame], registry: Registry, first: int, last: int) -> pl.DataFrame:
    """Join the partial aggregations onto the full grid; a unit with no cases has zeros."""
    out = grid(registry, first, last)
    for part in parts:
        out = out.join(part.with_columns(pl.col("month_key").cast(pl.Int32)),
                       on=["month_key", "unit"], how="left")
    present = [c for c in FACT_COLUMNS if c in out.columns]
    out = out.with_columns(pl.col(present).fill_null(0))
    missing = [pl.lit(0, dtype=pl.Int64).alias(c) for c in FACT_COLUMNS if c not in out.columns]
    return (
        out.with_columns(missing)
        .with_columns(pl.col("month_key").map_elements(month_of, return_dtype=pl.String)
                      .alias("month"), pl.col("unit").cast(pl.String))
        .select(["month", "unit", *FACT_COLUMNS])
    )


US_PER_DAY = 86_400_000_000


CUBE_KEYS = ["__file__", "__bad__", "__unmapped__", "unit", "ka", "kc", "kd", "promise",
             "online"]


@dataclass(frozen=True)
class DayTables:
    base: int  # day number (days since 1970-01-01) of the calendar's first day
    slot: pl.Series  # per day, padded with one day before and after: month slot
    workday: pl.Series  # per day, padded: cumulative working-day index (null on the pads)
    first: int
    last: int

    @property
    def outside(self) -> int:
        return self.last - self.first + 2

    def index(self, ts: pl.Expr) -> pl.Expr:
        """Row of the padded tables for a datetime("us") column; the pads for dates outside."""
        n = len(self.slot) - 2
        # day − base + 1, clipped to the pads; in Int32, three passes over the column
        day = (ts.dt.cast_time_unit("us").to_physical() // US_PER_DAY).cast(pl.Int32)
        return (day - (self.base - 1)).clip(0, n + 1)

    def month_slot(self, ts: pl.Expr) -> pl.Expr:
        return pl.lit(self.slot).gather(self.index(ts)).fill_null(0)


def day_tables(calendar: Calendar | tuple[dt.date, dt.date], first: int, last: int) \
        -> DayTables:
    """Lookup tables over the calendar's days; a (start, end) span instead of a Calendar
    gives the month slots only (no working days needed, no holiday calendar consulted)."""
    start, end = (calendar.start, calendar.end) if isinstance(calendar, Calendar) else calendar
    days = pl.date_range(start, end, "1d", eager=True)
    keys = days.dt.year().cast(pl.Int32) * 12 + days.dt.month().cast(pl.Int32) - 1
    outside = last - first + 2
    inner = pl.select(pl.when((keys >= first) & (keys <= last)).then(keys - first + 1)
                      .otherwise(outside)).to_series().cast(pl.Int32)
    pad = pl.Series([outside], dtype=pl.Int32)
    slot = pl.concat([pad, inner, pad])
    none = pl.Series([None], dtype=pl.Int32)
    index = (calendar.index.cast(pl.Int32) if isinstance(calendar, Calendar)
             else pl.Series([None] * len(days), dtype=pl.Int32))
    workday = pl.concat([none, index, none])
    base = (start - dt.date(1970, 1, 1)).days
    return DayTables(base, slot, workday, first, last)


@dataclass(frozen=True)
class Packing:
    """Mixed-radix packing of small non-negative integer keys into one integer: an Int32
    when the keys fit in it (half the memory traffic of an Int64), else an Int64."""

    names: list[str]
    sizes: list[int]

    def pack(self, exprs: list[pl.Expr]) -> pl.Expr:
        dtype = pl.Int32 if self.total < 2**31 else pl.Int64
        key = pl.lit(0, dtype=dtype)
        for expr, size in zip(exprs, self.sizes):
            key = key * size + expr.cast(dtype)
        return key

    def unpack(self, key: str = "key") -> list[pl.Expr]:
        out, stride = [], 1
        for name, size in reversed(list(zip(self.names, self.sizes))):
            out.append((pl.col(key) // stride % size).alias(name))
            stride *= size
        return out[::-1]

    @property
    def total(self) -> int:
        total = 1
        for size in self.sizes:
            total *= size
        return total

    @property
    def fits(self) -> bool:
        return self.total < 2**62


def _code(expr: pl.Expr, null: int) -> pl.Expr:
    return expr.cast(pl.Int32).fill_null(null)


def case_cube(frame: pl.LazyFrame, calendar: Calendar, first: int, last: int,
              n_files: int, n_units: int) -> pl.LazyFrame:
    """The validated case rows (good and bad) summed by CUBE_KEYS."""
    tables = day_tables(calendar, first, last)
    slots = tables.outside + 1
    c = pl.col
    slot, workday = pl.lit(tables.slot), pl.lit(tables.workday)
    # In stages, each intermediate a named column: expressions holding a Series literal
    # (the lookup tables) are not shared by common-subexpression elimination, so a reused
    # expression would be computed again for every use.
    staged = (
        frame.select(
            c("__file__"), c("__bad__"), c("__unmapped__"), c("unit"), c("channel"),
            c("promised_limit_days"),
            c("legal_limit_days"), c("accepted_at"),
            tables.index(c("applied_at")).alias("i_applied"),
            tables.index(c("accepted_at")).alias("i_accepted"),
            tables.index(c("completed_at")).alias("i_completed"),
        )
        .with_columns(
            slot.gather(c("i_applied")).fill_null(0).alias("ka"),
            slot.gather(c("i_accepted")).fill_null(0).alias("kc"),
            slot.gather(c("i_completed")).fill_null(0).alias("kd"),
        )
        # elapsed and the values using it matter only in the cube's cells of completions in
        # the window (kd 1..width), the only ones the facts read them from; elsewhere they
        # are summed unread, which costs less than telling the rows apart.
        .with_columns((workday.gather(c("i_completed")) - workday.gather(c("i_accepted")))
                      .alias("elapsed"))
    )
    promised, legal, elapsed = (c("promised_limit_days"), c("legal_limit_days"),
                                c("elapsed"))
    with_legal = legal > 0
    packing = Packing(CUBE_KEYS, [max(n_files, 1), 2, 2, n_units + 1, slots, slots, slots, 3, 3])
    keys = [
        c("__file__"), c("__bad__"), c("__unmapped__"), _code(c("unit").to_physical(), n_units),
        c("ka"), c("kc"), c("kd"), _code(promised > 0, 2), _code(c("channel") == "线上", 2),
    ]
    # Per-row values first, then plain sums: expressions inside ``agg`` run per group.
    values = [
        (elapsed > promised).alias("over"),
        (elapsed < promised).alias("early"),
        pl.when(with_legal).then(legal).otherwise(0).alias("legal_days"),
        pl.when(with_legal).then(legal - elapsed).otherwise(0).alias("saved_days"),
        elapsed.is_null().alias("unknown"),
        c("accepted_at").alias("earliest_accepted"),
    ]
    measures = [
        pl.len().cast(pl.Int64).alias("n"),
        *[pl.col(name).sum().cast(pl.Int64)
          for name in ("over", "early", "legal_days", "saved_days", "unknown")],
        pl.col("earliest_accepted").min(),
    ]
    frame = staged
    if packing.fits:
        return (frame.select(packing.pack(keys).alias("key"), *values)
                .group_by("key").agg(measures)
                .with_columns(packing.unpack()).drop("key"))
    return (frame.select(*[k.alias(n) for k, n in zip(keys, CUBE_KEYS)], *values)
            .group_by(CUBE_KEYS).agg(measures))


def facts_from_cube(cube: pl.DataFrame, registry_units: list[str], first: int, last: int) \
        -> list[pl.DataFrame]:
    """applied / accepted / completed parts as ``case_facts`` gives them, from the cube."""
    width = last - first + 1
    good = cube.filter(pl.col("__bad__") == 0).with_columns(
        pl.col("unit").replace_strict(dict(enumerate(registry_units)), default=None,
                                      return_dtype=pl.Enum(registry_units)),
        (pl.col("promise") == 1).alias("promise"), (pl.col("online") == 1).alias("online"))
    n = pl.col("n")
    promise, online = pl.col("promise"), pl.col("online")
    s = lambda e: e.sum().cast(pl.Int64)
    w = lambda cond, e: pl.when(cond).then(e).otherwise(0)

    def part(key: str) -> pl.DataFrame:
        return good.filter((pl.col(key) >= 1) & (pl.col(key) <= width)).with_columns(
            (pl.col(key) + first - 1).cast(pl.Int32).alias("month_key")).drop(key)

    applied = part("ka").group_by("unit", "month_key").agg(
        s(n).alias("applied"), s(w(promise, n)).alias("promise_applied"),
        s(w(online, n)).alias("online_applied"))
    accepted = part("kc").group_by("unit", "month_key").agg(
        s(n).alias("accepted"), s(w(promise, n)).alias("promise_accepted"),
        s(w(online, n)).alias("online_accepted"))
    legal, saved, early = pl.col("legal_days"), pl.col("saved_days"), pl.col("early")
    completed = part("kd").group_by("unit", "month_key").agg(
        s(n).alias("completed"),
        s(pl.col("over")).alias("completed_overdue"),
        s(w(promise, n)).alias("promise_completed"),
        s(w(promise, early)).alias("promise_early"),
        s(w(promise, pl.col("over"))).alias("promise_overdue"),
        s(w(promise, legal)).alias("promise_legal_days"),
        s(w(promise, saved)).alias("promise_saved_days"),
        s(w(online, n)).alias("online_completed"),
        s(w(promise & online, n)).alias("online_promise_completed"),
        s(w(promise & online, early)).alias("online_promise_early"),
        s(w(promise & online, legal)).alias("online_legal_days"),
        s(w(promise & online, saved)).alias("online_saved_days"),
        s(pl.col("unknown")).cast(pl.UInt32).alias("elapsed_unknown"),
        pl.col("earliest_accepted").min(),
    )
    return [applied, accepted, completed]


EVALUATION_CUBE_KEYS = ["__file__", "__bad__", "__unmapped__", "unit", "slot", "active",
                        "bad_level", "rectified"]


def evaluation_cube(frame: pl.LazyFrame, span: Calendar | tuple[dt.date, dt.date], first: int,
                    last: int, n_files: int, n_units: int) -> pl.LazyFrame:
    tables = day_tables(span, first, last)
    packing = Packing(EVALUATION_CUBE_KEYS,
                      [max(n_files, 1), 2, 2, n_units + 1, tables.outside + 1, 3, 3, 2])
    keys = [
        pl.col("__file__"), pl.col("__bad__"), pl.col("__unmapped__"),
        _code(pl.col("unit").to_physical(), n_units),
        tables.month_slot(pl.col("evaluated_at")),
        _code(pl.col("kind") == "主动评价", 2),
        # is_in on the Enum itself compares codes; through String it formatted every cell.
        _code(pl.col("level").is_in(["不满意", "非常不满意"]), 2),
        pl.col("rectified_at").is_not_null(),
    ]
    measures = [pl.len().cast(pl.Int64).alias("n")]
    if packing.fits:
        return (frame.select(packing.pack(keys).alias("key")).group_by("key").agg(measures)
                .with_columns(packing.unpack()).drop("key"))
    return (frame.select([k.alias(n) for k, n in zip(keys, EVALUATION_CUBE_KEYS)])
            .group_by(EVALUATION_CUBE_KEYS).agg(measures))


def evaluation_facts_from_cube(cube: pl.DataFrame, registry_units: list[str], first: int,
                               last: int) -> pl.DataFrame:
    n = pl.col("n")
    w = lambda cond: pl.when(cond).then(n).otherwise(0).sum().cast(pl.Int64)
    k = pl.col("slot")
    bad = pl.col("bad_level") == 1
    return (
        cube.filter((pl.col("__bad__") == 0) & (k >= 1) & (k <= last - first + 1))
        .with_columns(
            pl.col("unit").replace_strict(dict(enumerate(registry_units)), default=None,
                                          return_dtype=pl.Enum(registry_units)),
            (k + first - 1).cast(pl.Int32).alias("month_key"))
        .group_by("unit", "month_key")
        .agg(w(pl.col("active") == 1).alias("active_evaluations"),
             n.sum().cast(pl.Int64).alias("evaluations"),
             w(bad).alias("bad_evaluations"),
             w(bad & (pl.col("rectified") == 1)).alias("bad_rectified"))
    )

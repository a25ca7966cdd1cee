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
from bulletin.ingest.cells import EARLIEST, LATEST
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


# The day tables cover every day a typed date-time can fall on: typing (ingest.typed) makes a
# date-time outside YEAR_MIN..YEAR_MAX a bad cell (null), so a day number is always a row.
DAY0 = EARLIEST.date()
DAYS = (LATEST.date() - DAY0).days
DAY0_US = (DAY0 - dt.date(1970, 1, 1)).days * US_PER_DAY


def day_number(ts: pl.Expr) -> pl.Expr:
    """Row of the day tables for a typed date-time column (null stays null)."""
    return (ts.dt.cast_time_unit("us").to_physical() - DAY0_US) // US_PER_DAY


@dataclass(frozen=True)
class DayTables:
    slot: pl.Series  # per day: 1..width for the months first..last, ``outside`` otherwise
    workday: pl.Series  # per day: cumulative working-day index (null outside the calendar)
    first: int
    last: int

    @property
    def outside(self) -> int:
        return self.last - self.first + 2

    @property
    def slots(self) -> int:
        """Values of a month slot: 0 (no date), 1..width, outside."""
        return self.outside + 1

    def slot_of(self, day: pl.Expr, stride: int = 1, offset: int = 0,
                dtype: pl.DataType = pl.Int32) -> pl.Expr:
        """slot × stride + offset for a day number; ``offset`` alone for a null day."""
        table = (self.slot.cast(dtype) * stride + offset) if stride != 1 or offset \
            else self.slot.cast(dtype)
        return pl.lit(table).gather(day).fill_null(pl.lit(offset, dtype=dtype))

    def slot_and_workday(self, day: pl.Expr, stride: int, dtype: pl.DataType) -> pl.Expr:
        """A struct of slot × stride (k) and working-day index (w) for a day number: one
        gather for both (null for a null day)."""
        table = pl.DataFrame({"k": self.slot.cast(dtype) * stride, "w": self.workday})
        return pl.lit(table.to_struct("t")).gather(day)


def day_tables(calendar: Calendar | None, first: int, last: int) -> DayTables:
    """Lookup tables over every day of YEAR_MIN..YEAR_MAX; without a Calendar, the month
    slots only (no working days needed, no holiday calendar consulted)."""
    days = pl.date_range(DAY0, LATEST.date() - dt.timedelta(days=1), "1d", eager=True)
    keys = days.dt.year().cast(pl.Int32) * 12 + days.dt.month().cast(pl.Int32) - 1
    outside = last - first + 2
    slot = pl.select(pl.when((keys >= first) & (keys <= last)).then(keys - first + 1)
                     .otherwise(outside)).to_series().cast(pl.Int32)
    workday = pl.Series([None] * DAYS, dtype=pl.Int32)
    if calendar is not None:
        index = calendar.index.cast(pl.Int32)
        at = (calendar.start - DAY0).days  # the calendar's first day, as a row of the tables
        index = index.slice(max(0, -at), max(0, min(len(index) + at, DAYS) - max(0, at)))
        at = max(0, at)
        workday = pl.concat([workday.slice(0, at), index,
                             workday.slice(0, DAYS - at - len(index))])
    return DayTables(slot, workday, first, last)


@dataclass(frozen=True)
class Packing:
    """Mixed-radix packing of small non-negative integer keys into one integer: an Int32
    when the keys fit in it (half the memory traffic of an Int64), else an Int64."""

    names: list[str]
    sizes: list[int]

    @property
    def dtype(self) -> pl.DataType:
        return pl.Int32 if self.total < 2**31 else pl.Int64

    @property
    def strides(self) -> dict[str, int]:
        out, stride = {}, 1
        for name, size in reversed(list(zip(self.names, self.sizes))):
            out[name] = stride
            stride *= size
        return out

    def pack(self, exprs: list[pl.Expr]) -> pl.Expr:
        key = pl.lit(0, dtype=self.dtype)
        for expr, size in zip(exprs, self.sizes):
            key = key * size + expr.cast(self.dtype)
        return key

    def unpack(self, key: str = "key") -> list[pl.Expr]:
        strides = self.strides
        return [(pl.col(key) // strides[name] % size).alias(name)
                for name, size in zip(self.names, self.sizes)]

    @property
    def total(self) -> int:
        total = 1
        for size in self.sizes:
            total *= size
        return total

    @property
    def fits(self) -> bool:
        return self.total < 2**62


# The case cube's integer keys; its rows are also grouped by the text of the unit and
# channel cells, mapped on the cube (ingest.validate.Validated.settle). ``cmp`` compares
# elapsed with the promised limit: 0 early, 1 on time, 2 over, 3 elapsed unknown.
CASE_KEYS = ["__file__", "__bad__", "ka", "kc", "kd", "promise", "cmp"]
CMP_EARLY, CMP_OVER, CMP_UNKNOWN = 0, 2, 3
CASE_TEXTS = ["unit", "channel"]


def case_cube(frame: pl.LazyFrame, calendar: Calendar, first: int, last: int,
              n_files: int, wide: bool = False) -> pl.LazyFrame:
    """The rows of ``Validated.lean`` (good and bad) summed by CASE_KEYS and CASE_TEXTS:
    n, legal (Σ 法定时限) and el (Σ elapsed over the rows with 法定时限 > 0). Sums are in the
    type of the columns (Int32) unless ``wide`` (Int64): see ``sums_fit``."""
    tables = day_tables(calendar, first, last)
    c = pl.col
    promised, legal, elapsed = (c("promised_limit_days"), c("legal_limit_days"),
                                c("elapsed"))
    # In stages, each intermediate a named column: expressions holding a Series literal
    # (the lookup tables) are not shared by common-subexpression elimination, so a reused
    # expression would be computed again for every use. The accepted and completed days
    # each find their slot and working-day index in one gather.
    packing = Packing(CASE_KEYS, [max(n_files, 1), 2, tables.slots, tables.slots,
                                  tables.slots, 2, 4])
    s = packing.strides if packing.fits else dict.fromkeys(CASE_KEYS, 1)
    dtype = packing.dtype if packing.fits else pl.Int64
    staged = (
        frame.select(c("__file__"), c("__bad__"), *[c(t) for t in CASE_TEXTS], promised, legal,
                     day_number(c("applied_at")).alias("da"),
                     tables.slot_and_workday(day_number(c("accepted_at")), s["kc"], dtype)
                     .alias("gc"),
                     tables.slot_and_workday(day_number(c("completed_at")), s["kd"], dtype)
                     .alias("gd"))
        .with_columns((c("gd").struct.field("w") - c("gc").struct.field("w")).alias("elapsed"),
                      c("gc").struct.field("k").fill_null(0).alias("kc"),
                      c("gd").struct.field("k").fill_null(0).alias("kd"))
    )
    # Per-row values, then plain sums: expressions inside ``agg`` run per group. legal and
    # el are read only where 法定时限 > 0 and elapsed is known (cmp < 3): legal × 1 is
    # legal there, elapsed × sign(legal) is elapsed.
    values = [legal.alias("legal"), (elapsed * legal.sign()).alias("el")]
    if wide:
        values = [v.cast(pl.Int64) for v in values]
    measures = [pl.len().cast(pl.Int64).alias("n"), c("legal").sum().cast(pl.Int64),
                c("el").sum().cast(pl.Int64)]
    sign = (elapsed - promised).sign()  # −1, 0, 1: cmp − 1; null: elapsed unknown
    if packing.fits:
        # Each key times its stride, summed; the slots and the +1 of cmp by table lookups.
        key = (tables.slot_of(c("da"), s["ka"], s["cmp"], dtype) + c("kc") + c("kd")
               + pl.when(c("__bad__")).then(pl.lit(s["__bad__"], dtype=dtype)).otherwise(0)
               + pl.when(promised > 0).then(pl.lit(s["promise"], dtype=dtype)).otherwise(0)
               + (sign.cast(dtype) * s["cmp"]).fill_null(CMP_UNKNOWN * s["cmp"] - s["cmp"]))
        if n_files > 1:
            key = key + c("__file__").cast(dtype) * s["__file__"]
        return (staged.select(key.alias("key"), *[c(t) for t in CASE_TEXTS], *values)
                .group_by("key", *CASE_TEXTS).agg(measures)
                .with_columns(packing.unpack()).drop("key")
                .with_columns(c("__bad__").cast(pl.Boolean)))
    keys = [c("__file__"), c("__bad__"), tables.slot_of(c("da")), c("kc"), c("kd"),
            (promised > 0).fill_null(False), (sign + 1).fill_null(CMP_UNKNOWN)]
    return (staged.select(*[k.cast(pl.Int64).alias(n) for k, n in zip(keys, CASE_KEYS)],
                          *[c(t) for t in CASE_TEXTS], *values)
            .group_by(*CASE_KEYS, *CASE_TEXTS).agg(measures)
            .with_columns(c("__bad__").cast(pl.Boolean)))


def sums_fit(cube: pl.DataFrame, bound: int) -> bool:
    """Whether no good row group's Int32 sums can have overflowed: n × ``bound`` (the
    largest |legal| or elapsed of a good row) below 2^31. Bad groups' sums are not read."""
    good = cube.filter(~pl.col("__bad__"))
    return good.height == 0 or int(good["n"].max()) * bound < 2**31


def facts_from_cube(cube: pl.DataFrame, first: int, last: int) -> list[pl.DataFrame]:
    """applied / accepted / completed parts as ``case_facts`` gives them, from the cube with
    its unit and channel typed (``Validated.settle``)."""
    width = last - first + 1
    c = pl.col
    good = cube.filter(~c("__bad__")).with_columns(
        (c("promise") == 1).alias("promise"), (c("channel") == "线上").alias("online"),
        (c("cmp") == CMP_OVER).alias("over"), (c("cmp") == CMP_EARLY).alias("early"),
        # 法定时限 of the rows with one (a good row's is 0 or more), and legal − elapsed
        # summed over those of them whose elapsed is known (the others give none)
        c("legal").fill_null(0).alias("legal_days"),
        pl.when(c("cmp") == CMP_UNKNOWN).then(0).otherwise(c("legal") - c("el"))
        .fill_null(0).alias("saved_days"))
    n = c("n")
    promise, online, over, early = c("promise"), c("online"), c("over"), c("early")
    s = lambda e: e.sum().cast(pl.Int64)
    w = lambda cond, e: pl.when(cond).then(e).otherwise(0)

    def part(key: str) -> pl.DataFrame:
        return good.filter((c(key) >= 1) & (c(key) <= width)).with_columns(
            (c(key) + first - 1).cast(pl.Int32).alias("month_key")).drop(key)

    applied = part("ka").group_by("unit", "month_key").agg(
        s(n).alias("applied"), s(w(promise, n)).alias("promise_applied"),
        s(w(online, n)).alias("online_applied"))
    accepted = part("kc").group_by("unit", "month_key").agg(
        s(n).alias("accepted"), s(w(promise, n)).alias("promise_accepted"),
        s(w(online, n)).alias("online_accepted"))
    legal, saved = c("legal_days"), c("saved_days")
    completed = part("kd").group_by("unit", "month_key").agg(
        s(n).alias("completed"),
        s(w(over, n)).alias("completed_overdue"),
        s(w(promise, n)).alias("promise_completed"),
        s(w(promise & early, n)).alias("promise_early"),
        s(w(promise & over, n)).alias("promise_overdue"),
        s(w(promise, legal)).alias("promise_legal_days"),
        s(w(promise, saved)).alias("promise_saved_days"),
        s(w(online, n)).alias("online_completed"),
        s(w(promise & online, n)).alias("online_promise_completed"),
        s(w(promise & online & early, n)).alias("online_promise_early"),
        s(w(promise & online, legal)).alias("online_legal_days"),
        s(w(promise & online, saved)).alias("online_saved_days"),
        s(w(c("cmp") == CMP_UNKNOWN, n)).alias("elapsed_unknown"),
    )
    return [applied, accepted, completed]


# The evaluation cube's integer keys; its rows are also grouped by the text of the unit,
# kind and level cells.
EVALUATION_KEYS = ["__file__", "__bad__", "slot", "rectified"]
EVALUATION_TEXTS = ["unit", "kind", "level"]


def evaluation_cube(frame: pl.LazyFrame, first: int, last: int, n_files: int) -> pl.LazyFrame:
    """The rows of ``Validated.lean`` counted by EVALUATION_KEYS and EVALUATION_TEXTS."""
    tables = day_tables(None, first, last)
    packing = Packing(EVALUATION_KEYS, [max(n_files, 1), 2, tables.slots, 2])
    c = pl.col
    day = day_number(c("evaluated_at"))
    texts = [c(t) for t in EVALUATION_TEXTS]
    measures = [pl.len().cast(pl.Int64).alias("n")]
    if packing.fits:
        s, dtype = packing.strides, packing.dtype
        key = (tables.slot_of(day, s["slot"], 0, dtype)
               + pl.when(c("__bad__")).then(pl.lit(s["__bad__"], dtype=dtype)).otherwise(0)
               + pl.when(c("rectified_at").is_not_null())
               .then(pl.lit(s["rectified"], dtype=dtype)).otherwise(0))
        if n_files > 1:
            key = key + c("__file__").cast(dtype) * s["__file__"]
        return (frame.select(key.alias("key"), *texts)
                .group_by("key", *EVALUATION_TEXTS).agg(measures)
                .with_columns(packing.unpack()).drop("key")
                .with_columns(c("__bad__").cast(pl.Boolean)))
    keys = [c("__file__"), c("__bad__"), tables.slot_of(day), c("rectified_at").is_not_null()]
    return (frame.select(*[k.cast(pl.Int64).alias(n) for k, n in zip(keys, EVALUATION_KEYS)],
                         *texts)
            .group_by(*EVALUATION_KEYS, *EVALUATION_TEXTS).agg(measures)
            .with_columns(c("__bad__").cast(pl.Boolean)))


def evaluation_facts_from_cube(cube: pl.DataFrame, first: int, last: int) -> pl.DataFrame:
    """The evaluation part of ``case_facts`` from the cube with its unit, kind and level
    typed (``Validated.settle``)."""
    n = pl.col("n")
    w = lambda cond: pl.when(cond).then(n).otherwise(0).sum().cast(pl.Int64)
    k = pl.col("slot")
    # is_in on the Enum itself compares codes
    bad = pl.col("level").is_in(["不满意", "非常不满意"])
    return (
        cube.filter(~pl.col("__bad__") & (k >= 1) & (k <= last - first + 1))
        .with_columns((k + first - 1).cast(pl.Int32).alias("month_key"))
        .group_by("unit", "month_key")
        .agg(w(pl.col("kind") == "主动评价").alias("active_evaluations"),
             n.sum().cast(pl.Int64).alias("evaluations"),
             w(bad).alias("bad_evaluations"),
             w(bad & (pl.col("rectified") == 1)).alias("bad_rectified"))
    )

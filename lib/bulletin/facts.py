"""The ``unit_month`` facts: one row per (month, registry unit), additive counts only.

Each count is defined in spec/data-contract.md §6; any roll-up is a plain sum of these
rows and every rate is computed from the sums (indicators.py).
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from .registry import Registry
from .workdays import Calendar

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


def month_key(expr: pl.Expr) -> pl.Expr:
    """Months as consecutive integers (year × 12 + month − 1), cheap to filter and group."""
    return (expr.dt.year().cast(pl.Int32) * 12 + expr.dt.month().cast(pl.Int32) - 1)


def key_of(month: str) -> int:
    year, mon = month.split("-")
    return int(year) * 12 + int(mon) - 1


def month_of(key: int) -> str:
    return f"{key // 12:04d}-{key % 12 + 1:02d}"


def month_bounds(first: str, last: str) -> tuple[dt.date, dt.date]:
    """First day of ``first`` and last day of ``last``."""
    k = key_of(last) + 1
    end = dt.date(k // 12, k % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date(int(first[:4]), int(first[5:]), 1), end


def _counts(keys: list[str], exprs: dict[str, pl.Expr]) -> list[pl.Expr]:
    return [exprs[k].alias(k) for k in keys]


def case_facts(cases: pl.LazyFrame, calendar: Calendar, first: int, last: int) -> list[pl.LazyFrame]:
    """Three aggregations of the good case rows: by month applied, accepted and completed."""
    promise = pl.col("promised_limit_days") > 0
    online = pl.col("channel") == "线上"

    def in_range(col: str) -> pl.Expr:
        k = month_key(pl.col(col))
        return (k >= first) & (k <= last)

    def by(col: str) -> list[pl.Expr]:
        return [pl.col("unit"), month_key(pl.col(col)).alias("month_key")]

    s = lambda e: e.sum().cast(pl.Int64)  # noqa: E731
    applied = cases.filter(in_range("applied_at")).group_by(by("applied_at")).agg(
        _counts(APPLIED, {"applied": pl.len().cast(pl.Int64), "promise_applied": s(promise),
                          "online_applied": s(online)}))
    accepted = cases.filter(in_range("accepted_at")).group_by(by("accepted_at")).agg(
        _counts(ACCEPTED, {"accepted": pl.len().cast(pl.Int64), "promise_accepted": s(promise),
                           "online_accepted": s(online)}))

    elapsed = pl.col("elapsed")
    promised = pl.col("promised_limit_days")
    legal = pl.col("legal_limit_days")
    with_legal = promise & (legal > 0)
    saved = pl.when(with_legal).then(legal - elapsed).otherwise(0)
    legal_days = pl.when(with_legal).then(legal).otherwise(0)
    early = promise & (elapsed < promised)
    completed = (
        cases.filter(in_range("completed_at"))
        .with_columns(calendar.elapsed(pl.col("accepted_at"), pl.col("completed_at")).alias("elapsed"))
        .group_by(by("completed_at"))
        .agg(*_counts(COMPLETED, {
            "completed": pl.len().cast(pl.Int64),
            "completed_overdue": s(elapsed > promised),
            "promise_completed": s(promise),
            "promise_early": s(early),
            "promise_overdue": s(promise & (elapsed > promised)),
            "promise_legal_days": s(legal_days),
            "promise_saved_days": s(saved),
            "online_completed": s(online),
            "online_promise_completed": s(promise & online),
            "online_promise_early": s(early & online),
            "online_legal_days": s(pl.when(online).then(legal_days).otherwise(0)),
            "online_saved_days": s(pl.when(online).then(saved).otherwise(0)),
        }), elapsed.is_null().sum().alias("elapsed_unknown"), pl.col("accepted_at").min()
            .alias("earliest_accepted"))
    )
    return [applied, accepted, completed]


def evaluation_facts(evaluations: pl.LazyFrame, first: int, last: int) -> pl.LazyFrame:
    k = month_key(pl.col("evaluated_at"))
    bad = pl.col("level").cast(pl.String).is_in(["不满意", "非常不满意"])
    s = lambda e: e.sum().cast(pl.Int64)  # noqa: E731
    return (
        evaluations.filter((k >= first) & (k <= last))
        .group_by(pl.col("unit"), k.alias("month_key"))
        .agg(_counts(EVALUATED, {
            "active_evaluations": s(pl.col("kind") == "主动评价"),
            "evaluations": pl.len().cast(pl.Int64),
            "bad_evaluations": s(bad),
            "bad_rectified": s(bad & pl.col("rectified_at").is_not_null()),
        }))
    )


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

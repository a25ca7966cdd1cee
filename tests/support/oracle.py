"""The test oracle for the facts: the former multi-query statement of the unit_month
facts (three plain aggregations over the good rows), kept only to check the one-pass cube
of ``bulletin.facts.cube`` against a differently written computation."""

from __future__ import annotations

import polars as pl

from bulletin.core.months import key_of, month_bounds, month_key, month_of  # noqa: F401
from bulletin.core.workdays import Calendar
from bulletin.facts.cube import ACCEPTED, APPLIED, COMPLETED, EVALUATED, assemble  # noqa: F401


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

    s = lambda e: e.sum().cast(pl.Int64)
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
    s = lambda e: e.sum().cast(pl.Int64)
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

"""The implementations bench_facts.py compares with ``bulletin facts`` (bench/README.md):
the same unit_month facts in DuckDB SQL and in pandas + numpy, and the two floors, polars
reading the needed columns into memory and the streaming scan that decodes them and keeps
nothing. Each runs in a process of its own: ``bench_facts.py --impl NAME --dataset D --out F``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

FIRST, LAST = "2021-01", "2021-12"

CASE_COLUMNS = ["办件编号", "办理单位", "申请时间", "受理时间", "办结时间", "法定时限", "承诺时限",
                "申请方式"]
EVAL_COLUMNS = ["评价编号", "被评价单位", "评价时间", "评价等级", "评价方式", "整改完成时间"]


def _registry(dataset: Path):
    from bulletin.ingest.registry import read_registry

    return read_registry(dataset)


def fact_columns() -> list[str]:
    from bulletin.facts.cube import FACT_COLUMNS

    return FACT_COLUMNS


def _days(first: dt.date, last: dt.date):
    """Working-day index per date, from the same calendar bulletin uses."""
    import polars as pl

    from bulletin.core.workdays import Calendar

    cal = Calendar(first, last)
    return pl.DataFrame({"d": pl.date_range(first, last, "1d", eager=True),
                         "idx": cal.index.cast(pl.Int32)})


def run_duckdb(dataset: Path, out: Path) -> None:
    import duckdb

    from bulletin.ingest.schema import CHANNELS

    reg = _registry(dataset)
    spellings = __import__("polars").DataFrame(
        {"spelling": list(reg.unit_map), "unit": list(reg.unit_map.values())})
    units = reg.units.select("unit", "order")
    online_words = [k for k, v in CHANNELS.items() if v == "线上"]
    days = _days(dt.date(2018, 1, 1), dt.date(2022, 12, 31))
    con = duckdb.connect()
    con.execute(f"SET threads = {os.cpu_count()}")
    for name, frame in (("spellings", spellings), ("units", units), ("days", days)):
        con.register(f"{name}_df", frame.to_arrow())
        con.execute(f"CREATE TEMP TABLE {name} AS SELECT * FROM {name}_df")
    cases = str(dataset / "cases" / "cases.parquet")
    evals = str(dataset / "evaluations" / "evaluations.parquet")
    words = ", ".join(f"'{w}'" for w in online_words)
    start, end = f"TIMESTAMP '{FIRST}-01'", f"TIMESTAMP '{int(LAST[:4]) + 1}-01-01'"
    sql = f"""
    WITH c AS (
      SELECT s.unit, p."申请时间" AS applied_at, p."受理时间" AS accepted_at,
             p."办结时间" AS completed_at, p."法定时限" AS legal, p."承诺时限" AS promised,
             p."承诺时限" > 0 AS promise,
             lower(trim(p."申请方式")) IN ({words}) AS online
      FROM read_parquet('{cases}') p JOIN spellings s ON trim(p."办理单位") = s.spelling
    ),
    applied AS (
      SELECT unit, strftime(applied_at, '%Y-%m') AS month, count(*) AS applied,
             count(*) FILTER (WHERE promise) AS promise_applied,
             count(*) FILTER (WHERE online) AS online_applied
      FROM c WHERE applied_at >= {start} AND applied_at < {end} GROUP BY ALL
    ),
    accepted AS (
      SELECT unit, strftime(accepted_at, '%Y-%m') AS month, count(*) AS accepted,
             count(*) FILTER (WHERE promise) AS promise_accepted,
             count(*) FILTER (WHERE online) AS online_accepted
      FROM c WHERE accepted_at >= {start} AND accepted_at < {end} GROUP BY ALL
    ),
    done AS (
      SELECT c.*, strftime(completed_at, '%Y-%m') AS month, dc.idx - da.idx AS elapsed,
             promise AND legal > 0 AS with_legal
      FROM c JOIN days dc ON dc.d = CAST(c.completed_at AS DATE)
             JOIN days da ON da.d = CAST(c.accepted_at AS DATE)
      WHERE completed_at >= {start} AND completed_at < {end}
    ),
    completed AS (
      SELECT unit, month, count(*) AS completed,
        count(*) FILTER (WHERE elapsed > promised) AS completed_overdue,
        count(*) FILTER (WHERE promise) AS promise_completed,
        count(*) FILTER (WHERE promise AND elapsed < promised) AS promise_early,
        count(*) FILTER (WHERE promise AND elapsed > promised) AS promise_overdue,
        coalesce(sum(legal) FILTER (WHERE with_legal), 0) AS promise_legal_days,
        coalesce(sum(legal - elapsed) FILTER (WHERE with_legal), 0) AS promise_saved_days,
        count(*) FILTER (WHERE online) AS online_completed,
        count(*) FILTER (WHERE promise AND online) AS online_promise_completed,
        count(*) FILTER (WHERE promise AND online AND elapsed < promised)
          AS online_promise_early,
        coalesce(sum(legal) FILTER (WHERE with_legal AND online), 0) AS online_legal_days,
        coalesce(sum(legal - elapsed) FILTER (WHERE with_legal AND online), 0)
          AS online_saved_days
      FROM done GROUP BY ALL
    ),
    ev AS (
      SELECT s.unit, strftime(e."评价时间", '%Y-%m') AS month,
        count(*) FILTER (WHERE e."评价方式" = '主动评价') AS active_evaluations,
        count(*) AS evaluations,
        count(*) FILTER (WHERE e."评价等级" IN ('不满意', '非常不满意')) AS bad_evaluations,
        count(*) FILTER (WHERE e."评价等级" IN ('不满意', '非常不满意')
                         AND e."整改完成时间" IS NOT NULL) AS bad_rectified
      FROM read_parquet('{evals}') e JOIN spellings s ON trim(e."被评价单位") = s.spelling
      WHERE e."评价时间" >= {start} AND e."评价时间" < {end} GROUP BY ALL
    ),
    months AS (
      SELECT strftime(m, '%Y-%m') AS month
      FROM range({start}, {end}, INTERVAL 1 MONTH) t(m)
    ),
    grid AS (SELECT month, unit, "order" FROM months CROSS JOIN units)
    SELECT g.month, g.unit, {", ".join(f"coalesce({c}, 0)::BIGINT AS {c}"
                                       for c in fact_columns())}
    FROM grid g
      LEFT JOIN applied USING (month, unit) LEFT JOIN accepted USING (month, unit)
      LEFT JOIN completed USING (month, unit) LEFT JOIN ev USING (month, unit)
    ORDER BY g.month, g."order"
    """
    con.execute(f"COPY ({sql}) TO '{out}' (FORMAT parquet)")


def run_pandas(dataset: Path, out: Path) -> None:
    import numpy as np
    import pandas as pd

    from bulletin.ingest.schema import CHANNELS

    reg = _registry(dataset)
    names = reg.names
    code_of = {s: names.index(u) for s, u in reg.unit_map.items()}
    days = _days(dt.date(2018, 1, 1), dt.date(2022, 12, 31))
    base = np.datetime64("2018-01-01", "D")
    idx = days["idx"].to_numpy()
    k0 = int(FIRST[:4]) * 12 + int(FIRST[5:]) - 1
    k1 = int(LAST[:4]) * 12 + int(LAST[5:]) - 1

    def month_key(values: np.ndarray) -> np.ndarray:
        m = values.astype("datetime64[M]")
        key = m.astype(np.int64) + 1970 * 12
        return np.where(np.isnat(m), -1, key)

    def codes(series: pd.Series, mapping: dict) -> np.ndarray:
        cat = series.astype("category")
        lookup = np.array([mapping.get(str(c).strip(), -1) for c in cat.cat.categories] + [-1])
        return lookup[cat.cat.codes.to_numpy()]

    df = pd.read_parquet(dataset / "cases" / "cases.parquet", columns=CASE_COLUMNS[1:])
    unit = codes(df["办理单位"], code_of)
    online_words = {k: 1 for k, v in CHANNELS.items() if v == "线上"}
    online = codes(df["申请方式"], online_words) == 1
    applied = df["申请时间"].to_numpy()
    accepted = df["受理时间"].to_numpy()
    completed = df["办结时间"].to_numpy()
    legal = df["法定时限"].to_numpy(dtype="float64", na_value=np.nan)
    promised = df["承诺时限"].to_numpy(dtype="int64")
    del df
    promise = promised > 0
    parts = []
    for name, values in (("applied", applied), ("accepted", accepted)):
        k = month_key(values)
        sel = (k >= k0) & (k <= k1) & (unit >= 0)
        frame = pd.DataFrame({"unit": unit[sel], "k": k[sel], name: 1,
                              f"promise_{name}": promise[sel].astype(np.int64),
                              f"online_{name}": online[sel].astype(np.int64)})
        parts.append(frame.groupby(["unit", "k"]).sum())
    k = month_key(completed)
    sel = (k >= k0) & (k <= k1) & (unit >= 0)
    dc = (completed[sel].astype("datetime64[D]") - base).astype(np.int64)
    da = (accepted[sel].astype("datetime64[D]") - base).astype(np.int64)
    elapsed = idx[dc] - idx[da]
    p, on, lg, pr = promise[sel], online[sel], legal[sel], promised[sel]
    with_legal = p & (np.nan_to_num(lg) > 0)
    legal_days = np.where(with_legal, np.nan_to_num(lg), 0).astype(np.int64)
    saved = np.where(with_legal, np.nan_to_num(lg) - elapsed, 0).astype(np.int64)
    early = p & (elapsed < pr)
    frame = pd.DataFrame({
        "unit": unit[sel], "k": k[sel], "completed": 1,
        "completed_overdue": (elapsed > pr).astype(np.int64),
        "promise_completed": p.astype(np.int64),
        "promise_early": early.astype(np.int64),
        "promise_overdue": (p & (elapsed > pr)).astype(np.int64),
        "promise_legal_days": legal_days, "promise_saved_days": saved,
        "online_completed": on.astype(np.int64),
        "online_promise_completed": (p & on).astype(np.int64),
        "online_promise_early": (early & on).astype(np.int64),
        "online_legal_days": np.where(on, legal_days, 0),
        "online_saved_days": np.where(on, saved, 0),
    })
    parts.append(frame.groupby(["unit", "k"]).sum())
    ev = pd.read_parquet(dataset / "evaluations" / "evaluations.parquet", columns=EVAL_COLUMNS[1:])
    k = month_key(ev["评价时间"].to_numpy())
    eu = codes(ev["被评价单位"], code_of)
    bad = ev["评价等级"].isin(["不满意", "非常不满意"]).to_numpy()
    sel = (k >= k0) & (k <= k1) & (eu >= 0)
    frame = pd.DataFrame({
        "unit": eu[sel], "k": k[sel],
        "active_evaluations": (ev["评价方式"].to_numpy() == "主动评价")[sel].astype(np.int64),
        "evaluations": 1, "bad_evaluations": bad[sel].astype(np.int64),
        "bad_rectified": (bad & ev["整改完成时间"].notna().to_numpy())[sel].astype(np.int64),
    })
    parts.append(frame.groupby(["unit", "k"]).sum())
    grid = pd.MultiIndex.from_product([range(len(names)), range(k0, k1 + 1)], names=["unit", "k"])
    table = pd.concat([p.reindex(grid) for p in parts], axis=1).fillna(0).astype(np.int64)
    table = table.reset_index().sort_values(["k", "unit"])
    table.insert(0, "month", [f"{v // 12:04d}-{v % 12 + 1:02d}" for v in table["k"]])
    table["unit"] = [names[u] for u in table["unit"]]
    table[["month", "unit", *fact_columns()]].to_parquet(out, index=False)


def run_floor(dataset: Path, out: Path) -> None:
    import polars as pl

    cases = pl.read_parquet(dataset / "cases" / "cases.parquet", columns=CASE_COLUMNS)
    evals = pl.read_parquet(dataset / "evaluations" / "evaluations.parquet", columns=EVAL_COLUMNS)
    out.write_text(json.dumps({"cases": cases.height, "evaluations": evals.height}))


def run_scan(dataset: Path, out: Path) -> None:
    import polars as pl

    rows = {}
    for name, columns in (("cases", CASE_COLUMNS), ("evaluations", EVAL_COLUMNS)):
        seen = [0]

        def drop(batch: pl.DataFrame, seen: list[int] = seen) -> None:
            seen[0] += batch.height

        pl.scan_parquet(dataset / name / f"{name}.parquet").select(columns) \
            .sink_batches(drop, maintain_order=False)
        rows[name] = seen[0]
    out.write_text(json.dumps(rows))


IMPLS = {"duckdb": run_duckdb, "pandas": run_pandas, "floor": run_floor, "scan": run_scan}

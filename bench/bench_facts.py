"""Benchmark of the unit_month facts stage (bench/README.md).

    .venv/bin/python bench/bench_facts.py [--sizes 5000000 20000000] [--runs 3]

For each size it generates (once, cached in bench/out/) a synthetic dataset of that many
cases over the 12 months of 2021 in one Parquet file, with evaluations
(``bulletin synth --single-parquet --no-personal``), then times in separate processes,
under ``/usr/bin/time`` for the peak RSS:

  (a) bulletin   ``bulletin facts --dataset D --month 2021-01 --to 2021-12 --out …``
                 (reads, validates every row, quarantine accounting, facts);
  (b) duckdb     the same facts in DuckDB SQL (working-day index table joined on date);
                 no row validation beyond the unit/channel mapping;
  (c) pandas     the same facts in plain pandas + numpy (no row validation);
  (d) floor      polars reading just the needed columns of both Parquet files into memory
                 (up to FLOOR_MAX cases: at 100 M it would need ~13 GiB);
  (e) scan       the scan floor: polars' streaming engine reading the same columns batch
                 by batch and dropping each batch (every value decoded, nothing kept).

The summary gives, per size, the ratio of bulletin to the scan floor and to DuckDB, taken
run by run (run i of bulletin over run i of the other, the two minutes apart at most) and
their median: on a shared machine a ratio within one run is steadier than either time.

Runs are interleaved (run 1 of every implementation, then run 2 …) so that the noise of
a shared machine hits all of them alike. The outputs of (a), (b) and (c) must be the same
unit_month table. Results go to bench/RESULTS.md and the table in bench/README.md.

``--data DIR`` keeps the generated datasets elsewhere than bench/out (a 100 M-case dataset
is 1.7 GB). The script also runs one implementation alone: ``--impl duckdb|pandas|floor|scan --dataset D
--out F`` (that is how the harness calls (b), (c) and (d)).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
PY = sys.executable
BULLETIN = str(Path(PY).parent / "bulletin")
FIRST, LAST = "2021-01", "2021-12"
CASES_PER_SCALE = 3_115_000  # cases a year at --scale 1.0 (12 × ~250k, with the calendar)
PANDAS_MAX = 5_000_000  # pandas runs only up to this size (see README)
FLOOR_MAX = 20_000_000  # the in-memory floor only up to this size

CASE_COLUMNS = ["办件编号", "办理单位", "申请时间", "受理时间", "办结时间", "法定时限", "承诺时限",
                "申请方式"]
EVAL_COLUMNS = ["评价编号", "被评价单位", "评价时间", "评价等级", "评价方式", "整改完成时间"]


# --- the implementations compared with bulletin ----------------------------------------

def _registry(dataset: Path):
    from bulletin.ingest.registry import read_registry

    return read_registry(dataset)


def _fact_columns() -> list[str]:
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
                                       for c in _fact_columns())}
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
    table[["month", "unit", *_fact_columns()]].to_parquet(out, index=False)


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


# --- the harness ------------------------------------------------------------------------

def dataset_for(n: int, data: Path) -> Path:
    scale = n / CASES_PER_SCALE
    folder = data / f"cases_{n // 1_000_000}m"
    stamp = folder / ".params.json"
    params = {"scale": round(scale, 6), "seed": 2021, "first": FIRST, "last": LAST}
    if stamp.exists() and json.loads(stamp.read_text()) == params:
        return folder
    print(f"generating {folder} …", flush=True)
    subprocess.run([BULLETIN, "synth", "--out", str(folder), "--from", FIRST, "--to", LAST,
                    "--scale", str(params["scale"]), "--seed", str(params["seed"]),
                    "--single-parquet", "--no-personal"], check=True, env=ENV)
    stamp.write_text(json.dumps(params))
    return folder


# Every run imports this checkout's bulletin (lib/ first on the path), not an installed one.
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(
    [str(ROOT / "lib"), *filter(None, [os.environ.get("PYTHONPATH")])])}


def command(impl: str, dataset: Path, out: Path) -> list[str]:
    if impl == "bulletin":
        return [BULLETIN, "facts", "--dataset", str(dataset), "--month", FIRST, "--to", LAST,
                "--out", str(out)]
    return [PY, str(Path(__file__).resolve()), "--impl", impl, "--dataset", str(dataset),
            "--out", str(out)]


def timed(cmd: list[str]) -> tuple[float, int, float]:
    """Wall seconds, peak RSS (bytes) and CPU seconds (user + system, every thread) of one
    run in its own process."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        t = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", "-o", tf.name, *cmd],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              check=False, env=ENV)
        wall = time.perf_counter() - t
        if proc.returncode:
            raise RuntimeError(f"{cmd} failed:\n{proc.stderr[-2000:]}")
        rss_kb, user, system = tf.read().strip().splitlines()[-1].split()
    return wall, int(rss_kb) * 1024, float(user) + float(system)


def same_tables(paths: list[Path]) -> tuple[bool, str]:
    import polars as pl

    cols = ["month", "unit", *_fact_columns()]
    frames = [pl.read_parquet(p).select(pl.col("month"), pl.col("unit").cast(pl.String),
                                        pl.col(cols[2:]).cast(pl.Int64)).sort("month", "unit")
              for p in paths]
    for p, f in zip(paths[1:], frames[1:]):
        if not frames[0].equals(f):
            return False, f"{paths[0].name} differs from {p.name}"
    return True, f"{frames[0].height} rows × {len(cols)} columns identical"


def machine() -> dict[str, str]:
    import duckdb
    import numpy
    import pandas
    import polars
    import pyarrow

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text()
                .splitlines() if line.startswith("model name")), platform.processor())
    mem = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
               if line.startswith("MemTotal"))
    return {
        "nproc": str(os.cpu_count()), "cpu": cpu, "ram": f"{mem / 2**20:.1f} GiB",
        "python": platform.python_version(), "polars": polars.__version__,
        "duckdb": duckdb.__version__, "pandas": pandas.__version__,
        "pyarrow": pyarrow.__version__, "numpy": numpy.__version__,
        "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def gib(b: float) -> str:
    return f"{b / 2**30:.2f}"


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def ratio_cells(results: dict, impl: str, other: str, at: int = 0) -> str:
    """bulletin over ``other``, run by run, and the median of those ratios (``at``: 0 wall
    seconds, 2 CPU seconds)."""
    if other not in results:
        return "–"
    ratios = [b[at] / o[at] for b, o in zip(results[impl], results[other])]
    return f"**{statistics.median(ratios):.2f}** ({', '.join(f'{r:.2f}' for r in ratios)})"


def harness(sizes: list[int], runs: int, data: Path) -> None:
    facts = machine()
    started = time.time()
    rows, checks, raw, ratios = [], [], [], []
    for n in sizes:
        dataset = dataset_for(n, data)
        import polars as pl

        n_cases = pl.scan_parquet(dataset / "cases" / "cases.parquet").select(pl.len()) \
            .collect().item()
        impls = ["bulletin", "scan", "duckdb", *(["pandas"] if n <= PANDAS_MAX else []),
                 *(["floor"] if n <= FLOOR_MAX else [])]
        results: dict[str, list[tuple[float, int, float]]] = {i: [] for i in impls}
        outs = {i: data / f"facts_{n // 1_000_000}m_{i}.parquet" for i in impls}
        before = load()
        for r in range(runs):
            for impl in impls:
                wall, rss, cpu = timed(command(impl, dataset, outs[impl]))
                results[impl].append((wall, rss, cpu))
                raw.append(f"| {n_cases:,} | {impl} | {r + 1} | {wall:.2f} | {cpu:.2f} | "
                           f"{gib(rss)} | {load()} |")
                print(f"{n_cases:>12,} {impl:9} run {r + 1}: {wall:6.2f} s  {cpu:6.2f} CPU-s  "
                      f"{gib(rss)} GiB", flush=True)
        ok, detail = same_tables([outs[i] for i in impls if i not in ("floor", "scan")])
        checks.append(f"- {n_cases:,} cases: bulletin = duckdb"
                      + (" = pandas" if "pandas" in impls else "") + ": "
                      + ("**yes**, " if ok else "**NO**, ") + detail)
        for impl in impls:
            walls = [w for w, _, _ in results[impl]]
            cpus = [c for _, _, c in results[impl]]
            rows.append(f"| {n_cases:,} | {impl} | {min(walls):.2f} | "
                        f"{statistics.median(walls):.2f} | {statistics.median(cpus):.2f} | "
                        f"{gib(max(r for _, r, _ in results[impl]))} |")
        ratios.append(f"| {n_cases:,} | {ratio_cells(results, 'bulletin', 'scan')} | "
                      f"{ratio_cells(results, 'bulletin', 'duckdb')} | "
                      f"{ratio_cells(results, 'bulletin', 'floor')} | "
                      f"{ratio_cells(results, 'bulletin', 'scan', 2)} | "
                      f"{ratio_cells(results, 'bulletin', 'duckdb', 2)} | {before} → {load()} |")
        if not ok:
            print("OUTPUTS DIFFER:", detail, flush=True)
    facts["load average at end"] = load()
    facts["bench duration"] = f"{(time.time() - started) / 60:.1f} min (with data generation)"
    table = "\n".join([
        (f"| cases | implementation | min s ({runs} runs) | median s | median CPU s | "
        "peak RSS GiB |"), "|---:|---|---:|---:|---:|---:|", *rows])
    ratio_table = "\n".join([
        ("| cases | bulletin / scan floor: median (per run) | bulletin / duckdb | "
        "bulletin / in-memory floor | CPU s: bulletin / scan floor | CPU s: bulletin / duckdb | "
         "load average (1, 5, 15 min) before → after |"),
        "|---:|---|---|---|---|---|---|", *ratios])
    machine_lines = "\n".join(f"- {k}: {v}" for k, v in facts.items())
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    (HERE / "RESULTS.md").write_text(
        f"# bench_facts results ({stamp})\n\nGenerated by `bench/bench_facts.py`; see "
        f"README.md for what is measured.\n\n## Summary\n\n{table}\n\n## Ratios within the "
        f"run\n\n{ratio_table}\n\n## Outputs agree\n\n"
        + "\n".join(checks) + f"\n\n## Machine\n\n{machine_lines}\n\n## Every run\n\n"
        "| cases | implementation | run | wall s | CPU s | peak RSS GiB | load average after |\n"
        "|---:|---|---:|---:|---:|---:|---|\n" + "\n".join(raw) + "\n", encoding="utf-8")
    readme = HERE / "README.md"
    if readme.exists():
        text = readme.read_text(encoding="utf-8")
        begin, end = "<!-- results -->", "<!-- /results -->"
        if begin in text and end in text:
            head, rest = text.split(begin, 1)
            tail = rest.split(end, 1)[1]
            block = (f"{begin}\nLast run {stamp} (full details in RESULTS.md):\n\n{table}\n\n"
                     f"{ratio_table}\n\n" + "\n".join(checks)
                     + f"\n\nMachine:\n\n{machine_lines}\n{end}")
            readme.write_text(head + block + tail, encoding="utf-8")
    print((HERE / "RESULTS.md").read_text(encoding="utf-8"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[5_000_000, 20_000_000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--impl", choices=sorted(IMPLS))
    ap.add_argument("--dataset", type=Path)
    ap.add_argument("--data", type=Path, default=OUT, help="where the datasets are kept")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    if args.impl:
        IMPLS[args.impl](args.dataset, args.out)
        return
    args.data.mkdir(parents=True, exist_ok=True)
    harness(args.sizes, args.runs, args.data.resolve())


if __name__ == "__main__":
    main()

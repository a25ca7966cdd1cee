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
is 1.7 GB). The script also runs one implementation alone: ``--impl
duckdb|pandas|floor|scan --dataset D --out F`` (that is how the harness calls (b) to (e),
which are in facts_impls.py; this file is the harness: data, timing, report).
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

from facts_impls import FIRST, IMPLS, LAST, fact_columns

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
PY = sys.executable
BULLETIN = str(Path(PY).parent / "bulletin")
CASES_PER_SCALE = 3_115_000  # cases a year at --scale 1.0 (12 × ~250k, with the calendar)
PANDAS_MAX = 5_000_000  # pandas runs only up to this size (see README)
FLOOR_MAX = 20_000_000  # the in-memory floor only up to this size


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

    cols = ["month", "unit", *fact_columns()]
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

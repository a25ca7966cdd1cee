"""Benchmark of reading a case export in bounded memory (bench/README.md, "bench_ingest").

    .venv/bin/python bench/bench_ingest.py [--cases 3000000] [--runs 3] [--xlsx]
                                           [--before-lib PATH]

Generates (once, cached in bench/out/) the synthetic cases of 2021 (``bulletin synth
--single-parquet``, personal columns included, as an export holds them) and writes the
same rows as a UTF-8 CSV and as a GBK CSV, each in a dataset of its own beside the same
evaluations. Then times ``bulletin facts --dataset D --month 2021-01 --to 2021-12`` on
each, every run in a process of its own; the peak RSS is the kernel's high-water mark of
that process (``/usr/bin/time``), not a sampled value. Runs are interleaved (run 1 of
every format, then run 2 …), so that the noise of a shared machine hits all alike; the
table gives min, median and the highest peak of ``--runs`` runs, and the load average
when each run started. The three facts tables must be identical.

``--xlsx``: instead, Excel's largest sheet (1 048 575 data rows, the first cases of the
synthetic year; all of them, in a section of their own, when ``--cases`` makes fewer) as
an XLSX (read in pieces, ingest.workbook), against the same rows as a UTF-8 CSV and as
Parquet, ``--runs`` interleaved runs each; the facts of the three must be identical.
``--before-lib PATH``: also the CSV runs (with ``--xlsx``: the XLSX run) with the ``lib``
folder of another checkout (the code before a change, e.g. from ``git archive COMMIT
lib``), in the same rotation, named by ``--before-label``. ``--work DIR``: generated
datasets go there instead of bench/out/.

Results go to bench/RESULTS_INGEST.md, one section per number of cases.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
PY = sys.executable
FIRST, LAST = "2021-01", "2021-12"
CASES_PER_SCALE = 3_115_000  # cases a year at --scale 1.0 (as bench_facts.py)
XLSX_ROWS = 1_048_575  # Excel's last row is 1 048 576; one is the header
GIB = 2**30


def synth(n: int) -> Path:
    """The Parquet dataset of about n cases (cached)."""
    folder = OUT / f"ingest_{n // 1_000_000}m"
    stamp = folder / ".params.json"
    params = {"scale": round(n / CASES_PER_SCALE, 6), "seed": 2021, "first": FIRST,
              "last": LAST, "personal": True}
    if stamp.exists() and json.loads(stamp.read_text()) == params:
        return folder
    print(f"generating {folder} …", flush=True)
    subprocess.run([PY, "-c", "from bulletin.cli import app; app()", "synth", "--out",
                    str(folder), "--from", FIRST, "--to", LAST, "--scale",
                    str(params["scale"]), "--seed", "2021", "--single-parquet"],
                   check=True, env=child_env(ROOT / "lib"))
    stamp.write_text(json.dumps(params))
    return folder


def variant(source: Path, kind: str) -> Path:
    """A dataset holding the cases of ``source`` as ``kind`` (utf-8, gbk: a CSV written
    batch by batch with date-times as text, as an export writes them; xlsx: the first
    XLSX_ROWS rows in one sheet; xlsx-csv, xlsx-parquet: those rows as a UTF-8 CSV and as
    Parquet), with the same registry and evaluations (cached; written
    by a child process, which alone holds the rows)."""
    folder = source.parent / f"{source.name}_{kind}"
    stamp = folder / ".params.json"
    params = {"source": (source / ".params.json").read_text(), "kind": kind}
    if stamp.exists() and json.loads(stamp.read_text()) == params:
        return folder
    print(f"writing {folder} …", flush=True)
    shutil.rmtree(folder, ignore_errors=True)
    subprocess.run([PY, str(Path(__file__).resolve()), "--make", kind, "--source",
                    str(source), "--out", str(folder)], check=True, env=child_env(ROOT / "lib"))
    stamp.write_text(json.dumps(params))
    return folder


def make(source: Path, kind: str, folder: Path) -> None:
    import polars as pl
    import pyarrow.parquet as pq

    (folder / "cases").mkdir(parents=True)
    (folder / "evaluations").mkdir()
    for name in ("units.csv", "dataset.yml", "evaluations/evaluations.parquet"):
        shutil.copyfile(source / name, folder / name)
    cases = source / "cases" / "cases.parquet"
    if kind in ("xlsx-csv", "xlsx-parquet"):
        frame = pl.read_parquet(cases, n_rows=XLSX_ROWS)
        if kind == "xlsx-parquet":
            frame.write_parquet(folder / "cases" / "cases.parquet")
            return
        frame = frame.with_columns(pl.col(pl.Datetime).dt.strftime("%Y-%m-%d %H:%M:%S"))
        frame.write_csv(folder / "cases" / "cases.csv")
        return
    if kind == "xlsx":
        frame = pl.read_parquet(cases, n_rows=XLSX_ROWS)
        frame = frame.with_columns(pl.col(pl.Datetime).dt.strftime("%Y-%m-%d %H:%M:%S"))
        frame.write_excel(folder / "cases" / "cases.xlsx", worksheet="办件明细", autofit=False)
        return
    with open(folder / "cases" / "cases.csv", "wb") as out:
        for i, batch in enumerate(pq.ParquetFile(cases).iter_batches(batch_size=200_000)):
            frame = pl.from_arrow(batch).with_columns(
                pl.col(pl.Datetime).dt.strftime("%Y-%m-%d %H:%M:%S"))
            out.write(frame.write_csv(include_header=i == 0).encode(kind))


def child_env(lib: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(lib)}


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds, of every thread (less bent by a busy machine)
    rss: int  # peak RSS, bytes
    load: float  # the 1-minute load average when the run started


def timed(dataset: Path, out: Path, lib: Path) -> Run:
    """One run of ``bulletin facts`` in a process of its own. The peak is the kernel's
    high-water mark of that process as ``/usr/bin/time`` reports it: a child forked from
    this (large) process would count this process's pages too (the mark survives exec)."""
    load = os.getloadavg()[0]
    cmd = [PY, "-c", "from bulletin.cli import app; app()", "facts", "--dataset",
           str(dataset), "--month", FIRST, "--to", LAST, "--out", str(out)]
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        start = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", "-o", tf.name, *cmd],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              check=False, env=child_env(lib))
        wall = time.perf_counter() - start
        if proc.returncode:
            raise RuntimeError(f"{cmd} failed:\n{proc.stderr[-2000:]}")
        rss_kib, user, system = tf.read().strip().splitlines()[-1].split()
    return Run(wall, float(user) + float(system), int(rss_kib) * 1024, load)


def machine() -> dict[str, str]:
    import polars
    import psutil
    import pyarrow

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text()
                .splitlines() if line.startswith("model name")), platform.processor())
    return {
        "nproc": str(os.cpu_count()), "cpu": cpu,
        "ram": f"{psutil.virtual_memory().total / GIB:.1f} GiB",
        "python": platform.python_version(), "polars": polars.__version__,
        "pyarrow": pyarrow.__version__,
        "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def same_tables(paths: list[Path]) -> tuple[bool, str]:
    import polars as pl

    frames = [pl.read_parquet(p) for p in paths]
    for p, f in zip(paths[1:], frames[1:]):
        if not frames[0].equals(f):
            return False, f"{paths[0].name} differs from {p.name}"
    return True, f"{frames[0].height} rows × {frames[0].width} columns identical"


@dataclass
class Plan:
    """One comparison: the datasets (input name → dataset, lib), the inputs whose facts
    must be identical, and the section it writes."""
    tag: str  # the section's marker in RESULTS_INGEST.md
    heading: str
    rows: int
    sets: dict[str, tuple[Path, Path]]
    same: list[str]
    outs: str  # the facts files' name prefix in OUT
    targets: Callable[[Callable[..., float], Callable[[str], float]], list[str]]
    before_once: bool = False  # the code before: one run only (a whole sheet in memory)


def csv_plan(n: int, before: Path | None, label: str) -> Plan:
    import polars as pl

    source = synth(n)
    rows = pl.scan_parquet(source / "cases" / "cases.parquet").select(pl.len()).collect().item()
    lib = ROOT / "lib"
    sets = {"Parquet": (source, lib), "UTF-8 CSV": (variant(source, "utf-8"), lib),
            "GBK CSV": (variant(source, "gbk"), lib)}
    if before is not None:
        sets[f"UTF-8 CSV, {label}"] = (sets["UTF-8 CSV"][0], before)
        sets[f"GBK CSV, {label}"] = (sets["GBK CSV"][0], before)

    def targets(median: Callable[..., float], peak: Callable[[str], float]) -> list[str]:
        ratio = median("GBK CSV") / median("UTF-8 CSV")
        cpu_ratio = median("GBK CSV", "cpu") / median("UTF-8 CSV", "cpu")
        return [
            (f"- GBK CSV peak ≤ 1 GiB: **{'met' if peak('GBK CSV') <= 1 else 'missed'}** "
             f"({peak('GBK CSV'):.2f} GiB)"),
            (f"- GBK CSV time ≤ 2 × UTF-8 CSV time (medians): "
             f"**{'met' if ratio <= 2 else 'missed'}** ({ratio:.2f} × wall, "
             f"{cpu_ratio:.2f} × CPU)"),
        ]

    tag = f"{rows / 1e6:.0f}m"
    return Plan(tag, f"{rows:,} cases", rows, sets, ["Parquet", "UTF-8 CSV", "GBK CSV"],
                "ingest_facts", targets)


def xlsx_plan(n: int, before: Path | None, label: str) -> Plan:
    """A full sheet as XLSX, UTF-8 CSV and Parquet (the same rows): the first XLSX_ROWS
    cases, or every case when ``--cases`` makes fewer (a sheet that is not full, a section
    of its own)."""
    import polars as pl

    source = synth(n)
    lib = ROOT / "lib"
    sets = {"XLSX": (variant(source, "xlsx"), lib),
            "UTF-8 CSV": (variant(source, "xlsx-csv"), lib),
            "Parquet": (variant(source, "xlsx-parquet"), lib)}
    # the rows written, counted in the Parquet variant (the same rows as the sheet's)
    rows = pl.scan_parquet(sets["Parquet"][0] / "cases" / "cases.parquet").select(
        pl.len()).collect().item()
    if before is not None:
        sets[f"XLSX, {label}"] = (sets["XLSX"][0], before)

    def targets(median: Callable[..., float], peak: Callable[[str], float]) -> list[str]:
        return [
            (f"- XLSX peak ≤ 1 GiB: **{'met' if peak('XLSX') <= 1 else 'missed'}** "
             f"({peak('XLSX'):.2f} GiB)"),
            (f"- XLSX time against the same rows as UTF-8 CSV (medians): "
             f"{median('XLSX') / median('UTF-8 CSV'):.2f} × wall, "
             f"{median('XLSX', 'cpu') / median('UTF-8 CSV', 'cpu'):.2f} × CPU"),
        ]

    full = rows == XLSX_ROWS
    return Plan("xlsx" if full else f"xlsx-{rows}",
                f"One {'full ' if full else ''}XLSX sheet, {rows:,} cases", rows, sets,
                list(sets), "ingest_xlsx_facts", targets, before_once=True)


def harness(n: int, runs: int, xlsx: bool, before: Path | None, label: str) -> None:
    facts = machine()
    started = time.time()
    plan = (xlsx_plan if xlsx else csv_plan)(n, before, label)
    lib = ROOT / "lib"
    outs = {k: OUT / f"{plan.outs}_{i}.parquet" for i, k in enumerate(plan.sets)}
    results: dict[str, list[Run]] = {k: [] for k in plan.sets}
    for r in range(runs):
        for kind, (dataset, code) in plan.sets.items():
            if plan.before_once and code != lib and r:
                continue
            run = timed(dataset, outs[kind], code)
            results[kind].append(run)
            print(f"{kind:22} run {r + 1}: {run.wall:7.2f} s  {run.cpu:7.2f} cpu s  "
                  f"{run.rss / GIB:.2f} GiB  (load {run.load:.2f})", flush=True)
    ok, detail = same_tables([outs[k] for k in plan.same])
    facts["load average at end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    facts["bench duration"] = f"{(time.time() - started) / 60:.1f} min (with data generation)"
    text = section(plan, results, runs, facts,
                   f"- facts of {', '.join(plan.same)} identical: **{'yes' if ok else 'NO'}**, "
                   f"{detail}")
    write_results(plan.tag, text)
    print(text)


def section(plan: Plan, results: dict[str, list[Run]], runs: int, facts: dict[str, str],
            same_line: str) -> str:
    """The plan's section of RESULTS_INGEST.md."""
    lib = ROOT / "lib"

    def median(kind: str, what: str = "wall") -> float:
        return statistics.median(getattr(run, what) for run in results[kind])

    def peak(kind: str) -> float:
        return max(run.rss for run in results[kind]) / GIB

    table = [("| input | code | rows | file MB | runs | min s | median s | median CPU s "
              "| peak RSS GiB | peak / file |"), "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for kind, (dataset, code) in plan.sets.items():
        name, _, version = kind.partition(", ")
        size = next((dataset / "cases").iterdir()).stat().st_size
        table.append(f"| {name} | {version if code != lib else 'this'} | {plan.rows:,} | "
                     f"{size / 1e6:,.0f} | {len(results[kind])} | "
                     f"{min(run.wall for run in results[kind]):.2f} | {median(kind):.2f} | "
                     f"{median(kind, 'cpu'):.2f} | {peak(kind):.2f} | "
                     f"{peak(kind) * GIB / size:.2f} |")
    targets = [*plan.targets(median, peak), same_line]
    every = [f"| {kind} | {i + 1} | {run.wall:.2f} | {run.cpu:.2f} | {run.rss / GIB:.2f} | "
             f"{run.load:.2f} |" for i in range(runs) for kind in plan.sets
             if i < len(results[kind]) for run in [results[kind][i]]]
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    return (f"<!-- {plan.tag} -->\n## {plan.heading} ({stamp})\n\n"
            + "\n".join(table) + "\n\n### Against the targets\n\n" + "\n".join(targets)
            + "\n\n### Machine\n\n" + "\n".join(f"- {k}: {v}" for k, v in facts.items())
            + "\n\n### Every run (in the order run)\n\n| input | run | wall s | CPU s "
            "| peak RSS GiB | load (1 min) |\n|---|---:|---:|---:|---:|---:|\n"
            + "\n".join(every) + f"\n<!-- /{plan.tag} -->\n")


def write_results(tag: str, block: str) -> None:
    """RESULTS_INGEST.md: a section per number of cases, this run's replacing its own."""
    path = HERE / "RESULTS_INGEST.md"
    head = ("# bench_ingest results\n\nGenerated by `bench/bench_ingest.py`; see "
            "bench/README.md for what is measured. `bulletin facts` over the 12 months of "
            "2021, the same cases as Parquet, UTF-8 CSV and GBK CSV, the evaluations as "
            "Parquet in every dataset; one section per number of cases.\n\n")
    text = path.read_text(encoding="utf-8") if path.exists() else head
    if not text.startswith(head):
        text = head
    begin, end = f"<!-- {tag} -->", f"<!-- /{tag} -->"
    if begin in text and end in text:
        before, rest = text.split(begin, 1)
        text = before + block.rstrip("\n") + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block
    path.write_text(text, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=3_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--xlsx", action="store_true")
    ap.add_argument("--before-lib", type=Path)
    ap.add_argument("--before-label", default="before")
    ap.add_argument("--work", type=Path, help="generated datasets here (default bench/out)")
    ap.add_argument("--make", choices=["utf-8", "gbk", "xlsx", "xlsx-csv", "xlsx-parquet"])  # (how variant() calls it)
    ap.add_argument("--source", type=Path)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    if args.make:
        make(args.source, args.make, args.out)
        return
    global OUT
    OUT = args.work or OUT
    OUT.mkdir(parents=True, exist_ok=True)
    harness(args.cases, args.runs, args.xlsx, args.before_lib, args.before_label)


if __name__ == "__main__":
    main()

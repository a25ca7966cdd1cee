"""Publishing benchmark: one month, one month into a long archive, the demo.

1. ``one``: seed 000's month 2021-02 published with its own, empty reports/ and site
   folders (``--runs`` times, each from scratch): the time of a month's own work.
2. ``archive``: one month of synthetic data (``bulletin synth``, 37 months) published into
   an archive of 36 months and into an archive of 1 month (the same month before it,
   copied afresh for every run, the two interleaved): the cost of a publish must not grow
   with the archive (goal: within 1.2×).
3. ``demo``: ``bulletin demo`` into empty folders (once; ``--skip-demo`` leaves it out).

Every run is a separate ``bulletin`` process; its wall time, its CPU time with that of its
children (the kernel, pandoc) and its peak RSS (the largest process of the tree), both
from ``wait4``, are recorded, and the step times it prints. The machine is
shared: the load average before and after is written beside the results, in
bench/PUBLISH.md. The archives are cached in bench/out/publish/ (git ignores bench/out).

    .venv/bin/python bench/bench_publish.py [--runs 3] [--scale 0.02] [--skip-demo]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "publish"
BIN = Path(sys.executable).parent
STEP = re.compile(r"✓ \d+\. (.+?)（([\d.]+) 秒）")
ARCHIVE = 36


def months(first: str, count: int) -> list[str]:
    y, m = int(first[:4]), int(first[5:])
    out = []
    for _ in range(count):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


ENV = dict(os.environ)


def run(*args: str) -> dict:
    """One ``bulletin`` process: wall, CPU and peak RSS (``wait4``: its own and those of the
    children it waited for — the kernel, pandoc), and the step times it prints."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen([str(BIN / "bulletin"), *args], cwd=ROOT, env=ENV,
                                   stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    if process.returncode != 0:
        sys.exit(f"bulletin {' '.join(args)} failed:\n{stderr[-3000:]}")
    steps: dict[str, float] = {}
    for label, seconds in STEP.findall(stderr):
        kind = re.sub(r"\d{4}-\d{2} ?", "", label).strip()
        steps[kind] = steps.get(kind, 0.0) + float(seconds)
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
            "rss": usage.ru_maxrss / 2**20, "steps": steps}


def machine() -> str:
    with open("/proc/cpuinfo") as info:
        cpu = next((line.split(":", 1)[1].strip() for line in info
                    if line.startswith("model name")), platform.processor())
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores, {cpu}, {mem:.0f} GiB, Python {platform.python_version()}"


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def code(lib: Path) -> str:
    """The code timed, as a reader can find it: its commit, not a folder of this machine."""
    where = ("this checkout's `lib/`" if Path(lib).resolve() == (ROOT / "lib").resolve()
             else "another checkout's `lib/` (`--lib`)")
    done = subprocess.run(["git", "-C", str(lib), "log", "-1", "--format=%h %s"],
                          capture_output=True, text=True, check=False)
    return f"{where} at {done.stdout.strip()[:60]}" if done.returncode == 0 else where


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20


def one_month(runs: int) -> list[dict]:
    results = []
    for i in range(runs):
        where = OUT / "one"
        shutil.rmtree(where, ignore_errors=True)
        print(f"seed000 2021-02, run {i + 1}/{runs} …", flush=True)
        results.append(run("publish", "--dataset", "data/seed000", "--month", "2021-02",
                           "--reports", str(where / "reports"), "--site", str(where / "site")))
        print(f"  {results[-1]['wall']:.1f} s", flush=True)
    return results


def archive(scale: float) -> tuple[Path, list[str], dict]:
    """The synthetic dataset (37 months) and the 36-month and 1-month archives, cached."""
    base = OUT / f"archive-{scale}"
    data = base / "data" / "synthetic"
    all_months = months("2021-01", ARCHIVE + 1)
    made = {}
    if not (data / "units.csv").is_file():
        print(f"generating {len(all_months)} months at scale {scale} …", flush=True)
        run("synth", "--out", str(data), "--from", all_months[0], "--to", all_months[-1],
            "--scale", str(scale))
    for name, held in (("a36", all_months[:ARCHIVE]), ("a1", all_months[ARCHIVE - 1:ARCHIVE])):
        if not (base / name / "done").is_file():
            print(f"publishing the archive {name} ({len(held)} months) …", flush=True)
            shutil.rmtree(base / name, ignore_errors=True)
            made[name] = run("publish", "--dataset", str(data), *[a for m in held for a in ("--month", m)],
                             "--reports", str(base / name / "reports"),
                             "--site", str(base / name / "site"))
            (base / name / "done").write_text("", encoding="utf-8")
        # the archive's site made by this code (a site from other code is made afresh by
        # the first publish into it, not reused: that would time the renderer's change)
        run("site", "--reports", str(base / name / "reports"), "--dataset", "synthetic",
            "--site", str(base / name / "site"))
    return base, all_months, made


def into_archive(base: Path, name: str, month: str) -> dict:
    work = OUT / "work"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(base / name, work, symlinks=True)
    return run("publish", "--dataset", str(base / "data" / "synthetic"), "--month", month,
               "--reports", str(work / "reports"), "--site", str(work / "site"))


def median(results: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in results)


def step_medians(results: list[dict]) -> str:
    keys = list(dict.fromkeys(k for r in results for k in r["steps"]))
    return "; ".join(f"{k} {statistics.median(r['steps'].get(k, 0.0) for r in results):.1f}"
                     for k in keys)


def row(label: str, results: list[dict]) -> str:
    walls = ", ".join(f"{r['wall']:.1f}" for r in results)
    return (f"| {label} | {walls} | {median(results, 'wall'):.1f} | {median(results, 'cpu'):.1f} "
            f"| {max(r['rss'] for r in results):.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale", type=float, default=0.02)
    parser.add_argument("--skip-demo", action="store_true")
    parser.add_argument("--skip-site", action="store_true", help="leave out `bulletin site`")
    parser.add_argument("--lib", type=Path, default=ROOT / "lib",
                        help="the lib/ folder of the code to time (another checkout: before/after)")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "PUBLISH.md")
    args = parser.parse_args()
    ENV["PYTHONPATH"] = str(args.lib.resolve())
    OUT.mkdir(parents=True, exist_ok=True)
    load_before, started = load(), time.perf_counter()
    base, all_months, made = archive(args.scale)
    one = one_month(args.runs)
    big, small = [], []
    for i in range(args.runs):  # interleaved, so both see the same machine
        for name, results in (("a36", big), ("a1", small)):
            print(f"month {all_months[-1]} into {name}, run {i + 1}/{args.runs} …", flush=True)
            results.append(into_archive(base, name, all_months[-1]))
            print(f"  {results[-1]['wall']:.1f} s", flush=True)
    full, again = [], []
    if not args.skip_site:
        print("bulletin site on the 36-month archive, from scratch and reusing …", flush=True)
        site_args = ["site", "--reports", str(base / "a36" / "reports"), "--dataset",
                     "synthetic", "--site", str(OUT / "site36")]
        shutil.rmtree(OUT / "site36", ignore_errors=True)
        full = [run(*site_args, "--full") for _ in range(args.runs)]
        again = [run(*site_args) for _ in range(args.runs)]
    demo = []
    if not args.skip_demo:
        print("bulletin demo …", flush=True)
        shutil.rmtree(OUT / "demo", ignore_errors=True)
        demo.append(run("demo", "--reports", str(OUT / "demo" / "reports"),
                        "--site", str(OUT / "demo" / "site")))
    ratio = median(big, "wall") / median(small, "wall")
    cpu_ratio = median(big, "cpu") / median(small, "cpu")
    a36 = base / "a36"
    lines = [
        "# Publishing benchmark", "",
        (f"Run {dt.datetime.now():%Y-%m-%d %H:%M} by `bench/bench_publish.py --runs {args.runs}"
        f" --scale {args.scale}`, code {code(args.lib)}."), "",
        f"- machine: {machine()}",
        (f"- load average before: {load_before}; after: {load()}; the machine is shared, so wall "
        "times vary with what else runs — CPU seconds (the process and its children: kernel, "
        "pandoc) vary less"),
        (f"- sizes: seed 000 2021-02 (49 units, its unit_stats workbook); synthetic at scale "
        f"{args.scale} (~{int(250_000 * args.scale)} cases a month, 49 units), archive of "
        f"{ARCHIVE} months: reports {folder_mb(a36 / 'reports'):.0f} MB, site "
        f"{folder_mb(a36 / 'site'):.0f} MB"),
        f"- bench duration: {(time.perf_counter() - started) / 60:.1f} min", "",
        "| publish | wall s (each run) | median wall s | median CPU s | peak RSS GiB |",
        "|---|---|---:|---:|---:|",
        row("seed000 2021-02, own empty reports/ and site", one),
        row(f"synthetic {all_months[-1]} into a {ARCHIVE}-month archive", big),
        row(f"synthetic {all_months[-1]} into a 1-month archive", small),
        *([row(f"`bulletin site --full`, {ARCHIVE} months (no month executed)", full),
           row(f"`bulletin site`, {ARCHIVE} months, nothing changed (every page reused)", again)]
          if full else []),
        *([row("`bulletin demo` (every sample dataset, every month)", demo)] if demo else []),
        "",
        (f"{ARCHIVE}-month archive against 1-month archive: **{ratio:.2f}×** wall, "
        f"{cpu_ratio:.2f}× CPU (medians; goal within 1.2×)."), "",
        "Step medians (seconds, as `bulletin publish` prints them):", "",
        f"- seed000: {step_medians(one)}",
        f"- into {ARCHIVE} months: {step_medians(big)}",
        f"- into 1 month: {step_medians(small)}",
        *([f"- demo: {step_medians(demo)}"] if demo else []),
        *([""] + [f"Building the archive {name} took {r['wall']:.0f} s ({r['cpu']:.0f} s CPU)."
                  for name, r in made.items()] if made else []),
    ]
    text = "\n".join(lines) + "\n"
    notes = args.results
    kept = notes.read_text(encoding="utf-8").split("<!-- notes -->", 1) if notes.exists() else []
    if len(kept) == 2:
        text += "\n<!-- notes -->" + kept[1]
    notes.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()

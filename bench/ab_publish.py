"""A/B of two checkouts' lib/ in one run, interleaved so both see the same machine: seed 000's
2021-02 into empty folders (``--runs`` times each) and ``bulletin demo`` (once each), every
run a ``bulletin`` process timed by ``bench_publish.run`` (wall, CPU of it and its
children, peak RSS). Prints a line per run and a table for bench/PUBLISH.md's notes.
``--every-month``: instead of seed 000's month, each month of each sample dataset (those
the demo publishes), one ``bulletin publish`` of it into empty folders per code and run.

    .venv/bin/python bench/ab_publish.py --a /work/main/lib --b lib [--runs 2] [--skip-demo]
        [--every-month]

The outputs go to bench/out/ab/ (git ignores bench/out); compare the two demos' files
with bench/compare_outputs.py.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
from pathlib import Path

import bench_publish as bp

OUT = bp.ROOT / "bench" / "out" / "ab"


def sample_months() -> list[tuple[str, str]]:
    """(dataset, month) of every month the demo publishes, dataset by dataset."""
    from bulletin.report import available_months

    data = bp.ROOT / "data"
    return [(folder.name, month) for folder in sorted(data.iterdir())
            if (folder / "units.csv").exists() for month in available_months(folder)]


def timed(lib: Path, kind: str, where: Path) -> dict:
    bp.ENV["PYTHONPATH"] = str(lib.resolve())
    shutil.rmtree(where, ignore_errors=True)
    load = bp.load()
    if kind == "one" or "/" in kind:
        dataset, month = kind.split("/") if "/" in kind else ("seed000", "2021-02")
        result = bp.run("publish", "--dataset", f"data/{dataset}", "--month", month,
                        "--reports", str(where / "reports"), "--site", str(where / "site"))
    else:
        result = bp.run("demo", "--reports", str(where / "reports"), "--site", str(where / "site"))
    result["load"] = f"{load.split()[0]} → {bp.load().split()[0]}"
    print(f"{where.name}: {result['wall']:.1f} s wall, {result['cpu']:.1f} s CPU, load "
          f"{result['load']}", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--a", type=Path, required=True, help="lib/ of the code before")
    parser.add_argument("--b", type=Path, required=True, help="lib/ of the code after")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--skip-demo", action="store_true")
    parser.add_argument("--every-month", action="store_true")
    args = parser.parse_args()
    libs = {"A": args.a, "B": args.b}
    results: dict[tuple[str, str], list[dict]] = {}
    kinds = [f"{d}/{m}" for d, m in sample_months()] if args.every_month else ["one"]
    plan = [(kind, name) for kind in kinds for _ in range(args.runs) for name in libs]
    plan += [] if args.skip_demo else [("demo", name) for name in libs]
    for kind, name in plan:
        results.setdefault((kind, name), []).append(
            timed(libs[name], kind, OUT / f"{kind.replace('/', '-')}-{name}"))
    print("\n| run | code | wall s (each) | median wall s | median CPU s | load (1 min) |")
    print("|---|---|---|---:|---:|---|")
    for (kind, name), runs in results.items():
        walls = ", ".join(f"{r['wall']:.1f}" for r in runs)
        label = {"one": "seed000 2021-02", "demo": "demo"}.get(kind, kind.replace("/", " "))
        print(f"| {label} | {name} `{libs[name]}` | "
              f"{walls} | {statistics.median(r['wall'] for r in runs):.1f} | "
              f"{statistics.median(r['cpu'] for r in runs):.1f} | "
              f"{'; '.join(r['load'] for r in runs)} |")


if __name__ == "__main__":
    main()

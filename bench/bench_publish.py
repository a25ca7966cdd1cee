"""Publishing benchmark: one month, a site of 12 months, and the 13th month added to it.

Adding a month must cost about one month's time (the other months are re-rendered from
their executed notebooks, never re-executed). Everything runs in one process tree on this
machine, so the ratios are comparable; the results go to bench/PUBLISH.md.

    .venv/bin/python bench/bench_publish.py [--scale 0.02]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "publish"
BIN = Path(sys.executable).parent


def run(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([str(BIN / "bulletin"), *args], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def months(first: str, count: int) -> list[str]:
    y, m = int(first[:4]), int(first[5:])
    out = []
    for _ in range(count):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def machine() -> str:
    with open("/proc/cpuinfo") as info:
        cpu = next((line.split(":", 1)[1].strip() for line in info
                    if line.startswith("model name")), platform.processor())
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores, {cpu}, {mem:.0f} GiB, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=0.02)
    args = parser.parse_args()
    shutil.rmtree(OUT, ignore_errors=True)
    data = OUT / "data"
    all_months = months("2021-01", 13)
    print(f"generating 13 months at scale {args.scale} …", flush=True)
    run("synth", "--out", str(data), "--from", all_months[0], "--to", all_months[-1],
        "--scale", str(args.scale))
    reports, site = OUT / "reports", OUT / "_site"
    common = ["--dataset", str(data), "--reports", str(reports), "--site", str(site)]

    rows = []
    print("one month into an empty site …", flush=True)
    one = run("publish", *common, "--month", all_months[0])
    rows.append(("1 month, empty site", one))
    shutil.rmtree(reports)
    shutil.rmtree(site)
    print("12 months in one publish …", flush=True)
    twelve = run("publish", *common, *[a for m in all_months[:12] for a in ("--month", m)])
    rows.append(("12 months, one publish (= a full demo-sized site)", twelve))
    print("the 13th month added to the 12-month site …", flush=True)
    added = run("publish", *common, "--month", all_months[12])
    rows.append(("13th month added to the 12-month site", added))
    print("site rebuilt from 13 executed months (no execution) …", flush=True)
    rebuild = run("site", "--reports", str(reports), "--site", str(site))
    rows.append(("site only, 13 months, nothing executed", rebuild))

    lines = [
        "# Publishing benchmark", "",
        (f"Machine: {machine()}. Scale {args.scale} (about {int(250_000 * args.scale)} cases "
         "a month), route papermill → pandoc → typst. One run, wall-clock seconds, each step "
         "a separate `bulletin` process."), "",
        "| step | seconds |", "|---|---:|",
        *[f"| {label} | {seconds:.1f} |" for label, seconds in rows], "",
        (f"Adding the 13th month cost {added / one:.2f}× publishing one month alone, and "
         f"{added / twelve:.2f}× the 12-month publish: the other months are not re-executed."),
    ]
    (ROOT / "bench" / "PUBLISH.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()

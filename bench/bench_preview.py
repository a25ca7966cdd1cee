"""Preview benchmark: how long after a save `bulletin preview` serves the new draft.

The command runs on a copy of a sample dataset (in a temporary folder); each round appends
a sentence to the month's notes and times the save until the preview's status reports a
new draft that holds the sentence (what the open page then loads, within its 0.3 s poll).
The preview's own CPU time per build is read from /proc, so a machine busy with other
work shows in the gap between the two.

    .venv/bin/python bench/bench_preview.py [--dataset data/seed000] [--month 2021-02] [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime


def status(url: str) -> dict:
    with urllib.request.urlopen(url + "status", timeout=10) as response:
        return json.loads(response.read())


def wait(test, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not test():
        if time.monotonic() > deadline:
            raise TimeoutError
        time.sleep(0.02)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dataset", default=str(ROOT / "data" / "seed000"))
    parser.add_argument("--month", default="2021-02")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-preview-"))
    dataset = tmp / Path(args.dataset).name
    shutil.copytree(args.dataset, dataset)
    notes = dataset / "notes" / f"{args.month}.md"
    log = tmp / "preview.log"
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            [sys.executable, "-c", "from bulletin.cli import main; main()", "preview",
             "--dataset", str(dataset), "--month", args.month, "--no-browser"],
            cwd=ROOT, stdout=out, stderr=out, env={**os.environ, "COLUMNS": "400"})
    try:
        started = time.monotonic()
        wait(lambda: re.search(r"http://127\.0\.0\.1:\d+/", log.read_text(encoding="utf-8")))
        url = re.search(r"http://127\.0\.0\.1:\d+/", log.read_text(encoding="utf-8"))[0]
        wait(lambda: status(url)["version"] == 1)
        print(f"first draft (cold: imports, shell): {time.monotonic() - started:.1f} s")
        rows = []
        for n in range(1, args.rounds + 1):
            sentence = f"基准测试第{n}句。"
            time.sleep(1)  # quiet before the save
            cpu = cpu_seconds(proc.pid)
            saved = time.monotonic()
            notes.write_text(notes.read_text(encoding="utf-8") + f"\n{sentence}\n",
                             encoding="utf-8")
            wait(lambda: status(url)["version"] == n + 1)  # noqa: B023 - waited on here
            shown = time.monotonic() - saved
            page = urllib.request.urlopen(url + status(url)["draft"], timeout=10).read()
            assert sentence in page.decode("utf-8")
            build = status(url)["seconds"]
            rows.append((shown, build, cpu_seconds(proc.pid) - cpu))
            print(f"round {n}: save → new draft served {shown:.2f} s (build {build:.1f} s, "
                  f"CPU {rows[-1][2]:.2f} s)")
        for name, column in (("save → served", 0), ("build", 1), ("CPU", 2)):
            values = [row[column] for row in rows]
            print(f"{name}: median {statistics.median(values):.2f} s, "
                  f"min {min(values):.2f} s, max {max(values):.2f} s")
        print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

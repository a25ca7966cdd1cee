"""Where a publish's wall time goes: one ``bulletin publish`` run in this process with the
steps that matter timed as they start and end (seconds from the start of the process),
the notebook's cells as papermill recorded them, and when the process ended — the
critical path of a month, the kernel's and this process's work side by side.

    PYTHONPATH=lib .venv/bin/python bench/timeline_publish.py [--nice N] \
        -- --dataset data/seed000 --month 2021-02 --reports /tmp/t/r --site /tmp/t/s

The functions are wrapped as their modules are imported (the import order, which decides
when the first kernel is launched, is the command's own); those a checkout lacks are
skipped, so ``PYTHONPATH`` may name another checkout's lib/ to compare. Prints one line per event and
the process's wall, user and system seconds (its children included: the kernel, pandoc).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

# module → the functions (Class.method allowed) whose start and end are shown
WATCHED = {
    "bulletin.publish.kernel": ["EarlyKernel.__init__", "EarlyKernel.adopt", "EarlyKernel.word",
                                "EarlyKernel.shutdown", "EarlyKernel._stop", "silently",
                                "execute_month"],
    "bulletin.publish.runner": ["_checked", "warm_renderers", "warm_charts", "typeset",
                                "checked_site"],
    "bulletin.publish.staging": ["stage_all"],
    "bulletin.publish.pdf.typeset": ["make_pdf"],
    "bulletin.publish.word.document": ["make_docx"],
    "bulletin.publish.personal": ["check_published"],
    "bulletin.publish.fs": ["commit"],
    "papermill.execute": ["execute_notebook"],
}

CHILD = """
import atexit, functools, importlib.abc, importlib.util, inspect, json, sys, threading, time
T0, EVENTS, WATCHED, OUT = time.time(), [], json.loads(sys.argv[1]), sys.argv[2]

def mark(what):
    EVENTS.append((time.time() - T0, threading.current_thread().name, what))

def wrap(owner, name, label):
    f = getattr(owner, name)
    if inspect.iscoroutinefunction(f):
        async def g(*a, **k):
            mark(label + " >")
            try:
                return await f(*a, **k)
            finally:
                mark(label + " <")
    else:
        def g(*a, **k):
            mark(label + " >")
            try:
                return f(*a, **k)
            finally:
                mark(label + " <")
    setattr(owner, name, functools.wraps(f)(g))

class Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name not in WATCHED:
            return None
        sys.meta_path.remove(self)
        try:
            spec = importlib.util.find_spec(name)
        finally:
            sys.meta_path.insert(0, self)
        run = spec.loader.exec_module
        def exec_module(module):
            run(module)
            for dotted in WATCHED[name]:
                owner, *parts = module, *dotted.split(".")
                for part in parts[:-1]:
                    owner = getattr(owner, part, None)
                if hasattr(owner, parts[-1]):  # (another checkout may not have it)
                    wrap(owner, parts[-1], name.rsplit(".", 1)[-1] + "." + dotted)
            mark("imported " + name)
        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, Finder())
def written():
    mark("exit")
    with open(OUT, "w") as out:
        json.dump({"t0": T0, "events": EVENTS}, out)

atexit.register(written)
sys.argv = ["bulletin", *sys.argv[3:]]
from bulletin.cli import app
app()
"""


def notebook_cells(reports: Path, t0: float) -> list[str]:
    """The executed notebooks' cells under ``reports``: start → end, from process start."""
    lines = []
    for path in sorted(reports.glob("*/*/bulletin.ipynb")):
        for number, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
            seen = cell.get("metadata", {}).get("papermill", {})
            if seen.get("start_time"):
                start, end = (datetime.datetime.fromisoformat(seen[k]).timestamp() - t0
                              for k in ("start_time", "end_time"))
                first = "".join(cell["source"]).splitlines()[-1][:50]
                lines.append(f"{start:7.3f} → {end:7.3f}  cell {number} of "
                             f"{path.parent.name} ({end - start:.3f} s): {first}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nice", type=int, default=0, help="run at this niceness")
    parser.add_argument("publish", nargs=argparse.REMAINDER,
                        help="-- then bulletin publish's arguments")
    args = parser.parse_args()
    options = [a for a in args.publish if a != "--"]
    reports = Path(options[options.index("--reports") + 1])
    trace = Path(f"/tmp/timeline-{os.getpid()}.json")
    started = time.time()
    subprocess.run(["nice", "-n", str(args.nice), sys.executable, "-c", CHILD,
                    json.dumps(WATCHED), str(trace), "publish", *options], check=True)
    wall = time.time() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    data = json.loads(trace.read_text(encoding="utf-8"))
    trace.unlink()
    lines = [f"{t:7.3f}            {thread[:14]:14} {what}" for t, thread, what in data["events"]]
    lines += notebook_cells(reports, data["t0"])
    for line in sorted(lines, key=lambda line: float(line[:7])):
        print(line)
    print(f"process ended at {started + wall - data['t0']:.3f}; wall {wall:.2f} s, user "
          f"{usage.ru_utime:.2f} s, sys {usage.ru_stime:.2f} s (with its children)")


if __name__ == "__main__":
    main()

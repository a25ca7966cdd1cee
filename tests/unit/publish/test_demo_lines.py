"""The demo's workers (publish.demo): every line written to a worker's stdout or stderr —
by the worker itself or by a process it started (a notebook's kernel writes to the stderr
it inherited, not through Python) — reaches the demo's stderr after the dataset's name."""

from __future__ import annotations

import os
import subprocess
import sys

from bulletin.publish.demo import _Prefixed

CHILD = """
import os, sys
print("子进程 stdout", flush=True)
os.write(2, b"[IPKernelApp] WARNING | kernel log\\nthread 'main' panicked at src/lib.rs\\n")
sys.stderr.write("两行\\n之二\\n")
os.write(2, b"no end of line")
"""


def test_a_child_processes_lines_each_carry_the_prefix(capfd):
    with _Prefixed("[seed004] "):
        os.write(2, "本进程的一行\n".encode())
        os.write(1, b"stdout ")  # a line in two writes is one line, prefixed once
        os.write(1, b"of this process\n")
        subprocess.run([sys.executable, "-c", CHILD], check=True)
    os.write(2, b"after\n")  # restored: no prefix once the dataset is done
    out, err = capfd.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "[seed004] 本进程的一行", "[seed004] stdout of this process", "[seed004] 子进程 stdout",
        "[seed004] [IPKernelApp] WARNING | kernel log",
        "[seed004] thread 'main' panicked at src/lib.rs", "[seed004] 两行", "[seed004] 之二",
        "[seed004] no end of line", "after"]


def test_the_next_dataset_in_the_same_worker_has_its_own_prefix(capfd):
    for name in ("seed000", "seed001"):
        with _Prefixed(f"[{name}] "):
            subprocess.run([sys.executable, "-c", f"print('{name} 的一行')"], check=True)
    assert capfd.readouterr().err.splitlines() == ["[seed000] seed000 的一行",
                                                   "[seed001] seed001 的一行"]

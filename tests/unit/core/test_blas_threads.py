"""Importing bulletin before numpy leaves OpenBLAS one thread (``bulletin/__init__``): its
idle workers spin after numpy is imported, ~0.14 CPU-s a process on two cores, and bulletin
does no linear algebra. A value the environment already gives is kept."""

from __future__ import annotations

import json
import os
import subprocess
import sys

CHECK = """
import json, os
{setup}
import numpy
print(json.dumps({{"threads": len(os.listdir("/proc/self/task")),
                  "setting": os.environ.get("OPENBLAS_NUM_THREADS")}}))
"""


def run(setup: str, **env: str) -> dict:
    clean = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    done = subprocess.run([sys.executable, "-c", CHECK.format(setup=setup)], check=True,
                          capture_output=True, text=True, env={**clean, **env})
    return json.loads(done.stdout)


def test_importing_bulletin_first_leaves_numpy_a_single_thread():
    after = run("import bulletin")
    assert after == {"threads": 1, "setting": "1"}
    plain = run("")  # numpy alone: an OpenBLAS worker more per further core
    assert plain["setting"] is None
    if len(os.sched_getaffinity(0)) > 1:
        assert plain["threads"] > 1


def test_a_setting_of_the_environment_is_kept():
    assert run("import bulletin", OPENBLAS_NUM_THREADS="2")["setting"] == "2"
    assert run("import bulletin", OPENBLAS_NUM_THREADS="2")["threads"] == 2

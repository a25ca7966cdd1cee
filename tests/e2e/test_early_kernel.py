"""publish.kernel: the first month's notebook runs in the kernel the run launched as it
started — moved into the month folder, its preloaded modules there, no execution count
spent — and that kernel is stopped once the notebook ran; one not used is stopped too."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import nbformat
import pytest

from bulletin.publish.kernel import AHEAD, EarlyKernel, execute_month
from support.mini_bulletin import TEMPLATE

# a module the notebook never imports: present only in the kernel that preloaded it
PROBE = "wave"


def probed_template(tmp_path: Path) -> Path:
    nb = nbformat.read(TEMPLATE, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(
        "import os as _o, sys as _s, json as _j\n"
        "open(_o.path.join(out_dir, 'kernel.json'), 'w').write(_j.dumps(\n"
        f"    {{'cwd': _o.getcwd(), 'preloaded': {PROBE!r} in _s.modules, 'pid': _o.getpid()}}))"))
    path = tmp_path / "probed.ipynb"
    nbformat.write(nb, path)
    return path


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.mark.parametrize("early", [True, False])
def test_the_first_notebook_runs_in_the_kernel_launched_early(tmp_path, early):
    template = probed_template(tmp_path)
    folder = tmp_path / "reports" / "fixture" / ".2021-01.new-0123456789ab"
    kernel = EarlyKernel(preload=(PROBE,)) if early else None
    AHEAD.started, AHEAD.early = threading.Event(), kernel
    try:
        execute_month(tmp_path / "fixture", "2021-01", folder, template)
    finally:
        AHEAD.early = None
    seen = json.loads((folder / "kernel.json").read_text(encoding="utf-8"))
    assert seen["cwd"] == str(folder.resolve())
    assert seen["preloaded"] is early
    nb = nbformat.read(folder / "bulletin.ipynb", as_version=4)
    counts = [cell.execution_count for cell in nb.cells if cell.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1))  # the preload and the chdir took none
    assert gone(seen["pid"])  # stopped once the notebook ran
    if early:
        assert AHEAD.started.is_set() and kernel.adopt(folder) is None  # one notebook only


def test_a_kernel_not_used_is_stopped():
    kernel = EarlyKernel(preload=())
    pid = kernel.km.provisioner.pid
    assert not gone(pid)
    with kernel:
        pass
    assert gone(pid) and not kernel.sockets.exists()
    kernel.shutdown()  # again: nothing

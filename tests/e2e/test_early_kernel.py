"""publish.kernel: the first month's notebook runs in the kernel the run launched as it
started — moved into the month folder, its preloaded modules there, no execution count
spent — and that kernel then makes the month's Word file (the same file as made here)
and stops; one not used is stopped too, and one that cannot make it says so."""

from __future__ import annotations

import io
import json
import os
import signal
import threading
import zipfile
from pathlib import Path

import nbformat
import pytest

from bulletin.publish.kernel import AHEAD, EarlyKernel, execute_month
from bulletin.publish.word import make_docx
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
    if early:  # kept for the month's Word file (EarlyKernel.word), then stopped
        assert not gone(seen["pid"]) and kernel.ran == folder.resolve()
        assert AHEAD.started.is_set() and kernel.adopt(folder) == {}  # one notebook only
        kernel.shutdown()
    assert gone(seen["pid"])  # papermill's own: stopped once the notebook ran


def docx_parts(path: Path) -> dict[str, bytes]:
    """The Word file's parts but the one stamped with the time it was made."""
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist() if name != "docProps/core.xml"}


def executed_early(tmp_path: Path) -> tuple[EarlyKernel, Path, int]:
    template = probed_template(tmp_path)
    folder = tmp_path / "reports" / "fixture" / ".2021-01.new-0123456789ab"
    kernel = EarlyKernel(preload=())
    AHEAD.started, AHEAD.early = threading.Event(), kernel
    try:
        execute_month(tmp_path / "fixture", "2021-01", folder, template)
    finally:
        AHEAD.early = None
    return kernel, folder.resolve(), json.loads((folder / "kernel.json").read_text())["pid"]


def test_the_kernel_makes_the_months_word_file_then_stops(tmp_path):
    kernel, folder, pid = executed_early(tmp_path)
    notebook = (folder / "bulletin.ipynb").read_bytes()
    assert kernel.word(tmp_path) is None  # another folder: not the month it ran
    word = kernel.word(folder)
    assert word is not None and word.wait() and word.elapsed() > 0
    assert kernel.word(folder) is None  # one Word file
    kernel.shutdown()
    assert gone(pid) and not kernel.sockets.exists()
    made_here = make_docx(folder, out=tmp_path / "here.docx")
    assert docx_parts(folder / "bulletin.docx") == docx_parts(made_here)
    assert (folder / "bulletin.ipynb").read_bytes() == notebook  # outside the notebook
    assert sorted(p.name for p in folder.iterdir() if p.name.endswith(".part")) == []


def test_a_word_file_the_kernel_cannot_make_is_not_ok(tmp_path):
    kernel, folder, pid = executed_early(tmp_path)
    (folder / "meta.json").write_text("{}", encoding="utf-8")  # no month in it
    word = kernel.word(folder)
    assert word is not None and word.wait() is False  # the caller makes it, and fails, itself
    assert not (folder / "bulletin.docx").exists()
    kernel.shutdown()
    assert gone(pid)


def test_a_kernel_stopped_makes_no_word_file(tmp_path):
    kernel, folder, pid = executed_early(tmp_path)
    kernel.shutdown()
    assert gone(pid) and kernel.word(folder) is None


def test_a_kernel_not_used_is_stopped():
    kernel = EarlyKernel(preload=())
    pid = kernel.km.provisioner.pid
    assert not gone(pid)
    with kernel:
        pass
    assert gone(pid) and not kernel.sockets.exists()
    kernel.shutdown()  # again: nothing


def test_the_word_file_is_made_here_when_the_kernel_died(tmp_path):
    from rich.console import Console

    from bulletin.publish.runner import Steps, typeset

    kernel, folder, pid = executed_early(tmp_path)
    os.kill(pid, signal.SIGKILL)  # its reply never comes: the manager sees it dead
    steps = Steps(Console(file=io.StringIO()))
    typeset(folder, "2021-01", steps, None, None, kernel)
    assert (folder / "bulletin.pdf").is_file()
    made_here = make_docx(folder, out=tmp_path / "here.docx")
    assert docx_parts(folder / "bulletin.docx") == docx_parts(made_here)
    assert {"pdf", "docx"} <= set(steps.timings)
    kernel.shutdown()



def test_the_kernel_scans_the_datasets_fonts_beside_the_cells_once_the_first_has_run(tmp_path):
    """``kernel.warm``: the review's font families (typst scans every font file) are found
    in a thread once the first cell has run, not while the kernel starts: a cell after it
    (before anything of the notebook asked) finds those of the dataset's folders scanned."""
    dataset = Path(__file__).resolve().parents[2] / "data" / "seed000"
    nb = nbformat.read(TEMPLATE, as_version=4)
    nb.cells.insert(1, nbformat.v4.new_code_cell(
        "import json as _j, os as _o, threading as _t\n"
        "from bulletin.core import fonts as _f\n"
        "[_x.join() for _x in _t.enumerate() if _x.name == 'warm fonts']\n"
        "_before = _f._families.cache_info()\n"
        "_f._families(tuple(_f.dataset_font_folders(dataset)))\n"
        "_after = _f._families.cache_info()\n"
        "_o.makedirs(out_dir, exist_ok=True)\n"
        "open(_o.path.join(out_dir, 'fonts.json'), 'w').write(_j.dumps(\n"
        "    {'scanned': _before.currsize, 'hits': _after.hits - _before.hits}))"))
    template = tmp_path / "fonts.ipynb"
    nbformat.write(nb, template)
    folder = tmp_path / "reports" / "seed000" / ".2021-01.new-0123456789ab"
    kernel = EarlyKernel(preload=(), dataset=dataset)
    AHEAD.started, AHEAD.early = threading.Event(), kernel
    try:
        execute_month(dataset, "2021-01", folder, template)
    finally:
        AHEAD.early = None
        kernel.shutdown()
    seen = json.loads((folder / "fonts.json").read_text(encoding="utf-8"))
    assert seen == {"scanned": 1, "hits": 1}  # scanned ahead: the cell's own ask was a hit

"""One read: publishing a month opens each of its input files once per process.

A publish reads a month twice over, in two processes: the parent checks it before any
notebook runs (publish.preflight, then the personal data typed into it,
publish.personal.typed_in_inputs), and the kernel executes the notebook (the steps of
report.pipeline: the month opened, the title block, every section, the review, meta.json
and the downloads). Each is run here in-process for every month of every sample dataset,
with every way a file is opened counted per path: Python's open (Path.read_bytes/read_text/
open go through io.open), fastexcel and openpyxl for workbooks, polars and pyarrow for
Parquet.

The documents of attachments/ are read once with the month's tables (ingest.month), the
personal data typed into them taken from that read. The notes are read once by the kernel (``MonthlyBulletin.notes_raw``) for every section,
the proofreading and the sign-off; dataset.yml once by the parent (the config keeps the
text it read, which the personal-data scan reuses). Two things are not counted as a read: hashing a file for meta.json's provenance
(core.provenance.file_sha256, bytes only, never parsed), and the footer, checksum flag
and pages of one Parquet file opened by ``ingest.readers.parquet_table`` (one read of a
columnar file: counted once). Likewise the passes of ``ingest.grid.csv_grid`` over one CSV
(told apart from other versions of the file, its encoding told, its text parsed into a
grid, each reading it in pieces) are one read, counted once.
"""

from __future__ import annotations

import builtins
import io
from collections import Counter
from pathlib import Path

import fastexcel
import openpyxl
import polars as pl
import pyarrow.parquet as pq
import pytest

from bulletin.core import provenance
from bulletin.ingest import provenance as month_provenance
from bulletin.ingest import readers
from bulletin.publish.personal import typed_in_inputs
from bulletin.publish.preflight import check_inputs
from bulletin.report.loader import available_months
from support.notebook_steps import run_notebook_steps
from support.paths import DATA

DATASETS = sorted(p for p in DATA.iterdir() if (p / "units.csv").is_file())
MONTHS = [(folder, month) for folder in DATASETS for month in available_months(folder)]
# Each dataset's latest month in make check; its earlier months (synthetic's six, qinglan's
# first) in the full suite only: the kernel takes about a second a month
LATEST = dict(MONTHS)  # months are oldest first: the last one of each folder stays
EACH_MONTH = [pytest.param(folder, month, id=f"{folder.name}-{month}",
                           marks=() if LATEST[folder] == month else pytest.mark.slow)
              for folder, month in MONTHS]


class Opens:
    """Opens of files under ``folder``, per path relative to it."""

    def __init__(self, folder: Path):
        self.folder = folder.resolve()
        self.counts: Counter[str] = Counter()
        self.paused = 0

    def note(self, source) -> None:
        if self.paused or not isinstance(source, (str, Path)):
            return
        path = Path(source).resolve()
        if self.folder in path.parents:
            self.counts[path.relative_to(self.folder).as_posix()] += 1

    def counting(self, func):
        def opened(source, *args, **kwargs):
            self.note(source)
            return func(source, *args, **kwargs)
        return opened

    def uncounted(self, func):
        def run(*args, **kwargs):
            self.paused += 1
            try:
                return func(*args, **kwargs)
            finally:
                self.paused -= 1
        return run

    def once(self, func):
        """One read of a file however many times the libraries open it inside ``func``."""
        def run(path, *args, **kwargs):
            self.note(path)
            return self.uncounted(func)(path, *args, **kwargs)
        return run

    def twice(self) -> dict[str, int]:
        return {path: n for path, n in sorted(self.counts.items()) if n != 1}


@pytest.fixture
def opens(monkeypatch):
    def install(folder: Path) -> Opens:
        seen = Opens(folder)
        for owner, name in [(io, "open"), (builtins, "open")]:
            monkeypatch.setattr(owner, name, seen.counting(getattr(owner, name)))
        # a library's own opens inside one call (openpyxl's zipfile …) are that call's
        for owner, name in [(fastexcel, "read_excel"), (openpyxl, "load_workbook"),
                            (pl, "read_parquet"), (pl, "scan_parquet"),
                            (pl, "read_parquet_schema"), (pq, "ParquetFile")]:
            monkeypatch.setattr(owner, name, seen.once(getattr(owner, name)))
        monkeypatch.setattr(readers, "parquet_table", seen.once(readers.parquet_table))
        monkeypatch.setattr(readers, "csv_grid", seen.once(readers.csv_grid))
        for owner in (provenance, month_provenance):
            monkeypatch.setattr(owner, "file_sha256", seen.uncounted(provenance.file_sha256))
        return seen
    return install


def kernel(folder: Path, month: str, out: Path) -> None:
    """What notebooks/bulletin.ipynb runs, in its order (report.pipeline's steps)."""
    run_notebook_steps(folder, month, out)


def parent(folder: Path, month: str) -> None:
    """What bulletin publish reads of the month before the kernel starts."""
    opened = {}
    check_inputs(folder, [month], accept_loss=True, opened=opened)
    typed_in_inputs(folder, month, opened[month])


def test_every_sample_month_is_a_month():
    """The months below are every sample dataset's: none left out by a wrong folder."""
    assert {f.name for f in DATASETS} >= {"seed000", "seed001", "seed002", "seed003",
                                          "seed004", "synthetic", "qinglan"}
    assert len(MONTHS) >= 13


@pytest.mark.parametrize(("folder", "month"), EACH_MONTH)
def test_kernel_opens_each_input_once(opens, tmp_path, folder, month):
    seen = opens(folder)
    kernel(folder, month, tmp_path)
    assert seen.counts, "nothing counted: the instruments do not see the reads"
    assert seen.twice() == {}
    assert "units.csv" in seen.counts and "dataset.yml" in seen.counts


def test_kernel_opens_the_notes_once(opens, tmp_path):
    folder = DATA / "seed000"
    seen = opens(folder)
    kernel(folder, "2021-02", tmp_path)
    assert seen.counts["notes/2021-02.md"] == 1


ATTACHMENT = "attachments/2021-09/01_市政府交办事项.md"  # seed 004's 附件3


def test_kernel_reads_the_month_s_documents_once(opens, tmp_path):
    folder = DATA / "seed004"
    seen = opens(folder)
    kernel(folder, "2021-09", tmp_path)
    assert seen.counts[ATTACHMENT] == 1


def test_publish_check_reads_the_month_s_documents_once_for_their_personal_data(opens):
    folder = DATA / "seed004"
    seen = opens(folder)
    opened = {}
    check_inputs(folder, ["2021-09"], accept_loss=True, opened=opened)
    found = typed_in_inputs(folder, "2021-09", opened["2021-09"])
    assert seen.counts[ATTACHMENT] == 1
    # its two mobile numbers (lines 11 and 19) are named without another read
    assert [(p.file, p.line, p.masked) for p in found if p.file == ATTACHMENT] == [
        (ATTACHMENT, 11, "187＊＊＊＊0028"), (ATTACHMENT, 19, "177＊＊＊＊6938")]


@pytest.mark.parametrize(("folder", "month"), EACH_MONTH)
def test_publish_check_opens_each_input_once(opens, folder, month):
    seen = opens(folder)
    parent(folder, month)
    assert seen.twice() == {}
    assert "units.csv" in seen.counts and "dataset.yml" in seen.counts


def test_publish_check_opens_dataset_yml_once(opens):
    seen = opens(DATA / "seed003")
    parent(DATA / "seed003", "2022-09")
    assert seen.counts["dataset.yml"] == 1


def test_a_second_read_is_counted(opens, tmp_path):
    """The instruments see what they must: a file read twice is named with its count."""
    folder = DATA / "seed003"
    seen = opens(folder)
    (folder / "items" / "2022-09.csv").read_bytes()
    (folder / "items" / "2022-09.csv").read_text(encoding="utf-8")
    with open(folder / "units.csv", "rb"):
        pass
    assert seen.twice() == {"items/2022-09.csv": 2}

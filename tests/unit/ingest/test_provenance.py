"""The provenance of a month (meta.json's ``provenance``): each input file the month read,
with its size, SHA-256 (worked out here from the bytes with hashlib) and its rows read =
used + quarantined; dataset.yml and the notes hashed; the tool's version and commit (None
outside a git checkout, never an error); the notebook's parameters. A meta.json of
version 3 (before provenance) is still read."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess

import pytest

from bulletin import open_month
from bulletin.core.meta import SCHEMA_VERSION, read_meta
from bulletin.core.provenance import installed_from, tool_commit
from bulletin.ingest.dataset import Dataset
from bulletin.ingest.provenance import files_read, month_provenance
from bulletin.report.outputs import write_outputs
from support.handmade import write
from support.losses import quarantined
from support.paths import ROOT


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_each_input_file_is_recorded_with_its_hash_and_rows(tmp_path):
    folder = quarantined(tmp_path / "ds")  # March: 197 good rows, 3 with 承诺时限 −1
    write(folder, "notes/2021-03.md", "## 工作动态\n\n本月开展培训。\n")
    b = open_month(folder, "2021-03")
    p = month_provenance(b.dataset, "2021-03", b.ingestion, {"dataset": "ds", "month": "2021-03"})
    got = {f.path: (f.size, f.sha256, f.read, f.used, f.quarantined) for f in p.inputs}
    cases = [folder / "cases" / "2021-02.csv", folder / "cases" / "2021-03.csv"]
    assert got == {
        "units.csv": ((folder / "units.csv").stat().st_size, sha(folder / "units.csv"),
                      None, None, None),
        # February 200 rows, none bad; March 200 = 197 + 3 (the month reads every case file)
        "cases/2021-02.csv": (cases[0].stat().st_size, sha(cases[0]), 200, 200, 0),
        "cases/2021-03.csv": (cases[1].stat().st_size, sha(cases[1]), 200, 197, 3),
    }
    assert [f.path for f in p.inputs] == ["units.csv", "cases/2021-02.csv", "cases/2021-03.csv"]
    assert (p.config.path, p.config.sha256) == ("dataset.yml", sha(folder / "dataset.yml"))
    assert (p.notes.path, p.notes.sha256) == ("notes/2021-03.md", sha(folder / "notes/2021-03.md"))
    assert p.parameters == {"dataset": "ds", "month": "2021-03"}
    assert p.created[:4] >= "2024" and p.created[10] == "T"


def test_a_month_without_notes_records_none(tmp_path):
    folder = quarantined(tmp_path / "ds")
    b = open_month(folder, "2021-02")
    assert month_provenance(b.dataset, "2021-02", b.ingestion, {}).notes is None


def test_aggregated_folders_record_the_files_of_the_months_read(tmp_path):
    """scores/ of the month and the one before, items/ hall/ targets/ of the month only."""
    folder = quarantined(tmp_path / "ds")
    for rel in ("scores/2021-02_A组.csv", "scores/2021-03_A组.csv", "scores/2021-01_A组.csv",
                "items/2021-03.csv", "items/2021-02.csv", "hall/2021-03_windows.csv",
                "targets/2021-03.csv", "targets/2021-04.csv"):
        write(folder, rel, "x\n")
    ds = Dataset.open(folder)  # the files are listed, not read
    names = [p.relative_to(folder).as_posix() for p in files_read(ds, "2021-03")]
    assert names == ["units.csv", "cases/2021-02.csv", "cases/2021-03.csv",
                     "scores/2021-02_A组.csv", "scores/2021-03_A组.csv", "items/2021-03.csv",
                     "hall/2021-03_windows.csv", "targets/2021-03.csv"]


def test_meta_json_carries_the_provenance_and_is_read_back(tmp_path):
    folder = quarantined(tmp_path / "ds")
    written = write_outputs(open_month(folder, "2021-03"), tmp_path / "out")
    meta = read_meta(written.meta)
    assert meta.schema_version == SCHEMA_VERSION == 5
    assert meta.provenance.parameters == {"dataset": str(folder.resolve()), "month": "2021-03",
                                          "out_dir": str(tmp_path / "out")}
    assert [f.quarantined for f in meta.provenance.inputs] == [None, 0, 3]


def test_a_meta_json_of_version_3_is_still_read(tmp_path):
    folder = quarantined(tmp_path / "ds")
    written = write_outputs(open_month(folder, "2021-03"), tmp_path / "out")
    raw = json.loads(written.meta.read_text(encoding="utf-8"))
    del raw["provenance"]
    raw["schema_version"] = 3
    written.meta.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    meta = read_meta(written.meta)
    assert meta.provenance is None and meta.schema_version == 3
    assert meta.headline[0].display == "197"  # 全市申请件: 197 good March rows


def test_the_tool_commit_is_none_outside_a_git_checkout(tmp_path):
    assert tool_commit(tmp_path) == (None, None)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_tool_commit_of_a_checkout(tmp_path):
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(tmp_path), "-c", "user.name=t",
                               "-c", "user.email=t@example.org", *args], capture_output=True,
                              text=True, check=True).stdout.strip()

    git("init", "-q")
    (tmp_path / "a.txt").write_text("1", encoding="utf-8")
    git("add", "a.txt")
    git("commit", "-q", "-m", "one")
    assert tool_commit(tmp_path) == (git("rev-parse", "HEAD"), False)
    (tmp_path / "a.txt").write_text("2", encoding="utf-8")
    assert tool_commit(tmp_path) == (git("rev-parse", "HEAD"), True)


def test_the_project_root_is_where_the_package_was_installed_from():
    """scripts/setup.sh installs the project in editable mode: the installer recorded it."""
    assert installed_from() == ROOT
    commit, _ = tool_commit()
    assert commit is None or len(commit) == 40

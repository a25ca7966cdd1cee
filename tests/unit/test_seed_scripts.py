"""The sample datasets' inputs are what their scripts (data/seed00N/make_*.py) make from the
seeds' texts kept in the repository (tests/fixtures/seeds/): each script is run on a copy of
its dataset folder beside a copy of those texts, and every file it writes is the committed
one — a CSV or text byte for byte, a workbook cell for cell (its zip carries a timestamp)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import openpyxl
import pytest

from support.paths import DATA, ROOT

SCRIPTS = sorted(p.relative_to(DATA) for p in DATA.glob("seed00?/make_*.py"))
# hand-made samples whose figures are their script's own tables
HANDMADE = [p.relative_to(DATA) for p in (DATA / "yunling" / "make_yunling.py",)]


def cells(path) -> list:
    book = openpyxl.load_workbook(path)
    return [(ws.title, [[c.value for c in row] for row in ws.iter_rows()]) for ws in book]


def test_every_seed_dataset_has_its_script():
    assert {p.parts[0] for p in SCRIPTS} == {f"seed00{n}" for n in range(5)}


@pytest.mark.parametrize("script", SCRIPTS + HANDMADE, ids=str)
def test_the_script_remakes_the_committed_inputs_from_the_seeds_text(script, tmp_path):
    shutil.copytree(ROOT / "tests" / "fixtures" / "seeds", tmp_path / "tests" / "fixtures" / "seeds")
    folder = tmp_path / "data" / script.parts[0]
    shutil.copytree(DATA / script.parts[0], folder)
    before = {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}
    subprocess.run([sys.executable, str(folder / script.name)], cwd=folder, check=True,
                   capture_output=True, timeout=120)
    written = [p for p in folder.rglob("*") if p.is_file() and p != folder / script.name
               and p.stat().st_mtime_ns != before.get(p) and "__pycache__" not in p.parts]
    assert written, "the script wrote nothing"
    for path in written:
        committed = DATA / path.relative_to(tmp_path / "data")
        assert committed.is_file(), f"{path.name} is not committed"
        if path.suffix == ".xlsx":
            assert cells(path) == cells(committed), path.name
        else:
            assert path.read_bytes() == committed.read_bytes(), path.name

"""Docs that hold: what the code and the docs cite is in the repository, the README's map
of the package points at every layer's face, and measured numbers live in bench/.

* No code, docstring, help text, template, notebook, test or doc cites a specification
  users do not have (the ``spec/`` files, the data contract, ``../shared``): what they
  describe is in docs/ (inputs.md, definitions.md, config.md).
* No tracked file of the repository (``git ls-files``: data/ and tests/ included) names the
  folder the seeds' texts were first read from, nor their file names: a seed is 「seed 00N」
  (its text, when a test reads it, is tests/fixtures/seeds/).
* Every relative link of the README, docs/, bench/ and data/README.md, and every
  ``docs/<name>.md`` the code names, is a file of the repository.
* The README links each layer's ``__init__.py`` (which lists its modules: test_faces.py)
  and carries no measured time or memory: those are in bench/.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from support.paths import ROOT

# Built from pieces, so that this file does not cite them itself.
CITATIONS = re.compile("|".join([r"\bspec/", "data" + "-contract", r"\bindicators\.md\b",
                                 r"\.\./" + "shared"]))
TEXT_SUFFIXES = {".py", ".md", ".ipynb", ".html", ".typ", ".lua", ".scss", ".yml", ".yaml",
                 ".toml", ".qmd", ".sh", ".cfg", ".txt"}
# Vendored third-party files (the site's vega bundle): not ours to word.
VENDORED = ROOT / "lib" / "bulletin" / "publish" / "templates" / "site" / "assets"
MARKDOWN = [ROOT / "README.md", ROOT / "data" / "README.md",
            *sorted((ROOT / "docs").glob("*.md")), *sorted((ROOT / "bench").glob("*.md"))]


def project_texts() -> list[Path]:
    """Every text file of the project a user or a developer reads: lib, tests, docs, bench,
    notebooks, scripts and the files at the root (not the data nor generated outputs)."""
    found = [p for folder in ("lib", "tests", "docs", "bench", "notebooks", "scripts")
             for p in (ROOT / folder).rglob("*")
             if p.is_file() and p.suffix in TEXT_SUFFIXES and not p.is_relative_to(VENDORED)
             and "__pycache__" not in p.parts and "out" not in p.relative_to(ROOT).parts[:2]]
    found += [ROOT / name for name in ("README.md", "Makefile", "pyproject.toml", "_quarto.yml",
                                       "index.qmd", "environment.yml", ".importlinter")]
    found.append(ROOT / "data" / "README.md")
    return sorted(p for p in found if p.is_file() and p != Path(__file__).resolve())


def test_the_citation_pattern_finds_each_kind():
    for text in ("(spec/data-contract.md §6)", "see data-contract §4", "indicators.md",
                 "../shared/spec.md"):
        assert CITATIONS.search(text), text
    for text in ("vega spec", "docs/inputs.md", "the trends spec/s", "indicators/rollups.py"):
        assert not CITATIONS.search(text.replace("spec/s", "specs")), text


def test_nothing_cites_a_specification_users_do_not_have():
    found = [f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
             for path in project_texts()
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if CITATIONS.search(line)]
    assert found == [], "cite docs/ (inputs.md, definitions.md, config.md) instead"


# Built from pieces too: the folder as a path (…/ or "…" / in code), a seed's file name.
FOLDER_PATHS = re.compile("|".join([r"\b" + "shared" + "/", "[\"']" + "shared" + "[\"']\\s*/",
                                    r"(?<!fixtures/)" + "seeds" + "/0"]))


def tracked_texts() -> list[Path]:
    """Every file git tracks in the repository that reads as UTF-8 text, but the vendored
    bundle and this file."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                            check=True).stdout.decode().split("\0")
    return [ROOT / name for name in listed if name and (ROOT / name).is_file()
            and not (ROOT / name).is_relative_to(VENDORED) and ROOT / name != Path(__file__)]


def folder_citations(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:  # a workbook, a PDF, a font: no comment to word
        return []
    return [f"{path.relative_to(ROOT)}:{n}: {line.strip()[:120]}"
            for n, line in enumerate(text.splitlines(), 1) if FOLDER_PATHS.search(line)]


def test_the_folder_pattern_finds_each_form():
    root, seed = "shared", "seeds"
    for text in (f"(/work/{root}/{seed}/000_0f15f6b429999028.txt)", f"({root}/{seed}/004_…txt",
                 f"# the seeds' mastheads ({root}/{seed}/*.txt)", f"from {seed}/003_74.txt",
                 f'SEED = HERE.parents[2] / "{root}" / "{seed}" / "000_0f.txt"'):
        assert FOLDER_PATHS.search(text), text
    for text in ("tests/fixtures/seeds/000.txt", "seed 004 (重庆市江北区's notice of 2021-09)",
                 "a shared folder", "shared_seed = 1", "the seeds' texts"):
        assert not FOLDER_PATHS.search(text), text


def test_no_tracked_file_names_the_seeds_folder():
    found = [line for path in tracked_texts() for line in folder_citations(path)]
    assert found == [], "say 「seed 00N」 (its text: tests/fixtures/seeds/), not a path users lack"


LINK = re.compile(r"\]\(([^)\s]+)\)")
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)  # code shows links, it does not make them


@pytest.mark.parametrize("page", MARKDOWN, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_is_a_file_of_the_repository(page):
    missing = []
    for target in LINK.findall(CODE.sub("", page.read_text(encoding="utf-8"))):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue  # a web address, or an anchor in the page itself
        path = (page.parent / target.split("#")[0]).resolve()
        if not path.exists():
            missing.append(target)
    assert missing == []


def test_every_doc_the_code_names_is_in_docs():
    named = {m for path in project_texts() if path.suffix in (".py", ".ipynb")
             for m in re.findall(r"docs/([\w-]+\.md)", path.read_text(encoding="utf-8"))}
    assert named >= {"inputs.md", "definitions.md", "config.md"}
    assert sorted(n for n in named if not (ROOT / "docs" / n).is_file()) == []


def test_the_readme_points_at_the_face_of_every_layer():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    package = ROOT / "lib" / "bulletin"
    faces = sorted(p.parent.relative_to(ROOT).as_posix()
                   for p in [*package.glob("*/__init__.py"), package / "report" / "sections"
                             / "__init__.py"])
    linked = set(re.findall(r"\]\((lib/bulletin/[\w/]+)/__init__\.py\)", readme))
    assert sorted(set(faces) - linked) == [], "link these layers' faces in the README"


def test_the_readme_carries_no_measured_times_or_memory():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    measured = [line for line in readme.splitlines()
                if re.search(r"\b\d[\d,.]*\s?(s|ms|GiB|MiB)\b", line)]
    assert measured == [], "measured numbers belong in bench/ (RESULTS.md, PUBLISH.md …)"
    for page in ("bench/RESULTS.md", "bench/PUBLISH.md", "bench/TIMINGS.md"):
        assert f"]({page})" in readme

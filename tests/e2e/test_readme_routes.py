"""The README's route by hand — papermill into the month folder, then `bulletin render` —
run exactly as printed, in a copy of the project (its _quarto.yml and notebooks/, with
data/ and .venv/ linked): the commands are read out of README.md, nothing in them is
substituted. The month's PDF, Word file and site page come out with the real renderers,
and render does not execute the notebook again."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import textwrap
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support.paths import DATA, ROOT

README = ROOT / "README.md"


def readme_block(marker: str) -> list[str]:
    """The commands of the README's indented code block holding ``marker``, one per line
    (a line ending in a backslash continues on the next)."""
    lines = README.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if marker in line)
    start, end = at, at
    while start > 0 and lines[start - 1].strip():
        start -= 1
    while end + 1 < len(lines) and lines[end + 1].strip():
        end += 1
    text = textwrap.dedent("\n".join(lines[start:end + 1])).replace("\\\n", " ")
    return [line for line in text.split("\n") if line.strip()]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project: _quarto.yml and notebooks/ copied, data/ and .venv/ linked."""
    root = tmp_path_factory.mktemp("copy") / "project"
    root.mkdir()
    shutil.copy2(ROOT / "_quarto.yml", root / "_quarto.yml")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    (root / "data").symlink_to(DATA, target_is_directory=True)
    (root / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)
    return root


@pytest.fixture(scope="module")
def ran(project):
    """Each command of the block, as printed, run by bash in the copy; the month folder
    and the executed notebook as papermill left it."""
    commands = readme_block("papermill notebooks/bulletin.ipynb")
    assert [c.split()[0] for c in commands] == ["mkdir", ".venv/bin/papermill",
                                                ".venv/bin/bulletin"]
    assert commands[2].split()[1] == "render"
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"} | {"COLUMNS": "400"}
    logs, executed = [], None
    for command in commands:
        done = subprocess.run(["bash", "-c", command], cwd=project, env=env, text=True,
                              capture_output=True, timeout=900, check=False)
        assert done.returncode == 0, (command, done.stdout, done.stderr)
        logs.append(done.stderr)
        if "papermill" in command:
            folder = project / re.search(r"-p out_dir (\S+)", command).group(1)
            executed = json.loads((folder / "bulletin.ipynb").read_text(encoding="utf-8"))
    render = commands[2].split()
    assert project / render[2] == folder  # render is given the folder papermill wrote
    return folder, executed, logs


def test_the_route_gives_the_pdf_the_word_file_and_the_site_page(project, ran):
    folder, _, logs = ran
    assert folder == project / "reports" / "seed000" / "2021-02"
    pdf, docx = folder / "bulletin.pdf", folder / "bulletin.docx"
    assert pdf.read_bytes().startswith(b"%PDF")
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert int(re.search(r"Pages:\s+(\d+)", pages.stdout).group(1)) >= 3
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "2021 年第 2 期" in text.replace("\u3000", " ")
    with zipfile.ZipFile(docx) as z:
        assert "达州市" in z.read("word/document.xml").decode("utf-8")
    site = project / "_site" / "seed000"  # the dataset's own site
    page = site / "2021-02" / "index.html"  # no seed000/ level in its own site
    assert "附件" in page.read_text(encoding="utf-8")
    for name in ("bulletin.pdf", "bulletin.docx", "附件1_市级部门运行情况表.xlsx"):
        assert (page.parent / name).is_file(), name
    index = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert index.select_one(".site-name").get_text() == "达州市一体化政务服务平台运行情况通报"
    assert [a["href"] for a in index.select("a.month-link")] == ["2021-02/index.html"]
    assert f"通报：{folder.resolve() / 'bulletin.pdf'}" in logs[2]


def test_render_does_not_execute_the_notebook_again(ran):
    folder, executed, _ = ran
    after = json.loads((folder / "bulletin.ipynb").read_text(encoding="utf-8"))
    assert after["metadata"]["papermill"] == executed["metadata"]["papermill"]
    code = [c for c in after["cells"] if c["cell_type"] == "code"]
    assert [c["outputs"] for c in code] == [c["outputs"] for c in executed["cells"]
                                            if c["cell_type"] == "code"]

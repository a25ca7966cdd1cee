"""`bulletin publish` as the analyst runs it, on seed 002 (目标跟踪, 2020-12): the month page
links the download of its table, the download holds the page's figure as a number, no
download carries the analyst's text, and the command ends with where the month's review
is and how many findings it holds — a review no reader's page links to.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from bulletin.core.meta import read_meta
from support.paths import ROOT

MONTH = "2020-12"


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli")
    command = [str(Path(sys.executable).parent / "bulletin"), "publish",
               "--dataset", "data/seed002", "--month", MONTH,
               "--reports", str(root / "reports"), "--site", str(root / "_site")]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=1200,
                          env=os.environ | {"COLUMNS": "400"}, check=False)  # no wrapped lines
    assert done.returncode == 0, done.stderr
    return root, done.stderr.splitlines()


def test_publish_ends_with_the_review_of_the_month(run):
    root, lines = run
    review = root / "reports" / "seed002" / MONTH / "review.html"
    items = BeautifulSoup(review.read_text(encoding="utf-8"), "html.parser").select("ol > li")
    found = f"{len(items)} 条待核实" if items else "没有待核实的事项"
    markdown = root / "reports" / "seed002" / MONTH / "review.md"
    assert lines[-2:] == ["核查清单（供分析人员核实，不随通报印发，不在网站中）：",
                          f"  seed002 {MONTH}：{found}；{markdown}；{review}"]


def test_no_reader_page_links_the_review(run):
    root, _ = run
    pages = list((root / "_site").rglob("*.html"))
    assert pages
    assert not [p for p in pages if "review.html" in p.read_text(encoding="utf-8")]


def test_the_page_links_its_downloads_and_they_hold_its_figure(run):
    root, _ = run
    folder = root / "_site" / MONTH  # the dataset's own site: its months at its top
    meta = read_meta(root / "reports" / "seed002" / MONTH / "meta.json")
    assert meta.downloads == ["表1_指标整改提升目标及完成情况.xlsx", "表1_指标整改提升目标及完成情况.csv"]
    page = BeautifulSoup((folder / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = [a["href"] for a in page.select("section.annex-files a")]
    assert [h for h in links if h in meta.downloads] == meta.downloads
    # seed 002's table: 政务服务事项不见面审批事项占比, 2020 年达到水平 97.2%
    assert "97.2%" in page.get_text()
    sheet = load_workbook(folder / meta.downloads[0]).active
    row = next(r for r in sheet.iter_rows() if r[1].value == "政务服务事项不见面审批事项占比")
    column = next(c.column for r in sheet.iter_rows(max_row=3) for c in r if c.value == "达到水平")
    cell = sheet.cell(row[0].row, column)
    assert (cell.value, cell.number_format) == (0.972, "0.0%")


def test_downloads_carry_no_analyst_text(run):
    root, _ = run
    folder = root / "_site" / MONTH  # the dataset's own site: its months at its top
    for path in sorted(folder.glob("表*")):
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as z:
                text = "".join(z.read(n).decode("utf-8") for n in z.namelist()
                               if n.endswith(".xml"))
        else:
            text = path.read_text(encoding="utf-8-sig")
        for word in ("核查清单", "分析人员", "notes/", "review", "**", "读取"):
            assert word not in text, (path.name, word)

"""Every sample's bulletin.docx, as `bulletin publish` wrote it (tests/conftest.py's
published_demo), opened in a real office suite: LibreOffice converts it to PDF, and that
PDF reads as the bulletin — title, every heading of the notebook, seed 000's figures, the
annexes' column headers, the 版记. One LibreOffice run converts all the samples."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from bulletin.publish.blocks import is_wide
from bulletin.publish.notebook import read_report

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: "
                                "run scripts/setup.sh (libreoffice-writer-nogui)")

# One month of every sample (every profile), as tests/conftest.py publishes them.
MONTHS = ["seed000/2021-02", "seed001/2023-06", "seed002/2020-12", "seed003/2022-09",
          "seed004/2021-09", "synthetic/2021-02"]


@pytest.fixture(scope="module")
def converted(published_demo, tmp_path_factory) -> dict[str, Path]:
    """Each month's bulletin.docx converted to PDF by LibreOffice headless (one run)."""
    work = tmp_path_factory.mktemp("office")
    sources = []
    for month in MONTHS:
        source = work / (month.replace("/", "_") + ".docx")
        shutil.copy(published_demo / "reports" / month / "bulletin.docx", source)
        sources.append(source)
    done = subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation={(work / 'profile').as_uri()}",
         "--convert-to", "pdf", "--outdir", str(work / "pdf"), *map(str, sources)],
        check=False, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return {month: work / "pdf" / (month.replace("/", "_") + ".pdf") for month in MONTHS}


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(pdf: Path) -> str:
    """The PDF's text in content order (a table cell's lines stay together), unspaced."""
    return squeeze(subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                                  text=True, check=True).stdout)


def headings(report) -> list[str]:
    """Every Markdown heading the notebook printed, as text."""
    found = []
    for block in report.blocks:
        if block.kind == "markdown":
            for line in re.findall(r"^#{1,6}\s+(.+?)\s*#*\s*$", block.text, re.MULTILINE):
                found.append(squeeze(re.sub(r"<[^>]+>|\*\*", "", line)))
    return found


def annex_headers(report) -> list[str]:
    """The column and spanner headers of the month's annexes (the wide tables)."""
    found = []
    for block in report.blocks:
        if block.kind == "table" and is_wide(block.text):
            soup = BeautifulSoup(block.text, "html.parser")
            found += [squeeze(th.get_text()) for th in soup.select("thead th")
                      if th.get_text(strip=True)]
    return found


@pytest.mark.parametrize("month", MONTHS)
def test_libreoffice_opens_the_docx_and_it_reads_as_the_bulletin(published_demo, converted,
                                                                 month):
    pdf = converted[month]
    assert pdf.is_file() and pdf.stat().st_size > 10_000, f"LibreOffice made no PDF of {month}"
    text = pdf_text(pdf)
    report = read_report(published_demo / "reports" / month)
    meta = report.meta
    for part in [*meta.title_lines, meta.issue_label, meta.authority, meta.issue_date]:
        assert squeeze(part) in text, part
    wanted = headings(report)
    assert wanted, "the notebook printed headings"
    for heading in wanted:
        assert heading in text, heading
    for header in annex_headers(report):
        assert header in text, header
    for key, names in meta.distribution.model_dump(by_alias=True).items():  # 版记
        for name in names:
            assert squeeze(name.rstrip("；;。 \u3000")) in text, (key, name)
    assert squeeze(f"{meta.authority}{meta.issue_date}印发") in text
    assert re.search(r"—1—", text), "page number 1"


def test_seed000_figures_and_annexes(converted):
    text = pdf_text(converted["seed000/2021-02"])
    assert squeeze("市交通运输局、市医疗保障局、市公安局办结件较多，分别为 1750 件、1238 件、"
                   "1129 件") in text
    # seed 000 has no January: 图1 draws February alone and is titled so
    for part in ["附件1", "办件情况（件）", "线上承诺办件效率", "图1.全市办理政务服务事项情况"]:
        assert part in text, part
    assert "对比情况" not in text
    sizes = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(converted["seed000/2021-02"])],
                           capture_output=True, text=True, check=True).stdout
    shapes = [(float(w), float(h)) for w, h in re.findall(r"size:\s+([\d.]+) x ([\d.]+)", sizes)]
    assert shapes[0][0] < shapes[0][1] and shapes[-1][0] < shapes[-1][1]  # portrait
    assert sum(w > h for w, h in shapes) >= 2, "the annexes are on landscape pages"
    last = subprocess.run(["pdftotext", "-f", str(len(shapes)), "-l", str(len(shapes)),
                           str(converted["seed000/2021-02"]), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "印发" in last and "报：" in last  # the 版记 closes the document

"""Every sample's bulletin.docx, as `bulletin publish` wrote it (tests/conftest.py's
published_demo), opened in a real office suite: LibreOffice converts it to PDF, and that
PDF reads as the bulletin — title, every heading of the notebook, seed 000's figures, the
annexes' column headers, the 版记. One LibreOffice run converts all the samples.

Twice: with LibreOffice's own fonts standing in for the 公文 faces the file names (on this
machine DejaVu Sans for digits: wider than the 公文 faces', bold wider still), and with the
公文 names aliased to the open Noto faces (fontconfig). In both no number of a table is
broken over two lines, and the 附件说明 is in GB/T 9704's form."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from bulletin.core.blocks import Table, Text
from bulletin.publish.notebook import read_report
from support.print_layout import MM, annex_note_problems

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: "
                                "run scripts/setup.sh (libreoffice-writer-nogui)")

# One month of every sample (every profile), as tests/conftest.py publishes them.
MONTHS = ["seed000/2021-02", "seed001/2023-06", "seed002/2020-12", "seed003/2022-09",
          "seed004/2021-09", "synthetic/2021-02"]


def convert(published_demo, work: Path, env: dict | None = None) -> dict[str, Path]:
    """Each month's bulletin.docx converted to PDF by LibreOffice headless (one run)."""
    sources = []
    for month in MONTHS:
        source = work / (month.replace("/", "_") + ".docx")
        shutil.copy(published_demo / "reports" / month / "bulletin.docx", source)
        sources.append(source)
    done = subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation={(work / 'profile').as_uri()}",
         "--convert-to", "pdf", "--outdir", str(work / "pdf"), *map(str, sources)],
        check=False, capture_output=True, text=True, timeout=600, env=env)
    assert done.returncode == 0, done.stderr
    return {month: work / "pdf" / (month.replace("/", "_") + ".pdf") for month in MONTHS}


@pytest.fixture(scope="module")
def converted(published_demo, tmp_path_factory) -> dict[str, Path]:
    """With LibreOffice's own fonts where the 公文 faces are missing (DejaVu Sans for the
    digits, Noto Sans CJK for the characters, on this machine)."""
    return convert(published_demo, tmp_path_factory.mktemp("office"))


# The 公文 faces' names aliased to the open faces (a fontconfig file that LibreOffice reads).
ALIASES = {"方正小标宋简体": "Noto Serif CJK SC", "仿宋_GB2312": "Noto Serif CJK SC",
           "黑体": "Noto Sans CJK SC", "楷体_GB2312": "Noto Serif CJK SC", "宋体": "Noto Serif CJK SC"}


@pytest.fixture(scope="module")
def aliased(published_demo, tmp_path_factory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("office-aliased")
    rules = "".join(f"<alias binding=\"same\"><family>{name}</family><prefer><family>{to}"
                    "</family></prefer></alias>" for name, to in ALIASES.items())
    (work / "fonts.conf").write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f'<include ignore_missing="yes">/etc/fonts/fonts.conf</include>{rules}</fontconfig>',
        encoding="utf-8")
    return convert(published_demo, work, {**os.environ, "FONTCONFIG_FILE": str(work / "fonts.conf")})


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# A page's furniture, which a sentence running over a page break has in its middle: the page
# number's footer and the draft's header line.
FURNITURE = re.compile(r"^\s*(—\s*\d+\s*—|征求意见稿)\s*$", re.MULTILINE)


def pdf_text(pdf: Path) -> str:
    """The PDF's text in content order (a table cell's lines stay together), unspaced, the
    pages' footers and headers left out."""
    return squeeze(FURNITURE.sub("", subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout))


def headings(report) -> list[str]:
    """Every Markdown heading the notebook printed, as text."""
    found = []
    for block in report.blocks:
        if isinstance(block, Text):
            for line in re.findall(r"^#{1,6}\s+(.+?)\s*#*\s*$", block.markdown, re.MULTILINE):
                found.append(squeeze(re.sub(r"<[^>]+>|\*\*", "", line)))
    return found


def annex_headers(report) -> list[str]:
    """The column and spanner headers of the month's annexes (the wide tables)."""
    found = []
    for block in report.blocks:
        if isinstance(block, Table) and block.wide:
            found += [squeeze(label) for column in block.columns
                      for label in (*column.spanners, column.label) if label.strip()]
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
    raw = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    assert re.search(r"^—\s*1\s*—$", raw, re.MULTILINE), "page number 1"


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


# What a table cell holding only a figure looks like (「6545」, 「100.00%」, 「-」): the test's
# own reading of the Word file (the library aligns figures by their cell values).
NUMBER = re.compile(r"^[+\-−]?\d[\d,，]*(\.\d+)?\s*[%‰]?$|^[—–\-]+$")


def table_numbers(docx: Path) -> Counter:
    """The numbers the docx's tables hold (「6545」, 「100.00%」), each with its count."""
    body = Document(str(docx)).element.body
    cells = ("".join(tc.xpath(".//w:t/text()")).strip() for tc in body.iter(qn("w:tc")))
    return Counter(text for text in cells if NUMBER.match(text) and len(text) > 1)


def unbroken(pdf: Path) -> Counter:
    """The words of ``pdf`` in content order: a number broken over two lines of its cell
    comes out as two words (「654」 「5」, 「100.00」 「%」)."""
    return Counter(subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                                  text=True, check=True).stdout.split())


@pytest.mark.parametrize("fonts", ["converted", "aliased"])
@pytest.mark.parametrize("month", MONTHS)
def test_no_number_in_a_table_wraps(published_demo, request, fonts, month):
    pdf = request.getfixturevalue(fonts)[month]
    wanted = table_numbers(published_demo / "reports" / month / "bulletin.docx")
    assert sum(wanted.values()) > 10, "the tables hold numbers"
    found = unbroken(pdf)
    broken = {number: count - found[number] for number, count in wanted.items()
              if found[number] < count}
    assert broken == {}, f"{month} ({fonts}): numbers broken over two lines"


@pytest.mark.parametrize("fonts", ["converted", "aliased"])
@pytest.mark.parametrize("month", [m for m in MONTHS if not m.startswith("seed002")])
def test_the_annex_note_is_in_the_standard_s_form(request, fonts, month):
    # Word's text block starts 28 mm from the left edge on every page; a 3号 character is
    # 15.75 pt (condensed). A closing 「（2021年2月）」 is not kept whole: Word cannot say so.
    problems = annex_note_problems(request.getfixturevalue(fonts)[month], lambda page: 28 * MM,
                                   em=15.75, tolerance=2.5, brackets=False)
    assert problems == [], f"{month} ({fonts})"


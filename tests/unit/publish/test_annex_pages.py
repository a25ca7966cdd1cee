"""Page layout of the PDF and the Word file for a month written by hand: every 「附件 n」
starts a page (GB/T 9704), portrait and landscape alike, with no blank page before it; a
table never starts at the foot of a page with only its title, header and a row or two.

The month: twelve small tables, each after a paragraph of another length, so that their
starts fall at many heights of a page (some, with the template's old layout, at the very
foot: title, header and one row, the rest on the next page), then a portrait annex, a
landscape one (14 columns) and a portrait one again. Pages are read back with pdftotext;
the Word file as XML."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from bulletin.core.blocks import Table
from bulletin.publish.pdf.typeset import make_pdf
from bulletin.publish.word.document import make_docx
from bulletin.publish.word.layout import KEEP_LAST_ROWS
from support.executed import markdown, table, write_month
from support.scopes import shared

TABLES = 12
ROWS = 10
KEEP = 3  # rows that stay with the title and header


def small_table(n: int) -> Table:
    """Table n: title 「测试表n」, header 序号 / 单位 / 件数, rows 「单位n-1」 … 「单位n-10」."""
    return table(f"测试表{n}", ["序号", "单位", "件数"],
                 [[str(r), f"单位{n}-{r}", str(100 + r)] for r in range(1, ROWS + 1)])


def wide_table() -> Table:
    """14 columns: too wide for the portrait page (core.blocks.WIDE_TABLE_COLUMNS is 10)."""
    return table("宽附件表", [f"列{i}" for i in range(14)], [[str(i) for i in range(14)]])


def filler(n: int) -> str:
    # 28 characters a line: table n follows a paragraph of 1 + (5n mod 7) lines
    return "正" * (28 * (1 + 5 * n % 7) - 2) + "。"


def outputs() -> list:
    body = [markdown("## 测试通报\n\n### 一、总体情况")]
    for n in range(1, TABLES + 1):
        body += [markdown(filler(n)), small_table(n)]
    body += [markdown("## 附件\n\n1. 附件表一\n2. 宽附件表\n3. 附件表三"),
             markdown("### 附件1"), small_table(21),
             markdown("### 附件2"), wide_table(),
             markdown("### 附件3"), small_table(23)]
    return body


@pytest.fixture(scope=shared)
def month(tmp_path_factory) -> Path:
    return write_month(tmp_path_factory.mktemp("reports"), "2021-02", outputs())


@pytest.fixture(scope=shared)
def pages(month) -> list[str]:
    """The text of each page of the PDF."""
    pdf = make_pdf(month)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return text.split("\f")[:-1]


def page_of(pages: list[str], needle: str) -> int:
    found = [i for i, page in enumerate(pages) if needle in page.replace(" ", "")]
    assert found, f"{needle} is on no page"
    return found[0]


def first_line(page: str) -> str:
    return next(line.strip() for line in page.splitlines() if line.strip())


@pytest.mark.parametrize("annex", ["附件1", "附件2", "附件3"])
def test_each_annex_starts_a_page(pages, annex):
    starts = [i for i, p in enumerate(pages) if first_line(p).replace(" ", "") == annex]
    assert starts, f"{annex} does not start a page"
    # the page before holds more than a page number: no blank page was put in
    before = [line for line in pages[starts[0] - 1].splitlines() if line.strip()]
    assert len(before) > 1, f"the page before {annex} is blank"


@pytest.mark.parametrize("n", range(1, TABLES + 1))
def test_a_table_starts_with_its_first_rows_on_its_page(pages, n):
    title = page_of(pages, f"测试表{n}")
    assert page_of(pages, f"单位{n}-1") == title
    assert page_of(pages, f"单位{n}-{KEEP}") == title


def test_some_table_starts_low_on_a_page(pages):
    # the check above means something only if tables run over pages
    split = [n for n in range(1, TABLES + 1)
             if page_of(pages, f"单位{n}-1") != page_of(pages, f"单位{n}-{ROWS}")]
    assert split, "no table runs over a page"


# ------------------------------------------------------------------------------ Word


@pytest.fixture(scope=shared)
def body(month):
    return Document(str(make_docx(month, fonts="noto"))).element.body


def text(element) -> str:
    return "".join(element.xpath(".//w:t/text()")).strip()


def paragraph(body, wanted: str):
    return next(p for p in body.iter(qn("w:p")) if text(p) == wanted)


def breaks_before(p) -> bool:
    return p.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is not None


def after_section_break(p) -> bool:
    previous = p.getprevious()
    while previous is not None and previous.tag in (qn("w:bookmarkStart"), qn("w:bookmarkEnd")):
        previous = previous.getprevious()
    return previous is not None and previous.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None


def test_word_annexes_start_a_page(body):
    first, wide, third = (paragraph(body, f"附件{n}") for n in (1, 2, 3))
    assert breaks_before(first) and not after_section_break(first)
    # the landscape annex and the one after it open sections that start a page
    assert after_section_break(wide) and not breaks_before(wide)
    assert after_section_break(third) and not breaks_before(third)
    broken = [text(p) for p in body.iter(qn("w:p")) if breaks_before(p)]
    assert broken == ["附件1"]


def keeps(row) -> bool:
    found = [p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None
             for p in row.iter(qn("w:p"))]
    assert found and len(set(found)) == 1  # every paragraph of a row, or none
    return found[0]


def test_word_tables_keep_the_header_with_the_first_rows(body):
    table = body.findall(qn("w:tbl"))[0]
    rows = table.findall(qn("w:tr"))
    # the header row and body rows 1 and 2 keep with the next row: header + 3 rows together
    assert [keeps(row) for row in rows] == [True, True, True] + [False] * (ROWS - 2)
    caption = table.getprevious()  # its style keeps it with the table
    assert text(caption) == "测试表1"
    assert caption.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) == "TableCaption"


def test_word_notes_go_with_the_last_rows(tmp_path):
    """A table's notes never open a page alone: the notes keep together and the table's last
    two rows keep with them (word.layout.notes_with_rows)."""
    notes = table("", ["序号", "单位", "件数"],
                  [[str(r), f"单位-{r}", str(100 + r)] for r in range(1, 9)], ["注一", "注二"])
    month = write_month(tmp_path, "2021-02", [markdown("## 测试通报\n\n正文。"), notes])
    body = Document(str(make_docx(month, fonts="noto"))).element.body
    rows = body.findall(qn("w:tbl"))[0].findall(qn("w:tr"))
    assert [keeps(row) for row in rows[-3:]] == [False] + [True] * KEEP_LAST_ROWS
    notes = [p for p in body.iter(qn("w:p")) if text(p) in ("注一", "注二")]
    assert [p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None for p in notes] == [True, False]

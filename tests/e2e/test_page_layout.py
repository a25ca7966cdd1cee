"""The page layout of the published demo (tests/conftest.py: published_demo): in the PDF every
「附件 n」 is the first text of its page (GB/T 9704) and a table's title and header are on the
page of its first rows; in the Word file every annex starts a page; on the site at a phone's
width (390 px, chromium) no title has a line of one character or a line broken inside a phrase.

Expected lines and rows are written by hand: seed 004's first rows from its printed 附件2
(seed 004: 区交通局, 区市场监管局, 区农业农村委), the titles' lines from the
seeds' mastheads as a reader would break them."""

from __future__ import annotations

import re
import subprocess

import pytest
from docx import Document

from bulletin.publish.word.layout import xp
from support.browser import CHROMIUM, LINES, NO_CHROMIUM, assert_clean, open_page
from support.site_pages import PHONE, site_pages

ANNEX = re.compile(r"^附件\d+$")


def pdf_pages(published_demo, month: str) -> list[list[str]]:
    """Each page of a month's bulletin.pdf as its non-empty lines, spaces removed."""
    pdf = published_demo / "reports" / month / "bulletin.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [[re.sub(r"\s+", "", line) for line in page.splitlines() if line.strip()]
            for page in text.split("\f")[:-1]]


@pytest.mark.parametrize("month", ["seed000/2021-02", "seed001/2023-06", "seed003/2022-09"])
def test_every_annex_is_the_first_text_of_its_page(published_demo, month):
    pages = pdf_pages(published_demo, month)
    annexes = [(line, lines[0]) for lines in pages for line in lines if ANNEX.match(line)]
    assert [name for name, _ in annexes][:2] == ["附件1", "附件2"]
    assert [first for _, first in annexes] == [name for name, _ in annexes]
    for i, lines in enumerate(pages[1:], 1):  # and no page before an annex is left blank
        if ANNEX.match(lines[0]):
            assert len(pages[i - 1]) > 1, f"page {i} (before {lines[0]}) is blank"


def test_seed004_table_starts_with_its_first_rows(published_demo):
    pages = pdf_pages(published_demo, "seed004/2021-09")
    first = next(i for i, lines in enumerate(pages) if "1区交通局" in "".join(lines))
    text = "".join(pages[first])
    assert "各部门事项指标情况" in text and "序号" in text  # title and header
    assert "2区市场监管局" in text and "3区农业农村委" in text


@pytest.mark.parametrize("month", ["seed000/2021-02", "seed001/2023-06", "seed003/2022-09"])
def test_word_annexes_start_a_page(published_demo, month):
    body = Document(str(published_demo / "reports" / month / "bulletin.docx")).element.body
    skip = {f"{{{body.nsmap['w']}}}bookmarkStart", f"{{{body.nsmap['w']}}}bookmarkEnd"}
    starts = {}
    for p in xp(body, "./w:p"):
        name = "".join(xp(p, ".//w:t/text()")).strip()
        if not ANNEX.match(name):
            continue
        previous = p.getprevious()
        while previous is not None and previous.tag in skip:
            previous = previous.getprevious()
        starts[name] = bool(xp(p, "./w:pPr/w:pageBreakBefore")
                            or previous is not None and xp(previous, "./w:pPr/w:sectPr"))
    assert list(starts)[:2] == ["附件1", "附件2"]
    assert all(starts.values()), starts


# ------------------------------------------------------------------------ the site

TITLES = "h1, h2, h3, caption, .site-name, .title-line, .authority-line > span:first-child"

needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM)


@pytest.fixture
def phone(browser):
    """A page at a phone's width in a fresh context of the session's chromium."""
    page = open_page(browser, PHONE)
    yield page
    page.context.close()


def lines_of(page, selector: str) -> list[str]:
    return page.locator(selector).first.evaluate(LINES)


@needs_chromium
def test_titles_on_a_phone_break_between_phrases(published_demo, phone):
    site = published_demo / "_site"
    phone.goto((site / "seed004/2021-09/index.html").as_uri())
    # a 公文's 发文机关标志 of 15 characters: broken between phrases (not 「…江北区政 / 务…」)
    assert lines_of(phone, ".title-line") == ["重庆市江北区", "政务服务管理办公室"]
    # the 红头's lines as printed: a line of 14 characters fits at 390 px
    phone.goto((site / "seed000/2021-02/index.html").as_uri())
    assert [lines_of(phone, f".title-line >> nth={i}") for i in (0, 1)] == [
        ["达州市一体化政务服务平台运行"], ["情况通报"]]  # not 「达州市 / 一体化…」
    phone.goto((site / "seed001/2023-06/index.html").as_uri())
    assert lines_of(phone, ".authority-line > span") == [
        "达州市推进政府职能转变和", "“放管服”改革协调小组办公室"]  # not 「…和“放 / 管服”…」
    phone.goto((site / "seed001/trends.html").as_uri())
    assert lines_of(phone, "#trend-seed001 h2") == ["达州市政府职能转变和", "“放管服”改革情况通报"]
    assert_clean(phone)


# A phrase (site_phrases) broken over lines although it is narrower than its title's box.
BROKEN_PHRASES = f"""el => [...el.querySelectorAll('.phrase')].filter(p => {{
  const lines = ({LINES})(p);
  return lines.length > 1 && p.getBoundingClientRect().width < el.clientWidth - 1;
}}).map(p => p.textContent)"""


@needs_chromium
def test_no_title_line_of_one_character_on_a_phone(published_demo, phone):
    site = published_demo / "_site"
    alone, broken, titles = {}, {}, 0
    for path in site_pages(site):
        phone.goto(path.as_uri())
        for title in phone.locator(TITLES).element_handles():
            titles += 1
            lines = title.evaluate(LINES)
            if any(len(line) == 1 for line in lines):
                alone.setdefault(str(path.relative_to(site)), []).append(lines)
            if title.evaluate(BROKEN_PHRASES):
                broken.setdefault(str(path.relative_to(site)), []).append(lines)
    assert titles > 100
    assert alone == {}
    assert broken == {}
    assert_clean(phone)

"""The 附件说明 of a month written by hand, in GB/T 9704's form (7.3.4) in the PDF and the
Word file: 「附件：」 two characters in, each next number under the first, a long title's next
line under its first character, a closing 「（2021年2月）」 kept whole; a blank line above it.

The titles: a long one whose 「（2021年2月）」 falls across the end of the first line unless
kept whole (the title column holds 21 characters: 156 mm less 5 characters and 「1.」), a
short one, and enough after them for two-digit numbers (「10.」 is wider than 「9.」)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from bulletin.publish.pdf.typeset import make_pdf
from bulletin.publish.word.document import make_docx
from bulletin.publish.word.layout import ADVANCE, LINE_PITCH
from bulletin.report.sections.common import annex_note
from support.executed import markdown, write_month
from support.print_layout import MM, annex_note_problems, visual_lines, words
from support.scopes import shared

LONG = "达州市一体化政务服务平台市级部门运行情况表（2021年2月）"  # 21 characters, then 「（…）」
TITLES = [LONG, "县（市、区）运行情况表", *[f"第{n}张表" for n in range(3, 11)]]


@pytest.fixture(scope=shared)
def month(tmp_path_factory) -> Path:
    body = "正" * 60 + "。"
    return write_month(tmp_path_factory.mktemp("reports"), "2021-02", [
        markdown(f"## 测试通报\n\n{body}"), markdown(annex_note(TITLES)), markdown("### 附件1")])


@pytest.fixture(scope=shared)
def pdf(month) -> Path:
    return make_pdf(month)


def test_the_pdf_s_annex_note_is_in_the_standard_s_form(pdf):
    # page 1 is odd: the text block starts 28 mm from the left edge
    assert annex_note_problems(pdf, lambda page: (28 if page % 2 else 26) * MM) == []


def test_the_pdf_s_annex_note_as_read_back(pdf):
    lines = ["".join(w.text for w in line) for line in visual_lines(words(pdf))]
    start = next(i for i, line in enumerate(lines) if line.startswith("附件："))
    assert lines[start] == "附件：1.达州市一体化政务服务平台市级部门运行情况表"
    assert lines[start + 1] == "（2021年2月）"  # whole, on the next line
    assert lines[start + 2] == "2.县（市、区）运行情况表"
    assert lines[start + 10] == "10.第10张表"


def test_the_checker_sees_a_note_out_of_form(tmp_path):
    """The form check fails on the old layout: 「附件」 over a plain numbered list."""
    month = write_month(tmp_path, "2021-02", [
        markdown("## 测试通报\n\n正文。"),
        markdown("附件：\n\n" + "\n".join(f"{n}. {t}" for n, t in enumerate(TITLES, 1)))])
    problems = annex_note_problems(make_pdf(month), lambda page: 28 * MM)
    assert problems, "a list under 「附件：」 passed as the standard's form"


# ------------------------------------------------------------------------------ Word


def annex_paragraphs(month) -> list:
    body = Document(str(make_docx(month, fonts="gongwen"))).element.body
    return [p for p in body.iter(qn("w:p"))
            if p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}") is not None
            and p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) == "BulletinAnnexList"]


def attr(p, path: str, name: str) -> int:
    return int(p.find(path.replace("w:", f"{{{p.nsmap['w']}}}")).get(qn(f"w:{name}")))


def test_the_word_annex_note_hangs_under_the_titles(month):
    paragraphs = annex_paragraphs(month)
    texts = ["".join(p.xpath(".//w:t/text()")) for p in paragraphs]
    assert texts[0] == f"附件：1.{LONG}" and texts[9] == "10.第10张表"
    assert len(paragraphs) == len(TITLES)
    # every title starts at one tab stop: 5 characters and 「10.」 with half a character
    # (3号 condensed: 315 twips a character; 「10.」 2 × 0.72 + 0.4 em)
    title_at = round((5 + 2 * 0.72 + 0.4 + 0.5) * ADVANCE)
    for n, p in enumerate(paragraphs):
        assert attr(p, "w:pPr/w:tabs/w:tab", "pos") == title_at
        assert attr(p, "w:pPr/w:ind", "left") == title_at  # next lines under the title
        # the first line: 「附件：」 two characters in, a next number five (under 「1.」)
        assert title_at - attr(p, "w:pPr/w:ind", "hanging") == (2 if n == 0 else 5) * ADVANCE
        assert len(p.xpath(".//w:r/w:tab")) == 1  # 「n.」, a tab, the title
    assert attr(paragraphs[0], "w:pPr/w:spacing", "before") == 2 * LINE_PITCH  # a blank line
    assert all(p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None for p in paragraphs[:-1])


def lead_paragraph(month):
    """The paragraph just above the 附件说明 in the Word file."""
    first = annex_paragraphs(month)[0]
    lead = first.getprevious()
    while lead.tag != qn("w:p"):  # bookmarks between them
        lead = lead.getprevious()
    return lead


def keeps(p) -> tuple[bool, bool]:
    ppr = p.find(qn("w:pPr"))
    return (ppr.find(qn("w:keepNext")) is not None, ppr.find(qn("w:keepLines")) is not None)


def test_the_word_body_s_last_paragraph_goes_with_the_annex_note(month):
    """As the PDF: the 附件说明 never stands alone at the head of a page while the paragraph
    above it (three lines here) stays behind: the paragraph keeps whole and with it."""
    assert "".join(lead_paragraph(month).xpath(".//w:t/text()")).startswith("正正")
    assert keeps(lead_paragraph(month)) == (True, True)


@pytest.mark.parametrize(("chars", "kept"), [(9 * 28 - 3, True), (9 * 28 - 1, False)])
def test_a_paragraph_over_nine_lines_stays_behind(tmp_path, chars, kept):
    """Over 0.4 of a page (nine lines of 28 characters, with its two-character indent),
    the paragraph is not moved: the 附件说明 takes the next page alone."""
    month = write_month(tmp_path, "2021-02", [
        markdown("## 测试通报\n\n" + "正" * (chars - 1) + "。"), markdown(annex_note(TITLES[:2]))])
    assert keeps(lead_paragraph(month)) == ((True, True) if kept else (False, False))

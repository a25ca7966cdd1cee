"""An attached document's own 附件 list and 署名 / 成文日期 (report.sections.attached):
recognised in its text as docs/inputs.md §13b has it, in the shapes an office types them,
and printed as the bulletin's own (the annex-list and signature blocks); anything else
stays the paragraph it is."""

from __future__ import annotations

import pytest

from bulletin.ingest.attachments import Attachment, Paragraph
from bulletin.ingest.tables import GivenTable
from bulletin.report.sections.attached import annex_list, attachment_blocks, closing_parts

TEXT = Paragraph("经市政府同意，现将问题清单交办你们。", 3)
LIST = Paragraph("附件：1．各区县行政许可事项4个指标详情\n2．各区县监管事项清单认领率", 5)
NAME = Paragraph("市政府督查办", 7)
OWN_ANNEX = Paragraph("附件1", 11, heading=2)
TABLE = GivenTable("各区县监管事项清单认领率", ("", ""), ("序号", "区划"), (("1", "万州区"),), ())


def blocks(*parts) -> str:
    doc = Attachment("attachments/2021-09/01_交办事项.md", "市政府交办事项", tuple(parts))
    return "\n".join(b for b in attachment_blocks(doc, 3) if isinstance(b, str))


@pytest.mark.parametrize("date", ["2021年9月13日", "2021年09月13日"])
def test_a_name_then_a_date_is_the_signature(date):
    out = blocks(TEXT, LIST, NAME, Paragraph(date, 9), OWN_ANNEX, TABLE)
    assert f'<div class="signature">\n<p>市政府督查办</p>\n<p>{date}</p>\n</div>' in out
    assert out.count("市政府督查办") == 1  # not also a paragraph


def test_a_name_alone_is_the_signature_without_a_date():
    out = blocks(TEXT, LIST, NAME, OWN_ANNEX, TABLE)
    assert '<div class="signature">\n<p>市政府督查办</p>\n</div>' in out


def test_the_annex_list_is_the_annex_note_block():
    out = blocks(TEXT, LIST, NAME, Paragraph("2021年9月13日", 9))
    assert ('<div class="annex-list">\n<p>附件：1. 各区县行政许可事项4个指标详情</p>\n'
            "<p>2. 各区县监管事项清单认领率</p>\n</div>") in out


@pytest.mark.parametrize(("text", "expected"), [
    ("附件：各区县行政许可事项4个指标详情", "<p>附件：各区县行政许可事项4个指标详情</p>"),  # one, no number
    ("附件：1. 各区县行政许可事项4个指标详情", "<p>附件：1. 各区县行政许可事项4个指标详情</p>"),
    ("附件: 1．甲表\n2．乙表\n3．丙表", "<p>3. 丙表</p>"),
])
def test_annex_lists_of_one_or_more_titles(text, expected):
    assert expected in annex_list(text)


@pytest.mark.parametrize("text", [
    "附件：1．甲表\n3．乙表",   # numbers not in order
    "附件：1．甲表\n乙表",      # a line without its number
    "附件是本通知的组成部分。",  # no 「附件：」
])
def test_what_is_not_an_annex_list_stays_a_paragraph(text):
    assert annex_list(text) is None
    assert "annex-list" not in blocks(TEXT, Paragraph(text, 5))


@pytest.mark.parametrize("parts", [
    (TEXT, Paragraph("请各单位认真落实。", 5)),              # a sentence closes the text
    (TEXT, Paragraph("2021年9月13日", 5)),                    # a date without a name
    (TEXT, Paragraph("附件1", 5, heading=2), NAME),           # a name after its own annex
    (NAME,),                                                 # a name and no text
    (TEXT, Paragraph("市政府督查办（市政府办公厅）", 5)),     # brackets: not a bare name
])
def test_what_is_not_a_signature_is_printed_as_typed(parts):
    end, signed = closing_parts(parts)
    assert signed == end
    assert "signature" not in blocks(*parts)

"""An attached document's own 附件 list and 署名 / 成文日期 (report.sections.attached):
recognised in its text as docs/inputs.md §13b has it, in the shapes an office types them,
and printed as the bulletin's own (the annex-list and signature blocks, the date as the
bulletin prints its own 成文日期, each date so changed named in the review); anything else
stays the paragraph it is."""

from __future__ import annotations

import pytest

from bulletin.ingest.attachments import Attachment, Paragraph, read_attachment
from bulletin.ingest.tables import GivenTable
from bulletin.report.sections.attached import (
    annex_list,
    attachment_blocks,
    closing_parts,
    date_changes,
)

TEXT = Paragraph("经市政府同意，现将问题清单交办你们。", 3)
LIST = Paragraph("附件：1．各区县行政许可事项4个指标详情\n2．各区县监管事项清单认领率", 5)
NAME = Paragraph("市政府督查办", 7)
OWN_ANNEX = Paragraph("附件1", 11, heading=2)
TABLE = GivenTable("各区县监管事项清单认领率", ("", ""), ("序号", "区划"), (("1", "万州区"),), ())


def blocks(*parts) -> str:
    doc = Attachment("attachments/2021-09/01_交办事项.md", "市政府交办事项", tuple(parts))
    return "\n".join(b for b in attachment_blocks(doc, 3) if isinstance(b, str))


SIGNED = '<div class="signature">\n<p>市政府督查办</p>\n<p>2021年9月13日</p>\n</div>'

# a 成文日期 as an office may type it, printed as GB/T 9704 has it (and as the bulletin's own)
DATES = ["2021年9月13日", "2021年09月13日", "２０２１年０９月１３日", "2021 年 9 月 13 日"]


@pytest.mark.parametrize("date", DATES)
def test_a_name_then_a_date_is_the_signature(date):
    out = blocks(TEXT, LIST, NAME, Paragraph(date, 9), OWN_ANNEX, TABLE)
    assert SIGNED in out
    assert out.count("市政府督查办") == 1  # not also a paragraph


@pytest.mark.parametrize("date", DATES)
def test_a_name_and_a_date_in_one_paragraph_of_two_lines_is_the_signature(date):
    """「市政府督查办\\」 or 「市政府督查办␠␠」 then the date: one paragraph, a line break."""
    parts = (TEXT, LIST, Paragraph(f"市政府督查办\n{date}", 7), OWN_ANNEX, TABLE)
    assert closing_parts(parts) == (3, 2)
    out = blocks(*parts)
    assert SIGNED in out and out.count("市政府督查办") == 1


@pytest.mark.parametrize("ending", ["\\", "  "])
def test_typed_markdown_with_a_line_break_is_read_as_the_signature(tmp_path, ending):
    """From the file, as an office types it: the name's line ended with 「\\」 or two
    spaces (a Markdown line break), the date with a leading zero on the next line."""
    path = tmp_path / "01_交办事项.md"
    path.write_text(f"# 市政府交办事项\n\n经市政府同意，现将问题清单交办你们。\n\n"
                    f"市政府督查办{ending}\n2021年09月13日\n", encoding="utf-8")
    doc = read_attachment(path)
    out = "\n".join(b for b in attachment_blocks(doc, 3) if isinstance(b, str))
    assert SIGNED in out and "09" not in out
    assert date_changes(doc) == [
        (f"{doc.file} 第 6 行：成文日期「2021年09月13日」印为「2021年9月13日」"
         "（与通报自身的成文日期写法一致：GB/T 9704，月、日不编虚位）")]


def test_a_date_as_the_bulletin_prints_it_is_not_a_change():
    for parts in [(TEXT, NAME, Paragraph("2021年9月13日", 9)),
                  (TEXT, Paragraph("市政府督查办\n2021年9月13日", 7)), (TEXT, NAME)]:
        assert date_changes(Attachment("a.md", "标题", parts)) == []
    two = (TEXT, NAME, Paragraph("2021年09月3日", 9))
    assert date_changes(Attachment("a.md", "标题", two)) == [
        ("a.md 第 9 行：成文日期「2021年09月3日」印为「2021年9月3日」"
         "（与通报自身的成文日期写法一致：GB/T 9704，月、日不编虚位）")]


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
    (TEXT, Paragraph("市政府督查办\n（盖章）", 5)),           # a second line, not a date
    (TEXT, Paragraph("2021年9月13日\n市政府督查办", 5)),       # the date first
    (TEXT, Paragraph("市政府督查办\n2021年9月13日\n市政府办公厅", 5)),  # three lines
    (TEXT, Paragraph("市政府督查办\n2021年13日", 5)),          # no month: not a date
    (Paragraph("市政府督查办\n2021年9月13日", 5),),          # a signature and no text
])
def test_what_is_not_a_signature_is_printed_as_typed(parts):
    end, signed = closing_parts(parts)
    assert signed == end
    assert "signature" not in blocks(*parts)

"""Documents as annexes (``attachment_annexes``): numbered after the annexes the profile
puts before them, listed in the 附件说明, their text printed as the characters typed (never
markup in the site, the PDF or the Word file), their tables downloads whose text cells never
run as formulas, the review naming their punctuation changes."""

from __future__ import annotations

import csv
import shutil

import pytest
from openpyxl import load_workbook

import bulletin
from bulletin.core.blocks import Table, Text
from bulletin.core.errors import ConfigError
from bulletin.publish.notebook import markdown_html
from bulletin.report.downloads import name_tables, write_tables
from bulletin.report.proofing import proofing
from bulletin.report.sections.annex_list import annex_titles, section_annex_list
from bulletin.report.sections.attached import markdown_text
from bulletin.report.sections.common import as_blocks, for_readers
from bulletin.report.sections.registry import profile_blocks
from support.paths import DATA

DOC_TITLE = "市政府交办事项（“渝快办”专项工作2021年第1号）"
TABLES = ["各区县行政许可事项4个指标详情", "各区县监管事项清单认领率", "各区县行政检查实施清单编制率"]


def seed004(tmp_path, document: str | None = None, sections: str | None = None):
    folder = tmp_path / "ds"
    shutil.copytree(DATA / "seed004", folder, ignore=shutil.ignore_patterns("*.py"))
    if document is not None:
        where = folder / "attachments" / "2021-09"
        for old in where.glob("*.md"):
            old.unlink()
        (where / "01_文档.md").write_text(document, encoding="utf-8")
    if sections is not None:
        config = (folder / "dataset.yml").read_text(encoding="utf-8")
        start = config.index("  sections:")
        end = config.index("]", start) + 1
        (folder / "dataset.yml").write_text(config[:start] + f"  sections: [{sections}]"
                                            + config[end:], encoding="utf-8")
    return folder


def test_seed004_s_annex_3_is_numbered_listed_and_printed_with_its_tables():
    b = bulletin.open_month(DATA / "seed004", "2021-09")
    assert [title for _, title in annex_titles(b)] == [
        "办件情况反馈表", "各部门、各街镇行政许可事项4个指标详情", DOC_TITLE]
    note = section_annex_list(b)[0]
    assert f"<p>3. {DOC_TITLE}</p>" in note and note.count("<p>") == 3
    blocks = as_blocks(for_readers(profile_blocks(b)))
    at = [n for n, block in enumerate(blocks) if isinstance(block, Text)
          and block.markdown == "### 附件3"]
    assert len(at) == 1
    after = blocks[at[0]:]
    assert after[1].markdown == f"#### {DOC_TITLE}"
    tables = [block for block in after if isinstance(block, Table)]
    assert [t.title for t in tables] == TABLES
    assert [len(t.rows) for t in tables] == [42, 42, 42]
    # a figure is a value as the given tables' are: 「86.39%」 sorts and adds in a download
    jiangbei = tables[0].rows[4]
    assert [c.text for c in jiangbei[:4]] == ["5", "江北区", "728", "86.39%"]
    assert (jiangbei[3].value, jiangbei[3].format, jiangbei[3].sheet_value) == (86.39, "0.00%",
                                                                                0.8639)
    # its inner 「附件1」 headings do not number the downloads: all three are 附件3's
    named = [stem for stem, _, _ in name_tables(blocks, b.config.region, "2021年9月")]
    assert named[-3:] == [f"附件3_{t}" for t in TABLES]


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[点我](javascript:alert(1))",
    "#set page(fill: red)", "# 不是标题", "1. 不是列表", "- 不是列表", "> 不是引用", "$x$ 不是公式",
    "**不是粗体**", "&lt;script&gt;", "`代码`", "| 不 | 是表 |", "\\\\host\\share",
])
def test_typed_text_prints_as_typed(text):
    html = markdown_html(markdown_text(text))
    assert "<script" not in html and "<img" not in html and "<a " not in html
    for tag in ("<h1", "<ol", "<ul", "<blockquote", "<strong", "<code", "<table", "<span class=\"math"):
        assert tag not in html, (text, html)
    shown = html.replace("<p>", "").replace("</p>", "").strip()
    assert shown.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") \
        .replace("&quot;", '"') == text


def test_a_document_with_markup_is_text_in_every_block(tmp_path):
    doc = ("# 标题<b>粗</b>\n\n<script>alert(1)</script>正文\n\n```{=typst}\n#set page(fill: red)\n```\n\n"
           "## 表<img src=x>\n\n| 序号 | 单位 |\n|---|---|\n| 1 | =HYPERLINK(\"http://x\") |\n"
           "| 2 | @SUM(A1) |\n")
    b = bulletin.open_month(seed004(tmp_path, doc), "2021-09")
    blocks = as_blocks(for_readers(profile_blocks(b)))
    texts = [block.markdown for block in blocks if isinstance(block, Text)]
    at = texts.index("### 附件3")
    html = "".join(markdown_html(t) for t in texts[at:])
    assert "<script" not in html and "<b>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;正文" in html
    assert "#set page(fill: red)" in html
    [table] = [block for block in blocks if isinstance(block, Table) and block.title.startswith("表")]
    assert table.title == "表<img src=x>"  # a value: each output escapes it as it writes it
    # its downloads: the formula-like cells are text
    named = [n for n in name_tables(blocks, b.config.region, "2021年9月") if n[2] is table]
    written = write_tables(named, tmp_path / "out", ["数据来源"])
    sheet = load_workbook(tmp_path / "out" / written[0]).active
    cells = {c.value: c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
    for value in ('=HYPERLINK("http://x")', "@SUM(A1)"):
        assert cells[value].data_type == "s" and cells[value].quotePrefix
    rows = list(csv.reader((tmp_path / "out" / written[1]).read_text(encoding="utf-8-sig")
                           .splitlines()))
    assert [row[1] for row in rows[1:]] == ['\'=HYPERLINK("http://x")', "'@SUM(A1)"]


def test_numbered_where_the_profile_puts_them(tmp_path):
    folder = seed004(tmp_path, sections="title, doc_title, preface, items, annex_list, signature, "
                                        "attachment_annexes, zero_case_items_annexes, items_annexes")
    b = bulletin.open_month(folder, "2021-09")
    assert [title for _, title in annex_titles(b)] == [
        DOC_TITLE, "办件情况反馈表", "各部门、各街镇行政许可事项4个指标详情"]
    texts = [block for block in profile_blocks(b) if isinstance(block, str)]
    assert texts.index("### 附件1") + 1 == texts.index(f"#### {markdown_text(DOC_TITLE)}")


def test_a_document_the_profile_does_not_print_is_a_config_error(tmp_path):
    folder = seed004(tmp_path, sections="title, doc_title, preface, items, annex_list, signature, "
                                        "zero_case_items_annexes, items_annexes")
    b = bulletin.open_month(folder, "2021-09")
    with pytest.raises(ConfigError) as err:
        profile_blocks(b)
    assert "attachments/2021-09/01_市政府交办事项.md" in str(err.value)
    assert "attachment_annexes" in str(err.value)


def test_the_review_names_the_punctuation_changed_by_line(tmp_path):
    folder = seed004(tmp_path, "# 标题\n\n各区县,请于10月13日前完成:\n")
    lines = proofing(bulletin.open_month(folder, "2021-09"))
    assert [line for line in lines if line.startswith("attachments/")] == [
        ("attachments/2021-09/01_文档.md 第 3 行：印发时改为全角标点 「区县,请于」→「区县，请于」；"
         "「完成:」→「完成：」")]


def test_seed004_s_signature_typed_as_one_paragraph_prints_and_is_reviewed(tmp_path):
    """Seed 004's document with its 署名 typed as one paragraph of two lines, the date with a
    leading zero: printed as the two paragraphs are, the date as the bulletin prints its
    own 成文日期 (no leading zero), the change named in the review's 文字校对."""
    from bulletin.report.sections.common import TYPING
    from bulletin.report.sections.review import review_list

    source = DATA / "seed004" / "attachments" / "2021-09" / "01_市政府交办事项.md"
    typed = source.read_text(encoding="utf-8")
    assert "市政府督查办\n\n2021年9月13日\n" in typed
    folder = seed004(tmp_path, typed.replace("市政府督查办\n\n2021年9月13日\n",
                                             "市政府督查办\\\n2021年09月13日\n"))
    # the date's line number now: its old one less the blank line gone, i.e. its old index
    line = typed.split("\n").index("2021年9月13日")
    b = bulletin.open_month(folder, "2021-09")
    blocks = profile_blocks(b)
    printed = [block for block in blocks if isinstance(block, str) and "市政府督查办" in block]
    assert printed == ['<div class="signature">\n<p>市政府督查办</p>\n<p>2021年9月13日</p>\n</div>']
    typing = [item.text.replace("\\", "") for item in review_list(b, blocks)
              if item.topic == TYPING]  # (Markdown, escaped: 「01\\_文档」)
    assert [text for text in typing if "成文日期" in text] == [
        (f"attachments/2021-09/01_文档.md 第 {line} 行：成文日期「2021年09月13日」印为"
         "「2021年9月13日」（与通报自身的成文日期写法一致：GB/T 9704，月、日不编虚位）")]

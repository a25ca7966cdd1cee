"""Seed 004 published with the real pandoc and typst: its 附件3, the forwarded
「市政府交办事项」 typed into attachments/2021-09/, is in the PDF and the Word file with its
text and its three tables, the 附件说明 lists the three annexes, its tables are downloads
beside the month and on its site page; a document holding markup prints it as text."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess

import docx
import pytest
from rich.console import Console

from support.paths import DATA

MONTH = "2021-09"
DOC_TITLE = "市政府交办事项（“渝快办”专项工作2021年第1号）"
TABLES = ["各区县行政许可事项4个指标详情", "各区县监管事项清单认领率", "各区县行政检查实施清单编制率"]
# 江北区's row and the last row of each table, as the seed prints them (cells run together)
ROWS = ["5江北区72886.39%0.1258.10%91.62%", "42重庆经开区15572.39%0.2221.29%80%",
        "6江北区33795135.44%", "42重庆经开区89510.84%",
        "6江北区51248093.75%", "42重庆经开区3131100.0%"]
HOSTILE = ("# 第二份<b>文件</b>\n\n正文<script>alert(1)</script>，[点我](javascript:alert(1))。\n\n"
           "```{=typst}\n#set page(fill: red)\n```\n\n## 表\n\n| 序号 | 单位 |\n|---|---|\n"
           "| 1 | =HYPERLINK(\"http://evil.example\") |\n")


def publish(root, dataset):
    from bulletin.publish.runner import publish_many

    publish_many(dataset, [MONTH], reports=root / "reports", site=root / "_site",
                 use_quarto=False, console=Console(file=io.StringIO()))
    return root


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    return publish(tmp_path_factory.mktemp("attachments"), DATA / "seed004")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("attachments_hostile")
    dataset = root / "data" / "seed004"
    shutil.copytree(DATA / "seed004", dataset)
    (dataset / "attachments" / MONTH / "02_第二份.md").write_text(HOSTILE, encoding="utf-8")
    return publish(root, dataset)


def pdf_text(root) -> str:
    pdf = root / "reports" / "seed004" / MONTH / "bulletin.pdf"
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", "", out.stdout)


def test_the_pdf_lists_three_annexes_and_prints_annex_3_with_its_tables(seed):
    text = pdf_text(seed)
    assert ("附件：1.办件情况反馈表2.各部门、各街镇行政许可事项4个指标详情3." + DOC_TITLE) in text
    at = text.index("附件3" + DOC_TITLE)  # its heading, its title under it
    assert text.index("附件2各部门、各街镇行政许可事项4个指标详情") < at
    annex = text[at:]
    assert "各区县（自治区）人民政府，两江新区、万盛经开区、重庆高新区、重庆经开区管委会：" in annex
    assert "（九）为已领取的监管事项目录清单中的行政检查子项" in annex
    assert "187＊＊＊＊0028" in annex and "18723190028" not in text  # masked as in the notes
    # each table under its own 「附件n」 of the document, as the seed prints them
    found = [annex.index(f"附件{n}{title}") for n, title in enumerate(TABLES, 1)]
    assert found == sorted(found)
    rows = [annex.index(row) for row in ROWS]
    assert rows == sorted(rows) and rows[0] > found[0] and rows[2] > found[1] > rows[1]


def test_the_word_file_lists_three_annexes_and_holds_annex_3_s_tables(seed):
    document = docx.Document(seed / "reports" / "seed004" / MONTH / "bulletin.docx")
    paragraphs = [p.text for p in document.paragraphs]
    at = paragraphs.index("附件：1.\t办件情况反馈表")
    assert paragraphs[at + 1:at + 3] == ["2.\t各部门、各街镇行政许可事项4个指标详情", f"3.\t{DOC_TITLE}"]
    # its title under 「附件3」, broken between phrases (publish.titles) as the seed prints it
    assert paragraphs.index("附件3") + 1 == paragraphs.index("市政府交办事项\n（“渝快办”专项工作2021年第1号）")
    tables = document.tables[-3:]
    assert [len(t.rows) for t in tables] == [43, 43, 43]
    assert [c.text for c in tables[0].rows[0].cells] == [
        "序号", "区划", "事项数", "承诺时限压缩比", "平均到现场次数", "即办件占比", "全程网办占比"]
    assert [c.text for c in tables[1].rows[6].cells] == ["6", "江北区", "337", "951", "35.44%"]
    assert [c.text for c in tables[2].rows[-1].cells] == ["42", "重庆经开区", "31", "31", "100.0%"]
    for title in TABLES:
        assert title in paragraphs


def test_its_tables_are_downloads_on_the_month_page(seed):
    folder = seed / "reports" / "seed004" / MONTH
    page = (seed / "_site" / "seed004" / MONTH / "index.html").read_text(encoding="utf-8")
    for title in TABLES:
        for suffix in (".xlsx", ".csv"):
            assert (folder / f"附件3_{title}{suffix}").is_file()
            assert f"附件3_{title}{suffix}" in page
        assert title in page
    rows = list(csv.reader((folder / f"附件3_{TABLES[0]}.csv").read_text(encoding="utf-8-sig")
                           .splitlines()))
    assert len(rows) == 43 and rows[5] == ["5", "江北区", "728", "86.39%", "0.12", "58.10%", "91.62%"]


def test_a_document_s_markup_is_printed_as_text(hostile):
    text = pdf_text(hostile)
    assert "附件：1.办件情况反馈表" in text and "4.第二份<b>文件</b>" in text
    annex = text[text.index("附件4第二份<b>文件</b>"):]
    assert "正文<script>alert(1)</script>，点我。" in annex and "#setpage(fill:red)" in annex
    page = (hostile / "_site" / "seed004" / MONTH / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page and "javascript:alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    rows = list(csv.reader((hostile / "reports" / "seed004" / MONTH / "附件4_表.csv")
                           .read_text(encoding="utf-8-sig").splitlines()))
    assert rows[1] == ["1", "'=HYPERLINK(\"http://evil.example\")"]

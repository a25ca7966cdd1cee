"""Documents an office supplies as annexes (``attachments/YYYY-MM/*.md``): the title, the
paragraphs and the tables as typed, lines named in every message, typed text never markup,
ID and mobile numbers masked and listed as the notes' are, seed 004's 附件3 as the seed
prints it."""

from __future__ import annotations

import pytest

from bulletin.core.errors import InputError
from bulletin.ingest.attachments import Paragraph, read_attachment, read_attachments
from bulletin.ingest.tables import GivenTable
from support.paths import DATA

DOC = """<!-- the analyst's comment, not printed -->

# 市政府交办事项（“渝快办”专项工作2021年第1号）

各区县（自治区）人民政府,
两江新区管委会:

## 一、关于政务服务“好差评”（联系人：尹翔，18723190028）

（一）应于5个工作日内完成电话回访。

## 各区县监管事项清单认领率

| 序号 | 区划 | 已领取 | 应领取 | 领取比例 |
|---|---|---|---|---|
| 1 | 万州区 | 460 | 951 | 48.37% |
| 2 | 黔江区 | 296 | 951 | 31.13% |

市政府督查办
"""


def write(tmp_path, text: str | bytes, month: str = "2021-09", name: str = "01_交办事项.md"):
    where = tmp_path / "ds" / "attachments" / month
    where.mkdir(parents=True, exist_ok=True)
    path = where / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_title_paragraphs_headings_and_a_titled_table(tmp_path):
    found = []
    doc = read_attachment(write(tmp_path, DOC), found)
    assert doc.file == "attachments/2021-09/01_交办事项.md"
    assert doc.title == "市政府交办事项（“渝快办”专项工作2021年第1号）"
    # a line break inside a Chinese paragraph is no space; 「,」「:」 typeset full-width
    assert doc.parts[0] == Paragraph("各区县（自治区）人民政府，两江新区管委会：", 5)
    assert doc.parts[1] == Paragraph("一、关于政务服务“好差评”（联系人：尹翔，187＊＊＊＊0028）", 8, 2)
    assert doc.parts[2] == Paragraph("（一）应于5个工作日内完成电话回访。", 10)
    table = doc.parts[3]
    assert isinstance(table, GivenTable)
    assert table.title == "各区县监管事项清单认领率"  # the heading just above it
    assert table.columns == ("序号", "区划", "已领取", "应领取", "领取比例")
    assert table.rows == (("1", "万州区", "460", "951", "48.37%"),
                          ("2", "黔江区", "296", "951", "31.13%"))
    assert doc.parts[4] == Paragraph("市政府督查办", 19)
    assert len(doc.parts) == 5
    # the punctuation changed for print, by line (the review lists them)
    assert [(f.line, f.before[-1], f.after[-1]) for f in doc.fixes] == [
        (5, ",", "，"), (6, ":", "：")]
    # the mobile number typed in line 8: masked in the text, listed with its line
    assert [(p.file, p.line, p.kind, p.masked) for p in found] == [
        ("attachments/2021-09/01_交办事项.md", 8, "手机号码", "187＊＊＊＊0028")]
    assert "18723190028" not in doc.printed


def test_raw_html_typst_code_and_links_are_the_text_typed(tmp_path):
    text = ("# 标题\n\n文字<script>alert(1)</script>，[点我](javascript:alert(1))，"
            "<img src=x onerror=alert(1)>，$x$\n\n"
            "```{=typst}\n#set page(fill: red)\n```\n\n<div onclick=\"x\">块</div>\n")
    doc = read_attachment(write(tmp_path, text))
    assert [p.text for p in doc.parts] == [
        "文字<script>alert(1)</script>，点我，<img src=x onerror=alert(1)>，$x$",
        "#set page(fill: red)", '<div onclick="x">块</div>']
    assert all(isinstance(p, Paragraph) and not p.heading for p in doc.parts)


def test_lists_keep_their_numbers(tmp_path):
    doc = read_attachment(write(tmp_path, "# 标题\n\n1. 甲\n2. 乙\n\n- 丙\n"))
    assert [p.text for p in doc.parts] == ["1. 甲", "2. 乙", "· 丙"]


@pytest.mark.parametrize(("row", "cells"), [("| 2 | 乙 | 7 | 9 |", 4), ("| 2 | 乙 |", 2),
                                            ("2 | 乙 | 7 | 9", 4)])
def test_a_ragged_row_is_named_by_its_line(tmp_path, row, cells):
    text = f"# 标题\n\n| 序号 | 区划 | 事项数 |\n|---|---|---|\n| 1 | 甲 | 5 |\n{row}\n"
    with pytest.raises(InputError) as err:
        read_attachment(write(tmp_path, text))
    assert str(err.value).startswith(
        f"文件 attachments/2021-09/01_交办事项.md 第 6 行：这一行有 {cells} 格，表头有 3 列")


def test_empty_cells_and_escaped_pipes_are_cells(tmp_path):
    text = "# 标题\n\n| 序号 | 说明 | 数 |\n|---|---|---|\n| 1 | 甲\\|乙 | |\n"
    doc = read_attachment(write(tmp_path, text))
    assert doc.parts[0].rows == (("1", "甲|乙", ""),)


@pytest.mark.parametrize(("text", "message"), [
    ("", "文件 attachments/2021-09/01_交办事项.md：文件为空"),
    ("  \n\n", "文件 attachments/2021-09/01_交办事项.md：文件为空"),
    ("正文在标题之前\n\n# 标题\n", "文件 attachments/2021-09/01_交办事项.md 第 1 行：附件文档应以标题开头"),
    ("<!-- 只有注释 -->\n", "文件 attachments/2021-09/01_交办事项.md 第 1 行：附件文档应以标题开头"),
])
def test_an_empty_or_untitled_file_is_refused(tmp_path, text, message):
    with pytest.raises(InputError) as err:
        read_attachment(write(tmp_path, text))
    assert str(err.value).startswith(message)


def test_gbk_is_read_and_bytes_in_no_encoding_are_named_by_line(tmp_path):
    doc = read_attachment(write(tmp_path, "# 标题\n\n正文。\n".encode("gbk")))
    assert doc.title == "标题" and doc.parts == (Paragraph("正文。", 3),)
    with pytest.raises(InputError) as err:
        read_attachment(write(tmp_path, "# 标题\n\n正文".encode() + b"\xff\xfe\n"))
    assert "attachments/2021-09/01_交办事项.md" in str(err.value)
    assert "第 3 行" in str(err.value)


def test_invisible_controls_are_refused_by_line(tmp_path):
    with pytest.raises(InputError) as err:
        read_attachment(write(tmp_path, "# 标题\n\n甲\u202e乙\n"))
    assert "attachments/2021-09/01_交办事项.md 第 3 行" in str(err.value)


def test_files_in_name_order_and_other_files_refused(tmp_path):
    write(tmp_path, "# 第二份\n", name="02_乙.md")
    write(tmp_path, "# 第一份\n", name="01_甲.md")
    folder = tmp_path / "ds"
    assert [d.title for d in read_attachments(folder, "2021-09")] == ["第一份", "第二份"]
    assert read_attachments(folder, "2021-10") == []
    (folder / "attachments" / "2021-09" / "03_丙.docx").write_bytes(b"PK")
    with pytest.raises(InputError) as err:
        read_attachments(folder, "2021-09")
    assert "03_丙.docx" in str(err.value) and "Markdown 文件（.md）" in str(err.value)


def test_a_month_the_dataset_does_not_publish_is_refused(tmp_path):
    write(tmp_path, "# 标题\n", month="2021-10")
    folder = tmp_path / "ds"
    with pytest.raises(InputError) as err:
        read_attachments(folder, "2021-09", months=["2021-09"])
    assert "attachments/2021-10" in str(err.value)
    assert "数据集中没有 2021-10 的数据，该月不发布" in str(err.value)
    write(tmp_path, "# 标题\n", month="九月")
    with pytest.raises(InputError) as err:
        read_attachments(folder, "2021-09", months=["2021-09", "2021-10"])
    assert "九月" in str(err.value) and "按月份命名的文件夹" in str(err.value)


def test_seed004_s_annex_3_as_the_seed_prints_it():
    found = []
    [doc] = read_attachments(DATA / "seed004", "2021-09", found, ["2021-09"])
    assert doc.title == "市政府交办事项（“渝快办”专项工作2021年第1号）"
    titles = [t.title for t in doc.tables]
    assert titles == ["各区县行政许可事项4个指标详情", "各区县监管事项清单认领率",
                      "各区县行政检查实施清单编制率"]
    assert [len(t.rows) for t in doc.tables] == [42, 42, 42]
    first, second, third = doc.tables
    assert first.rows[4] == ("5", "江北区", "728", "86.39%", "0.12", "58.10%", "91.62%")
    assert first.rows[-1] == ("42", "重庆经开区", "155", "72.39%", "0.22", "21.29%", "80%")
    assert second.rows[5] == ("6", "江北区", "337", "951", "35.44%")
    assert third.rows[7] == ("8", "九龙坡区", "559", "559", "100.0%")
    # the numbered problems as the seed lists them: 3 under 一、, 9 under 二、 (its text
    # speaks of 13; typed as printed)
    problems = [p.text for p in doc.parts if isinstance(p, Paragraph)
                and p.text.startswith("（") and p.text[1] in "一二三四五六七八九"]
    assert len(problems) == 12
    assert [p.masked for p in found] == ["187＊＊＊＊0028", "177＊＊＊＊6938"]

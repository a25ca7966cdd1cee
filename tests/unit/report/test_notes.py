"""The analyst's notes (notes/YYYY-MM.md) as analysts write them: headings with Chinese
ordinals, at another level, paragraphs starting with "#", sub-headings, unknown sections.
Nothing the analyst wrote is silently dropped."""

from __future__ import annotations

import shutil

import pytest

import bulletin
from bulletin.report.notes import analyst_notes, read_notes, section_name
from bulletin.report.sections.common import for_readers, review_items
from bulletin.report.sections.written import section_problems, section_work
from support.hostile import ROOT

WORK = "本月开展了示例工作：一是……；二是……。"
PROBLEM = "（一）示例问题一。"


def notes(tmp_path, text: str):
    path = tmp_path / "2021-02.md"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("work,problems", [
    ("## 工作动态", "## 存在的问题"),
    ("## 四、工作动态", "## 五、存在的问题"),
    ("### （一）工作动态", "### （二）存在的问题"),
    ("## (1) 工作动态", "## (2) 存在问题"),
    ("## 1. 工作动态", "## 2. 存在的问题"),
    ("## 1、工作动态", "## 2、存在的问题"),
    ("## 第一部分 工作动态", "## 第二部分 存在的问题"),
    ("## **工作动态**", "## 存在的问题："),
    ("# 工作动态", "# 存在的问题"),
    ("## 四、 工作动态 ##", "##　五、存在的问题"),
    ("### 四、工作动态", "## 存在的问题"),  # mixed levels: known names start a section anyway
])
def test_headings_are_matched_by_name_without_ordinal(tmp_path, work, problems):
    path = notes(tmp_path, f"{work}\n\n{WORK}\n\n{problems}\n\n{PROBLEM}\n")
    assert analyst_notes(path) == {"工作动态": WORK, "存在的问题": PROBLEM}
    assert read_notes(path).unused == []


@pytest.mark.parametrize("line", ["#1 号窗口本月办件最多。", "#政务服务# 话题阅读量 1 万。",
                                  "#", "#######七级不是标题"])
def test_a_paragraph_starting_with_a_hash_is_text(tmp_path, line):
    path = notes(tmp_path, f"## 工作动态\n\n{WORK}\n\n{line}\n\n## 存在的问题\n\n{PROBLEM}\n")
    sections = analyst_notes(path)
    if line == "#":  # an empty heading line: nothing is lost
        assert sections["工作动态"] == WORK
    else:
        assert sections["工作动态"] == f"{WORK}\n\n{line}"
    assert sections["存在的问题"] == PROBLEM
    assert read_notes(path).unused == []


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
def test_notes_in_gbk_or_with_a_bom_are_read(tmp_path, encoding):
    path = tmp_path / "2021-02.md"
    path.write_bytes(f"## 工作动态\n\n{WORK}\n".encode(encoding))
    assert analyst_notes(path) == {"工作动态": WORK}


def test_sub_headings_inside_a_section_are_kept_as_text(tmp_path):
    path = notes(tmp_path, f"## 工作动态\n\n### （一）窗口建设\n\n{WORK}\n\n#### 1. 细项\n\n细节。\n\n"
                           f"## 存在的问题\n\n{PROBLEM}\n")
    sections = analyst_notes(path)
    assert sections["工作动态"] == f"**（一）窗口建设**\n\n{WORK}\n\n**1. 细项**\n\n细节。"
    assert sections["存在的问题"] == PROBLEM
    assert read_notes(path).unused == []


def test_unknown_sections_and_text_before_the_first_heading_are_reported(tmp_path):
    path = notes(tmp_path, f"<!-- a comment for colleagues -->\n\n前言文字。\n\n## 工作动态\n\n{WORK}\n\n"
                           f"## 工作亮点\n\n亮点。\n\n## 存在的问题\n\n{PROBLEM}\n")
    result = read_notes(path)
    assert result.sections == {"工作动态": WORK, "存在的问题": PROBLEM}
    assert len(result.unused) == 2
    assert "前言文字" in result.unused[0] and "工作亮点" in result.unused[1]


def test_a_comment_alone_before_the_first_heading_is_not_reported(tmp_path):
    path = notes(tmp_path, f"<!-- 说明\n 多行 -->\n\n## 工作动态\n\n{WORK}\n")
    assert read_notes(path).unused == []


def test_a_heading_inside_a_code_fence_is_text(tmp_path):
    path = notes(tmp_path, f"## 工作动态\n\n```\n## 存在的问题\n```\n\n{WORK}\n")
    assert analyst_notes(path) == {"工作动态": f"```\n## 存在的问题\n```\n\n{WORK}"}


def test_a_section_written_twice_keeps_both(tmp_path):
    path = notes(tmp_path, f"## 工作动态\n\n{WORK}\n\n## 工作动态\n\n再一段。\n")
    assert analyst_notes(path) == {"工作动态": f"{WORK}\n\n再一段。"}


@pytest.mark.parametrize("title,name", [("四、工作动态", "工作动态"), ("（二）存在的问题", "存在的问题"),
                                        ("一、", "一、"), ("2021年工作动态", "2021年工作动态")])
def test_section_name(title, name):
    assert section_name(title) == name


@pytest.fixture
def seed000(tmp_path):
    folder = tmp_path / "seed000"
    shutil.copytree(ROOT / "data" / "seed000", folder)
    return folder


def test_the_bulletin_prints_the_notes_and_reports_what_it_left_out(seed000):
    (seed000 / "notes" / "2021-02.md").write_text(
        f"## 四、工作动态\n\n#1 号窗口{WORK}\n\n## 五、存在的问题\n\n{PROBLEM}\n\n## 下月计划\n\n计划。\n",
        encoding="utf-8")
    b = bulletin.open_month(seed000, "2021-02")
    work = "\n".join(for_readers(section_work(b)))
    assert f"#1 号窗口{WORK}" in work and "未提供" not in work
    blocks = section_problems(b)
    problems = "\n\n".join(for_readers(blocks))
    assert PROBLEM in problems and "下月计划" not in problems  # the bulletin prints the text
    review = "\n".join(item.text for item in review_items(blocks))  # the review says what not
    assert "下月计划" in review and "notes/2021-02.md" in review

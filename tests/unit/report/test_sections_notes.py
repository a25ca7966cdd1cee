"""The sections the analyst writes beside 工作动态 and 存在的问题: 标题 (doc_title), 正文
(preface), 目标 (goals), 措施 (measures) — printed where the profile puts them, left out
(and said in the review) when the notes lack them, reported when the notes hold a section
the profile does not print."""

from __future__ import annotations

import shutil

import bulletin
from bulletin.report.sections.common import for_readers, review_items
from bulletin.report.sections.registry import profile_blocks
from support.paths import DATA

NOTES = """<!-- a comment -->

## 标题

关于“政务服务”指标整改提升情况的通报

## 正文

我市该指标整改提升情况如下:

## 二、整改提升措施

(一)措施一。

## 一、整改提升目标及成效

(一)目标一。
"""


def dataset(tmp_path, notes: str | None, sections: str):
    folder = tmp_path / "ds"
    shutil.copytree(DATA / "seed002", folder, ignore=shutil.ignore_patterns("*.py", "notes"))
    config = (folder / "dataset.yml").read_text(encoding="utf-8")
    start = config.index("  sections:")
    end = config.index("\n", start)
    (folder / "dataset.yml").write_text(config[:start] + f"  sections: [{sections}]" + config[end:],
                                        encoding="utf-8")
    if notes is not None:
        (folder / "notes").mkdir()
        (folder / "notes" / "2020-12.md").write_text(notes, encoding="utf-8")
    return bulletin.open_month(folder, "2020-12")


def texts(blocks) -> list[str]:
    return [x for x in for_readers(blocks) if isinstance(x, str)]


def test_sections_print_in_the_profile_s_order_with_the_written_headings(tmp_path):
    b = dataset(tmp_path, NOTES, "title, doc_title, preface, goals, measures")
    blocks = profile_blocks(b)
    assert texts(blocks)[1:] == [
        "## 关于“政务服务”指标整改提升情况的通报",  # the 公文's title: a centred body title
        "我市该指标整改提升情况如下：",  # 正文: no heading of its own; typeset for print
        "### 一、整改提升目标及成效\n\n（一）目标一。",  # the profile's order, not the notes'
        "### 二、整改提升措施\n\n（一）措施一。"]
    assert review_items(blocks) == []  # every section of the notes is printed


def test_a_title_over_two_lines_is_one_line(tmp_path):
    b = dataset(tmp_path, "## 标题\n\n关于“政务服务”指标\n整改提升情况的通报\n", "title, doc_title")
    assert texts(profile_blocks(b))[1] == "## 关于“政务服务”指标整改提升情况的通报"


def test_missing_sections_are_left_out_and_said_in_the_review(tmp_path):
    b = dataset(tmp_path, "## 正文\n\n只有正文。\n", "title, preface, goals, measures")
    blocks = profile_blocks(b)
    assert texts(blocks)[1:] == ["只有正文。"]
    said = [item.text for item in review_items(blocks)]
    assert len(said) == 2 and "未提供目标" in said[0] and "未提供措施" in said[1]
    assert "“## 目标”标题" in said[0]


def test_a_section_the_profile_does_not_print_is_reported_once(tmp_path):
    b = dataset(tmp_path, NOTES, "title, preface, goals")
    blocks = profile_blocks(b)
    said = [item.text for item in review_items(blocks)]
    # 标题 and 措施 are in the notes but not in this profile: reported by its first notes
    # section (preface), naming what this bulletin uses
    assert len(said) == 2
    assert "「标题」一节未被采用" in said[0] and "「措施」一节未被采用" in said[1]
    assert "「正文」、「目标」" in said[0]
    assert not any("措施一" in t for t in texts(blocks))


def test_no_notes_at_all(tmp_path):
    b = dataset(tmp_path, None, "title, doc_title, preface")
    blocks = profile_blocks(b)
    assert len(texts(blocks)) == 1  # the masthead only
    assert [item.topic for item in review_items(blocks)] == ["分析说明", "分析说明"]

"""profile.outline: the body numbered 一、（一）… (seed 003's 一、办件情况 / （一）实体大厅… /
（二）“一网通办”指标情况 / 二、工作动态), checked in dataset.yml with a message naming the part."""

from __future__ import annotations

import re

import pytest
import yaml

from bulletin.core.config import Profile, load_config
from bulletin.core.errors import ConfigError
from bulletin.report.fmt import cn_number
from bulletin.report.sections.outline import outlined

SECTIONS = ["title", "hall", "items", "work", "problems", "annex_list", "items_annexes"]


def profile(outline: list[dict], sections: list[str] = SECTIONS) -> Profile:
    return Profile.model_validate({"sections": sections, "outline": outline})


def named(**empty: bool) -> list[tuple[str, list]]:
    """Each section's blocks as its builder returns them: a heading over text, a review
    item (any other value) after it; an empty section has the review item only."""
    heads = {"title": "# 某市通报", "hall": "### 实体大厅办件情况\n\n文字。\n\n#### 窗口",
             "items": "### 事项指标情况\n\n文字。", "work": "### 工作动态\n\n1．文字。",
             "problems": "### 存在的问题\n\n文字。", "annex_list": "附件：1. …",
             "items_annexes": "### 附件1"}
    review = object()
    return [(name, [review] if empty.get(name) else [heads[name], review]) for name in SECTIONS]


def headings(blocks: list) -> list[str]:
    return [line for b in blocks if isinstance(b, str) for line in b.split("\n")
            if line.startswith("#")]


SEED_003 = [{"title": "办件情况", "sections": ["hall", "items"],
             "headings": {"items": "“一网通办”指标情况"}},
            {"title": "工作动态", "sections": ["work"]}]


def test_parts_and_their_sections_numbered():
    assert headings(outlined(profile(SEED_003), named())) == [
        "# 某市通报", "### 一、办件情况", "#### （一）实体大厅办件情况", "##### 窗口",
        "#### （二）“一网通办”指标情况", "### 二、工作动态", "### 存在的问题", "### 附件1"]


def test_a_section_printing_nothing_takes_no_number():
    blocks = outlined(profile(SEED_003), named(hall=True))
    assert headings(blocks)[1:4] == ["### 一、办件情况", "#### （一）“一网通办”指标情况",
                                     "### 二、工作动态"]
    # its review items are kept, in their place
    assert sum(1 for b in blocks if not isinstance(b, str)) == len(SECTIONS)


def test_a_part_printing_nothing_takes_no_number():
    blocks = outlined(profile(SEED_003), named(hall=True, items=True))
    assert headings(blocks)[:3] == ["# 某市通报", "### 一、工作动态", "### 存在的问题"]
    assert "### 办件情况" not in headings(blocks) and "### 一、办件情况" not in headings(blocks)


@pytest.mark.parametrize("typed", ["四、工作动态", "（四）工作动态", "(4) 工作动态", "4. 工作动态",
                                   "4、工作动态", "工作动态"])
def test_a_number_the_analyst_typed_gives_way(typed):
    sections = [("work", [f"### {typed}\n\n文字。"]), ("problems", ["### 存在的问题\n\n文字。"])]
    outline = profile([{"title": "工作情况", "sections": ["work", "problems"]}],
                      ["title", "work", "problems"])
    assert headings(outlined(outline, sections)) == [
        "### 一、工作情况", "#### （一）工作动态", "#### （二）存在的问题"]


def test_without_an_outline_the_blocks_are_as_built():
    sections = named()
    assert outlined(profile([]), sections) == [b for _, s in sections for b in s]


def test_parts_of_one_section_keep_their_inner_headings():
    many = [{"title": f"部分{n}", "sections": [name]} for n, name in
            enumerate(["hall", "items", "work", "problems"], 1)]
    assert headings(outlined(profile(many), named()))[1:6] == [
        "### 一、部分1", "#### 窗口", "### 二、部分2", "### 三、部分3", "### 四、部分4"]


def test_numbers_past_ten():
    assert [cn_number(n) for n in (1, 9, 10, 11, 19, 20, 21, 35)] == [
        "一", "九", "十", "十一", "十九", "二十", "二十一", "三十五"]


@pytest.mark.parametrize(("outline", "sections", "message"), [
    ([{"title": "办件情况", "sections": ["hall", "scores"]}], SECTIONS,
     r"outline 第 1 部分（办件情况）的章节 scores 不在 profile.sections 中"),
    ([{"title": "附件", "sections": ["items_annexes"]}], SECTIONS, "不能编入层次"),
    ([{"title": "标题", "sections": ["title"]}], SECTIONS, "不能编入层次"),
    ([{"title": "甲", "sections": ["hall", "work"]}], SECTIONS, "应相邻"),
    ([{"title": "甲", "sections": ["items", "hall"]}], SECTIONS, "按 profile.sections 中的顺序"),
    ([{"title": "甲", "sections": ["hall"]}, {"title": "乙", "sections": ["hall", "items"]}],
     SECTIONS, r"第 2 部分（乙）的章节 hall 已在前面的部分中"),
    ([{"title": "甲", "sections": ["hall"], "headings": {"work": "工作"}}], SECTIONS,
     "headings 中有不属于该部分的章节：work"),
    ([{"title": "甲", "sections": ["work"]}], ["title", "operation", "work"], "自有编号"),
    ([{"title": "甲", "sections": []}], SECTIONS, "at least 1"),
])
def test_a_wrong_outline_is_refused_naming_its_part(write, tmp_path, outline, sections, message):
    write("dataset.yml", yaml.safe_dump({"profile": {"sections": sections, "outline": outline}},
                                        allow_unicode=True))
    with pytest.raises(ConfigError, match=r"配置项「profile」|profile\.outline") as err:
        load_config(tmp_path)
    assert re.search(message, str(err.value)), str(err.value)


def test_the_outline_headings_are_typeset_as_printed_strings(write, tmp_path):
    write("dataset.yml", "profile:\n  sections: [title, hall, items]\n  outline:\n"
                         "    - title: 办件情况,统计\n      sections: [hall, items]\n"
                         "      headings: {items: 指标(一网通办)}\n")
    config = load_config(tmp_path)
    part = config.profile.outline[0]
    assert part.title == "办件情况，统计"
    assert part.headings == {"items": "指标（一网通办）"}
    assert {f.key for f in config.typeset_fixes} == {"profile.outline.0.title",
                                                     "profile.outline.0.headings.items"}

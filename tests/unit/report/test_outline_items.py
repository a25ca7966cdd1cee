"""Items numbered inside an outlined section (report.sections.outline.renumbered): GB/T
9704's levels are 一、 → （一） → 1. → （1）, so where profile.outline prints a section as
「（一）…」 its own （一）（二）… items print as 1. 2. …, their 1. as （1）, their （1） as ①.
Items already below the section's heading (typed as 1. or （1）), and sections that the
outline prints as 「一、…」, keep their numbers. Seed 002's 目标 and 措施 grouped under one
part print as in the last test, worked out by hand from its notes."""

from __future__ import annotations

import shutil

from bulletin.core.config import Profile
from bulletin.report.loader import open_month
from bulletin.report.sections.common import Review, for_readers, review_items
from bulletin.report.sections.outline import outlined
from bulletin.report.sections.registry import profile_blocks
from support.paths import DATA

PART = [{"title": "整改提升情况", "sections": ["goals", "measures"]}]


def profile(outline: list[dict] = PART) -> Profile:
    return Profile.model_validate({"sections": ["goals", "measures"], "outline": outline})


def lines(blocks: list) -> list[str]:
    return [line for b in for_readers(blocks) if isinstance(b, str) for line in b.split("\n")
            if line.strip()]


def outline_of(goals: str, measures: str = "### 二、措施\n\n文字。", outline: list[dict] = PART,
               typed=lambda _line: False) -> list:
    return outlined(profile(outline), [("goals", [goals]), ("measures", [measures])], typed)


def test_items_numbered_at_the_section_heading_level_move_one_level_down():
    goals = ("### 一、目标\n\n(一)甲目标。正文。\n\n1.甲的第一点。\n\n（1）其中一项。\n\n"
             "（二）乙目标。\n\n**（三）丙目标。**正文。\n\n<strong>（四）丁目标。</strong>")
    assert lines(outline_of(goals)) == [
        "### 一、整改提升情况", "#### （一）目标", "1.甲目标。正文。", "（1）甲的第一点。",
        "①其中一项。", "2.乙目标。", "**3.丙目标。**正文。", "<strong>4.丁目标。</strong>",
        "#### （二）措施", "文字。"]


def test_items_typed_below_the_heading_keep_their_numbers():
    for goals in ("### 目标\n\n1.甲。\n\n2.乙。\n\n（1）其中。", "### 目标\n\n（1）甲。\n\n（2）乙。",
                  "### 目标\n\n1. 甲。\n2. 乙。"):
        blocks = outline_of(goals)
        assert lines(blocks)[2:-2] == [line for line in goals.split("\n")[1:] if line], goals
        assert not review_items(blocks)


def test_items_typed_as_first_level_move_two_levels_down():
    assert lines(outline_of("### 目标\n\n一、甲。\n\n（一）甲一。\n\n二、乙。"))[2:5] == [
        "1.甲。", "（1）甲一。", "2.乙。"]


def test_a_markdown_list_below_moved_items_becomes_paragraphs():
    blocks = outline_of("### 目标\n\n（一）甲。\n\n1. 其一\n2. 其二")
    assert for_readers(blocks)[1].split("\n")[2:] == [
        "1.甲。", "", "（1）其一", "", "（2）其二"]


def test_a_part_of_one_section_keeps_its_items():
    one = [{"title": "整改提升目标及成效", "sections": ["goals"]},
           {"title": "整改提升措施", "sections": ["measures"]}]
    blocks = outline_of("### 一、目标\n\n（一）甲。\n\n（二）乙。", "### 措施\n\n（一）丙。", one)
    assert lines(blocks) == ["### 一、整改提升目标及成效", "（一）甲。", "（二）乙。",
                             "### 二、整改提升措施", "（一）丙。"]


def test_sub_headings_move_with_the_text_and_code_and_tables_do_not():
    goals = ("### 目标\n\n#### （一）总体情况\n\n1.5万件办结。\n\n| （一） | 甲 |\n|---|---|\n\n"
             "```\n（二）代码\n```\n\n#### （二）其他")
    assert lines(outline_of(goals))[1:9] == [
        "#### （一）目标", "##### 1.总体情况", "1.5万件办结。", "| （一） | 甲 |", "|---|---|",
        "```", "（二）代码", "```"]
    assert lines(outline_of(goals))[9] == "##### 2.其他"


def test_the_review_says_which_typed_numbers_were_changed():
    goals = "### 目标\n\n（一）甲。\n\n（二）乙。\n\n1.其中。"
    typed = {"（一）甲。", "（二）乙。", "1.其中。"}.__contains__
    [item] = [b for b in outline_of(goals, typed=typed) if isinstance(b, Review)]
    assert item.text == ("「目标」一节按大纲印为二级标题（（一）），其中各项的序号按公文层次"
                         "（一、→（一）→1.→（1））降一级印出，与分析说明所写不同："
                         "「（一）」印为「1.」，「（二）」印为「2.」，「1.」印为「（1）」。")
    assert not any(isinstance(b, Review) for b in outline_of(goals))  # the section's own: silent


def test_seed_002_grouped_under_one_part(tmp_path):
    folder = tmp_path / "seed002"
    shutil.copytree(DATA / "seed002", folder, ignore=shutil.ignore_patterns("*.py"))
    config = folder / "dataset.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  sections: [title, doc_title, preface, goals, measures, targets]",
        "  sections: [title, doc_title, preface, goals, measures, targets]\n  outline:\n"
        "    - title: 整改提升情况\n      sections: [goals, measures]"), encoding="utf-8")
    blocks = profile_blocks(open_month(folder, "2020-12"), skip=("title",))
    heads = [line.split("。")[0] for line in lines(blocks)
             if line.startswith(("#", "（", "(")) or line[:2] in {f"{n}." for n in range(1, 10)}]
    assert heads == [
        "## 关于“政务服务”指标整改提升情况的通报", "### 一、整改提升情况", "#### （一）整改提升目标及成效",
        "1.网上政务服务事项可办率", "2.政务服务便利度", "3.与国家政务平台数据共享",
        "#### （二）整改提升措施", "1.提升网上政务服务评估指标", "2.实行“周末不打烊”服务",
        "3.提供24小时自助政务服务", "4.实行无差别综合受理", "5.建立帮办代办员制度",
        "6.提升网上政务服务能力", "7.强化政务服务“就近办”工作力度", "8.加强“豫事办”平顶山分厅建设和宣传推广力度"]
    said = [r.text for r in review_items(blocks) if "按大纲" in r.text]
    assert said[0].startswith("「整改提升目标及成效」一节按大纲印为二级标题") and said[0].endswith(
        "「（一）」印为「1.」，「（二）」印为「2.」，「（三）」印为「3.」。")
    assert said[1] == "分析说明中的标题「一、整改提升目标及成效」按大纲的层次印为「（一）整改提升目标及成效」。"
    assert said[2].startswith("「整改提升措施」一节") and "「（八）」印为「8.」" in said[2]
    assert said[3] == "分析说明中的标题「二、整改提升措施」按大纲的层次印为「（二）整改提升措施」。"
    assert len(said) == 4


def test_the_review_says_when_a_typed_heading_number_was_changed():
    one = [{"title": "工作情况", "sections": ["goals"]}, {"title": "措施", "sections": ["measures"]}]
    for heading, said in (("四、目标", "「四、目标」按大纲的层次印为「一、工作情况」"),
                          ("一、目标", None), ("目标", None)):
        items = review_items(outline_of(f"### {heading}\n\n文字。", outline=one,
                                        typed=lambda _line: True))
        assert [r.text for r in items if "标题" in r.text] == (
            [f"分析说明中的标题{said}。"] if said else []), heading
    items = review_items(outline_of("### 四、目标\n\n文字。", outline=one))  # the engine's own
    assert items == []

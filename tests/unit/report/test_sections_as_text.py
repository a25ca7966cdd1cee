"""Dataset strings placed into the title, the 附件 list, the 考核得分 and 目标跟踪 sections are
text (sections.common ``as_text``): a hostile region, group title or indicator name prints
as typed, never as a link, emphasis or HTML."""

from __future__ import annotations

import shutil

from bs4 import BeautifulSoup

from bulletin.publish.notebook import markdown_html
from bulletin.report.loader import open_month
from bulletin.report.sections.common import section_title
from bulletin.report.sections.operation import section_annexes
from bulletin.report.sections.scores import section_scores
from bulletin.report.sections.targets import section_targets
from support.paths import DATA

HOSTILE = "*斜*[市](x.html)<b>粗</b>&amp;"
MARKUP = ["a", "em", "b", "strong", "code", "img", "script"]


def copy(tmp_path, seed: str, old: str, new: str, rel: str = "dataset.yml"):
    folder = tmp_path / seed
    shutil.copytree(DATA / seed, folder, ignore=shutil.ignore_patterns("*.py"))
    path = folder / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return folder


def soup_of(markdown: str) -> BeautifulSoup:
    return BeautifulSoup(markdown_html(markdown), "html.parser")


def test_a_hostile_region_in_the_title_and_the_annex_list_prints_as_typed(tmp_path):
    folder = copy(tmp_path, "seed000", "region: 达州市", f'region: "{HOSTILE}"')
    b = open_month(folder, "2021-02")
    title = soup_of(section_title(b)[0])
    assert title.find("h1").get_text() == f"{HOSTILE}一体化政务服务平台运行情况通报"
    assert not title.find(MARKUP)
    annexes = soup_of(section_annexes(b)[0])
    items = [p.get_text() for p in annexes.select("div.annex-list > p")]
    assert len(items) == 2 and all(HOSTILE in item for item in items)
    assert not annexes.find(MARKUP)


def test_a_hostile_region_and_group_title_in_the_scores_section_print_as_typed(tmp_path):
    folder = copy(tmp_path, "seed001", "region: 达州市", f'region: "{HOSTILE}"')
    yml = folder / "dataset.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace(
        "title: 市级部门（单位）A 组", 'title: "A组<i>x</i>[y](javascript:1)"'), encoding="utf-8")
    notes = folder / "notes" / "2023-06.md"  # without the analyst's 总体情况: the region's sentence
    text = notes.read_text(encoding="utf-8")
    notes.write_text(text[:text.index("## 一、总体情况")] + text[text.index("## （一）"):],
                     encoding="utf-8")
    blocks = [blk for blk in section_scores(open_month(folder, "2023-06"))
              if isinstance(blk, str) and blk.startswith("### 一、")]
    soup = soup_of(blocks[0])
    text = soup.get_text()
    assert f"{HOSTILE}综合得分" in text and "A组<i>x</i>[y](javascript:1)共" in text
    assert not soup.find(["a", "em", "b", "i", "code", "img", "script"])


def test_a_hostile_indicator_name_in_the_targets_section_prints_as_typed(tmp_path):
    name = "统一受理*事项*覆盖度[x](javascript:1)<b>"
    folder = copy(tmp_path, "seed002", "4,统一受理事项覆盖度,2019,40.78%,2020,60%,79.9%",
                  f"4,{name},2019,40.78%,2020,60%,50%", rel="targets/2020-12.csv")
    blocks = section_targets(open_month(folder, "2020-12"))
    soup = soup_of(blocks[0])
    assert f"未达标：{name}（差距 -10.00 个百分点）" in soup.get_text()
    assert not soup.find(MARKUP)

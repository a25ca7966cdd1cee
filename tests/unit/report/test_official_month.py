"""A 公文 month (seed 004's inputs, dataset.yml's document): its 发文字号 names the issue,
its dates are unspaced, its signature section prints 署名, 成文日期 and the analyst's 附注,
and nothing is made up — a month without a 发文字号 is refused, and no 期号 is asked for."""

from __future__ import annotations

import re
import shutil

import pytest

import bulletin
from bulletin.core.errors import ConfigError
from bulletin.report.downloads import source_lines
from bulletin.report.sections.common import masthead_lines, section_title
from bulletin.report.sections.registry import profile_blocks
from bulletin.report.sections.signoff import blockers
from bulletin.report.sections.written import section_signature
from support.paths import DATA

MONTH = "2021-09"


@pytest.fixture
def official(tmp_path):
    """seed 004 copied, with its dataset.yml and notes editable."""
    folder = tmp_path / "seed004"
    shutil.copytree(DATA / "seed004", folder)

    def open_with(replace: dict[str, str] | None = None, notes: dict[str, str] | None = None):
        for name, edits in (("dataset.yml", replace), (f"notes/{MONTH}.md", notes)):
            path = folder / name
            text = path.read_text(encoding="utf-8")
            for old, new in (edits or {}).items():
                assert old in text, old
                text = text.replace(old, new)
            path.write_text(text, encoding="utf-8")
        return bulletin.open_month(folder, MONTH)

    return open_with


def paragraphs(block: str, cls: str) -> list[str]:
    found = re.search(rf'<div class="{cls}">\n(.*?)\n</div>', block, re.DOTALL)
    return re.findall(r"<p>(.*?)</p>", found.group(1)) if found else []


def test_the_number_names_the_issue_and_dates_are_unspaced(official):
    b = official()
    assert b.issue_label == "江北政务〔2021〕45号"
    assert b.issue_date_label == "2021年9月29日"
    assert masthead_lines(b) == ["重庆市江北区政务服务管理办公室"]
    assert section_title(b) == ["# 重庆市江北区政务服务管理办公室\n\n江北政务〔2021〕45号"]
    # the downloads name the document by its own title and number
    assert source_lines(b)[0] == ("数据来源：重庆市江北区政务服务管理办公室《关于转发〈市政府交办事项"
                                  "（“渝快办”专项工作2021年第1号）〉的通知》（江北政务〔2021〕45号）")


def test_the_signature_with_the_notes_note(official):
    [block] = section_signature(official())
    assert paragraphs(block, "signature") == ["重庆市江北区政务服务管理办公室", "2021年9月29日"]
    assert paragraphs(block, "attached-note") == ["（区政务服务办联系人及电话：张竞  黄茜 67560907）"]


def test_a_note_without_parentheses_gets_them_and_its_lines_are_joined(official):
    b = official(notes={"（区政务服务办联系人及电话：张竞  黄茜 67560907）":
                        "联系人：张竞；\n联系电话：67560907"})
    [block] = section_signature(b)
    assert paragraphs(block, "attached-note") == ["（联系人：张竞；联系电话：67560907）"]


def test_without_the_notes_note_dataset_yml_s_note_else_none(official):
    b = official(notes={"## 附注\n\n（区政务服务办联系人及电话：张竞  黄茜 67560907）": ""},
                 replace={"  kind: 公文\n": "  kind: 公文\n  note: 联系人：审批服务科；联系电话：67560907\n"})
    [block] = section_signature(b)
    assert paragraphs(block, "attached-note") == ["（联系人：审批服务科；联系电话：67560907）"]
    b = official(replace={"  note: 联系人：审批服务科；联系电话：67560907\n": ""})
    [block] = section_signature(b)
    assert "attached-note" not in block and paragraphs(block, "signature")


def test_mark_and_signature_of_dataset_yml(official):
    b = official(replace={"  kind: 公文\n": "  kind: 公文\n  mark: 江北区政务服务办公室文件\n"
                                           "  signature: 江北区政务服务办\n"})
    assert masthead_lines(b) == ["江北区政务服务办公室文件"]
    [block] = section_signature(b)
    assert paragraphs(block, "signature") == ["江北区政务服务办", "2021年9月29日"]


def test_a_month_without_a_number_is_refused(official):
    b = official(replace={'"2021-09": 江北政务〔2021〕45号': '"2021-10": 江北政务〔2021〕52号'})
    with pytest.raises(ConfigError, match="document.numbers 未给出 2021-09 的发文字号") as error:
        b.issue_label  # noqa: B018 (the property raises)
    assert error.value.key == "document.numbers"


def test_no_issue_number_is_asked_of_an_official_document(official):
    b = official(replace={'issue_dates:\n  "2021-09": 2021-09-29\n': ""})
    kinds = [x.kind for x in blockers(b, [], [])]
    assert "期号" not in kinds and "印发日期" in kinds  # the date is still made up


def test_the_addressees_flush_left_with_their_colon(official):
    b = official(notes={"## 主送机关\n\n各有关单位、各街镇：": "## 主送机关\n\n各有关单位<b>、\n各街镇"})
    [block, *_] = profile_blocks(b, skip=("title",))[1:]
    assert block == '<div class="addressees">\n<p>各有关单位&lt;b&gt;、各街镇：</p>\n</div>'

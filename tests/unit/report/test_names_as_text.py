"""Unit names and dataset.yml strings placed into the bulletin's sentences are text: the
sentences are Markdown blocks, and each is escaped where it is emitted (sections.common
``paragraphs`` / ``strong`` / ``as_text``), so no name is parsed as Markdown or HTML."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from bulletin.publish.notebook import markdown_html
from bulletin.report.sections.common import as_text, paragraphs, strong

NAMES = ["*斜体*局", "__粗体__局", "&amp;局", "&#x41;局", "[文字](x.html)局", "[链接](//host/share)",
         "<b>局</b>", "<script>alert(1)</script>", "`代码`局", "~~删除~~局", "局\\*", "a|b 局",
         "https://evil.example/x", "![图](x.png)", "$x$ ^y^", "- 列表", "1. 第一", "# 标题",
         "> 引用", "局\n===", "<!-- 注释 -->局", "市本级[^1]"]


@pytest.mark.parametrize("name", NAMES)
def test_a_name_in_a_sentence_is_shown_as_typed(name):
    sentence = f"{name}、市公安局办结件较多，分别为 1129 件、1000 件。"
    soup = BeautifulSoup(markdown_html(paragraphs([sentence, "第二段。"])), "html.parser")
    assert [p.get_text() for p in soup.find_all("p")] == [sentence, "第二段。"]
    assert not soup.find(["a", "em", "strong", "code", "del", "img", "h1", "ul", "ol",
                          "blockquote", "script", "b"])


@pytest.mark.parametrize("name", NAMES)
def test_a_name_in_bold_is_shown_as_typed(name):
    soup = BeautifulSoup(markdown_html(strong(name)), "html.parser")
    assert soup.find("strong").get_text() == name and not soup.find(["a", "em", "code"])


def test_the_bulletins_own_sentences_are_unchanged():
    text = "2021年2月，全市共申请依申请政务服务事项 6548 件（备注：主动评价率=群众办件主动评价数/办结件总数×100%）。"
    assert as_text(text) == text

"""Links in what the analyst or a dataset supplies: only http(s) addresses and the files the
tool publishes beside a month's page stay links; every other address — a network share
above all — is shown as it was typed (publish.sanitise.safe_href). The site, the PDF, the
Word file and Quarto's route all render Markdown through ``markdown_html``; a table's
cells are text, written escaped."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from bulletin.publish.blocks import table_html
from bulletin.publish.gt_html import gt_html
from bulletin.publish.notebook import markdown_html
from support.executed import table

# As typed in notes/YYYY-MM.md → as it must read on the page (not a link).
NOT_LINKS = {
    "[共享](//host/share)": "[共享](//host/share)",
    "[共享](\\\\host\\share)": "[共享](\\host\\share)",  # Markdown reads one backslash away
    "[文件](file://host/share/x.docx)": "[文件](file://host/share/x.docx)",
    "<file://host/share>": "<file://host/share>",
    "[脚本](javascript:alert(1))": "[脚本](javascript:alert(1))",
    "[数据](data:text/html,<b>x</b>)": "[数据](data:text/html,<b>x</b>)",
    "[邮件](mailto:a@example.com)": "[邮件](mailto:a@example.com)",
    "<mailto:a@example.com>": "<mailto:a@example.com>",
    "[页面](x.html)": "[页面](x.html)",
    "[系统](/etc/passwd)": "[系统](/etc/passwd)",
    "[上级](../../index.html)": "[上级](../../index.html)",
    "[奇怪](http:\\\\host\\share)": "[奇怪](http:\\host\\share)",
    "[协议](smb://host/share)": "[协议](smb://host/share)",
    "[应用](ms-word:ofe|u|http://x/y.docx)": "[应用](ms-word:ofe|u|http://x/y.docx)",
}

LINKS = {"[平台](https://www.sczwfw.gov.cn/)": "https://www.sczwfw.gov.cn/",
         "[平台](HTTP://www.gov.cn)": "HTTP://www.gov.cn",
         "https://www.gov.cn/x": "https://www.gov.cn/x",
         "[附件](附件1_市级部门运行情况表.xlsx)": "附件1_市级部门运行情况表.xlsx",
         "[通报](bulletin.pdf)": "bulletin.pdf"}


@pytest.mark.parametrize("typed", list(NOT_LINKS))
def test_an_address_of_any_other_kind_is_text_as_typed(typed):
    soup = BeautifulSoup(markdown_html(f"工作动态：{typed}。"), "html.parser")
    assert [a for a in soup.find_all("a") if a.get("href")] == []
    assert f"工作动态：{NOT_LINKS[typed]}。" in soup.get_text()


def test_a_reference_link_to_a_share_is_text():
    soup = BeautifulSoup(markdown_html("工作动态：[引用][1]。\n\n[1]: //host/share"), "html.parser")
    assert not soup.find("a", href=True) and "工作动态：[引用](//host/share)。" in soup.get_text()


@pytest.mark.parametrize("typed", list(LINKS))
def test_web_addresses_and_the_tools_files_stay_links(typed):
    from urllib.parse import unquote

    soup = BeautifulSoup(markdown_html(f"见 {typed} 即可。"), "html.parser")
    assert [unquote(a["href"]) for a in soup.find_all("a")] == [LINKS[typed]]


@pytest.mark.parametrize("href", ["//host/share", "\\\\host\\share", "file://host/s",
                                  "javascript:alert(1)", "x.html"])
def test_raw_html_links_and_table_cells_lose_the_address(tmp_path, href):
    soup = BeautifulSoup(markdown_html(f"<a href='{href}'>共享</a>"), "html.parser")
    assert not soup.find("a", href=True) and "共享" in soup.get_text()
    # a table cell holding a link is text: its markup shown as typed, in every output
    typed = f'<a href="{href}">市公安局</a>'
    cells = table("表", ["单位"], [[typed]])
    for written in (gt_html(cells, "abcdefghij"), table_html(cells)):
        soup = BeautifulSoup(written, "html.parser")
        assert not soup.find("a", href=True) and soup.select("tbody td")[0].get_text() == typed

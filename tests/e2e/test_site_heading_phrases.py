"""Headings inside a month's text on a phone (390 px, chromium) break between phrases as the
masthead does (site.phrases.heading_phrases): seed 004's 公文 title, seed 002's part and
section headings under an outline, and a long heading of plain words — never 「…事项 / 指
标…」 inside a phrase narrower than the line, never a line of one character, and a heading's
number never alone at a line's end. Expected lines worked out from the phrases
(core.phrases.phrase_list): 「关于转发 / 《…》的 / 通知」 (the quoted title, wider than a
phone's line, alone on its lines), 「一、重庆市江北区 · 政务服务管理办公室 · 关于加强行政许可
事项办理 · 情况通报」 two phrases a line, 「（一）各部门、· 各街镇行政许可事项 · 4个指标详情」;
at a desk each heading on one line. Before, the phone read 「关于转发《市政府交办事 / 项…」
and 「（一）…4个指标详 / 情」."""

from __future__ import annotations

import pytest

from bulletin.publish.site.build import build_site
from support.browser import CHROMIUM, LINES, NO_CHROMIUM, assert_clean, open_page
from support.executed import markdown, write_month
from support.site_pages import DESK, PHONE

needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM)

TEXT = ("## 关于转发《市政府交办事项（“渝快办”专项工作2021年第1号）》的通知\n\n正文。\n\n"
        "### 一、重庆市江北区政务服务管理办公室关于加强行政许可事项办理情况通报\n\n正文。\n\n"
        "#### （一）各部门、各街镇行政许可事项4个指标详情\n\n正文。")


@pytest.fixture(scope="module")
def month_page(tmp_path_factory):
    root = tmp_path_factory.mktemp("headings")
    write_month(root / "reports", "2021-09", [markdown(TEXT)], dataset="seed004")
    return build_site(root / "reports", root / "site") / "seed004" / "2021-09" / "index.html"


def headings(browser, page_path, viewport) -> list[list[str]]:
    page = open_page(browser, viewport)
    try:
        page.goto(page_path.as_uri())
        found = [h.evaluate(LINES) for h in
                 page.locator("article .text :is(h2, h3, h4)").element_handles()]
        assert_clean(page)
        return found
    finally:
        page.context.close()


@needs_chromium
def test_headings_in_the_text_break_between_phrases_on_a_phone(browser, month_page):
    title, part, section = headings(browser, month_page, PHONE)
    assert title[0] == "关于转发" and title[-1] == "通知" and len(title) > 2
    assert "".join(title[1:-1]) == "《市政府交办事项（“渝快办”专项工作2021年第1号）》的"
    assert part == ["一、重庆市江北区政务服务管理办公室", "关于加强行政许可事项办理情况通报"]
    assert section == ["（一）各部门、各街镇行政许可事项", "4个指标详情"]


@needs_chromium
def test_at_a_desk_the_same_headings_hold_one_line_each(browser, month_page):
    assert headings(browser, month_page, DESK) == [
        ["关于转发《市政府交办事项（“渝快办”专项工作2021年第1号）》的通知"],
        ["一、重庆市江北区政务服务管理办公室关于加强行政许可事项办理情况通报"],
        ["（一）各部门、各街镇行政许可事项4个指标详情"]]

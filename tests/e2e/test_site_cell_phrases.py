"""The annexes' names on the site (chromium): on a phone (390 px) the name column wraps a
name between its phrases only (publish.gt_html.screen_text: 「河门口街道 / 便民服务中心」,
「云岭湖街道 / 金沙江大道南段社区 / 党群便民服务中心」), never leaving one character alone on
a line (before: 「…便民服务中 / 心」), and stays as wide as a phone's name column is (10 to
12 em of the tables' 12 px); a group label (「金江镇（街道）」) stays on its line; at a desk
every name holds one line. The site is the session's published demo (tests/conftest.py),
seed 003's month and the 云岭市东区 sample's (data/yunling)."""

from __future__ import annotations

import pytest

from bulletin.core.cell_breaks import cell_spans
from bulletin.core.phrases import letters
from bulletin.publish.gt_html import SCREEN_PHRASE
from support.browser import CHROMIUM, LINES, NO_CHROMIUM, assert_clean, open_page
from support.site_pages import DESK, PHONE

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM)

MONTHS = ["seed003/2022-09", "yunling/2023-09"]
EM = 12  # px: great-tables' type (templates/gt/table.css)


def names(browser, site, viewport, month: str) -> list[tuple[str, list[str], float]]:
    """(text, lines, width in px) of each name cell (``td[data-key]``) of the month's annexes."""
    page = open_page(browser, viewport)
    try:
        page.goto((site / month / "index.html").as_uri())
        found = [(td.evaluate("td => td.textContent"), td.evaluate(LINES),
                  td.bounding_box()["width"])
                 for td in page.locator(".annex td[data-key]").element_handles()]
        assert_clean(page)
        return found
    finally:
        page.context.close()


def _ends(text: str) -> set[int]:
    """Where the site's pieces of a name end (in characters that are no blank)."""
    sizes = [len("".join(p.split())) for p, _ in cell_spans(text.rstrip(), SCREEN_PHRASE)]
    return {sum(sizes[:k]) for k in range(len(sizes) + 1)}


@pytest.mark.slow
def test_on_a_phone_names_wrap_between_their_phrases(published_demo, browser):
    site = published_demo / "_site"
    wrapped = {}
    for month in MONTHS:
        for text, lines, width in names(browser, site, PHONE, month):
            assert 10 * EM <= width <= 12 * EM + 1, (month, text, width)
            if len(lines) < 2:
                continue
            wrapped[text] = lines
            assert all(letters(line) >= 2 for line in lines), (month, text, lines)
            cuts = {sum(len(line) for line in lines[:k]) for k in range(len(lines) + 1)}
            assert cuts <= _ends(text), (month, text, lines)
    assert wrapped["云岭湖街道金沙江大道南段社区党群便民服务中心"] == [
        "云岭湖街道", "金沙江大道南段社区", "党群便民服务中心"]
    assert wrapped["河门口街道便民服务中心"] == ["河门口街道", "便民服务中心"]  # seed 003
    # no phrase boundary: cut at the 11 characters the column holds, two left on the next
    assert wrapped["云岭阳光康养旅游度假服务驿站"] == ["云岭阳光康养旅游度假服", "务驿站"]
    assert len(wrapped) >= 30  # seed 003's centres of 9 and more characters, yunling's


@pytest.mark.slow
def test_a_group_label_and_a_desk_keep_names_on_one_line(published_demo, browser):
    site = published_demo / "_site"
    page = open_page(browser, PHONE)
    try:
        page.goto((site / "yunling/2023-09/index.html").as_uri())
        label = page.locator(".annex td[data-group]", has_text="金江镇（街道）")
        assert label.evaluate(LINES) == ["金江镇（街道）"]
    finally:
        page.context.close()
    for month in MONTHS:
        found = [lines for text, lines, _ in names(browser, site, DESK, month) if text.strip()]
        assert found and all(len(lines) == 1 for lines in found), month

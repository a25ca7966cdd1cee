"""The demo site's layout in chromium at a desk's and a phone's width (1366 and 390 px):
no page wider than the window, every annex column reachable inside its region, sorting and
the unit filter of the annex tables, month navigation at the top and the bottom, printing.

The site is the session's published demo (tests/conftest.py: a month of every sample
dataset, two of synthetic), opened from disk with every outside request blocked. Expected
rows are read from seed 000's printed 附件 1 (达州市's bulletin of 2021-02), the page's source.
"""

from __future__ import annotations

import re
import subprocess

import pytest

from support.browser import CHROMIUM, NO_CHROMIUM, assert_clean, open_page
from support.site_pages import (
    DESK,
    PHONE,
    month_pages,
    site_pages,
)

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM)

SEED000 = "seed000/2021-02/index.html"


@pytest.fixture(scope="module")
def site(published_demo):
    """The pages ``window`` (tests/e2e/conftest.py: desk and phone) opens."""
    return published_demo / "_site"


def first_cells(page, annex: str, column: int = 1) -> list[str]:
    """The text of ``column`` (0 = 序号, 1 = the unit) in the visible body rows of an annex."""
    return page.locator(f"#{annex} tbody tr:not([hidden])").evaluate_all(
        f"rows => rows.map(r => r.cells[{column}].textContent.trim())")


def test_no_page_is_wider_than_the_window(site, window):
    too_wide = {}
    pages = site_pages(site)
    assert len(pages) > 20  # index, trends, 7 months, their reviews, units …
    for path in pages:
        window.goto(path.as_uri())
        width, inner = window.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth]")
        if width > inner:
            too_wide[str(path.relative_to(site))] = width
    assert too_wide == {}, f"pages wider than {window.viewport_size['width']} px"
    assert_clean(window)


# Each header cell scrolled into view inside its region: its middle is on screen and the
# topmost element there is the cell itself (not the fixed unit column over it).
REACHABLE = """region => {
  const lost = [];
  for (const th of region.querySelectorAll('thead th')) {
    th.scrollIntoView({block: 'center', inline: 'nearest'});
    const r = th.getBoundingClientRect(), box = region.getBoundingClientRect();
    const x = Math.min(Math.max(r.left + r.width / 2, box.left + 1), box.right - 1);
    const y = r.top + r.height / 2;
    const hit = document.elementFromPoint(x, y);
    const inside = r.right > box.left && r.left < box.right && x >= 0 && x <= innerWidth;
    if (!inside || !hit || !th.contains(hit)) lost.push(th.textContent.trim());
  }
  return lost;
}"""


def test_every_annex_column_can_be_reached(site, window):
    lost = {}
    regions = 0
    for path in month_pages(site):
        window.goto(path.as_uri())
        for i, region in enumerate(window.locator(".annex-scroll").element_handles()):
            regions += 1
            missing = region.evaluate(REACHABLE)
            if missing:
                lost[f"{path.relative_to(site)} #{i + 1}"] = missing
    assert regions >= 14  # seed000 2, seed001 3, seed002 1, seed003 4, seed004 3, synthetic 2 × 2
    assert lost == {}
    assert_clean(window)


def test_an_annex_is_a_labelled_focusable_region_under_its_caption(site, window):
    window.goto((site / SEED000).as_uri())
    region = window.locator("#annex-1 .annex-scroll")
    caption = window.locator("#annex-1 .annex-caption")
    assert caption.inner_text() == "达州市一体化政务服务平台市级部门运行情况表（2021年2月）"
    assert region.get_attribute("role") == "region"
    assert region.get_attribute("aria-label") == caption.inner_text()
    # the caption is in sight, not centred over the scroll width of the table
    box, view = caption.bounding_box(), window.viewport_size
    assert box["x"] >= 0 and box["x"] + box["width"] <= view["width"]
    scrolls = region.evaluate("r => r.scrollWidth > r.clientWidth")
    if window.viewport_size == PHONE:
        assert scrolls and region.get_attribute("tabindex") == "0"
        region.focus()
        for _ in range(3):  # the keyboard scrolls the focused region
            window.keyboard.press("ArrowRight")
        # (chromium scrolls smoothly: the position moves over the next frames)
        window.wait_for_function("r => r.scrollLeft > 0", arg=region.element_handle(),
                                 timeout=5_000)
        # and measure only once it has come to rest (mid-scroll the sticky cell lags)
        window.wait_for_function(
            "r => new Promise(done => { const x = r.scrollLeft; requestAnimationFrame("
            "() => requestAnimationFrame(() => done(r.scrollLeft === x))); })",
            arg=region.element_handle(), timeout=5_000)
        # the unit column stays put while the others pass under it
        unit = window.locator("#annex-1 tbody tr").first.locator("td").nth(1)
        assert unit.inner_text() == "市委宣传部"
        # (on a loaded machine the sticky cell may take a few more frames to settle)
        window.wait_for_function(
            "([c, r]) => Math.abs(c.getBoundingClientRect().x - r.getBoundingClientRect().x) < 2",
            arg=[unit.element_handle(), region.element_handle()], timeout=5_000)
        assert abs(unit.bounding_box()["x"] - region.bounding_box()["x"]) < 2
    else:  # on a desk the widest annex (22 columns) shows whole
        assert not scrolls


def test_seed002_frontier_text_is_shown_whole(site, window):
    window.goto((site / "seed002/2020-12/index.html").as_uri())
    cell = window.locator("#annex-1 tbody tr").nth(4).locator("td").last
    text = cell.inner_text()
    assert text.startswith("上海市人民政府办公厅印发") and text.endswith("实现综合窗口全覆盖。")
    # wrapped inside its cell, not cut: the cell is as tall as its lines
    assert cell.evaluate("c => c.scrollWidth <= c.clientWidth && c.scrollHeight <= c.clientHeight")


def sort_by(page, annex: str, column: int):
    page.locator(f"#{annex} thead th[data-col='{column}'] button.sort").click()


def test_sorting_reorders_the_rows_and_keeps_the_total_last(site, window):
    window.goto((site / SEED000).as_uri())
    head = window.locator("#annex-1 thead th[data-col='4']")
    assert head.inner_text().startswith("办结")  # 办件情况（件）: 申请, 受理, 办结
    sort_by(window, "annex-1", 4)
    # 附件 1 (seed): 市交通运输局 1750, 市医疗保障局 1238, 市公安局 1129 办结 are the most
    assert first_cells(window, "annex-1")[:3] == ["市交通运输局", "市医疗保障局", "市公安局"]
    assert first_cells(window, "annex-1")[-1] == "合计"
    assert head.get_attribute("aria-sort") == "descending"
    sort_by(window, "annex-1", 4)
    # ascending: the 0s first, in their printed order (序号 1 市委宣传部 …), 合计 still last
    assert first_cells(window, "annex-1")[0] == "市委宣传部"
    assert first_cells(window, "annex-1")[-1] == "合计"
    assert head.get_attribute("aria-sort") == "ascending"


def test_percentages_sort_as_numbers(site, window):
    window.goto((site / SEED000).as_uri())
    sort_by(window, "annex-1", 20)  # 办件主动评价: 主动评价率
    # 附件 1: 233.33% (市城管执法局) > 204.55% (市卫生健康委员会) > 200.00% (市人民防空办公室);
    # as text, "91.30%" would come before "233.33%"
    assert first_cells(window, "annex-1")[:3] == ["市城管执法局", "市卫生健康委员会",
                                                  "市人民防空办公室"]


def test_text_sorts_by_chinese_collation(site, window):
    window.goto((site / SEED000).as_uri())
    sort_by(window, "annex-1", 1)  # 单位, ascending first
    # 达 (dá) before 市 (shì): the one unit not named 市… comes first
    assert first_cells(window, "annex-1")[0] == "达州市国家安全局"
    assert first_cells(window, "annex-1")[-1] == "合计"


def test_the_keyboard_sorts_too(site, window):
    window.goto((site / SEED000).as_uri())
    button = window.locator("#annex-2 thead th[data-col='2'] button.sort")  # 办件情况: 申请
    button.focus()
    window.keyboard.press("Enter")
    # 附件 2: 大竹县 75940 申请 is the most, 达州高新区 472 the least
    assert first_cells(window, "annex-2")[0] == "大竹县"
    window.keyboard.press("Space")
    assert first_cells(window, "annex-2")[0] == "达州高新区"
    assert first_cells(window, "annex-2")[-1] == "合计"


def test_the_filter_shows_only_the_matching_units(site, window):
    window.goto((site / SEED000).as_uri())
    box = window.locator("#annex-1 input[data-annex-filter]")
    assert window.locator("#annex-1 label").inner_text().startswith("筛选单位")
    box.fill("公安")
    assert first_cells(window, "annex-1") == ["市公安局", "合计"]
    assert "1 / 41" in window.locator("#annex-1 .annex-count").inner_text()
    box.fill("")
    assert len(first_cells(window, "annex-1")) == 42  # 41 departments and 合计
    assert_clean(window)


# The visible rows of an annex: each row's first three cells, 「^n」 after a cell spanning n rows.
VISIBLE_ROWS = """rows => rows.map(r => [...r.cells].slice(0, 3)
    .map(c => c.textContent.trim() + (c.rowSpan > 1 ? '^' + c.rowSpan : '')).join('|'))"""


def test_a_group_label_spans_its_rows_and_stays_with_the_filtered_ones(site, window):
    window.goto((site / "seed003/2022-09/index.html").as_uri())
    annex = window.locator(".annex:has(td[rowspan])").first.get_attribute("id")
    rows = window.locator(f"#{annex} tbody tr:not([hidden])")
    # 格里坪镇 over its 9 centres and their 小计: one cell spanning 10 rows
    assert rows.evaluate_all(VISIBLE_ROWS)[:2] == [
        "格里坪镇^10|格里坪镇便民服务中心心心心|1100", "金林社区便民服务中心|57|46"]
    assert window.locator(f"#{annex} td[rowspan]").count() == 6  # the six towns
    box = window.locator(f"#{annex} input[data-annex-filter]")
    box.fill("金林")
    assert rows.evaluate_all(VISIBLE_ROWS)[0] == "格里坪镇|金林社区便民服务中心|57"
    assert "1 / 32" in window.locator(f"#{annex} .annex-count").inner_text()  # 39 less 7 totals
    box.fill("")
    assert rows.count() == 39
    assert rows.evaluate_all(VISIBLE_ROWS)[0].startswith("格里坪镇^10|")
    assert window.locator(f"#{annex} td[rowspan]").count() == 6
    assert not window.locator(f"#{annex} thead button.sort").count()  # groups are not sorted
    assert_clean(window)


def nav_links(page) -> list[dict]:
    return page.locator("nav.month-nav").evaluate_all("""navs => navs.map(n => ({
        prev: n.querySelector('a.prev')?.getAttribute('href') ?? null,
        next: n.querySelector('a.next')?.getAttribute('href') ?? null,
        up: n.querySelector('a.up').getAttribute('href'),
        bottom: n.getBoundingClientRect().top > document.querySelector('article').getBoundingClientRect().bottom - 1}))""")


def test_month_navigation_at_the_top_and_the_bottom(site, window):
    window.goto((site / "synthetic/2021-01/index.html").as_uri())
    top, bottom = nav_links(window)
    assert top == {"prev": None, "next": "../../synthetic/2021-02/index.html",
                   "up": "../../synthetic/index.html", "bottom": False}  # its publication's index
    assert bottom == dict(top, bottom=True)
    window.goto((site / "synthetic/2021-02/index.html").as_uri())
    top, bottom = nav_links(window)
    assert top == {"prev": "../../synthetic/2021-01/index.html", "next": None,
                   "up": "../../synthetic/index.html", "bottom": False}  # its publication's index
    assert bottom == dict(top, bottom=True)
    window.locator("nav.month-nav-bottom a.prev").click()
    assert window.url.endswith("synthetic/2021-01/index.html")
    # leaving before the page has loaded aborts its chart bundle (a failed request)
    window.wait_for_load_state("load")
    window.locator("nav.month-nav-bottom a.up").click()
    assert window.url.endswith("_site/synthetic/index.html")
    assert_clean(window)


def test_print_puts_each_annex_on_landscape_pages_with_its_header(site, browser, tmp_path):
    page = open_page(browser, DESK)
    page.goto((site / SEED000).as_uri())
    pdf = tmp_path / "month.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    page.context.close()
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(pdf)], capture_output=True,
                          text=True, check=True).stdout
    sizes = [tuple(map(float, m))
             for m in re.findall(r"Page +\d+ size: +([\d.]+) x ([\d.]+)", info)]
    landscape = [n for n, (w, h) in enumerate(sizes, start=1) if w > h]
    assert landscape and len(landscape) < len(sizes)  # the text stays portrait
    annex_pages = []
    for n in landscape:
        text = subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        annex_pages.append(text)
    # 附件 1 and 2 with their header repeated on every landscape page, from the first
    # column group to the last but one (the last, 较上月, wraps to 「较上 / 月」 in a
    # narrow column); that no column is cut is test_no_annex_is_cut_when_printed's
    for text in annex_pages:
        assert "办件情况（件）" in text and "办件主动评价" in text
    joined = "".join(annex_pages)
    for row in ["市委宣传部", "市消防救援支队", "通川区", "达州高新区"]:
        assert row in joined
    assert joined.count("合计") == 2


# A4 landscape less the page's margins (297 − 2 × 10 mm at 96 px an inch): the width an
# annex has on paper.
PRINT_WIDTH = {"width": round(277 / 25.4 * 96), "height": 700}


def test_no_annex_is_cut_when_printed(site, browser):
    page = open_page(browser, PRINT_WIDTH)
    page.emulate_media(media="print")
    cut = {}
    for path in month_pages(site):
        page.goto(path.as_uri())
        widths = page.locator(".annex-scroll").evaluate_all(
            "rs => rs.map(r => [r.querySelector('table').scrollWidth, r.clientWidth])")
        wide = [n for n, (table, box) in enumerate(widths, start=1) if table > box + 1]
        if wide:
            cut[str(path.relative_to(site))] = wide
    page.context.close()
    assert cut == {}

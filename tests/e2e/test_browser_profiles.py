"""The real notebook's pages in chromium, one per profile (seed 000's monthly bulletin,
scores, targets, halls and items), opened from disk with every outside request blocked."""

from __future__ import annotations

import pytest

from support.browser import CHROMIUM, NO_CHROMIUM, assert_clean, drawn_charts

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM)


@pytest.fixture(scope="module")
def site(published_demo):
    return published_demo / "_site"


PAGES = {
    # dataset/month: (title text, text on the page, tables at least, charts)
    "seed000/2021-02": ("达州市一体化政务服务平台运行", "市交通运输局、市医疗保障局、市公安局办结件较多", 2, 4),
    "seed001/2023-06": ("“放管服”改革情况通报", "综合得分", 3, 0),
    "seed002/2020-12": ("指标整改提升", "达标", 1, 0),
    "seed003/2022-09": ("攀枝花市西区政务服务工作", "小计", 2, 0),
    # a 公文: its head is the 发文机关标志 (its title is the notice's own, in the text)
    "seed004/2021-09": ("重庆市江北区政务服务管理办公室", "承诺时限压缩比", 1, 0),
    "synthetic/2021-02": ("达州市一体化政务服务平台运行", "与上月相比", 2, 4),
}


@pytest.mark.parametrize("path", list(PAGES))
def test_profile_page_offline(site, page, path):
    title, text, tables, charts = PAGES[path]
    page.goto((site / path / "index.html").as_uri())
    assert title in page.locator(".bulletin-title").inner_text()
    assert text in page.locator("body").inner_text()
    assert page.locator("table").count() >= tables
    if charts:
        assert page.locator(".vega-chart").count() == charts
        assert drawn_charts(page) == charts
    assert_clean(page)


def test_month_navigation_in_the_real_site(site, page):
    page.goto((site / "index.html").as_uri())  # the root lists the demo's publications
    page.locator(".publication a", has_text="各期通报").nth(6).click()  # synthetic, last by name
    assert page.url.endswith("synthetic/index.html")
    page.locator("#dataset-synthetic a.month-link", has_text="2021 年第 2 期").click()
    assert page.url.endswith("synthetic/2021-02/index.html")
    assert drawn_charts(page) == 4
    page.locator("a.prev").first.click()  # top and bottom of the page
    assert page.url.endswith("synthetic/2021-01/index.html")
    assert drawn_charts(page) == 4
    assert_clean(page)


def test_every_month_has_its_pdf_and_downloads(published_demo):
    import json

    for path in PAGES:
        folder = published_demo / "reports" / path
        assert (folder / "bulletin.pdf").stat().st_size > 10_000
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        for name in meta["downloads"]:
            assert (published_demo / "_site" / path / name).exists()


def test_seed000_pdf_text(published_demo):
    import subprocess

    pdf = published_demo / "reports" / "seed000" / "2021-02" / "bulletin.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout.replace("\n", "")
    for part in ["达州市一体化政务服务平台运行", "2021 年第 2 期", "要目", "（一）总体情况",
                 "好差评情况", "附件 1", "办件情况（件）", "线上承诺办件效率", "报：省政府政务服务",
                 "市交通运输局、市医疗保障局、市公安局办结件较多，分别为 1750 件、1238 件、1129 件"]:
        assert part in text, part
    assert "；；" not in text

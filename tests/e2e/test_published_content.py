"""What a reader of the published site and PDF sees, checked for content rather than for
existence: every month page links to its neighbours, only the newest says it is the
newest, the index lists the months newest first with their own figures, and the PDF's
page numbers sit on the outer side (odd pages right, even pages left, GB/T 9704).

Months are executed from the tiny template notebook (tests/fixtures/mini_bulletin.ipynb),
whose headline 申请件 is 249682 + the month number: 2021-01 → 249683, … 2021-03 → 249685.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support.mini_bulletin import execute_month

MONTHS = ["2021-01", "2021-02", "2021-03"]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from bulletin.publish.site.build import build_site

    reports = tmp_path_factory.mktemp("reports")
    for month in MONTHS:
        execute_month(reports, month)
    return build_site(reports, tmp_path_factory.mktemp("site") / "_site")


def nav(site: Path, month: str) -> dict:
    html = (site / "fixture" / month / "index.html").read_text(encoding="utf-8")
    bar = BeautifulSoup(html, "html.parser").select_one("nav.month-nav")
    out = {}
    for side in ("prev", "next"):
        tag = bar.select_one(f".{side}")
        out[side] = tag.get("href") if tag.name == "a" else None
        out[f"{side}_text"] = tag.get_text(strip=True)
    return out


def test_every_month_links_to_its_neighbours(site):
    first, middle, last = (nav(site, m) for m in MONTHS)
    assert (first["prev"], first["next"]) == (None, "../../fixture/2021-02/index.html")
    assert (middle["prev"], middle["next"]) == ("../../fixture/2021-01/index.html",
                                                "../../fixture/2021-03/index.html")
    assert (last["prev"], last["next"]) == ("../../fixture/2021-02/index.html", None)
    assert middle["prev_text"] == "← 上一期：2021 年 1 月"
    assert middle["next_text"] == "下一期：2021 年 3 月 →"


def test_only_the_newest_month_says_it_is_the_newest(site):
    said = [m for m in MONTHS if "已是最新一期" in nav(site, m)["next_text"]]
    assert said == ["2021-03"]
    said = [m for m in MONTHS if "已是最早一期" in nav(site, m)["prev_text"]]
    assert said == ["2021-01"]


def test_every_link_of_a_month_page_resolves(site):
    for month in MONTHS:
        page = site / "fixture" / month / "index.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for a in soup.find_all("a", href=True):
            path, _, fragment = a["href"].partition("#")
            if not path:  # a link within the page (the skip link 跳到正文): its target is on it
                assert soup.find(id=fragment) is not None, (month, a["href"])
                continue
            target = (page.parent / path).resolve()
            assert target.is_file(), (month, a["href"])


def test_index_lists_months_newest_first_with_their_own_figures(site):
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    rows = soup.select("table.month-list tbody tr")
    links = [r.select_one("a.month-link") for r in rows]
    assert [a["href"] for a in links] == ["fixture/2021-03/index.html",
                                          "fixture/2021-02/index.html",
                                          "fixture/2021-01/index.html"]
    assert [a.get_text(strip=True) for a in links] == ["2021 年第 3 期", "2021 年第 2 期",
                                                       "2021 年第 1 期"]
    heads = [th.get_text(strip=True) for th in soup.select("table.month-list thead th")]
    cells = [r.find_all(["th", "td"])[heads.index("申请件")] for r in rows]
    assert [c.select_one(".value").get_text(strip=True) for c in cells] == [
        "249685", "249684", "249683"]  # 249682 + 3, + 2, + 1
    # each month one more than the month before: 249685 − 249684 = 1 件; the first has none
    assert [c.select_one(".change") and c.select_one(".change").get_text(strip=True)
            for c in cells] == ["较上月↑1 件", "较上月↑1 件", None]


# ---------------------------------------------------------------------- PDF page numbers


def page_numbers(pdf: Path) -> list[tuple[int, float, float, float]]:
    """(number printed, its x centre, page width, its y centre / page height) per page,
    from ``pdftotext -bbox``: the "— n —" at the foot of each page."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    out = []
    for page in BeautifulSoup(html, "html.parser").find_all("page"):
        width, height = float(page["width"]), float(page["height"])
        words = page.find_all("word")
        found = None
        for before, word, after in zip(words, words[1:], words[2:]):
            if before.text == "—" and after.text == "—" and re.fullmatch(r"\d+", word.text):
                x = (float(word["xmin"]) + float(word["xmax"])) / 2
                y = (float(word["ymin"]) + float(word["ymax"])) / 2
                found = (int(word.text), x, width, y / height)
        assert found is not None, "a page without its number"
        out.append(found)
    return out


def test_page_numbers_on_the_outer_side(tmp_path):
    from bulletin.publish.pdf.typeset import make_pdf

    folder = execute_month(tmp_path / "reports", "2021-02")
    numbers = page_numbers(make_pdf(folder))
    assert len(numbers) >= 3
    for i, (number, x, width, y) in enumerate(numbers, start=1):
        assert number == i
        assert y > 0.85, f"page {i}: the number is at the foot of the page"
        if i % 2:  # odd: right
            assert x > width * 0.75, f"page {i} (odd) has its number at x={x:.0f} of {width:.0f}"
        else:  # even: left
            assert x < width * 0.25, f"page {i} (even) has its number at x={x:.0f} of {width:.0f}"

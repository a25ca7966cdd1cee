"""The demo site as a reader on a phone (390 px) and at a desk (1366 px) sees it: every page
type (the root's list of publications, a publication's index and trends, a month, the list
of units, a unit page) holds readers' words only, no text under 11 CSS px and no label
column narrower than 6 characters on a phone, each download named apart from the others,
and a long table's header row in sight while its rows scroll by.

The site is the session's published demo (tests/conftest.py: a month of every sample
dataset, two of synthetic and qinglan), opened from disk with every outside request blocked.
HTML text only: the charts' SVG text is measured with the charts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support.browser import CHROMIUM, NO_CHROMIUM, assert_clean, open_page
from support.site_pages import PHONE, month_pages, site_pages

SIZES = (Path(__file__).parent.parent / "support" / "reader_sizes.js").read_text(encoding="utf-8")
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM)


@pytest.fixture(scope="module")
def site(published_demo) -> Path:
    return published_demo / "_site"


@pytest.fixture
def phone(browser):
    page = open_page(browser, PHONE)
    yield page
    page.context.close()


def text_of(path: Path) -> str:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for hidden in soup(["script", "style", "svg"]):
        hidden.decompose()
    return soup.get_text(" ", strip=True)


def test_every_page_type_is_there_and_no_review(site):
    pages = {p.relative_to(site).as_posix() for p in site_pages(site)}
    assert "index.html" in pages and "trends.html" not in pages  # the root lists publications
    for dataset in ("seed000", "seed001", "synthetic"):
        assert {f"{dataset}/index.html", f"{dataset}/trends.html",
                f"{dataset}/units/index.html"} <= pages
    assert not [p for p in pages if "review" in p]


def test_pages_hold_readers_words_only(site):
    machine = re.compile(r"数据集|seed\d{3}|synthetic|qinglan|yunling|Vega|vega|脚本绘制|更新于|离线静态")
    found = {}
    for path in site_pages(site):
        words = machine.findall(text_of(path))
        if words:
            found[path.relative_to(site).as_posix()] = sorted(set(words))
    assert found == {}
    # the time the site was built: a <meta> of the index and trends pages, no reader text
    index = (site / "seed000" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<meta name="dcterms.modified" content="\d{4}-\d\d-\d\d \d\d:\d\d">', index)
    # the issue date is what a reader sees (seed 000's dataset.yml: 印发日期 2021-03-22)
    assert "2021 年 3 月 22 日印发" in text_of(site / "seed000" / "index.html")


def test_each_publication_under_its_own_masthead(site):
    root = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    listed = {a["href"].split("/")[0]: a.get_text(strip=True)
              for a in root.select(".publication h2 a")}
    assert sorted(listed) == ["qinglan", "seed000", "seed001", "seed002", "seed003", "seed004",
                              "synthetic", "yunling"]
    for dataset, title in listed.items():
        pages = [site / dataset / "index.html", site / dataset / "trends.html",
                 *sorted((site / dataset).glob("*-*/index.html"))]
        for page in pages:
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            assert soup.select_one(".site-name").get_text(strip=True) == title, page
        trends = BeautifulSoup((site / dataset / "trends.html").read_text(encoding="utf-8"),
                               "html.parser")
        assert [s["id"] for s in trends.select("section.dataset")] == [f"trend-{dataset}"]


def test_a_publication_without_unit_rows_has_no_units_pages(site):
    # seed 002 (目标跟踪): its one table lists indicators, not units
    assert not (site / "seed002" / "units").exists()
    assert "units/" not in (site / "seed002" / "index.html").read_text(encoding="utf-8")
    assert "units/" not in (site / "index.html").read_text(encoding="utf-8").split(
        'href="seed002/index.html"')[1].split("</section>")[0]


def test_every_download_is_named_apart(site):
    for path in month_pages(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        links = soup.select("aside.downloads a, section.annex-files a")
        names = [a.get("aria-label") or a.get_text(strip=True) for a in links]
        assert len(names) == len(set(names)), path
        # the text before the page's body: PDF, Word and one line pointing to the files
        assert len(soup.select("aside.downloads a")) <= 3, path
    # seed 004's two annexes both numbered 附件2
    files = [a.get_text(strip=True) for a in BeautifulSoup(
        (site / "seed004" / "index.html").read_text(encoding="utf-8"), "html.parser").select(
        "td.files details a")]
    assert [f for f in files if f.startswith("附件2")] == [
        "附件2 各部门事项指标情况（XLSX）", "附件2 各部门事项指标情况（CSV）",
        "附件2 各镇（街道）事项指标情况（XLSX）", "附件2 各镇（街道）事项指标情况（CSV）"]
    # seed 001's 20 annex files: after its text, one line per annex
    page = BeautifulSoup((site / "seed001" / "2023-06" / "index.html").read_text(
        encoding="utf-8"), "html.parser")
    assert len(page.select("section.annex-files li")) == 10
    assert len(page.select("section.annex-files a")) == 20
    assert page.select_one("section.annex-files").find_previous("footer", class_="imprint")


@needs_chromium
def test_on_a_phone_no_text_is_under_11px_and_no_label_column_under_6_characters(site, phone):
    problems = {}
    kinds = set()
    for path in site_pages(site):
        phone.goto(path.as_uri())
        found = phone.evaluate(SIZES)
        rel = path.relative_to(site).as_posix()
        kinds.add("unit" if "/units/u" in rel else "units" if rel.endswith("units/index.html")
                  else "month" if re.search(r"/\d{4}-\d\d/", rel) else rel.split("/")[-1])
        if found["small"] or found["narrow"]:
            problems[rel] = found
    assert kinds == {"index.html", "trends.html", "month", "units", "unit"}
    assert problems == {}
    assert_clean(phone)


# Each column header phrase (site.phrases.header) laid out on one line: an inline box broken
# across lines has a rect per line.
BROKEN_HEADERS = """() => [...document.querySelectorAll('.header-phrase')]
  .filter(s => s.getClientRects().length > 1).map(s => s.textContent)"""


@needs_chromium
@pytest.mark.parametrize("width", [1366, 390])
def test_column_headers_break_between_phrases_only(site, browser, width):
    """The index and trends pages' headline columns: 「按时 / 办结率」, never 「按时办结 / 率」
    nor 「超时办结 / 件」, at a desk and on a phone."""
    page = open_page(browser, {"width": width, "height": 900})
    checked = 0
    for path in site_pages(site):
        if path.name in ("index.html", "trends.html") and path.parent != site:
            page.goto(path.as_uri())
            checked += page.locator(".header-phrase").count()
            assert page.evaluate(BROKEN_HEADERS) == [], path
    assert checked > 50
    page.context.close()


# The 附件说明's geometry: where each item's number starts, and where each of its wrapped
# lines starts (a Range's client rects: one per line box).
ANNEX_LIST = """() => [...document.querySelectorAll('.annex-list p')].map(p => {
  const text = p.firstChild, at = p.textContent.indexOf('附件：') === 0 ? 3 : 0;
  const r = document.createRange();
  r.setStart(text, at); r.setEnd(text, at + 1);
  const number = r.getBoundingClientRect().left;
  r.setStart(text, 0); r.setEnd(text, text.length);
  const lines = [...r.getClientRects()].map(q => q.left);
  return {number, wrapped: lines.slice(1)};
})"""


@needs_chromium
@pytest.mark.parametrize("width", [1366, 390])
def test_the_annex_note_hangs_as_printed(site, browser, width):
    """GB/T 9704 7.3.4 on the site too: each number under the first (after 「附件：」), a
    title's next lines under its first character, never back at the left edge."""
    page = open_page(browser, {"width": width, "height": 900})
    page.goto((site / "seed003" / "2022-09" / "index.html").as_uri())
    items = page.evaluate(ANNEX_LIST)
    assert len(items) == 4
    numbers = {round(i["number"]) for i in items}
    assert max(numbers) - min(numbers) <= 1, items
    wrapped = [x for i in items for x in i["wrapped"]]
    if width == 390:
        assert wrapped, "a phone's line wraps the long titles"
    assert all(x > min(numbers) + 8 for x in wrapped), items
    page.context.close()


# Each group label's width in ems of its own font, and the lines its text takes.
GROUP_LABELS = """() => [...document.querySelectorAll('td[data-group]')].map(td => {
  const r = document.createRange();
  r.selectNodeContents(td);
  const lines = new Set([...r.getClientRects()].map(q => Math.round(q.top))).size;
  return {text: td.textContent.trim(), lines,
          ems: td.getBoundingClientRect().width / parseFloat(getComputedStyle(td).fontSize)};
})"""


@needs_chromium
@pytest.mark.parametrize("width", [1366, 390])
def test_group_labels_take_their_own_width(site, browser, width):
    """Seed 003's 镇（街道）, merged over their centres: each on one line, the column no
    wider than its longest label (not a sentence column's 15–16 em), so the centres' names
    beside it keep the width, on a phone too."""
    page = open_page(browser, {"width": width, "height": 900})
    page.goto((site / "seed003" / "2022-09" / "index.html").as_uri())
    labels = [g for g in page.evaluate(GROUP_LABELS) if g["text"]]
    assert len(labels) >= 6
    assert all(g["lines"] == 1 for g in labels), labels
    assert max(g["ems"] for g in labels) < 8, labels  # 「陶家渡街道」 and the cell's padding
    page.context.close()


@needs_chromium
def test_on_a_phone_body_text_is_left_aligned(site, phone):
    phone.goto((site / "seed000" / "2021-02" / "index.html").as_uri())
    aligns = phone.locator(".bulletin .text p").evaluate_all(
        "ps => [...new Set(ps.map(p => getComputedStyle(p).textAlign))]")
    assert "justify" not in aligns


# The header row of the tallest table region matching ``selector`` (every <details> opened),
# once its rows are scrolled half way down: its top at the region's top, on screen, and the
# topmost element there (not a row scrolled over it).
HEADER_IN_SIGHT = """selector => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const region = [...document.querySelectorAll(selector)]
    .sort((a, b) => b.scrollHeight - a.scrollHeight)[0];
  region.scrollIntoView({block: 'start'});
  region.scrollTop = (region.scrollHeight - region.clientHeight) / 2;
  const th = region.querySelector('thead th');
  const r = th.getBoundingClientRect(), box = region.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return {scrolled: Math.round(region.scrollTop), top: Math.round(r.top - box.top),
          onScreen: r.top >= -1 && r.bottom <= innerHeight + 1, hit: !!hit && th.contains(hit)};
}"""


@needs_chromium
@pytest.mark.parametrize("page_path,selector", [
    ("seed000/2021-02/index.html", ".annex-scroll"),   # 附件 1: 15 departments and more
    ("seed001/trends.html", ".table-wrap"),            # 26 units' scores
    ("synthetic/units/", ".table-wrap"),               # a unit's figures down, months across
])
def test_on_a_phone_a_long_tables_header_stays_in_sight(site, phone, page_path, selector):
    path = site / page_path
    if path.is_dir():  # a unit page: the first of the dataset's
        path = min(path.glob("u*.html"))
    phone.goto(path.as_uri())
    state = phone.evaluate(HEADER_IN_SIGHT, selector)
    assert state["scrolled"] > 100, state  # the table is longer than its box
    assert state["onScreen"] and state["hit"] and abs(state["top"]) <= 2, state
    assert_clean(phone)

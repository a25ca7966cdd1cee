"""What a hostile insider typed into the notes, units.csv and dataset.yml (support.insider),
published for real and opened in chromium: nothing of it runs, and its text is still there."""

from __future__ import annotations

import pytest

from support.browser import CHROMIUM, NO_CHROMIUM, assert_clean, drawn_charts
from support.insider import MONTH, NOTES_TEXT, RENAMED

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM)

# Everything the page may run: the vendored bundle, our chart and table scripts, the specs as JSON.
ACTIVE = """() => {
  const found = {scripts: [], handlers: [], links: [], frames: [], ids: []};
  for (const s of document.querySelectorAll('script')) {
    const src = s.getAttribute('src') || '';
    if (!(s.type === 'application/json' || /assets\\/(vega-bundle|charts|tables)\\.js$/.test(src))) {
      found.scripts.push(s.outerHTML.slice(0, 120));
    }
  }
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) found.handlers.push(el.tagName + ' ' + a.name);
      if (/^\\s*(javascript|vbscript|data):/i.test(a.value)) found.links.push(el.tagName + ' ' + a.name);
      if (a.name === 'style' && /url\\(/i.test(a.value)) found.links.push(el.tagName + ' style');
    }
  }
  // tables.js's own filter box and the index's list of a month's files (data- attributes
  // the sanitiser never lets through) aside
  for (const el of document.querySelectorAll('iframe, frame, object, embed, meta[http-equiv], base, input:not([data-annex-filter]), details:not([data-site-files])')) {
    found.frames.push(el.tagName);
  }
  for (const el of document.querySelectorAll('[id^="spec-"]')) {
    if (el.tagName !== 'SCRIPT') found.ids.push(el.tagName);
  }
  return found;
}"""


@pytest.fixture(scope="module")
def site(published_insider):
    return published_insider / "_site"


@pytest.mark.parametrize("path", [f"seed000/{MONTH}/index.html", "index.html", "trends.html"])
def test_nothing_the_insider_typed_runs(site, page, path):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto((site / path).as_uri())
    if path.startswith("seed000"):
        assert drawn_charts(page) == page.locator(".vega-chart").count() == 4
    page.mouse.move(300, 300)
    page.keyboard.press("Tab")
    page.wait_for_timeout(500)
    assert dialogs == []
    assert page.evaluate(ACTIVE) == {"scripts": [], "handlers": [], "links": [], "frames": [],
                                     "ids": []}
    assert_clean(page)


def test_the_insider_text_is_shown_as_typed(site, page):
    page.goto((site / "seed000" / MONTH / "index.html").as_uri())
    text = page.locator("article").inner_text()
    assert NOTES_TEXT in text
    assert "<details open ontoggle=alert(12)>展开</details>" in text  # shown, not run
    assert RENAMED["市公安局"] in text  # in the annex table and in the text
    assert "达州市政务服务管理局<img src=x onerror=alert(31)>" in text
    assert "<script>alert(32)</script>各县（市、区）行政审批局" in text
    assert page.locator("table.gt_table").count() >= 2
    counties = page.locator(".vega-chart").nth(2).inner_text()
    assert "<svg onload=alert(4)>宣汉县" in counties or "宣汉县" in page.locator(
        ".vega-chart").nth(2).inner_html()


def test_the_pdf_has_the_bulletin_and_no_figure_from_the_notes(published_insider, tmp_path):
    import re
    import subprocess

    from bulletin.publish.pdf.typeset import make_pdf

    folder = published_insider / "reports" / "seed000" / MONTH
    make_pdf(folder, out=tmp_path / "again.pdf", keep_source=tmp_path / "typst")
    main = (tmp_path / "typst" / "main.typ").read_text(encoding="utf-8")
    assert re.findall(r'#chart\("([^"]+)"\)', main) == [f"chart-{i}.svg" for i in range(1, 5)]
    text = subprocess.run(["pdftotext", str(folder / "bulletin.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    text = re.sub(r"\s+", "", text)  # lines wrap anywhere
    assert NOTES_TEXT in text and "<script>alert(15)</script>" in text  # typed text, as text


def test_downloads_hold_no_formula(site):
    import csv

    from openpyxl import load_workbook

    from support.insider import FORMULAS

    folder = site / "seed000" / MONTH
    sheet = load_workbook(folder / "附件1_市级部门运行情况表.xlsx").active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    names = {c.value: c for c in cells if c.value in FORMULAS}
    assert set(names) == set(FORMULAS)
    assert all(c.data_type == "s" and c.quotePrefix for c in names.values())
    text = (folder / "附件1_市级部门运行情况表.csv").read_text(encoding="utf-8-sig")
    units = [row[1] for row in csv.reader(text.splitlines())][1:]
    assert {"'" + f for f in FORMULAS} <= set(units)
    assert not [u for u in units if u.startswith(("=", "+", "-", "@"))]

"""Every sample's published bulletin is a 公文 an office can send as it is: the PDF and
the site's month page carry no text for the analyst and no Markdown markers; the
analyst's checks are in review.md and review.html beside the notebook, in the month
folder: none of them is in the readers' site, and no reader's page links to a review.
"""

from __future__ import annotations

import html as html_lib
import re
import subprocess
from pathlib import Path

import pytest

# Phrases that speak to the analyst, not to the bulletin's readers.
# 「生成」「核实」 as the engine says them: the seeds' own text has 「电子证照同步生成」 (001)
# and 「核酸检测结果核实较困难」 (003).
ANALYST = ["自动生成", "数据生成", "供分析人员", "分析人员可", "分析人员", "核实后", "问题线索", "输入核对",
           "notes/", "读取"]


# The months of tests/conftest.py's published_demo (every sample, every profile).
MONTHS = ["seed000/2021-02", "seed001/2023-06", "seed002/2020-12", "seed003/2022-09",
          "seed004/2021-09", "synthetic/2021-01", "synthetic/2021-02", "qinglan/2024-05",
          "qinglan/2024-06", "yunling/2023-09"]


def test_every_published_month_is_checked(published_demo):
    found = {f"{p.parent.parent.name}/{p.parent.name}"
             for p in (published_demo / "reports").glob("*/*/bulletin.pdf")}
    assert found == set(MONTHS)


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def squeeze(text: str) -> str:
    """Text without whitespace: a phrase broken over two lines is still found."""
    return re.sub(r"\s+", "", text)


def visible_text(page: str) -> str:
    """A page's text as a reader sees it (no scripts, styles or tags)."""
    page = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.DOTALL)
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", page))


def bulletin_text(page: str) -> str:
    """The bulletin on a month page: the <article class="bulletin"> element."""
    match = re.search(r'<article class="bulletin">.*</article>', page, flags=re.DOTALL)
    assert match, "no bulletin article on the page"
    return visible_text(match.group(0))


@pytest.mark.parametrize("path", MONTHS)
def test_the_pdf_has_no_analyst_text_nor_markdown(published_demo, path):
    text = squeeze("".join(pdf_pages(published_demo / "reports" / path / "bulletin.pdf")))
    for phrase in ANALYST:
        assert phrase not in text, (path, phrase)
    assert "**" not in text and "__" not in text


@pytest.mark.parametrize("path", MONTHS)
def test_the_month_page_has_no_analyst_text_nor_markdown(published_demo, path):
    page = (published_demo / "_site" / path / "index.html").read_text(encoding="utf-8")
    text = squeeze(visible_text(page))
    for phrase in ANALYST:
        assert phrase not in text, (path, phrase)
    article = bulletin_text(page)
    assert "**" not in article and "__" not in article
    assert "review" not in page  # the review is not linked from the reader's page


@pytest.mark.parametrize("path", MONTHS)
def test_the_review_is_beside_the_bulletin_for_the_analyst(published_demo, path):
    review = (published_demo / "reports" / path / "review.md").read_text(encoding="utf-8")
    assert review.startswith("# 核查清单")
    page = (published_demo / "reports" / path / "review.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "分析人员核查清单" in page
    assert '<link rel="stylesheet"' not in page and "--sans:" in page  # opens from disk
    assert '<a href="bulletin.pdf">' in page  # the bulletin beside it
    assert not (published_demo / "_site" / path / "review.html").exists()


def test_the_review_holds_what_the_bulletins_leave_out(published_demo):
    reports = published_demo / "reports"
    seed000 = (reports / "seed000" / "2021-02" / "review.md").read_text(encoding="utf-8")
    assert "249682" in seed000 and "问题线索" in seed000
    seed002 = (reports / "seed002" / "2020-12" / "review.md").read_text(encoding="utf-8")
    assert "取自目标表" in seed002 and "98.9%" in seed002
    synthetic = (reports / "synthetic" / "2021-02" / "review.md").read_text(encoding="utf-8")
    assert "本月未提供工作动态" in synthetic  # said to the analyst, not printed


def test_no_page_of_the_site_links_to_a_review(published_demo):
    site = published_demo / "_site"
    for page in site.rglob("*.html"):
        assert "review.html" not in page.read_text(encoding="utf-8"), page


@pytest.mark.parametrize("path", MONTHS)
def test_the_pdf_ends_with_its_imprint_on_an_even_page(published_demo, path):
    import json

    folder = published_demo / "reports" / path
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    pages = pdf_pages(folder / "bulletin.pdf")
    assert len(pages) % 2 == 0, f"{path}: {len(pages)} pages, the 版记 page must be even"
    last = squeeze(pages[-1])
    assert squeeze(meta["authority"] + meta["issue_date"] + "印发") in last  # 印发机关, 印发日期
    for key in ("报", "送", "发"):
        if meta["distribution"].get(key):
            assert f"{key}：" in last
    # the imprint line only on the last page (a source's own text may say 印发: seed 002's
    # table quotes 「上海市人民政府办公厅印发《……》」)
    imprint = squeeze(meta["authority"] + meta["issue_date"] + "印发")
    assert all(imprint not in squeeze(page) for page in pages[:-1])
    if not squeeze(pages[-2]):  # a blank page before the 版记 page: neither is numbered
        assert not re.search(r"—\d+—", last)


@pytest.mark.parametrize("path", MONTHS)
def test_the_month_page_ends_with_the_imprint(published_demo, path):
    page = (published_demo / "_site" / path / "index.html").read_text(encoding="utf-8")
    imprint = re.search(r'<footer class="imprint">(.*?)</footer>', page, flags=re.DOTALL)
    assert imprint and "印发" in imprint.group(1)


def red_pixels(pdf: Path, page: int, tmp: Path) -> int:
    """Red pixels (the #c00000 of a table cell) on one page rendered by pdftoppm."""
    out = tmp / f"p{page}"
    subprocess.run(["pdftoppm", "-r", "100", "-f", str(page), "-l", str(page), str(pdf), str(out)],
                   check=True)
    data = next(tmp.glob(f"p{page}*.ppm")).read_bytes()
    magic, width, height, maxval, pixels = data.split(maxsplit=4)
    assert magic == b"P6" and maxval == b"255"
    pixels = pixels[: int(width) * int(height) * 3]
    return sum(1 for i in range(0, len(pixels), 3)
               if pixels[i] > 150 and pixels[i + 1] < 110 and pixels[i + 2] < 110)


@pytest.mark.parametrize("path,annex", [("seed001/2023-06", "附件1"), ("seed004/2021-09", "附件2")])
def test_figures_the_notes_call_red_are_red_in_the_pdf(published_demo, path, annex, tmp_path):
    # past the first page (its red masthead): seed 001's 附件1 (scores short of full marks),
    # seed 004's 附件2 (figures that miss their targets; 附件1 is the blank form). The
    # annex's pages are found by its heading at the top of a page, not by number: the
    # layout may move them.
    pdf = published_demo / "reports" / path / "bulletin.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages, inside = [], False
    for n, page in enumerate(text.rstrip("\f").split("\f"), start=1):  # pdftotext ends pages with \f
        heading = re.match(r"附件\d+(?!\d)", squeeze(page))
        if heading:
            inside = n > 1 and heading.group(0) == annex
        if inside:
            pages.append(n)  # the annex's heading page and the pages it runs over
    assert pages, f"no page of {path} starts with {annex}"
    assert max(red_pixels(pdf, page, tmp_path) for page in pages) > 50

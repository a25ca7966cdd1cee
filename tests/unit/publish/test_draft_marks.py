"""A draft (what ``bulletin publish`` makes) is marked 「征求意见稿」 in its PDF (under the
期号, and as a light watermark drawn on every page, not as text), its Word file (under the 期号 and in every
page header) and on the site (a badge on its page and its index entry; the index's
「最新印发」 line names the newest issued month, never a draft). An issued month carries
none of these marks; a revised one its 更正 line."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from bulletin.core.meta import META_NAME, read_meta, write_meta
from bulletin.publish.pdf.typeset import make_pdf
from bulletin.publish.site.build import build_site
from bulletin.publish.word.document import make_docx
from support.executed import markdown, write_month

TEXT = "### 一、总体情况\n\n本月共受理办件 249679 件。\n"


def set_status(folder: Path, status: str, correction: str = "") -> None:
    meta = read_meta(folder / META_NAME)
    write_meta(meta.model_copy(update={"status": status, "correction": correction}), folder)


def pdf_pages(folder: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(make_pdf(folder)), "-"],
                          capture_output=True, text=True, check=True).stdout
    return [page.replace(" ", "") for page in text.split("\f")[:-1]]


def docx_texts(folder: Path) -> dict[str, str]:
    """Each XML part of the Word file: its text with the markup stripped."""
    with zipfile.ZipFile(make_docx(folder)) as archive:
        return {name: BeautifulSoup(archive.read(name), "xml").get_text()
                for name in archive.namelist() if name.startswith("word/") and name.endswith(".xml")}


def test_a_meta_json_without_status_is_a_draft(tmp_path):
    folder = write_month(tmp_path, "2021-02", [markdown(TEXT)])
    raw = (folder / META_NAME).read_text(encoding="utf-8")
    assert '"status": "draft"' in raw
    (folder / META_NAME).write_text(raw.replace('"status": "draft",', ""), encoding="utf-8")
    assert '"status"' not in (folder / META_NAME).read_text(encoding="utf-8")
    meta = read_meta(folder / META_NAME)
    assert meta.status == "draft" and meta.draft and meta.correction == ""


def watermark_pixels(pdf: Path, page: int) -> int:
    """Pixels of the watermark's grey (225) on ``page`` rendered at 40 dpi."""
    out = subprocess.run(["pdftoppm", "-r", "40", "-gray", "-f", str(page), "-l", str(page),
                          str(pdf)], capture_output=True, check=True).stdout
    magic, _size, depth, data = out.split(b"\n", 3)
    assert magic == b"P5" and depth == b"255"
    return data.count(bytes([225]))


@pytest.mark.slow
def test_the_draft_pdf_is_marked_on_every_page_and_the_issued_one_is_not(tmp_path):
    draft = write_month(tmp_path / "a", "2021-02", [markdown(TEXT * 40)])
    pages = pdf_pages(draft)
    assert len(pages) >= 2
    first = pages[0].splitlines()
    issue = next(i for i, line in enumerate(first) if "2021年第2期" in line)
    assert "征求意见稿" in "".join(first[issue + 1:issue + 4])  # just under the 期号
    # the watermark is drawn, not text: the PDF's text holds the label once, at the 期号
    assert sum(page.count("征") for page in pages) == 1
    # ... and it covers ~1600 pixels of its grey on each page (measured; the body's
    # anti-aliased edges give a few dozen)
    marked = [watermark_pixels(draft / "bulletin.pdf", n) for n in range(1, len(pages) + 1)]
    assert min(marked) > 1000, marked
    issued = write_month(tmp_path / "b", "2021-02", [markdown(TEXT * 40)])
    set_status(issued, "issued", correction="第三部分受理量更正为 249680 件")
    pages = pdf_pages(issued)
    assert not any(ch in page for page in pages for ch in "征稿")
    assert "更正：第三部分受理量更正为249680件" in pages[0]
    plain = [watermark_pixels(issued / "bulletin.pdf", n) for n in range(1, len(pages) + 1)]
    assert max(plain) < 200, plain


def test_the_draft_word_file_is_marked_under_the_issue_and_in_its_headers(tmp_path):
    draft = docx_texts(write_month(tmp_path / "a", "2021-02", [markdown(TEXT)]))
    assert draft["word/document.xml"].count("征求意见稿") == 1
    headers = [text for name, text in draft.items() if name.startswith("word/header")]
    assert len(headers) == 2 and all(text == "征求意见稿" for text in headers)
    issued_folder = write_month(tmp_path / "b", "2021-02", [markdown(TEXT)])
    set_status(issued_folder, "issued")
    issued = docx_texts(issued_folder)
    assert not any("征求意见稿" in text for text in issued.values())
    assert "更正" not in issued["word/document.xml"]


def test_the_site_badges_drafts_and_names_the_newest_issued_month_latest(tmp_path):
    reports = tmp_path / "reports"
    for month in ("2021-01", "2021-02", "2021-03"):
        write_month(reports, month, [markdown(TEXT)])
    set_status(reports / "mini" / "2021-01", "issued")
    set_status(reports / "mini" / "2021-02", "issued", correction="受理量更正")
    site = build_site(reports, tmp_path / "site")
    index = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    latest = index.select_one(".latest")
    assert latest.a["href"] == "mini/2021-02/index.html" and "2021 年第 2 期" in latest.get_text()
    rows = {row.th.a.get_text(): row.th for row in index.select(".month-list tbody tr")}
    assert [label for label, th in rows.items() if th.select(".draft-badge")] == ["2021 年第 3 期"]

    def page(month: str) -> BeautifulSoup:
        return BeautifulSoup((site / "mini" / month / "index.html").read_text(encoding="utf-8"),
                             "html.parser")

    assert page("2021-03").select_one(".bulletin-head .draft-badge").get_text() == "征求意见稿"
    assert not page("2021-01").select(".draft-badge") and not page("2021-01").select(".correction")
    assert page("2021-02").select_one(".correction").get_text() == "更正：受理量更正"


def test_an_index_of_drafts_only_has_no_latest_issue(tmp_path):
    write_month(tmp_path / "reports", "2021-02", [markdown(TEXT)])
    site = build_site(tmp_path / "reports", tmp_path / "site")
    index = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert index.select_one(".latest").get_text() == "尚无正式印发的一期。"
    assert index.select_one(".latest").a is None

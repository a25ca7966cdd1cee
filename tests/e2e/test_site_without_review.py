"""The readers' site holds only what readers may see: every file under the published demo
site (pages, PDF and Word copies, XLSX and CSV downloads, scripts, styles) is listed and
its text read as a reader would get it (PDF text, the XML of office files, HTML with its
entities decoded), and none holds review text — the review's title and banner, the help
line of each topic, or any item of any month's review. The reviews are in the month
folders, beside review.md."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from bulletin.publish.personal import published_text
from bulletin.report.sections.common import TOPIC_HELP

# What every review says of itself (report.sections.review, the review page's banner).
OWN_WORDS = ["核查清单", "供分析人员核实", "分析人员核查清单", "不随通报印发", *TOPIC_HELP.values()]


def review_items(reports: Path) -> dict[str, Path]:
    """Each item of every month's review.html (as a reader of that page reads it), long
    enough to be the review's own words (10 characters or more)."""
    items = {}
    for page in sorted(reports.glob("*/*/review.html")):
        for li in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("li"):
            text = re.sub(r"\s+", " ", li.get_text()).strip()
            if len(text) >= 10:
                items[text] = page
    return items


def site_files(site: Path) -> list[Path]:
    return sorted(p for p in site.resolve().rglob("*") if p.is_file())


def test_every_month_has_its_review_in_its_folder(published_demo):
    reports = published_demo / "reports"
    folders = sorted(p.parent for p in reports.glob("*/*/meta.json"))
    assert len(folders) >= 7  # a month of every sample dataset
    for folder in folders:
        assert (folder / "review.md").is_file() and (folder / "review.html").is_file(), folder


def test_no_file_of_the_site_holds_review_text(published_demo):
    files = site_files(published_demo / "_site")
    names = {p.name for p in files}
    assert {"index.html", "trends.html", "bulletin.pdf", "bulletin.docx"} <= names
    assert not [p for p in files if "review" in p.name]
    items = review_items(published_demo / "reports")
    assert len(items) > 20  # the demo's reviews hold findings to look for
    read = 0
    for path in files:
        text = published_text(path)
        if text is None:
            continue  # pictures
        read += 1
        text = re.sub(r"\s+", " ", text)
        found = [words for words in [*OWN_WORDS, *items] if words in text]
        assert not found, (path, found[:3])
    assert read == len([p for p in files if p.suffix.lower() not in (".png", ".jpg")])

"""Hostile names and notes, published for real: unit names written as Markdown, HTML and
entities, and notes with links of every scheme. In the site (chromium), the PDF and the
Word file (its XML) each appears as typed and nothing but an http(s) address or a file the
tool published is a link; a right-to-left override in a unit name is refused, naming the
file, row and column."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from rich.console import Console

from support.browser import CHROMIUM, NO_CHROMIUM
from support.insider import MONTH, add_to_notes, rename_units
from support.paths import DATA

# unit as in units.csv → a name written as markup (its real name stays an alias)
RENAMED = {"市公安局": "*斜体*公安局", "市交通运输局": "&amp;交通局", "宣汉县": "[宣汉](x.html)县",
           "大竹县": "__大竹__县", "开江县": "`开江`县"}
LINKS = ["[共享](//host/share)", "[共享](\\\\host\\share)", "<file://host/share>",
         "[脚本](javascript:alert(1))", "[数据](data:text/html,x)", "[邮件](mailto:a@example.com)",
         "[页面](x.html)"]
SHOWN = ["[共享](//host/share)", "[共享](\\host\\share)", "<file://host/share>",
         "[脚本](javascript:alert(1))", "[数据](data:text/html,x)", "[邮件](mailto:a@example.com)",
         "[页面](x.html)"]
WEB = "https://www.sczwfw.gov.cn/"


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    import shutil

    from bulletin.publish.runner import publish_many

    root = tmp_path_factory.mktemp("hostile_text")
    dataset = root / "data" / "seed000"
    shutil.copytree(DATA / "seed000", dataset)
    rename_units(dataset, RENAMED)
    add_to_notes(dataset, "工作动态", [f"链接{i}：{link}。" for i, link in enumerate(LINKS)]
                 + [f"平台：[四川政务服务网]({WEB})。"])
    publish_many(dataset, [MONTH], reports=root / "reports", site=root / "_site",
                 use_quarto=False, console=Console(file=io.StringIO()))
    return root


@pytest.fixture(scope="module")
def site(published):
    return published / "_site"


@pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM)
def test_the_site_shows_them_as_typed(published, page):
    page.goto((published / "_site" / "seed000" / MONTH / "index.html").as_uri())
    article = page.locator("article")
    text = article.inner_text()
    for i, shown in enumerate(SHOWN):
        assert f"链接{i}：{shown}。" in text
    for name in RENAMED.values():
        assert name in text
    hrefs = article.evaluate("a => [...a.querySelectorAll('a[href]')].map(x => x.href)")
    assert WEB in hrefs
    site = (published / "_site").resolve()

    def published_file(href: str) -> bool:  # a file of the site the tool wrote
        from urllib.parse import unquote, urlparse

        url = urlparse(href)
        path = Path(unquote(url.path)).resolve()
        return url.scheme == "file" and not url.netloc and path.is_relative_to(site) \
            and path.is_file()

    bad = [h for h in hrefs if not h.startswith(("https:", "http:")) and not published_file(h)]
    assert bad == []
    assert article.locator("em, code").count() == 0


def test_the_word_file_shows_them_as_typed(published):
    docx = published / "reports" / "seed000" / MONTH / "bulletin.docx"
    with zipfile.ZipFile(docx) as z:
        xml = z.read("word/document.xml").decode("utf-8")
        rels = z.read("word/_rels/document.xml.rels").decode("utf-8")
    targets = re.findall(r'TargetMode="External"[^>]*Target="([^"]*)"|Target="([^"]*)"[^>]*'
                         r'TargetMode="External"', rels)
    assert [t for pair in targets for t in pair if t] == [WEB]
    text = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
    import html

    text = html.unescape(text)
    for i, shown in enumerate(SHOWN):
        assert f"链接{i}：{shown}。" in text
    for name in RENAMED.values():
        assert name in text


def test_the_pdf_shows_them_as_typed(published):
    pdf = published / "reports" / "seed000" / MONTH / "bulletin.pdf"
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                             text=True, check=True).stdout)
    for i, shown in enumerate(SHOWN):
        assert f"链接{i}：{shown}。".replace(" ", "") in text
    for name in RENAMED.values():
        assert name in text
    links = subprocess.run(["pdfinfo", "-url", str(pdf)], capture_output=True, text=True,
                           check=False).stdout
    assert "host" not in links and "javascript" not in links and "file:" not in links


def test_a_right_to_left_override_in_a_unit_name_is_refused(tmp_path):
    import shutil

    from bulletin.core.errors import InputError
    from bulletin.publish.runner import publish_many

    dataset = tmp_path / "seed000"
    shutil.copytree(DATA / "seed000", dataset)
    rename_units(dataset, {"市公安局": "市公安\u202e局"})
    with pytest.raises(Exception) as caught:
        publish_many(dataset, [MONTH], reports=tmp_path / "reports", site=tmp_path / "_site",
                     use_quarto=False, console=Console(file=io.StringIO()))
    assert isinstance(caught.value, InputError) or "InputError" in str(caught.value)
    assert "units.csv" in str(caught.value) and "U+202E" in str(caught.value)
    assert not (tmp_path / "_site").exists() and not (tmp_path / "reports" / "seed000" / MONTH).exists()

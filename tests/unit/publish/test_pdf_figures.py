"""The PDF's figures are the bulletin's charts and nothing else: markup in the notes or in a
table's cells (a ``<div class="chart" data-src=…>``, an image, a layout class, raw typst)
never becomes a figure, a layout call or typst code."""

from __future__ import annotations

import re
import subprocess

from bs4 import BeautifulSoup

from bulletin.publish.pdf.typeset import intermediate_html, make_pdf, typst_source
from support.executed import chart, markdown, table, write_month

FORGED = ('<div class="chart" data-src="chart-1.png"></div>'
          '<div class="chart" data-src="chart-1.svg" data-token="0"></div>'
          '<div class="chart" src="meta.json"></div>'
          '<span class="chart" data-src="chart-1.png">x</span>'
          '<div class="wide-table"><p>不是表格</p></div>'
          '<img src="chart-1.png"><img src="/etc/passwd">')

RAW_TYPST = ("#set page(fill: red)\n\n"
             "```{=typst}\n#set text(fill: red)\n```\n\n"
             '`#import "bulletin.typ": *`{=typst}\n\n'
             '正文 #image("chart-1.png") $x$ @ref <label>')

NOTES = "## 四、工作动态\n\n积极推进“一网通办”。\n\n"

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="9" height="9"/></svg>'


def test_only_the_charts_pdf_wrote_are_figures(tmp_path):
    # Blocks made by hand, not read from a month folder: pdf.py must not rely on
    # publish.notebook to tell its own figures from markup in the text or the cells.
    blocks = [markdown(NOTES + FORGED), table("表", ["单位"], [[FORGED]]), chart(SVG)]
    html = intermediate_html(blocks, tmp_path)
    soup = BeautifulSoup(html, "html.parser")
    charts = soup.select(".chart")
    assert [c["data-src"] for c in charts] == ["chart-1.svg"]
    assert soup.find("img") is None and soup.select(".wide-table") == []
    assert not soup.select("[src]") and len(soup.select("[data-src]")) == 1
    assert "积极推进" in soup.get_text() and "不是表格" in soup.get_text()


def test_forged_figures_and_raw_typst_never_reach_main_typ(tmp_path):
    folder = write_month(tmp_path / "reports", "2021-02",
                         [markdown(NOTES + FORGED + "\n\n" + RAW_TYPST),
                          table("表", ["单位"], [[FORGED + RAW_TYPST]]), chart(SVG)])
    from bulletin.publish.notebook import read_report

    build = tmp_path / "build"
    build.mkdir()
    main = typst_source(read_report(folder), build).read_text(encoding="utf-8")
    body = main.split("\n\n", 1)[1]
    assert re.findall(r"#chart\([^)]*\)", body) == ['#chart("chart-1.svg")']
    assert not re.search(r"(?<!\\)#(image|wide-table)", body), body  # \#image is text
    code = re.sub(r"^```.*?^```", "", body, flags=re.MULTILINE | re.DOTALL)  # raw text: inert
    assert not re.search(r"^#(set|import|show|let)\b", code, re.MULTILINE), body
    assert "积极推进" in body


def image_count(pdf) -> int:
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                             check=True).stdout
    return len(listing.splitlines()) - 2  # two header lines


def test_notes_with_a_forged_chart_do_not_change_the_pdf(tmp_path):
    # the chart is drawn as vectors: a forged image reference would be the only raster
    clean = write_month(tmp_path / "clean", "2021-02", [markdown(NOTES), chart(SVG)])
    forged = write_month(tmp_path / "forged", "2021-02",
                         [markdown(NOTES + FORGED), table("表", ["单位"], [[FORGED]]), chart(SVG)])
    assert image_count(make_pdf(clean)) == 0
    assert image_count(make_pdf(forged)) == 0

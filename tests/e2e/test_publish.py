"""The publishing routes with the real renderers: papermill, pandoc, typst, poppler.

A tiny template notebook (tests/fixtures/mini_bulletin.ipynb) shows the three kinds of
output the bulletin notebook contract allows: markdown, a great-tables table with spanner
headers (one narrow, one wide annex), and an altair chart as an SVG + vega-lite bundle.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from bulletin.publish.notebook import read_report
from bulletin.publish.pdf.typeset import make_pdf
from support.mini_bulletin import MONTHS, TEMPLATE, execute_month


@pytest.fixture(scope="session")
def executed(tmp_path_factory) -> Path:
    """reports/ with two executed fixture months (shared: executing takes seconds)."""
    reports = tmp_path_factory.mktemp("reports")
    for month in MONTHS:
        execute_month(reports, month)
    return reports


@pytest.fixture
def reports(executed, tmp_path) -> Path:
    """A private copy of the executed reports that a test may change."""
    target = tmp_path / "reports"
    shutil.copytree(executed, target)
    return target


def ink(path: Path) -> float:
    """Share of non-white pixels of a binary PGM page written by ``pdftoppm -gray``."""
    data = path.read_bytes()
    magic, width, height, maxval, pixels = data.split(maxsplit=4)
    assert magic == b"P5" and maxval == b"255"
    pixels = pixels[: int(width) * int(height)]
    return sum(1 for value in pixels if value < 200) / len(pixels)


def test_blocks_are_the_bulletin_s_not_its_code(executed):
    report = read_report(executed / "fixture" / "2021-02")
    kinds = [block.kind for block in report.blocks]
    assert kinds.count("chart") == 1 and kinds.count("table") == 2 and "text" in kinds
    text = " ".join(block.markdown for block in report.blocks if block.kind == "text")
    assert "out_dir" not in text and "import" not in text
    table = next(block for block in report.blocks if block.kind == "table")
    rate = table.rows[2][-1]  # 市医疗保障局's 主动评价率 1662 / 1238, the value it prints
    assert (rate.text, rate.value, rate.format) == ("134.25%", 134.25, "0.00%")
    chart = next(block for block in report.blocks if block.kind == "chart")
    assert chart.svg.lstrip().startswith("<svg") and chart.spec["mark"]


def test_pdf_has_title_heading_spanner_and_ink(reports, tmp_path):
    folder = reports / "fixture" / "2021-02"
    pdf = make_pdf(folder, keep_source=tmp_path / "typst")
    assert pdf == folder / "bulletin.pdf" and pdf.stat().st_size > 10_000
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "达州市一体化政务服务平台运行" in text and "2021 年第 2 期" in text
    assert "一、政务服务事项平台运行情况" in text  # a heading
    assert "办件情况（件）" in text and "办件主动评价" in text  # spanner labels
    assert re.search(r"—\s*1\s*—", text)  # GB/T page number
    assert "报：省大数据中心" in text  # 版记
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout
    assert "NotoSerifCJK" in fonts and "NotoSansCJK" in fonts
    # the chart went in as vector SVG with its CJK text
    assert 'chart("chart-1.svg")' in (tmp_path / "typst" / "main.typ").read_text()
    subprocess.run(["pdftoppm", "-r", "30", "-gray", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.pgm"))
    assert len(pages) >= 3 and len(pages) % 2 == 0  # the 版记 on an even page
    assert "印发" in text.split("\f")[len(pages) - 1]
    for page in pages[:-2]:  # the page before the 版记 page may be blank (GB/T 9704)
        assert ink(page) > 0.002, f"{page.name} looks blank"
    assert ink(pages[-1]) > 0.002
    assert ink(pages[0]) > 0.02  # the title page carries the red header, text and a table


def test_wide_annex_goes_landscape(reports, tmp_path):
    folder = reports / "fixture" / "2021-02"
    make_pdf(folder, keep_source=tmp_path / "typst")
    main = (tmp_path / "typst" / "main.typ").read_text()
    # the 14-column annex in a wide-table block: pandoc writes its columns as a count, or
    # as the widths the table gives (publish.blocks: widths from content)
    wide = re.search(r"#wide-table\[.*?columns: (\d+|\(([^()]*)\))", main, re.DOTALL)
    assert wide, "no table in a wide-table block"
    count = int(wide.group(1)) if wide.group(1).isdigit() else len(wide.group(2).split(","))
    assert count == 14
    sizes = subprocess.run(["pdfinfo", "-f", "1", "-l", "9", str(folder / "bulletin.pdf")],
                           capture_output=True, text=True, check=True).stdout
    shapes = re.findall(r"size:\s+([\d.]+) x ([\d.]+)", sizes)
    assert any(float(w) > float(h) for w, h in shapes), "the wide annex is on a landscape page"
    assert any(float(w) < float(h) for w, h in shapes)


def test_site_lists_months_and_renders_pages(reports, tmp_path):
    from bulletin.publish.fs import replace_dir
    from bulletin.publish.site.build import build_site

    make_pdf(reports / "fixture" / "2021-02")
    site = replace_dir(tmp_path / "_site", lambda out: build_site(reports, out))
    index = (site / "index.html").read_text(encoding="utf-8")
    assert index.index("2021 年第 2 期") < index.index("2021 年第 1 期")  # newest first
    assert "fixture/2021-02/index.html" in index and "fixture/2021-02/bulletin.pdf" in index
    page = (site / "fixture" / "2021-02" / "index.html").read_text(encoding="utf-8")
    assert 'class="gt_table"' in page  # great-tables kept (its headers as phrase spans)
    assert "办件情况（件）" in re.sub(r"<[^>]*>", "", page) and 'class="header-phrase"' in page
    assert 'class="vega-chart"' in page and "<svg" in page  # chart + static fallback
    assert '"mark"' in page and "assets/vega-bundle.js" in page
    assert "上一期" in page and "../../fixture/2021-01/index.html" in page and "返回目录" in page
    assert "out_dir" not in page and "import altair" not in page  # no code, no parameters
    assert (site / "fixture" / "2021-02" / "附件1_市级部门运行情况表.csv").is_file()
    assert (site / "fixture" / "2021-02" / "bulletin.pdf").is_file()
    trends = (site / "trends.html").read_text(encoding="utf-8")
    assert "申请件" in trends and "2021 年 1 月" in trends and "<svg" not in trends
    assert 'id="trend-spec-fixture"' in trends and 'class="chart-fallback"' in trends
    for html in site.rglob("*.html"):  # nothing is fetched from the network
        text = html.read_text(encoding="utf-8")
        assert not re.search(r'(src|href)="(https?:)?//', text), html


def test_publish_month_then_failure_keeps_site(tmp_path, monkeypatch):
    import nbformat

    from bulletin.core.errors import PublishError
    from bulletin.publish import runner
    from bulletin.publish.runner import publish_many
    from support.fake_publish import no_check

    monkeypatch.setattr(runner, "check_inputs", no_check)  # the folder is no dataset
    dataset = tmp_path / "fixture"  # the fixture notebook only needs its name
    dataset.mkdir()
    reports, site = tmp_path / "reports", tmp_path / "_site"
    result = publish_many(dataset, ["2021-01", "2021-02"], reports=reports, site=site,
                          notebook=TEMPLATE, use_quarto=False)
    assert result.route.startswith("papermill")
    assert (reports / "fixture" / "2021-02" / "bulletin.pdf").is_file()
    executed_before = (reports / "fixture" / "2021-01" / "bulletin.ipynb").stat().st_mtime_ns
    index_before = (site / "index.html").read_text(encoding="utf-8")
    assert "2021 年第 2 期" in index_before

    broken = nbformat.read(TEMPLATE, as_version=4)
    broken.cells.insert(2, nbformat.v4.new_code_cell('raise ValueError("坏数据")'))
    nbformat.write(broken, tmp_path / "broken.ipynb")
    with pytest.raises(PublishError, match="2021-03.*ValueError: 坏数据"):
        publish_many(dataset, ["2021-03"], reports=reports, site=site,
                     notebook=tmp_path / "broken.ipynb", use_quarto=False)
    assert (site / "index.html").read_text(encoding="utf-8") == index_before
    assert not (reports / "fixture" / "2021-03").exists()  # no half month left behind
    assert (reports / "fixture" / "2021-03.failed.ipynb").is_file()
    from bulletin.publish.fs import current_version  # the site's version, which _site links to

    assert sorted(p.name for p in tmp_path.iterdir()
                  if p.name.startswith(".") and p != current_version(site)) == []
    # the earlier months were not executed again
    assert (reports / "fixture" / "2021-01" / "bulletin.ipynb").stat().st_mtime_ns == executed_before



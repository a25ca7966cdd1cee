"""`bulletin render` (a month executed by hand made into PDF, Word and site pages, without
executing it), where publish, render and the demo write by default, the masthead of a
site of one dataset, and a site built past a month folder without its executed notebook.

Months are "executed" by hand (support.executed); the PDF and Word steps are replaced by
ones that write a marker (the real ones: tests/e2e/test_readme_routes.py), the site is the
real one.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from rich.console import Console
from typer.testing import CliRunner

from bulletin.cli import app
from bulletin.core.errors import PublishError
from support.executed import markdown, month_meta, write_month
from support.fake_publish import REPLACED, install
from support.handmade import done, make
from support.mini_bulletin import TEMPLATE
from support.paths import ROOT

TITLE = month_meta("2021-02").title  # 达州市一体化政务服务平台运行情况通报


@pytest.fixture
def documents(monkeypatch):
    """render's PDF and Word steps write a marker naming the folder's notebook cells."""

    def pdf(folder):
        (folder / "bulletin.pdf").write_bytes(b"%PDF-1.7 " + _cells(folder).encode())

    def docx(folder):
        with zipfile.ZipFile(folder / "bulletin.docx", "w") as z:
            z.writestr("word/document.xml", "<w:document/>")

    monkeypatch.setattr("bulletin.publish.runner.make_pdf", pdf)
    monkeypatch.setattr("bulletin.publish.runner.make_docx", docx)


def _cells(folder: Path) -> str:
    nb = nbformat.read(folder / "bulletin.ipynb", as_version=4)
    return ",".join(c.cell_type for c in nb.cells)


def run(args, cwd, monkeypatch):
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(app, args, env={"COLUMNS": "400"})


def masthead(page: Path) -> str:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return soup.select_one(".site-name").get_text()


def hidden(root: Path, site: Path | None = None) -> list[str]:
    """Hidden entries under ``root`` (staging folders, journals, locks), but the version of
    ``site`` that the site's link points to."""
    from bulletin.publish.fs import current_version

    current = current_version(site) if site else None
    return sorted(str(p.relative_to(root)) for p in root.rglob(".*")
                  if current is None or not p.is_relative_to(current))


# ---------------------------------------------------------------------- render


def test_render_makes_the_documents_and_the_datasets_own_site(tmp_path, monkeypatch,
                                                              documents):
    folder = write_month(tmp_path / "reports", "2021-02", [markdown("二月的正文")])
    outputs = nbformat.read(folder / "bulletin.ipynb", as_version=4).cells[0].outputs
    result = run(["render", "reports/mini/2021-02"], tmp_path, monkeypatch)
    assert result.exit_code == 0, result.output
    # the PDF and Word steps ran on the month as it was, with Quarto's front matter added
    assert (folder / "bulletin.pdf").read_bytes() == b"%PDF-1.7 raw,code"
    assert (folder / "bulletin.docx").is_file()
    assert nbformat.read(folder / "bulletin.ipynb", as_version=4).cells[1].outputs == outputs
    site = tmp_path / "_site" / "mini"  # the default: _site/<dataset>/
    page = site / "2021-02" / "index.html"  # its own site: no mini/ level
    assert "二月的正文" in page.read_text(encoding="utf-8")
    assert (site / "2021-02" / "bulletin.pdf").read_bytes().startswith(b"%PDF")
    assert masthead(site / "index.html") == TITLE  # the dataset's own title
    assert f"通报：{folder.resolve() / 'bulletin.pdf'}" in result.output
    assert f"网站：{tmp_path.resolve() / '_site' / 'mini' / 'index.html'}" in result.output
    assert "不重新执行" in result.output
    assert hidden(tmp_path, site) == []


def test_a_render_that_fails_changes_nothing(tmp_path, monkeypatch, documents):
    from bulletin.publish import render

    folder = write_month(tmp_path / "reports", "2021-02", [markdown("二月的正文")])
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    def broken(folder):
        raise RuntimeError("Word 写不出")

    monkeypatch.setattr("bulletin.publish.runner.make_docx", broken)
    with pytest.raises(PublishError, match="^第 2 步「生成 2021-02 Word 文档」失败：RuntimeError: Word 写不出$"):
        render.render_month(folder, site=tmp_path / "site", console=Console(file=io.StringIO()))
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # no PDF either
    assert not (tmp_path / "site").exists()
    assert hidden(tmp_path) == []


@pytest.mark.parametrize(("make_folder", "said"), [
    (lambda r: r / "mini" / "2021-02", "找不到月份文件夹 {folder}（应为 reports/<数据集>/<YYYY-MM>/"),
    (lambda r: write_month(r, "2021-02", []).rename(r / "mini" / "二月"),
     "{folder} 的文件夹名不是月份 YYYY-MM"),
    (lambda r: _without(write_month(r, "2021-02", []), "meta.json"),
     "{folder} 中没有 meta.json：执行通报笔记本时参数 out_dir 应为该文件夹"),
    (lambda r: _without(write_month(r, "2021-02", []), "bulletin.ipynb"),
     "{folder} 中没有已执行的 bulletin.ipynb：papermill 的输出笔记本应写为 {folder}/bulletin.ipynb"),
])
def test_render_says_what_the_folder_lacks(tmp_path, monkeypatch, make_folder, said):
    folder = make_folder(tmp_path / "reports")
    result = run(["render", str(folder)], tmp_path, monkeypatch)
    assert result.exit_code == 2
    assert "生成失败，原文件和网站未改动" in result.output
    assert said.format(folder=folder) in result.output.replace("\n", "")
    assert not (tmp_path / "_site").exists()


def _without(folder: Path, name: str) -> Path:
    (folder / name).unlink()
    return folder


# ---------------------------------------------------------------------- the site


def test_a_month_folder_without_its_notebook_is_skipped_and_named(tmp_path, monkeypatch):
    reports = tmp_path / "reports"
    write_month(reports, "2021-01", [markdown("一月的正文")])
    lone = write_month(reports, "2021-02", [markdown("二月的正文")])
    (lone / "bulletin.ipynb").unlink()  # as papermill leaves it with out.ipynb elsewhere
    result = run(["site"], tmp_path, monkeypatch)
    assert result.exit_code == 0, result.output
    assert ("注意：跳过 reports/mini/2021-02：其中没有已执行的 bulletin.ipynb，网站不含该月。"
            "用 papermill 手工执行时，输出笔记本须写为 reports/mini/2021-02/bulletin.ipynb"
            in result.output)
    index = (tmp_path / "_site" / "mini" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r"(\S*\d{4}-\d{2})/index\.html", index) == ['href="2021-01']
    assert not (tmp_path / "_site" / "mini" / "mini").exists()


def test_a_datasets_own_site_holds_its_months_at_its_top_and_says_when_it_was_nested(
        tmp_path, monkeypatch):
    """_site/mini/2021-01/, not _site/mini/mini/2021-01/; a site built as before (a folder
    per dataset) is rebuilt in the new layout, saying where the pages went."""
    from bulletin.publish.site import build_site

    reports = tmp_path / "reports"
    write_month(reports, "2021-01", [markdown("一月的正文")])
    build_site(reports, tmp_path / "_site" / "mini")  # every dataset: the nested layout
    assert (tmp_path / "_site" / "mini" / "mini" / "2021-01" / "index.html").is_file()
    result = run(["site"], tmp_path, monkeypatch)
    assert result.exit_code == 0, result.output
    assert ("注意：网站 _site/mini 的目录结构已简化：各月页面由 mini/<YYYY-MM>/ 移到 <YYYY-MM>/，"
            "单位页面由 mini/units/ 移到 units/（index.html 仍在原处）；本次重建后旧地址失效"
            in result.output)
    site = tmp_path / "_site" / "mini"
    assert (site / "2021-01" / "index.html").is_file() and not (site / "mini").exists()
    page = (site / "2021-01" / "index.html").read_text(encoding="utf-8")
    assert 'href="../assets/style.css"' in page and 'href="../index.html"' in page
    again = run(["site"], tmp_path, monkeypatch)
    assert again.exit_code == 0 and "目录结构已简化" not in again.output


def test_site_builds_each_datasets_own_site_or_one_with_out(tmp_path, monkeypatch):
    reports = tmp_path / "reports"
    write_month(reports, "2021-01", [markdown("甲的正文")], dataset="甲")
    write_month(reports, "2021-02", [markdown("乙的正文")], dataset="乙")
    assert run(["site"], tmp_path, monkeypatch).exit_code == 0
    for name, other in (("甲", "乙"), ("乙", "甲")):
        index = (tmp_path / "_site" / name / "index.html").read_text(encoding="utf-8")
        month = "2021-01" if name == "甲" else "2021-02"
        assert f'href="{month}/index.html"' in index  # its own site: months at its top
        assert f"{name}/" not in index and f"{other}/" not in index
        assert masthead(tmp_path / "_site" / name / "index.html") == TITLE
    result = run(["site", "--site", "all"], tmp_path, monkeypatch)
    assert result.exit_code == 0, result.output
    # a site of two publications: the root lists them, each has its own index and trends
    # under its own masthead (its title), never both under one
    index = (tmp_path / "all" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'href="([^"]+)"', index.split("<main", 1)[1]) == [
        "乙/index.html", "乙/index.html", "乙/trends.html",  # by name: 乙 (U+4E59) before 甲
        "甲/index.html", "甲/index.html", "甲/trends.html"]
    for name, month in (("甲", "2021-01"), ("乙", "2021-02")):
        own = (tmp_path / "all" / name / "index.html").read_text(encoding="utf-8")
        assert re.findall(r"\.\./(.)/(\d{4}-\d{2})/index\.html", own) == [(name, month)]
        for page in ("index.html", "trends.html", f"{month}/index.html"):
            assert masthead(tmp_path / "all" / name / page) == TITLE
        trends = (tmp_path / "all" / name / "trends.html").read_text(encoding="utf-8")
        assert f"../{name}/{month}/" in trends and ({"甲", "乙"} - {name}).pop() not in trends
    # two datasets of one authority: the root carries the authority's name
    assert masthead(tmp_path / "all" / "index.html") == "达州市政务服务管理局 · 运行情况通报"
    assert not (tmp_path / "all" / "trends.html").exists()
    missing = run(["site", "--dataset", "丙"], tmp_path, monkeypatch)
    assert missing.exit_code == 2
    assert "reports 中没有数据集 丙 的月份文件夹；已有的数据集：乙、甲" in missing.output


def test_site_names_its_output_site_as_publish_does_and_still_takes_out(tmp_path, monkeypatch):
    """One name for the output site in every command: --site; the old --out of `bulletin
    site` still works, with a notice, and is not listed in the help (which names it)."""
    reports = tmp_path / "reports"
    write_month(reports, "2021-01", [markdown("甲的正文")], dataset="甲")
    old = run(["site", "--out", "old"], tmp_path, monkeypatch)
    assert old.exit_code == 0, old.output
    assert "--out 已改名为 --site" in old.output
    # reports/ holds one dataset: a site of one, its months at its top
    assert 'href="2021-01/index.html"' in (tmp_path / "old" / "index.html").read_text(
        encoding="utf-8")
    same = run(["site", "--site", "old", "--out", "old"], tmp_path, monkeypatch)
    assert same.exit_code == 0, same.output
    both = run(["site", "--site", "a", "--out", "b"], tmp_path, monkeypatch)
    assert both.exit_code == 2
    assert "--site a 与 --out b 不同" in both.output and not (tmp_path / "a").exists()
    assert not (tmp_path / "b").exists()
    shown = run(["site", "--help"], tmp_path, monkeypatch).output
    assert "--site" in shown and "旧名 --out 仍可用" in shown
    assert not re.search(r"^\W*--out\b", shown, re.MULTILINE)  # not an option of its own


# ---------------------------------------------------------------------- defaults


@pytest.fixture
def fake(monkeypatch):
    """publish_many's papermill, PDF and Word steps replaced (support.fake_publish)."""
    from bulletin.publish import runner

    for name in REPLACED:
        monkeypatch.setattr(runner, name, getattr(runner, name))  # restored after the test
    install(lambda: 1)


def tiny(folder: Path) -> Path:
    """A hand-made dataset with one case completed in March 2021."""
    march = "2021-03-0{} 09:00:00"
    return make(folder, [done("A", "丙县", march.format(1), march.format(2))])


def test_publish_writes_the_datasets_own_folders(tmp_path, monkeypatch, fake):
    for name in ("甲市", "乙市"):
        tiny(tmp_path / name)
    first = run(["publish", "--dataset", "甲市", "--month", "2021-03",
                 "--notebook", str(TEMPLATE)], tmp_path, monkeypatch)
    assert first.exit_code == 0, first.output
    site = tmp_path / "_site" / "甲市"
    assert (tmp_path / "reports" / "甲市" / "2021-03" / "meta.json").is_file()
    assert (site / "2021-03" / "index.html").is_file() and not (site / "甲市").exists()
    page = (site / "index.html").read_bytes()
    second = run(["publish", "--dataset", "乙市", "--month", "2021-03",
                  "--notebook", str(TEMPLATE)], tmp_path, monkeypatch)
    assert second.exit_code == 0, second.output
    assert (site / "index.html").read_bytes() == page  # the first dataset's site untouched
    index = (tmp_path / "_site" / "乙市" / "index.html").read_text(encoding="utf-8")
    assert 'href="2021-03/index.html"' in index and "甲市/" not in index
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        "_site", "reports", "乙市", "甲市"]


def test_the_demo_writes_under_demo(tmp_path, monkeypatch, fake):
    tiny(tmp_path / "data" / "tiny")
    result = run(["demo", "--data", "data", "--root", str(ROOT)], tmp_path, monkeypatch)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "_demo" / "reports" / "tiny" / "2021-03" / "meta.json").is_file()
    assert "tiny/2021-03/index.html" in (tmp_path / "_demo" / "site" / "index.html").read_text(
        encoding="utf-8")
    assert not (tmp_path / "reports").exists() and not (tmp_path / "_site").exists()

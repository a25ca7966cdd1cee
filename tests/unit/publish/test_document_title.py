"""A document's name in its PDF (typst ``set document(title:)``, pdfinfo's Title) and its
Word file (docProps/core.xml, python-docx's core_properties.title): a 公文 (GB/T 9704) by
its own title, the 标题 it prints under its 版头 — never by the profile's name, which it
nowhere prints; a 简报 by its masthead title. The built-in route, the Quarto route (the
build folder read as Quarto reads it, tests/support/quarto_like.py) and the Word file."""

from __future__ import annotations

import subprocess
from pathlib import Path

import nbformat
import pytest
import typst
import yaml
from docx import Document

from bulletin.core.meta import META_NAME, read_meta, write_meta
from bulletin.publish.notebook import read_report
from bulletin.publish.pdf.typeset import font_paths, make_pdf
from bulletin.publish.quarto.cells import quarto_notebook
from bulletin.publish.quarto.project import front_matter, quarto_project
from bulletin.publish.word.document import make_docx
from support.executed import markdown, write_executed
from support.paths import ROOT
from support.quarto_like import quarto_typst

TITLE = "关于转发《市政府交办事项（“渝快办”专项工作2021年第1号）》的通知"
PROFILE = "重庆市江北区行政许可事项指标情况通报"
MASTHEAD = "达州市一体化政务服务平台运行情况通报"  # support.executed's 简报
TEXT = markdown("根据要求，现将有关事项通知如下。\n\n### 一、总体情况\n\n正文。")


def month(folder: Path, blocks: list, official: bool) -> Path:
    write_executed(folder, "2021-09", blocks, "seed004")
    if official:
        meta = read_meta(folder / META_NAME).model_copy(update={
            "kind": "公文", "profile_title": PROFILE, "issue_label": "江北政务〔2021〕45号",
            "title_lines": ["重庆市江北区政务服务管理办公室"]})
        write_meta(meta, folder)
    return folder


def pdf_title(pdf: Path) -> str:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    return next(line.split(":", 1)[1].strip() for line in info.splitlines()
                if line.startswith("Title:"))


def quarto_pdf(folder: Path, build: Path) -> Path:
    build.mkdir()
    quarto_project(ROOT, build, contents=False)
    quarto_notebook(read_report(folder), build)
    main = quarto_typst(build, build.parent / (build.name + "-template"))
    pdf = build / "out.pdf"
    pdf.write_bytes(typst.compile(str(main), root=str(build), font_paths=font_paths()))
    return pdf


CASES = [
    # seed 004: the 公文's own title, as its notes' 标题 gives it
    ("official", [markdown(f"## {TITLE}"), TEXT], True, TITLE),
    # markup in the title: its text, as printed
    ("markup", [markdown("## 关于**加强** A&amp;B `C` 的通知\n\n正文。")], True,
     "关于加强 A&B C 的通知"),
    # a 公文 without a title of its own: the profile's name, as before
    ("untitled", [TEXT], True, PROFILE),
    # a 简报: its masthead title, even with a level-2 heading of its own
    ("brief", [markdown("## 政务服务事项运行情况"), TEXT], False, MASTHEAD),
]


@pytest.mark.parametrize(("name", "blocks", "official", "title"), CASES,
                         ids=[case[0] for case in CASES])
def test_the_pdf_and_the_word_file_carry_the_document_s_title(tmp_path, name, blocks,
                                                               official, title):
    folder = month(tmp_path / "reports" / "seed004" / "2021-09", blocks, official)
    assert read_report(folder).title == title
    assert pdf_title(make_pdf(folder)) == title
    assert pdf_title(quarto_pdf(folder, tmp_path / "quarto")) == title
    assert Document(str(make_docx(folder, fonts="noto"))).core_properties.title == title


def test_the_executed_notebook_s_front_matter_names_the_official_title(tmp_path):
    folder = month(tmp_path / "2021-09", [markdown(f"## {TITLE}"), TEXT], True)
    front_matter(folder)
    cell = nbformat.read(folder / "bulletin.ipynb", as_version=4).cells[0]
    assert yaml.safe_load(cell.source.strip("-\n"))["title"] == f"{TITLE}（江北政务〔2021〕45号）"

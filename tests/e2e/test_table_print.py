"""Tables as an office prints them, in every sample's PDF and Word file (real renderers):

* no header line holds one Chinese character alone (「按时办结 / 率」): headers break
  between phrases only;
* seed 001's unit names each on one line (the column is as wide as its longest name);
* seed 003's 镇（街道） printed once per group, merged over its centres: the label stands
  between its group's first and last rows, not on the first;
* seed 004's 附件1 办件情况反馈表 across the text block (156 mm), its blank rows 8 mm tall
  at least, its title above its instructions;
* the Word file opened by LibreOffice, with its default faces and with the 公文 face names
  aliased to the open faces (a fontconfig file): no number of a table broken across lines,
  no header line of one character."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from support.table_print import (
    broken_numbers,
    check_form,
    check_merged_labels,
    header_labels,
    lone_characters,
    merge_groups,
    pdf_text,
    tables,
)

MONTHS = ["seed000/2021-02", "seed001/2023-06", "seed002/2020-12", "seed003/2022-09",
          "seed004/2021-09", "synthetic/2021-01", "qinglan/2024-06"]


def month_of(published_demo, month: str) -> Path:
    return published_demo / "reports" / month


@pytest.mark.slow
@pytest.mark.parametrize("month", MONTHS)
def test_no_header_line_holds_one_character(published_demo, month):
    folder = month_of(published_demo, month)
    assert lone_characters(folder / "bulletin.pdf", header_labels(folder)) == []


@pytest.mark.slow
def test_seed001_unit_names_each_on_one_line(published_demo):
    folder = month_of(published_demo, "seed001/2023-06")
    text = pdf_text(folder / "bulletin.pdf")
    names = {row[j].text.strip() for t in tables(folder) for j, c in enumerate(t.columns)
             if c.label in ("部门", "地区", "单位") for row in t.rows}
    assert len(names) > 40  # the annexes' units: A and B groups and the counties
    assert sorted(n for n in names if n not in text) == []
    assert "市公共资源交易服务中心" in names  # the longest, which wrapped onto three lines


@pytest.mark.slow
def test_seed003_town_labels_merged_over_their_centres(published_demo):
    folder = month_of(published_demo, "seed003/2022-09")
    table = next(t for t in tables(folder) if t.columns[0].merge)
    assert check_merged_labels(folder / "bulletin.pdf", merge_groups(table)) >= 4


@pytest.mark.slow
def test_seed004_form_is_full_width_with_rows_to_write_in(published_demo):
    check_form(month_of(published_demo, "seed004/2021-09") / "bulletin.pdf")


ALIASES = {"仿宋_GB2312": "Noto Serif CJK SC", "方正小标宋简体": "Noto Serif CJK SC",
           "黑体": "Noto Sans CJK SC", "楷体_GB2312": "Noto Serif CJK SC"}


def _fonts_conf(folder: Path) -> Path:
    aliases = "".join(f"<alias binding=\"same\"><family>{name}</family><prefer><family>{face}"
                      "</family></prefer></alias>" for name, face in ALIASES.items())
    conf = folder / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                    f"<include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>{aliases}"
                    "</fontconfig>", encoding="utf-8")
    return conf


@pytest.mark.slow
@pytest.mark.parametrize("aliased", [False, True], ids=["default-faces", "aliased-faces"])
def test_word_tables_in_libreoffice(published_demo, tmp_path, aliased):
    env = dict(os.environ, HOME=str(tmp_path))
    if aliased:
        env["FONTCONFIG_FILE"] = str(_fonts_conf(tmp_path))
    docs = [month_of(published_demo, m) / "bulletin.docx" for m in MONTHS]
    for doc, month in zip(docs, MONTHS, strict=True):
        target = tmp_path / month.replace("/", "_")
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(target),
                        str(doc)], env=env, capture_output=True, check=True, timeout=300)
        figures = {cell.text for t in tables(doc.parent) for row in t.rows for cell in row
                   if cell.value is not None}
        assert figures, month
        assert broken_numbers(target / "bulletin.pdf", figures) == [], (month, aliased)
        labels = header_labels(doc.parent)
        assert lone_characters(target / "bulletin.pdf", labels) == [], (month, aliased)


@pytest.mark.slow
@pytest.mark.parametrize("month", MONTHS)
def test_header_lines_are_whole_phrases_or_reviewed(published_demo, month):
    """Every header line the PDF route writes is made of whole phrases, or the month's
    review (表格排版) names the header."""
    from bulletin.core.table_widths import cut_headers
    from bulletin.publish.blocks import print_padding, print_widths

    folder = month_of(published_demo, month)
    review = (folder / "review.md").read_text(encoding="utf-8").replace("\\", "")
    for table in tables(folder):
        for label in cut_headers(table, print_widths(table), print_padding(table)):
            assert f"表头「{label}」：PDF 中断为" in review, (month, table.title, label)


@pytest.mark.slow
def test_seed000_county_names_each_on_one_line(published_demo):
    folder = month_of(published_demo, "seed000/2021-02")
    text = pdf_text(folder / "bulletin.pdf")
    table = next(t for t in tables(folder) if "县（市、区）" in (t.title or ""))
    names = {row[1].text.strip() for row in table.rows} - {""}
    assert len(names) >= 8
    assert sorted(n for n in names if n not in text) == []


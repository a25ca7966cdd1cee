"""Tables as an office prints them, in every sample's PDF and Word file (real renderers):

* no header line holds one Chinese character alone (「按时办结 / 率」): headers break
  between phrases only;
* seed 001's unit names each on one line (the column is as wide as its longest name);
* seed 003's 镇（街道） printed once per group, merged over its centres: the label stands
  between its group's first and last rows, not on the first;
* seed 004's 附件1 办件情况反馈表 across the text block (156 mm), its blank rows 8 mm tall
  at least, its title above its instructions;
* a body cell that wraps (pdftotext -bbox: its words line by line) never holds one
  character alone on a line, and a name breaks between its phrases only
  (core.phrases.cell_phrases: 「云岭湖街道金沙江大道南段社区 / 党群便民服务中心」, seed 002's
  「80%以上」 whole), or the month's review (表格排版) names it;
* the Word file opened by LibreOffice, with its default faces and with the 公文 face names
  aliased to the open faces (a fontconfig file): no number of a table broken across lines,
  no header line of one character, names broken as in the PDF."""

from __future__ import annotations

import os
import subprocess
from functools import partial
from pathlib import Path

import pytest

from bulletin.core.phrases import cell_phrases, is_sentence, letters
from support.table_print import (
    broken_numbers,
    check_form,
    check_merged_labels,
    header_labels,
    lone_characters,
    merge_groups,
    pdf_text,
    printed_lines,
    tables,
)

MONTHS = ["seed000/2021-02", "seed001/2023-06", "seed002/2020-12", "seed003/2022-09",
          "seed004/2021-09", "synthetic/2021-01", "qinglan/2024-06", "yunling/2023-09"]


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


def body_texts(folder: Path) -> set[str]:
    """The text cells of the month's printed tables (no figure)."""
    return {cell.text.strip() for t in tables(folder) for row in t.rows for cell in row
            if not cell.is_figure and cell.text.strip()}


def _ends(text: str) -> set[int]:
    """Where a name's phrases end, counted in characters that are no blank."""
    sizes = [len("".join(p.split())) for p in cell_phrases(text)]
    return {sum(sizes[:k]) for k in range(len(sizes) + 1)}


def badly_broken(pdf: Path, texts: set[str], reviewed) -> tuple[list[str], int]:
    """Each printed line of a body cell holding one character alone, each name broken
    inside a phrase that ``reviewed(name)`` does not name; and how many cells wrapped."""
    problems, wrapped = [], 0
    for text, places in printed_lines(pdf, texts).items():
        for lines in (lines for lines in places if len(lines) > 1):
            wrapped += 1
            if any(letters(line) < 2 for line in lines):
                problems.append(f"{text}: {' / '.join(lines)}")
            cuts = {sum(len(line) for line in lines[:k]) for k in range(len(lines) + 1)}
            if not is_sentence(text) and not cuts <= _ends(text) and not reviewed(text):
                problems.append(f"{text}: {' / '.join(lines)}")
    return problems, wrapped


@pytest.mark.slow
@pytest.mark.parametrize("month", MONTHS)
def test_body_cells_break_between_phrases_never_one_character_alone(published_demo, month):
    folder = month_of(published_demo, month)
    review = (folder / "review.md").read_text(encoding="utf-8").replace("\\", "")
    problems, wrapped = badly_broken(folder / "bulletin.pdf", body_texts(folder),
                                     lambda text: f"的「{text}」：PDF 中断为" in review)
    assert problems == [], month
    if month in ("seed002/2020-12", "yunling/2023-09"):  # their names and sentences wrap
        assert wrapped >= 1, month


@pytest.mark.slow
def test_the_long_names_print_in_their_phrases(published_demo):
    # yunling's 22-character centre in two lines at its phrases (before: 「…党群便 / 民服务
    # 中心」); seed 002's 「80%以上」 and 「一窗分类受理率」 whole (before: 「80%以 / 上」,
    # 「一窗分类受理 / 率」), its 15-character indicator at its phrases
    yunling = month_of(published_demo, "yunling/2023-09")
    found = printed_lines(yunling / "bulletin.pdf", body_texts(yunling))
    assert found["云岭湖街道金沙江大道南段社区党群便民服务中心"] == [
        ["云岭湖街道金沙江大道南段社区", "党群便民服务中心"]]
    seed002 = month_of(published_demo, "seed002/2020-12")
    found = printed_lines(seed002 / "bulletin.pdf", body_texts(seed002))
    assert found["80%以上"] == [["80%以上"]] and found["一窗分类受理率"] == [["一窗分类受理率"]]
    assert found["政务服务事项不见面审批事项占比"] == [["政务服务事项", "不见面审批事项", "占比"]]


def _word_reviewed(review: str, text: str) -> bool:
    """Whether the review says ``text`` is broken inside a phrase in the Word file."""
    return any(f"的「{text}」：" in line and "Word" in line for line in review.splitlines())


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
        review = (doc.parent / "review.md").read_text(encoding="utf-8").replace("\\", "")
        problems, _ = badly_broken(target / "bulletin.pdf", body_texts(doc.parent),
                                   partial(_word_reviewed, review))
        assert problems == [], (month, aliased)


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


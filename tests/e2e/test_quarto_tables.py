"""The Quarto route's tables, printed as the built-in route prints them (real renderers: the
build folder the route writes, read as Quarto reads it — tests/support/quarto_like.py —
then pandoc and typst):

* every table's column widths are the built-in route's, number for number (one rule,
  ``publish.blocks.print_widths``, read by pandoc from the HTML's ``<col>`` widths);
* no header line holds one Chinese character alone (the phrases kept whole);
* seed 003's 镇（街道） printed once per group, merged over its centres;
* seed 004's 附件1 办件情况反馈表 across the text block, its rows 8 mm tall at least, its
  title above its instructions above the form."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typst

from bulletin.publish.blocks import has_own_contents
from bulletin.publish.notebook import read_report
from bulletin.publish.pdf.typeset import font_paths, typst_source
from bulletin.publish.quarto.cells import quarto_notebook
from bulletin.publish.quarto.project import quarto_project
from support.paths import ROOT
from support.print_layout import visual_lines, words
from support.quarto_like import quarto_typst
from support.table_print import (
    check_form,
    check_merged_labels,
    header_labels,
    lone_characters,
    merge_groups,
    tables,
)

MONTHS = ["seed001/2023-06", "seed003/2022-09", "seed004/2021-09"]

# A table's column widths as pandoc writes them to typst: 「columns: (6.97%, 21.38%, …)」.
COLUMNS = re.compile(r"#table\(\s*columns: \(([^)]*)\)")


def widths(source: Path) -> list[list[float]]:
    return [[float(w.strip().rstrip("%")) for w in found.split(",") if w.strip()]
            for found in COLUMNS.findall(source.read_text(encoding="utf-8"))]


@pytest.fixture(scope="module")
def quarto_route(published_demo, tmp_path_factory):
    """month → (its folder, the Quarto route's typst, its PDF, the built-in route's typst)."""
    made = {}
    for month in MONTHS:
        folder = published_demo / "reports" / month
        report = read_report(folder)
        build = tmp_path_factory.mktemp("quarto-" + month.replace("/", "-"))
        quarto_project(ROOT, build, contents=not has_own_contents(report.blocks))
        quarto_notebook(report, build)
        main = quarto_typst(build, build.parent / (build.name + "-template"))
        pdf = build / "bulletin.pdf"
        pdf.write_bytes(typst.compile(str(main), root=str(build), font_paths=font_paths()))
        builtin = tmp_path_factory.mktemp("builtin-" + month.replace("/", "-"))
        made[month] = (folder, main, pdf, typst_source(report, builtin))
    return made


@pytest.mark.slow
@pytest.mark.parametrize("month", MONTHS)
def test_column_widths_are_the_built_in_route_s(quarto_route, month):
    folder, main, _, builtin = quarto_route[month]
    quarto, ours = widths(main), widths(builtin)
    assert len(quarto) == len(tables(folder)) == len(ours)
    for q, b in zip(quarto, ours, strict=True):
        assert q == b
        assert abs(sum(q) - 100) < 0.1  # across the text block (portrait or landscape)


@pytest.mark.slow
@pytest.mark.parametrize("month", MONTHS)
def test_no_header_line_holds_one_character(quarto_route, month):
    folder, main, pdf, _ = quarto_route[month]
    assert "#box[" in main.read_text(encoding="utf-8")  # the phrases, kept whole
    assert lone_characters(pdf, header_labels(folder)) == []


@pytest.mark.slow
def test_seed003_town_labels_merged_over_their_centres(quarto_route):
    folder, main, pdf, _ = quarto_route["seed003/2022-09"]
    groups = merge_groups(next(t for t in tables(folder) if t.columns[0].merge))
    source = main.read_text(encoding="utf-8")
    for town, centres in groups:  # one cell spanning its group's rows, in the typst
        if len(centres) > 1:
            spanning = rf"table\.cell\((?:align: left, )?rowspan: {len(centres)}\)\[{town}\]"
            assert len(re.findall(spanning, source)) == 1, town
    assert check_merged_labels(pdf, groups) >= 4


@pytest.mark.slow
def test_seed004_form_is_full_width_with_rows_to_write_in(quarto_route):
    check_form(quarto_route["seed004/2021-09"][2])


def title_lines(pdf: Path, starts: str) -> list[str]:
    """The PDF's text lines from the first that starts with ``starts``: two of them."""
    lines = [re.sub(r"\s+", "", "".join(w.text for w in line))
             for line in visual_lines(words(pdf))]
    at = next(n for n, line in enumerate(lines) if line.startswith(starts))
    return lines[at:at + 2]


@pytest.mark.slow
@pytest.mark.parametrize("lines", [
    # the body title (publish/titles.py: between phrases, never 「…专项工 / 作2021年…」)
    ["关于转发《市政府交办事项（“渝快办”", "专项工作2021年第1号）》的通知"],
    # 附件3's title, centred as the title and broken for its width
    ["市政府交办事项", "（“渝快办”专项工作2021年第1号）"],
])
def test_seed004_titles_are_broken_as_on_the_built_in_route(quarto_route, lines):
    folder, _, pdf, _ = quarto_route["seed004/2021-09"]
    assert title_lines(pdf, lines[0]) == title_lines(folder / "bulletin.pdf", lines[0]) == lines

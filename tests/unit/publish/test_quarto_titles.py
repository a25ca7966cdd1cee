"""Titles on the Quarto route broken as the built-in route breaks them (publish/titles.py):
the build folder the route writes, read as Quarto reads it (tests/support/quarto_like.py),
then pandoc and typst; pdftotext reads both PDFs back. Seed 004's body title and its
附件3's title (the title under 「附件3」, centred as the title) print on the lines worked
out by hand, never 「…专项工 / 作2021年…」, on both routes alike."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typst

from bulletin.core.meta import META_NAME, read_meta, write_meta
from bulletin.publish.notebook import read_report
from bulletin.publish.pdf.typeset import font_paths, typst_source
from bulletin.publish.quarto.cells import quarto_markdown, quarto_notebook
from bulletin.publish.quarto.project import quarto_project
from support.executed import markdown, table, write_executed
from support.paths import ROOT
from support.print_layout import visual_lines, words
from support.quarto_like import quarto_typst

TITLE = "关于转发《市政府交办事项（“渝快办”专项工作2021年第1号）》的通知"
ANNEX = "市政府交办事项（“渝快办”专项工作2021年第1号）"
TITLE_LINES = ["关于转发《市政府交办事项（“渝快办”", "专项工作2021年第1号）》的通知"]
ANNEX_LINES = ["市政府交办事项", "（“渝快办”专项工作2021年第1号）"]

BLOCKS = [
    markdown(f"## {TITLE}\n\n根据要求，现将有关事项通知如下。"),
    table("办件情况", ["单位", "件数"], [["区交通局", "12"]]),
    # 「附件3」 ends one block and its title starts the next: still the annex's title
    markdown("### 附件3"),
    markdown(f"#### {ANNEX}\n\n一、总体情况"),
    # a heading of the text that fits its width: one line, not the annex's title
    markdown(f"#### {ANNEX}"),
]


def official_month(folder: Path) -> Path:
    """An executed 公文 of seed 004's title, masthead and profile (no 要目, no 期号)."""
    write_executed(folder, "2021-09", BLOCKS, "seed004")
    meta = read_meta(folder / META_NAME).model_copy(update={
        "kind": "公文", "profile_title": "重庆市江北区行政许可事项指标情况通报",
        "title_lines": ["重庆市江北区政务服务管理办公室"], "issue_label": "江北政务〔2021〕45号"})
    write_meta(meta, folder)
    return folder


def lines_of(pdf: Path) -> list[str]:
    return [re.sub(r"\s+", "", "".join(w.text for w in line))
            for line in visual_lines(words(pdf))]


@pytest.fixture(scope="module")
def routes(tmp_path_factory):
    """(the built-in route's PDF lines, the Quarto route's PDF lines, its typst)."""
    tmp = tmp_path_factory.mktemp("titles")
    folder = official_month(tmp / "reports" / "seed004" / "2021-09")
    report = read_report(folder)
    made = []
    builtin = tmp / "builtin"
    builtin.mkdir()
    main = typst_source(report, builtin)
    quarto = tmp / "quarto"
    quarto.mkdir()
    quarto_project(ROOT, quarto, contents=False)
    quarto_notebook(report, quarto)
    quarto_main = quarto_typst(quarto, tmp / "template")
    for source, root in ((main, builtin), (quarto_main, quarto)):
        pdf = root / "out.pdf"
        pdf.write_bytes(typst.compile(str(source), root=str(root), font_paths=font_paths()))
        made.append(lines_of(pdf))
    return made[0], made[1], quarto_main.read_text(encoding="utf-8")


def test_the_titles_break_between_phrases_on_the_quarto_route(routes):
    _, quarto, source = routes
    at = quarto.index(TITLE_LINES[0])
    assert quarto[at:at + 2] == TITLE_LINES
    at = quarto.index(ANNEX_LINES[0])
    assert quarto[at:at + 2] == ANNEX_LINES
    assert quarto.count(ANNEX) == 1  # the heading of the text: one line
    assert "#annex-title[" in source  # the annex's title centred as the title


def test_the_title_lines_are_the_built_in_route_s(routes):
    builtin, quarto, _ = routes
    def titled(lines):
        return [line for line in lines if line in TITLE_LINES + ANNEX_LINES + [ANNEX]]
    assert titled(quarto) == titled(builtin) == [*TITLE_LINES, *ANNEX_LINES, ANNEX]


def test_a_heading_s_line_break_is_raw_typst_in_the_markdown():
    """pandoc's Markdown writer would write a heading's <br> as a space (no line break in
    an ATX heading); typst's ``\\`` would end the heading's line: #linebreak() it is."""
    text = quarto_markdown("<h2>关于转发<br />专项工作*</h2>", markdown=False)
    assert text.startswith("## 关于转发`#linebreak()`{=typst}专项工作\\*")
    text = quarto_markdown('<h4 class="annex-title">市政府交办事项<br />（专项）</h4>',
                           markdown=False)
    assert "#annex-title[" in text and "市政府交办事项`#linebreak()`{=typst}（专项）" in text

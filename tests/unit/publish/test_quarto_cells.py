"""A table's bold cells (a total, a 小计 row, a figure marked red) on the Quarto route: bold
as on the built-in route, by the template's #strong (quarto-tables.lua), never by the
weight Quarto's own CSS step would give them (tests/support/quarto_like.py: QUARTO_CSS,
quarto-post/typst-css-property-processing.lua), which 1.7 drops and the template's strong
would make heavier still; the colour as that step makes it, the fill not printed (as on
the built-in route and in Word). Read back from
the PDF of each route (pdftohtml: each piece of text with its font)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pypandoc
import pytest
import typst

from bulletin.publish.notebook import read_report
from bulletin.publish.pdf.typeset import font_paths, typst_source
from bulletin.publish.quarto.cells import quarto_notebook
from bulletin.publish.quarto.project import quarto_project
from support.executed import markdown, table, write_executed
from support.paths import ROOT
from support.quarto_like import QUARTO_CSS, quarto_typst

RED, PINK = "#c00000", "#fde9e9"


def month(folder: Path) -> Path:
    """A table with a bold 合计 row and one figure marked (bold, red, on pink)."""
    sheet = table("各单位办件情况", ["单位", "办件量", "按时办结率"],
                  [["甲局", "12", "99.10%"], ["乙局", "30", "87.65%"], ["合计", "42", "90.99%"]])
    rows = [list(row) for row in sheet.rows]
    rows[1][2] = rows[1][2].model_copy(update={"bold": True, "color": RED, "fill": PINK})
    rows[2] = [cell.model_copy(update={"bold": True}) for cell in rows[2]]
    blocks = [markdown("## 通报\n\n全市办件情况如下。"), sheet.model_copy(update={"rows": rows})]
    return write_executed(folder, "2021-02", blocks)


TEXTS = {"甲局", "乙局", "合计", "12", "30", "42", "99.10%", "87.65%", "90.99%"}


def pieces(pdf: Path) -> dict[str, tuple[bool, str]]:
    """Each piece of text of the PDF's table → (drawn bold, its colour): pdftohtml marks
    text in a bold face 「<b>…</b>」 and gives each font's colour."""
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", str(pdf)], capture_output=True,
                         text=True, check=True).stdout
    colours = dict(re.findall(r'<fontspec id="(\d+)"[^>]*color="([^"]*)"', xml))
    found = {}
    for font, inner in re.findall(r'<text [^>]*font="(\d+)"[^>]*>(.*?)</text>', xml):
        text = re.sub(r"</?b>", "", inner)
        if text in TEXTS:
            found[text] = (inner.startswith("<b>"), colours[font])
    return found


@pytest.fixture(scope="module")
def routes(tmp_path_factory):
    """(the built-in route's typst and pieces, the Quarto route's typst and pieces)."""
    tmp = tmp_path_factory.mktemp("cells")
    report = read_report(month(tmp / "reports" / "mini" / "2021-02"))
    builtin, quarto = tmp / "builtin", tmp / "quarto"
    builtin.mkdir()
    quarto.mkdir()
    main = typst_source(report, builtin)
    quarto_project(ROOT, quarto, contents=False)
    quarto_notebook(report, quarto)
    quarto_main = quarto_typst(quarto, tmp / "template")
    made = []
    for source, root in ((main, builtin), (quarto_main, quarto)):
        pdf = root / "out.pdf"
        pdf.write_bytes(typst.compile(str(source), root=str(root), font_paths=font_paths()))
        made += [source.read_text(encoding="utf-8"), pieces(pdf)]
    return made


def test_the_bold_cells_are_strong_and_carry_no_weight_of_quarto_s(routes):
    _, _, source, _ = routes
    assert "#strong[合计]" in source and "#strong[42]" in source and "#strong[90.99%]" in source
    assert "[甲局]" in source and "[12]" in source  # the other cells as they are
    assert "weight:" not in source[source.index("各单位办件情况"):]
    # the marked figure: its colour by Quarto's step, its weight the template's, and no
    # pink under it (printed red and bold on white, as the built-in route and Word print it)
    assert f'[#set text(fill: rgb("{RED}")); #strong[87.65%]]' in source
    assert "fill: rgb" not in source.replace(f'text(fill: rgb("{RED}"))', "")


def test_the_bold_cells_print_bold_on_both_routes_alike(routes):
    _, builtin, _, quarto = routes
    assert set(quarto) == TEXTS and quarto == builtin
    assert {text for text, (bold, _) in quarto.items() if bold} == {"合计", "42", "90.99%", "87.65%"}
    assert {text for text, (_, colour) in quarto.items() if colour != "#000000"} == {"87.65%"}
    assert quarto["87.65%"] == (True, RED)


def test_quarto_s_css_step_as_imitated_gives_a_bold_cell_its_weight(tmp_path):
    """The imitation itself, against what typst-css-property-processing.lua's annotate_cell
    makes of a cell's style (worked out from its source): font-weight → typst:text:weight
    (quoted), color → typst:text:fill, background-color → typst:fill, text-align: left
    (not start/end/center) nothing."""
    (tmp_path / "css.lua").write_text(QUARTO_CSS, encoding="utf-8")
    html = ("<table><tr><th>单位</th><th>率</th></tr><tr>"
            '<td style="font-weight:bold;text-align:left">合计</td>'
            f'<td style="color:{RED.upper()};font-weight:700;background-color:{PINK}">9%</td>'
            "</tr></table>")
    out = pypandoc.convert_text(html, "typst", format="html",
                                extra_args=[f"--lua-filter={tmp_path / 'css.lua'}"])
    assert '[#set text(weight: "bold"); 合计]' in out
    assert (f'table.cell(fill: rgb("{PINK}"))[#set text(weight: "700", fill: rgb("{RED}")); '
            "9%]") in re.sub(r"\s*,\s*", ", ", out)

"""The table notes promise red figures (「红色为未取得满分的得分」, 「未达目标的数值以红色标出」):
the PDF route keeps a cell's colour and weight (blocks.lua → typst #text(fill: …) and
#strong)."""

from __future__ import annotations

import pypandoc

from bulletin.publish.pdf.typeset import TEMPLATES

HTML = ('<table><tbody><tr><td style="color: #c00000; font-weight: bold;">75.19%</td>'
        '<td style="background-color: #fde9e9;">0.29</td>'
        '<td style="color: #C00000;">0.00%</td><td>100.00%</td></tr></tbody></table>')


def typst_of(html: str) -> str:
    return pypandoc.convert_text(html, "typst", format="html", extra_args=[
        "--wrap=none", f"--lua-filter={TEMPLATES / 'blocks.lua'}"])


def test_a_red_cell_is_red_in_typst():
    source = typst_of(HTML)
    assert '#text(fill: rgb("#c00000"))[#strong[75.19%]]' in source
    assert '#text(fill: rgb("#c00000"))[0.00%]' in source
    assert "[0.29]" in source  # a background colour alone is not a text colour
    assert source.count("#text(") == 2

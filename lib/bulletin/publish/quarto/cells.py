"""The month as the notebook Quarto renders (the Quarto route, publish.quarto.project):
the bulletin's blocks as Markdown and raw-typst cells, each table as its template call,
text through pandoc's Markdown with our Lua filter (quarto-text.lua: a heading's line
breaks kept, see project's notes on what Quarto's source decides).
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pypandoc

from bulletin.core.blocks import Chart, Table, Text
from bulletin.core.errors import PublishError
from bulletin.publish.blocks import (
    is_caption,
    landscape,
    print_padding,
    print_widths,
)
from bulletin.publish.gt_html import gt_html
from bulletin.publish.gt_html import text as html_text
from bulletin.publish.notebook import (
    NOTEBOOK_NAME,
    Block,
    MonthReport,
    markdown_html,
    write_template_meta,
)
from bulletin.publish.titles import break_titles_of, table_title_html

_TEXT_FILTER = Path(__file__).parent.parent / "templates" / "quarto" / "quarto-text.lua"


def quarto_markdown(text: str, markdown: bool = True) -> str:
    """A Markdown block (not ``markdown``: HTML) as the pandoc Markdown Quarto reads, by way
    of the built-in route's HTML: the same reading (nbconvert's Markdown) and cleaning
    (``markdown_html``). Every ASCII punctuation mark of the text is escaped
    (quarto-text.lua), so nothing the analyst typed becomes math, a citation, a subscript,
    raw typst or a Quarto shortcode; <strong> becomes **…** and <div class="centered"> the
    template's #centered[…] (a table's title, instructions and notes: #table-title[…] …),
    where Quarto would drop or flatten the HTML."""
    html = markdown_html(text) if markdown else text
    try:
        return pypandoc.convert_text(html, "markdown", format="html", extra_args=[
            "--wrap=none", f"--lua-filter={_TEXT_FILTER}"])
    except RuntimeError as error:
        raise PublishError(f"pandoc 转换通报文字（Quarto 路线）失败：{error}") from error


def _raw_typst(code: str) -> str:
    return f"```{{=typst}}\n{code}\n```\n"


def _markdown_cell(text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_markdown_cell(text)


def _template_calls(parts: list[tuple[str, list[str]]]) -> str:
    """Divs of the template's table functions (table-title, -intro, -note: a paragraph an
    HTML line) as the Markdown Quarto reads: raw typst calls, escaped (quarto-text.lua)."""
    return quarto_markdown("".join(f'<div class="{name}">' + "".join(
        f"<p>{line}</p>" for line in lines) + "</div>\n" for name, lines in parts if lines),
        markdown=False)


def table_cells(table: Table) -> list[nbformat.NotebookNode]:
    """A table's cells, as the built-in route prints it: in ``#table-group[…]``, its title
    (broken between phrases) and a form's instructions above it, its notes under it; the
    table the only output of its code cell, its HTML carrying the print widths, in a
    ``#figure`` of kind table as pandoc writes one for the built-in route (Quarto writes a
    bare table: the template's keep-table-start and its alignment are a figure's), a
    form's in ``#form-table[…]``."""
    cell = nbformat.v4.new_code_cell("")
    html = gt_html(table, None, heading=False, widths=print_widths(table), foot=False,
                   padding=print_padding(table))
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": html})]
    opening, closing = "#figure(kind: table)[", "]"
    if table.form:
        opening, closing = "#form-table[" + opening, closing + "]"
    body = [_markdown_cell(_raw_typst(opening)), cell, _markdown_cell(_raw_typst(closing))]
    title = [table_title_html(table.title, landscape(table))] if table.title else []
    if title or table.intro:
        body.insert(0, _markdown_cell(_template_calls(
            [("table-title", title), ("table-intro", [html_text(n) for n in table.intro])])))
    if notes := [html_text(n) for n in table.notes]:
        body.append(_markdown_cell(_template_calls([("table-note", notes)])))
    return [_markdown_cell(_raw_typst("#table-group[")), *body, _markdown_cell(_raw_typst("]"))]


def quarto_cells(blocks: list[Block], build: Path) -> list[nbformat.NotebookNode]:
    """The cells of the notebook Quarto renders: one per block, none with more than one
    output. Charts are written into ``build`` and drawn by the template's ``chart`` (Quarto's
    own image would take the SVG's natural width inside an indented paragraph, wider than the
    text block); a table too wide for the portrait page goes on landscape pages
    (``wide-table``) with a caption just before it ("附件 1"), as in the built-in route.
    Headings are broken between phrases as the built-in route breaks them
    (``titles.break_titles_of`` of the text blocks, read as one text)."""
    cells: list[nbformat.NotebookNode] = []
    figures = 0
    previous: Block | None = None
    texts = iter(break_titles_of([markdown_html(block.markdown) for block in blocks
                                  if isinstance(block, Text)]))
    for block in blocks:
        if isinstance(block, Text):
            cells.append(_markdown_cell(quarto_markdown(next(texts), markdown=False)))
        elif isinstance(block, Chart) and block.svg:
            figures += 1
            name = f"figure-{figures}.svg"
            (build / name).write_text(block.svg, encoding="utf-8")
            cells.append(_markdown_cell(_raw_typst(f'#chart("{name}")')))
        elif isinstance(block, Table):
            if landscape(block):
                lead = [cells.pop()] if is_caption(previous) else []
                cells += [_markdown_cell(_raw_typst("#wide-table[")), *lead,
                          *table_cells(block), _markdown_cell(_raw_typst("]"))]
            else:
                cells += table_cells(block)
        previous = block
    return cells


def quarto_notebook(report: MonthReport, build: Path) -> Path:
    """Write the notebook Quarto renders into ``build``, with its figures and meta.json: the
    month's published blocks (see ``quarto_cells``). No front matter: the options are the
    build's _quarto.yml, and the template takes title, 期号 and date from meta.json."""
    folder = report.folder
    source = nbformat.read(folder / NOTEBOOK_NAME, as_version=4)
    nb = nbformat.v4.new_notebook(metadata=source.metadata)  # kernelspec, language_info
    nb.cells = quarto_cells(report.blocks, build)
    write_template_meta(report, build)
    out = build / NOTEBOOK_NAME
    nbformat.write(nb, out)
    return out


# ------------------------------------------------------------------------ the render

"""What Quarto (1.7+) does with the build folder the Quarto route writes, done by our pandoc
and typst (Quarto cannot be installed here), as quarto-cli's source says:

* core/jupyter/jupyter.ts: a notebook with ``echo: false`` is Markdown — a markdown cell
  as it is, a code cell's outputs in ``.cell`` / ``.cell-output-display`` divs, an HTML
  table output as a raw ``{=html}`` block;
* resources/filters/normalize/astpipeline.lua (``handle_raw_html_as_table``): each raw
  HTML table, each ``<th>`` made ``<td data-quarto-table-cell-role="th">``
  (``preprocess_table_text``), read by ``pandoc.read(…, "html+raw_html")``; the juice step
  inlines the ``<style>`` CSS, and the route writes none;
* quarto-post/typst.lua: a table gets the class ``typst:no-figure``; a cell and its first
  ``.cell-output-display`` are unwrapped (render_typst_fixups, descaffold);
* the project's typst ``filters`` (the build's _quarto.yml) run after the tables are read
  (filters.ts: a filter without ``at`` goes to the pre-quarto entry point);
* its typst template (resources/formats/typst/pandoc/quarto/template.typ) includes
  definitions.typ, the partials, page.typ and the body, with stand-ins here for Quarto's
  own definitions.typ and page.typ;
* after the project's filters, Quarto's CSS step for typst (``QUARTO_CSS``: a cell's
  style as typst:… attributes, which pandoc's typst writer makes the cell's arguments and
  ``#set text(…)``), as 1.8.5 and later do it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pypandoc
import yaml

QUARTO_TEMPLATE = """$definitions.typ()$

$typst-template.typ()$

$page.typ()$

$typst-show.typ()$

$body$
"""
QUARTO_DEFINITIONS = """#let horizontalrule = line(start: (25%,0%), end: (75%,0%))
#let endnote(num, contents) = [#stack(dir: ltr, spacing: 3pt, super[#num], contents)]
"""
QUARTO_PAGE = """#set page(
  paper: $if(papersize)$"$papersize$"$else$"us-letter"$endif$,
  margin: (x: 1.25in, y: 1.25in),
  numbering: none,
  columns: 1,
)
"""
QUARTO_FILTER = r"""
local function preprocess_table_text(src)
  src = src:gsub("<th([%s>])", "<td data-quarto-table-cell-role=\"th\"%1")
  src = src:gsub("</th([%s>])", "</td%1")
  src = src:gsub("<table([%s>])", "<table data-quarto-postprocess=\"true\"%1")
  return src
end
function RawBlock(raw)
  if raw.format == "html" and raw.text:find("<table") then
    local blocks = pandoc.read(preprocess_table_text(raw.text), "html+raw_html").blocks
    return blocks:walk({ Table = function(t) t.classes:insert("typst:no-figure"); return t end })
  end
end
function Div(div)
  if not div.classes:includes("cell") then return nil end
  local out, first = pandoc.List(), true
  for _, block in ipairs(div.content) do
    if first and block.t == "Div" and block.classes:includes("cell-output-display") then
      first = false
      out:extend(block.content)
    else
      out:insert(block)
    end
  end
  return out
end
"""

# Quarto's CSS step for typst, run in quarto-post (after the project's filters): quarto-cli's
# src/resources/filters/quarto-post/typst-css-property-processing.lua,
# ``render_typst_css_property_processing`` — its ``Table`` handler, ``annotate_cell`` on the
# head's rows and each body's rows (not a body's own head rows, not the foot) — with
# src/resources/filters/modules/typst_css.lua's ``parse_color`` / ``output_color`` (a hex
# colour: 'rgb("#c00000")'), ``translate_font_weight`` and ``quote`` (as at quarto-cli
# 5d1da59; font-weight is translated from 1.8.5, dropped before). What that step translates
# and our tables never carry (lengths, opacity, borders, colours not in hex, a table's, a
# div's or a span's own style) stops the imitation rather than being passed over.
QUARTO_CSS = r"""
local function to_kv(clause) return string.match(clause, '([%w-]+)%s*:%s*(.*)$') end
local function not_imitated(what) error('quarto_like: Quarto CSS not imitated: ' .. what) end
local function colour(v)
  local digits = v:match('^#(%x+)$')
  if not digits or (#digits ~= 3 and #digits ~= 6) then not_imitated('colour ' .. v) end
  return 'rgb("#' .. digits:lower() .. '")'
end
local same_weights = { thin = true, light = true, regular = true, medium = true,
                       bold = true, black = true }
local weight_synonyms = { normal = 'regular', ['ultra-light'] = 'extra-light',
                          ['demi-bold'] = 'semi-bold', ['ultra-bold'] = 'extra-bold' }
local dashed_weights = { ['extra-light'] = true, ['semi-bold'] = true, ['extra-bold'] = true }
local function font_weight(w)
  local num = tonumber(w)
  if num and 1 <= num and num <= 1000 then return num end
  w = w:lower()
  w = weight_synonyms[w] or w
  if same_weights[w] then return w end
  if dashed_weights[w] then return (w:gsub('-', '')) end
  return nil
end
local vertical = { top = 'top', middle = 'horizon', bottom = 'bottom' }
local horizontal = { start = 'start', ['end'] = 'end', center = 'center' }
local function annotate_cell(cell)
  local style = cell.attributes['style']
  if style == nil then return end
  local aligns, color = {}, nil
  for clause in style:gmatch('([^;]+)') do
    local k, v = to_kv(clause)
    if not k or not v then
      -- pass
    elseif k == 'background-color' then
      cell.attributes['typst:fill'] = colour(v)
    elseif k == 'color' then
      color = colour(v)
    elseif k == 'font-weight' then
      local weight = font_weight(v)
      if weight then cell.attributes['typst:text:weight'] = '"' .. weight .. '"' end
    elseif k == 'font-style' then
      cell.attributes['typst:text:style'] = '"' .. v .. '"'
    elseif k == 'vertical-align' then
      if vertical[v] then table.insert(aligns, vertical[v]) end
    elseif k == 'text-align' then
      if horizontal[v] then table.insert(aligns, horizontal[v]) end
    elseif k == 'opacity' or k == 'font-size' or k:find('^border') then
      not_imitated(k)
    end
  end
  if next(aligns) ~= nil then cell.attributes['typst:align'] = table.concat(aligns, ' + ') end
  if color then cell.attributes['typst:text:fill'] = color end
end
function Table(tab)
  if tab.attributes['style'] then not_imitated('a table style') end
  for _, row in ipairs(tab.head.rows) do
    for _, cell in ipairs(row.cells) do annotate_cell(cell) end
  end
  for _, body in ipairs(tab.bodies) do
    for _, row in ipairs(body.body) do
      for _, cell in ipairs(row.cells) do annotate_cell(cell) end
    end
  end
  return tab
end
function Div(div) if div.attributes['style'] then not_imitated('a div style') end end
function Span(span) if span.attributes['style'] then not_imitated('a span style') end end
"""


def quarto_markdown_of(nb) -> str:
    """The Markdown Quarto makes of a notebook with echo: false (core/jupyter/jupyter.ts)."""
    parts = []
    for cell in nb.cells:
        if cell.cell_type in ("raw", "markdown"):
            parts.append(cell.source)
        elif cell.cell_type == "code" and cell.outputs:
            body = "".join(":::: {.cell-output .cell-output-display}\n```{=html}\n"
                           f"{o.data['text/html']}\n```\n::::\n" for o in cell.outputs)
            parts.append("::::: {.cell}\n" + body + ":::::")
    return "\n\n".join(parts) + "\n"


def quarto_typst(build: Path, scratch: Path) -> Path:
    """The typst Quarto would write of ``build`` (its _quarto.yml, partials, filters and
    bulletin.ipynb), as ``build``/bulletin.typ; ``scratch`` holds the template pieces."""
    config = yaml.safe_load((build / "_quarto.yml").read_text(encoding="utf-8"))
    typst_format = config["format"]["typst"]
    scratch.mkdir(parents=True, exist_ok=True)
    (scratch / "template.typ").write_text(QUARTO_TEMPLATE, encoding="utf-8")
    (scratch / "definitions.typ").write_text(QUARTO_DEFINITIONS, encoding="utf-8")
    (scratch / "page.typ").write_text(QUARTO_PAGE, encoding="utf-8")
    for name in typst_format["template-partials"]:
        shutil.copy(build / name, scratch / name)
    (scratch / "filter.lua").write_text(QUARTO_FILTER, encoding="utf-8")
    (scratch / "css.lua").write_text(QUARTO_CSS, encoding="utf-8")
    metadata = scratch / "metadata.yml"
    metadata.write_text(yaml.safe_dump({k: typst_format[k] for k in
                                        ("papersize", "bulletin-contents")}), encoding="utf-8")
    filters = [f"--lua-filter={scratch / 'filter.lua'}"] + [
        f"--lua-filter={build / f}" for f in typst_format.get("filters", [])] + [
        f"--lua-filter={scratch / 'css.lua'}"]
    nb = nbformat.read(build / "bulletin.ipynb", as_version=4)
    main = build / "bulletin.typ"
    main.write_text(pypandoc.convert_text(
        quarto_markdown_of(nb), "typst", format="markdown", extra_args=[
            "--standalone", f"--template={scratch / 'template.typ'}",
            f"--shift-heading-level-by={typst_format['shift-heading-level-by']}",
            *filters, f"--metadata-file={metadata}", "--wrap=none"]), encoding="utf-8")
    return main

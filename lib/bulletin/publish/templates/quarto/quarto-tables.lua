-- Quarto filter of the build project lib/bulletin/publish/quarto/project.py writes for a month
-- (``filters`` of its typst format). Quarto has read each table's HTML into a pandoc table
-- before it runs this (its normalize filters come before the pre-quarto entry point).
--
-- A phrase of a table header or of a body cell's name (<span class="phrase">,
-- publish.gt_html.header_label and cell_label) becomes #box[ … ]: a line never breaks inside
-- it, as blocks.lua does for the built-in route.
--
-- A bold cell (<td style="font-weight:bold">, publish.gt_html.cell_style: a total, a 小计
-- row, a figure marked) has its text in the template's #strong[ … ], as blocks.lua writes
-- it for the built-in route, and the font-weight taken out of its style. Quarto's own CSS
-- step, after this filter (quarto-post/typst-css-property-processing.lua, annotate_cell),
-- drops a cell's font-weight up to 1.8.4 (the cell was printed regular) and makes it the
-- cell's typst:text:weight from 1.8.5 (#set text(weight: "bold"), which the template's
-- strong would make heavier still, and which draws nothing bolder in a face without a
-- bold weight). The colour of the style is left to that step (typst:text:fill), which
-- every Quarto from 1.7 makes; its background is taken out (print_style).

function Span(span)
  if not FORMAT:match("typst") or not span.classes:includes("phrase") then return nil end
  local out = pandoc.List({ pandoc.RawInline("typst", "#box[") })
  out:extend(span.content)
  out:insert(pandoc.RawInline("typst", "]"))
  return out
end

-- A style's clauses but a bold font-weight (bold, 600–900, as blocks.lua's cell_style
-- reads it) and a background, and whether it had a bold weight. The background (the pink
-- under a figure that misses its target, a screen's aid: the site and the spreadsheet keep
-- it) is not printed: the built-in route and the Word file print the figure red and bold
-- on white, and Quarto's step would make it the cell's typst:fill.
local function print_style(style)
  local kept, bold = {}, false
  for clause in style:gmatch("[^;]+") do
    local name, value = clause:lower():match("^%s*([%w%-]+)%s*:%s*(.-)%s*$")
    if name == "font-weight" and (value == "bold" or value:match("^[6-9]00$")) then
      bold = true
    elseif name ~= "background-color" and name ~= "background" and clause:match("%S") then
      table.insert(kept, clause)
    end
  end
  return table.concat(kept, ";"), bold
end

local function strong_cell(cell)
  local style = cell.attributes["style"]
  if not style then return end
  local rest, bold = print_style(style)
  if rest == "" then cell.attributes["style"] = nil else cell.attributes["style"] = rest end
  if not bold then return end
  local contents = pandoc.List()
  for _, block in ipairs(cell.contents) do
    if block.t == "Plain" or block.t == "Para" then
      local inlines = pandoc.List({ pandoc.RawInline("typst", "#strong[") })
      inlines:extend(block.content)
      inlines:insert(pandoc.RawInline("typst", "]"))
      block.content = inlines
    end
    contents:insert(block)
  end
  cell.contents = contents
end

local function strong_rows(rows)
  for _, row in ipairs(rows) do
    for _, cell in ipairs(row.cells) do strong_cell(cell) end
  end
end

function Table(tbl)
  if not FORMAT:match("typst") then return nil end
  strong_rows(tbl.head.rows)
  for _, body in ipairs(tbl.bodies) do
    strong_rows(body.head)
    strong_rows(body.body)
  end
  strong_rows(tbl.foot.rows)
  return tbl
end

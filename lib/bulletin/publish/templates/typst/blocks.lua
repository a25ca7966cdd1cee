-- pandoc Lua filter for the PDF route: the divs lib/bulletin/publish/pdf/typeset.py puts in its HTML
-- intermediate become calls of the functions in bulletin.typ.
--   <div class="wide-table">  → #wide-table[ … ]   (landscape page, small type)
--   <div class="table-title"> → #table-title[ … ]
--   <div class="table-note">  → #table-note[ … ]
--   <div class="centered">    → #centered[ … ]  (a centred line, from the notebook's Markdown)
--   <div class="chart" data-src="chart-1.svg"> → #chart("chart-1.svg")
--   <td style="color: #c00000; font-weight: bold"> → the cell text in #text(fill: …)[#strong[ … ]]

local wrappers = { ["wide-table"] = true, ["table-title"] = true, ["table-note"] = true,
                   ["centered"] = true }

function Div(div)
  for _, class in ipairs(div.classes) do
    if class == "chart" then
      local src = div.attributes["src"] or div.attributes["data-src"]
      return pandoc.RawBlock("typst", '#chart("' .. src .. '")')
    end
    if wrappers[class] then
      local blocks = { pandoc.RawBlock("typst", "#" .. class .. "[") }
      for _, block in ipairs(div.content) do table.insert(blocks, block) end
      table.insert(blocks, pandoc.RawBlock("typst", "]"))
      return blocks
    end
  end
end

-- A table cell's inline colour and weight (great-tables tab_style: the red of a figure
-- that misses its target or full marks), which pandoc keeps as the cell's style attribute
-- but does not write to typst: its text is wrapped in #text(fill: …)[ … ] and, bold, in
-- #strong[ … ] (the template draws bold in a face without a bold weight: 仿宋_GB2312).
local function cell_style(style)
  if not style then return nil end
  local css = ";" .. style:lower()
  local colour = css:match(";%s*color%s*:%s*(#%x%x%x%x?%x?%x?)")
  local bold = css:match(";%s*font%-weight%s*:%s*bold") or css:match(";%s*font%-weight%s*:%s*[6-9]00")
  if not colour and not bold then return nil end
  local open, close = "", ""
  if colour then open, close = '#text(fill: rgb("' .. colour .. '"))[', "]" end
  if bold then open, close = open .. "#strong[", close .. "]" end
  return open, close
end

local function style_cell(cell)
  local open, close = cell_style(cell.attributes and cell.attributes["style"])
  if not open then return cell end
  local contents = pandoc.List()
  for _, block in ipairs(cell.contents) do
    if block.t == "Plain" or block.t == "Para" then
      local inlines = pandoc.List({ pandoc.RawInline("typst", open) })
      inlines:extend(block.content)
      inlines:insert(pandoc.RawInline("typst", close))
      block.content = inlines
    end
    contents:insert(block)
  end
  cell.contents = contents
  return cell
end

local function style_rows(rows)
  for _, row in ipairs(rows) do
    for i, cell in ipairs(row.cells) do row.cells[i] = style_cell(cell) end
  end
end

function Table(tbl)
  style_rows(tbl.head.rows)
  for _, body in ipairs(tbl.bodies) do
    style_rows(body.head)
    style_rows(body.body)
  end
  style_rows(tbl.foot.rows)
  return tbl
end

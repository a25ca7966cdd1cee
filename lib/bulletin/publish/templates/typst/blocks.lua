-- pandoc Lua filter for the PDF route: the divs lib/bulletin/publish/pdf/typeset.py puts in its HTML
-- intermediate become calls of the functions in bulletin.typ.
--   <div class="wide-table">  → #wide-table[ … ]   (landscape page, small type)
--   <div class="table-title"> → #table-title[ … ]
--   <div class="table-note">  → #table-note[ … ]
--   <div class="centered">    → #centered[ … ]  (a centred line, from the notebook's Markdown)
--   <div class="chart" data-src="chart-1.svg"> → #chart("chart-1.svg")
--   <div class="annex-list"> (附件说明: a paragraph per title, 「附件：1. …」, 「2. …」)
--                             → #annex-list([1.], [title], [2.], [title], …), and with the
--   paragraph before it (and that paragraph's heading) #annex-lead[ … ][#annex-list(…)]
--   <div class="signature"> (a 公文's 署名 and 成文日期: two paragraphs; a name alone: [] for the date)
--                             → #signature([name], [date]), and with the paragraph before
--   it the annex-lead above (after the 附件说明, in the same #annex-lead)
--   <div class="attached-note"> (a 公文's 附注) → #attached-note[ … ]
--   <div class="addressees"> (a 公文's 主送机关) → #addressees[ … ]  (flush left)
--   <td style="color: #c00000; font-weight: bold"> → the cell text in #text(fill: …)[#strong[ … ]]
--   <div class="table-intro"> → #table-intro[ … ]  (a form's instructions, under its title)
--   <span class="phrase"> (a phrase of a table header or of a body cell's name) → #box[ … ]:
--   a line never breaks in it (and may break before and after it)
--   <table class="form"> (a form to fill in) → #form-table[ … ]: rows tall enough to write in
--   <h4 class="annex-title"> (the title under an annex's 「附件n」) → #annex-title[ … ]
--   <br> in a heading (publish/titles.py: a title broken between phrases) → #linebreak()
--   (typst's ``\`` would end the heading's line)

--   a table with the title above it and the notes under it → #table-group[ … ] (the
--   template sets it tighter where that saves a page carrying only its last rows or notes)

local wrappers = { ["wide-table"] = true, ["table-title"] = true, ["table-note"] = true,
                   ["centered"] = true, ["table-group"] = true, ["attached-note"] = true,
                   ["addressees"] = true, ["table-intro"] = true }

-- The number and title of a paragraph of the 附件说明 (templates/lua/annex-item.lua).
local annex_item = dofile(pandoc.path.join({ pandoc.path.directory(PANDOC_SCRIPT_FILE), "..",
                                             "lua", "annex-item.lua" }))

local function annex_list(div)
  local out = pandoc.List({ pandoc.RawBlock("typst", "#annex-list(") })
  for _, block in ipairs(div.content) do
    local number, title = annex_item(block)
    if not number then return nil end  -- not in the form: left as the paragraphs it is
    out:insert(pandoc.Plain({ pandoc.RawInline("typst", "[" .. number .. ".], ["),
                              pandoc.Str(title), pandoc.RawInline("typst", "],") }))
  end
  out:insert(pandoc.RawBlock("typst", ")"))
  return out
end

-- 署名 and 成文日期: each paragraph's text an argument of #signature.
local function signature(div)
  local out = pandoc.List({ pandoc.RawBlock("typst", "#signature(") })
  for _, block in ipairs(div.content) do
    if block.t ~= "Para" and block.t ~= "Plain" then return nil end
    local inlines = pandoc.List({ pandoc.RawInline("typst", "[") })
    inlines:extend(block.content)
    inlines:insert(pandoc.RawInline("typst", "],"))
    out:insert(pandoc.Plain(inlines))
  end
  if #div.content == 1 then out:insert(pandoc.RawBlock("typst", "[],")) end  -- no date
  out:insert(pandoc.RawBlock("typst", ")"))
  return out
end

function Div(div)
  if div.classes:includes("annex-list") then return annex_list(div) end
  if div.classes:includes("signature") then return signature(div) end
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
  if tbl.classes:includes("form") then
    return { pandoc.RawBlock("typst", "#form-table["), tbl, pandoc.RawBlock("typst", "]") }
  end
  return tbl
end

-- A title's line breaks (publish/titles.py) kept inside its heading; an annex's title
-- (class annex-title) → #annex-title[ … ] (centred as the body title).
function Header(header)
  header.content = header.content:walk({
    LineBreak = function() return pandoc.RawInline("typst", "#linebreak()") end })
  if header.classes:includes("annex-title") then
    return { pandoc.RawBlock("typst", "#annex-title["), pandoc.Plain(header.content),
             pandoc.RawBlock("typst", "]") }
  end
  return header
end

function Span(span)
  if not span.classes:includes("phrase") then return nil end
  local out = pandoc.List({ pandoc.RawInline("typst", "#box[") })
  out:extend(span.content)
  out:insert(pandoc.RawInline("typst", "]"))
  return out
end

-- First pass: each table, with the title just before it and the notes just after it, in a
-- div of class table-group; then the divs and tables are written out.
local function has_class(block, class)
  return block and block.t == "Div" and block.classes:includes(class)
end

-- What closes the body: the 附件说明, a 公文's 署名 and 成文日期, its 附注.
local function closing(block)
  return has_class(block, "annex-list") or has_class(block, "signature")
      or has_class(block, "attached-note")
end

local function group_tables(blocks)
  local out, i = pandoc.List(), 1
  while i <= #blocks do
    -- the 附件说明 (and a 公文's signature and 附注 under it) with the paragraph before it
    -- (and that paragraph's heading): #annex-lead[paragraph][附件说明 …], so that it never
    -- stands alone on a page
    if (has_class(blocks[i], "annex-list") or has_class(blocks[i], "signature")) and #out > 0
        and (out[#out].t == "Para" or out[#out].t == "Plain") then
      local lead = pandoc.List({ out:remove() })
      if #out > 0 and out[#out].t == "Header" then lead:insert(1, out:remove()) end
      lead:insert(1, pandoc.RawBlock("typst", "#annex-lead["))
      lead:insert(pandoc.RawBlock("typst", "]["))
      while i <= #blocks and closing(blocks[i]) do
        lead:insert(blocks[i])
        i = i + 1
      end
      i = i - 1
      lead:insert(pandoc.RawBlock("typst", "]"))
      out:extend(lead)
      i = i + 1
      goto continue
    end
    local intro = has_class(blocks[i + 1], "table-intro") and 1 or 0
    local title = has_class(blocks[i], "table-title") and blocks[i + 1 + intro]
        and blocks[i + 1 + intro].t == "Table"
    local first = title and i + 1 + intro or i
    if blocks[first].t == "Table" then
      local group = pandoc.List()
      if title then group:insert(blocks[i]) end
      if title and intro == 1 then group:insert(blocks[i + 1]) end
      group:insert(blocks[first])
      i = first + 1
      if has_class(blocks[i], "table-note") then group:insert(blocks[i]); i = i + 1 end
      out:insert(pandoc.Div(group, pandoc.Attr("", { "table-group" })))
    else
      out:insert(blocks[i])
      i = i + 1
    end
    ::continue::
  end
  return out
end

return { { Blocks = group_tables }, { Div = Div, Table = Table, Span = Span, Header = Header } }


-- pandoc Lua filter of lib/bulletin/publish/quarto/cells.py: the bulletin's text (the built-in
-- route's cleaned HTML of a Markdown block) written back as the pandoc Markdown Quarto reads.
--
-- * Every ASCII punctuation mark of the text is written backslash-escaped: pandoc's Markdown
--   writer leaves some that its reader then takes for syntax (「，@张三」 becomes a citation,
--   which typst cannot resolve; 「`code`{=typst}」 a raw typst inline), and Quarto reads
--   more still ({{< … >}} shortcodes). Escaped, each is the character and nothing else.
-- * <div class="centered"> becomes the template's #centered[ … ] (as blocks.lua does for
--   the built-in route), where Quarto would write a plain #block.
-- * <div class="annex-list"> (附件说明: 「附件：1. …」, 「2. …」) becomes the template's
--   #annex-list([1.], [title], …), as blocks.lua writes it.
-- * <div class="signature"> (a 公文's 署名 and 成文日期) becomes #signature([name], [date])
--   (a name alone: an empty date)
--   and <div class="attached-note"> (its 附注) #attached-note[ … ], <div class="addressees">
--   (its 主送机关) #addressees[ … ], as blocks.lua writes them.
-- * A table's <div class="table-title">, "table-intro" (a form's instructions) and
--   "table-note" become #table-title[ … ], #table-intro[ … ] and #table-note[ … ], as
--   blocks.lua writes them (project.py puts them around the table's cell).
-- * A title's line breaks (publish/titles.py: broken between phrases) become raw
--   typst #linebreak() inside it, as blocks.lua writes them: pandoc's Markdown has no line
--   break in an ATX heading (its writer would write a space, and typst's ``\`` would end
--   the heading's line); Quarto's own filters leave a heading's inlines as they are.
-- * An annex's title (<h4 class="annex-title">, the heading under 「附件n」) becomes the
--   template's #annex-title[ … ] (centred as the body title), as blocks.lua writes it.

local function escaped(text)
  local out, run = pandoc.List(), {}
  for char in text:gmatch(utf8.charpattern) do
    if #char == 1 and char:match("%p") then
      if #run > 0 then out:insert(pandoc.Str(table.concat(run))); run = {} end
      out:insert(pandoc.RawInline("markdown", "\\" .. char))
    else
      table.insert(run, char)
    end
  end
  if #run > 0 then out:insert(pandoc.Str(table.concat(run))) end
  return out
end

function Str(str)
  if str.text:find("%p") then return escaped(str.text) end
end

local function typst(code)
  return pandoc.RawInline("markdown", "`" .. code .. "`{=typst}")
end

-- The number and title of a paragraph of the 附件说明, as blocks.lua reads it.
local annex_item = dofile(pandoc.path.join({ pandoc.path.directory(PANDOC_SCRIPT_FILE), "..",
                                             "lua", "annex-item.lua" }))

-- A call of a template function over the div's paragraphs, each a content argument:
-- #name([cell], [cell], …), the cells' text escaped.
local function typst_call(name, cells)
  local out = pandoc.List({ pandoc.RawBlock("markdown", "```{=typst}\n#" .. name .. "(\n```") })
  for _, cell in ipairs(cells) do
    local inlines = pandoc.List({ typst(cell.before .. "[") })
    inlines:extend(escaped(cell.text))
    inlines:insert(typst("],"))
    out:insert(pandoc.Plain(inlines))
  end
  out:insert(pandoc.RawBlock("markdown", "```{=typst}\n)\n```"))
  return out
end

local function annex_list(div)
  local cells = {}
  for _, block in ipairs(div.content) do
    local number, title = annex_item(block)
    if not number then return nil end
    table.insert(cells, { before = "[" .. number .. ".], ", text = title })
  end
  return typst_call("annex-list", cells)
end

local function signature(div)
  local cells = {}
  for _, block in ipairs(div.content) do
    table.insert(cells, { before = "", text = pandoc.utils.stringify(block) })
  end
  if #cells == 1 then table.insert(cells, { before = "", text = "" }) end  -- no date
  return typst_call("signature", cells)
end

function Div(div)
  if div.classes:includes("annex-list") then return annex_list(div) end
  if div.classes:includes("signature") then return signature(div) end
  for _, class in ipairs({ "centered", "attached-note", "addressees", "table-title",
                           "table-intro", "table-note" }) do
    if div.classes:includes(class) then
      local blocks = pandoc.List({
        pandoc.RawBlock("markdown", "```{=typst}\n#" .. class .. "[\n```") })
      blocks:extend(div.content)
      blocks:insert(pandoc.RawBlock("markdown", "```{=typst}\n]\n```"))
      return blocks
    end
  end
end

function Header(header)
  header.content = header.content:walk({ LineBreak = function() return typst("#linebreak()") end })
  if header.classes:includes("annex-title") then
    return { pandoc.RawBlock("markdown", "```{=typst}\n#annex-title[\n```"),
             pandoc.Para(header.content), pandoc.RawBlock("markdown", "```{=typst}\n]\n```") }
  end
  return header
end

-- The divs and headings first (annex_list reads its paragraphs' text before it is
-- escaped), then the text.
return { { Div = Div, Header = Header }, { Str = Str } }

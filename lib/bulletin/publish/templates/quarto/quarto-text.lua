-- pandoc Lua filter of lib/bulletin/publish/quarto/project.py: the bulletin's text (the built-in
-- route's cleaned HTML of a Markdown block) written back as the pandoc Markdown Quarto reads.
--
-- * Every ASCII punctuation mark of the text is written backslash-escaped: pandoc's Markdown
--   writer leaves some that its reader then takes for syntax (「，@张三」 becomes a citation,
--   which typst cannot resolve; 「`code`{=typst}」 a raw typst inline), and Quarto reads
--   more still ({{< … >}} shortcodes). Escaped, each is the character and nothing else.
-- * <div class="centered"> becomes the template's #centered[ … ] (as blocks.lua does for
--   the built-in route), where Quarto would write a plain #block.

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

function Div(div)
  if div.classes:includes("centered") then
    local blocks = pandoc.List({ pandoc.RawBlock("markdown", "```{=typst}\n#centered[\n```") })
    blocks:extend(div.content)
    blocks:insert(pandoc.RawBlock("markdown", "```{=typst}\n]\n```"))
    return blocks
  end
end

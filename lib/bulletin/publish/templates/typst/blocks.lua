-- pandoc Lua filter for the PDF route: the divs lib/bulletin/pdf.py puts in its HTML
-- intermediate become calls of the functions in bulletin.typ.
--   <div class="wide-table">  → #wide-table[ … ]   (landscape page, small type)
--   <div class="table-title"> → #table-title[ … ]
--   <div class="table-note">  → #table-note[ … ]
--   <div class="centered">    → #centered[ … ]  (a centred line, from the notebook's Markdown)
--   <div class="chart" data-src="chart-1.svg"> → #chart("chart-1.svg")

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

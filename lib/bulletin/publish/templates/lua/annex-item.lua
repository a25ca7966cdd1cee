-- The number and title of a paragraph of the 附件说明 (「附件：1. 标题」 or 「2. 标题」), nil when
-- the paragraph is not in that form. Read by both routes' filters (templates/typst/blocks.lua,
-- templates/quarto/quarto-text.lua; both run by our pandoc) with dofile.
return function(block)
  local text = pandoc.utils.stringify(block):gsub("^%s*附件：%s*", "")
  local number, title = text:match("^(%d+)%.%s*(.-)%s*$")
  if not number then number, title = text:match("^(%d+)．%s*(.-)%s*$") end
  return number, title
end

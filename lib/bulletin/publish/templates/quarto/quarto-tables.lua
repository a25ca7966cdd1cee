-- Quarto filter of the build project lib/bulletin/publish/quarto/project.py writes for a month
-- (``filters`` of its typst format). Quarto has read each table's HTML into a pandoc table
-- before it runs this (its normalize filters come before the pre-quarto entry point).
--
-- A phrase of a table header (<span class="phrase">, publish.gt_html.header_label) becomes
-- #box[ … ]: a line never breaks inside it, as blocks.lua does for the built-in route.

function Span(span)
  if not FORMAT:match("typst") or not span.classes:includes("phrase") then return nil end
  local out = pandoc.List({ pandoc.RawInline("typst", "#box[") })
  out:extend(span.content)
  out:insert(pandoc.RawInline("typst", "]"))
  return out
end

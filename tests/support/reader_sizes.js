// What a reader cannot read at the window's width: text smaller than 11 CSS px and label
// cells (a table's row headers, an annex's key column) narrower than 6 characters of their
// own font. HTML text only: a chart's SVG text is measured by the chart tests.
(() => {
  const MIN_PX = 11, MIN_CHARS = 6;
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    const text = node.textContent.trim();
    if (!text || !el || el.closest("svg, script, style, noscript, template") || !shown(el)) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < MIN_PX) small.push({text: text.slice(0, 30), px: size});
  }
  const narrow = [];
  for (const cell of document.querySelectorAll("tbody th, tbody [data-key]")) {
    if (!shown(cell) || !cell.textContent.trim()) continue;
    const style = getComputedStyle(cell);
    const inner = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const chars = inner / parseFloat(style.fontSize);
    if (chars < MIN_CHARS - 0.01) narrow.push({text: cell.textContent.trim().slice(0, 30),
                                               chars: Math.round(chars * 10) / 10});
  }
  return {small, narrow};
})()

"""Printed titles broken between phrases (GB/T 9704 7.3.1: 回行时要做到词意完整，排列对称，
长短适宜): every title of the intermediate the PDF and the Word file are made from — the
body title (level 2), an annex's title, an attached document's title — gets explicit line
breaks (``<br>``) where ``core.phrases.title_break`` puts them, for the title's width;
pandoc writes them as line breaks (typst ``#linebreak()`` by templates/typst/blocks.lua,
and on the Quarto route by templates/quarto/quarto-text.lua; Word ``w:br``). The headings
of the text (一、, （一）: levels 3–6) wrap as the text does: they are set two characters in
and justified as a paragraph, and a forced break would stretch the line before it across
the page in Word and LibreOffice.
The site sets its titles by the same phrases (site.phrases).
"""

from __future__ import annotations

import html
import re

from bulletin.core.phrases import title_break
from bulletin.publish.gt_html import text

# Ems a title's line holds on the portrait page (156 mm of text): 2号 22 pt, centred, a
# little kept for the faces' widths.
TEXT_BLOCK_PT = 156 / 25.4 * 72
TITLE_EMS = TEXT_BLOCK_PT / 22 - 0.2

# Ems a table's title holds (the template's table-title: 14 pt 黑体, centred) across the
# portrait text block and across a landscape page's (297 mm less two 15 mm margins).
TABLE_TITLE_EMS = TEXT_BLOCK_PT / 14 - 0.2
WIDE_TABLE_TITLE_EMS = (297 - 2 * 15) / 25.4 * 72 / 14 - 0.2


def table_title_html(title: str, wide: bool = False) -> str:
    """A table's title as HTML, escaped, broken between phrases (``<br />``) where it does
    not fit on one line of its page: 「…便民服务中心办件情况统计表」, never 「…统 / 计表」."""
    lines = title_break(title, WIDE_TABLE_TITLE_EMS if wide else TABLE_TITLE_EMS)
    return "<br />".join(text(line) for line in lines)


# A heading of text only (entities aside): one with markup inside is left as it is.
_HEADING = re.compile(r"<h([2-6])((?:\s[^>]*)?)>([^<]*)</h\1>")
# The line an annex starts with (GB/T 9704 §8: 「附件1」 顶格, its title centred under it).
_ANNEX = re.compile(r"^附件\s*\d+$")
ANNEX_TITLE_CLASS = "annex-title"


def _broken(level: int, attrs: str, inner: str) -> str:
    lines = title_break(html.unescape(inner).strip(), TITLE_EMS)
    joined = "<br />".join(html.escape(line, quote=False) for line in lines) \
        if len(lines) > 1 else inner
    return f"<h{level}{attrs}>{joined}</h{level}>"


def _break(text: str, annex: bool) -> tuple[str, bool]:
    """``text`` with its headings broken, and whether its last heading is an annex's
    「附件n」 (the next heading, a deeper one, is then that annex's title)."""
    out: list[str] = []
    end = 0
    for match in _HEADING.finditer(text):
        level, attrs, inner = int(match[1]), match[2], match[3]
        titled = annex and level > 3 and "class=" not in attrs
        if titled:
            attrs += f' class="{ANNEX_TITLE_CLASS}"'
        broken = _broken(level, attrs, inner) if titled or level == 2 \
            else match[0]
        out += [text[end:match.start()], broken]
        end = match.end()
        annex = level <= 3 and bool(_ANNEX.match(html.unescape(inner).strip()))
    return "".join(out) + text[end:], annex


def break_titles(text: str) -> str:
    """The HTML ``text`` with each title's lines broken between phrases; the heading
    right after an annex's 「附件n」 (a deeper level) is the annex's title: of class
    ``annex-title``, broken for the title's width (the outputs centre it as the title)."""
    return _break(text, False)[0]


def break_titles_of(parts: list[str]) -> list[str]:
    """``break_titles`` of HTML written a block at a time (the Quarto route's Markdown
    cells), read as one text: the title under a 「附件n」 that ends one block and starts
    the next is that annex's title."""
    out, annex = [], False
    for part in parts:
        broken, annex = _break(part, annex)
        out.append(broken)
    return out

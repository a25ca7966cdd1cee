"""The site's titles broken only between phrases: on a phone (390 px) a title such as
「重庆市江北区行政许可事项指标情况通报」 wraps as 「重庆市江北区 / 行政许可事项指标 / 情况通报」,
never 「…江北区行 / 政许可…」, and no line holds one character alone.

``phrases`` cuts a title where a phrase of these titles ends (``core.phrases.phrase_list``,
the rules the PDF's and the Word file's table headers break by too). The ``phrases`` filter of the site's templates writes each phrase as a
``<span class="phrase">`` that style.css keeps whole (an inline block: it wraps inside only
when it is wider than the line) with a break opportunity (``<wbr>``) between phrases.
The ``header`` filter does the same for a table's column header by the rule the PDF's and
the Word file's headers break by (``core.phrases.header_phrases``): 「按时 / 办结率」, never
「按时办结 / 率」; a header of one phrase is kept whole too.
``heading_phrases`` writes the headings inside a month's text as ``phrases`` does (its 公文 title,
「（一）整改提升目标及成效」…), which the Markdown renderer writes.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup, escape

from bulletin.core.phrases import phrase_list
from bulletin.publish.gt_html import screen_label

__all__ = ["header", "heading_phrases", "phrases"]

# A heading of rendered Markdown holding text only (one with a link or emphasis is left as is).
_HEADING = re.compile(r"<(h[1-6])>([^<>]+)</\1>")
# A heading's own number (「一、」「（一）」「1.」), never a line's last phrase.
_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])$")


def phrases(text: object) -> Markup:
    """The ``phrases`` filter: ``text`` (escaped) as phrase spans with <wbr> between; a
    text of one phrase as it is."""
    return _spans(phrase_list(str(text)) if text else [], text)


def _spans(parts: list[str], text: object) -> Markup:
    if len(parts) < 2:
        return escape(text or "")
    return Markup("<wbr>").join(Markup('<span class="phrase">{}</span>').format(p) for p in parts)


def header(text: object) -> Markup:
    """The ``header`` filter: a column header as the site's tables write theirs
    (``gt_html.screen_label``): phrase spans kept whole, one alone too (「超时办结件」 never
    ends a line with 「件」), with <wbr> between."""
    return Markup(screen_label(str(text))) if text else Markup("")


def heading_phrases(rendered: str) -> str:
    """Rendered Markdown (``notebook.markdown_html``) with each heading's text as ``phrases``
    writes a title, its number kept with the phrase after it."""

    def heading(m: re.Match) -> str:
        text = html.unescape(m[2])
        parts = phrase_list(text)
        if len(parts) > 1 and _NUMBER.match(parts[0]):
            parts[:2] = [parts[0] + parts[1]]
        return f"<{m[1]}>{_spans(parts, text)}</{m[1]}>"

    return _HEADING.sub(heading, rendered)

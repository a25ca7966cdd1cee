"""What every section module shares: showing blocks in a notebook, joining paragraphs,
emphasis that survives Chinese punctuation, the bulletin's title and how it breaks into
lines (and the title block every bulletin starts with), the analyst's review items.

A section builder returns a list of blocks: Markdown text, tables (``core.blocks.Table``)
and altair charts for the bulletin, and :class:`Review` items for the analyst;
``as_blocks`` makes them the values meta.json carries (``core.blocks``). Review items never
reach the published bulletin: the notebook shows them in a cell of their own, tagged
``review`` (which the PDF, the site and the Word file skip), and writes them to
``review.md`` beside the executed notebook (see ``sections.review``).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

import altair as alt

from bulletin.core.blocks import Chart, Table, Text
from bulletin.core.findings import Finding
from bulletin.report.blocks import table_gt
from bulletin.report.charts import VEGALITE_MIME, spec_svg
from bulletin.report.month import MonthlyBulletin

# The topics of the review, in the order the review lists them.
INPUTS = "输入数据"  # rows quarantined, files not read, months without data
CHECKS = "数据核对"  # the input contradicts itself or what the text states
CLUES = "问题线索"  # rule-based candidates for 存在的问题
NOTES = "分析说明"  # what the analyst wrote or did not write (notes/YYYY-MM.md)
SOURCES = "数据来源"  # where a printed figure comes from
TYPING = "文字校对"  # punctuation typeset for print, suspected slips (report.proofing)
LAYOUT = "表格排版"  # a header or a name a printed table could not keep in whole phrases
TOPICS = (INPUTS, CHECKS, CLUES, NOTES, TYPING, LAYOUT, SOURCES)

TOPIC_HELP = {
    INPUTS: "读取输入时未使用的行和文件：隔离的行不计入通报的任何数字。请核实，更正输入后重新发布。",
    CHECKS: "输入数据之间或与原文声明的合计不一致，请核实后更正输入或在通报中采用正确数值。",
    CLUES: "按规则从数据中找出的情况，可作为“存在的问题”的素材，核实后由分析人员撰写采用。",
    NOTES: "分析人员撰写的文字（notes/ 文件夹）的采用情况。",
    TYPING: ("分析人员输入的文字（notes/、dataset.yml）印发时只统一标点：中文之间的半角标点改为全角，"
             "负号统一为「-」，逐处列出；文字和表格中的疑似笔误只作提示，不作修改。"),
    LAYOUT: ("表头和表中的名称只在词组之间换行；下列表头或名称所在的列在页面上放不下其中的词组，"
             "只得从词组中间断开。请核对印出的断行是否可以接受，必要时缩短表头、名称或减少列数后重新发布。"),
    SOURCES: "通报所列数值的来源与口径说明。",
}


@dataclass(frozen=True)
class Review:
    """Text for the analyst, never for readers: one item under a topic of the review;
    ``blocking`` when it stops ``bulletin issue`` until acknowledged (``sections.signoff``)."""

    topic: str
    text: str
    blocking: bool = False


def reviews_of(findings: list[Finding]) -> list[Review]:
    """Findings as review items: input inconsistencies under 数据核对, the rest under
    问题线索 (notes the bulletin left out under 分析说明)."""
    topics = {"inconsistent_input": CHECKS, "notes_unused": NOTES}
    return [Review(topics.get(f.rule, CLUES), f.text) for f in findings]


def for_readers(blocks: list) -> list:
    """The blocks of the published bulletin: everything but the review items."""
    return [block for block in blocks if not isinstance(block, Review)]


def review_items(blocks: list) -> list[Review]:
    return [block for block in blocks if isinstance(block, Review)]


def as_blocks(blocks: list) -> list:
    """A section's blocks as values: Markdown as :class:`Text`, an altair chart as a
    :class:`Chart` (its spec, keys in order as a notebook stores them, and the SVG vl-convert
    draws of that spec); tables (already values) and review items as they are."""
    out = []
    for block in blocks:
        if isinstance(block, str):
            out.append(Text(markdown=block))
        elif isinstance(block, alt.TopLevelMixin):
            spec = json.loads(json.dumps(block.to_dict(), sort_keys=True))
            out.append(Chart(spec=spec, svg=spec_svg(spec)))  # validated once, above
        else:
            out.append(block)
    return out


def show(blocks: list) -> None:
    """Display blocks in a notebook: Markdown as text/markdown, tables drawn by
    great-tables as HTML, charts as a bundle of vega-lite spec + SVG. Review items are not
    shown here (see ``sections.review.show_review``)."""
    from IPython.display import HTML, Markdown, display

    for block in for_readers(as_blocks(blocks)):
        if isinstance(block, Text):
            display(Markdown(block.markdown))
        elif isinstance(block, Table):
            display(HTML(table_gt(block).as_raw_html()))
        elif isinstance(block, Chart):
            display({VEGALITE_MIME: block.spec, "image/svg+xml": block.svg}, raw=True)


# What Markdown (or the HTML inside it) could read as markup: escaped by a backslash, which
# CommonMark allows before any ASCII punctuation; a line start that would open a list, a
# heading underline; an address the renderer would make a link of.
_MARKUP = re.compile(r"([\\`*_\[\]<>&~|!#$^])")
_LINE_MARKERS = [(re.compile(r"^([ \t]*)([-+])(?=\s|$)", re.MULTILINE), r"\1\\\2"),
                 (re.compile(r"^([ \t]*\d+)([.)])(?=\s|$)", re.MULTILINE), r"\1\\\2"),
                 (re.compile(r"^([ \t]*)([=-])(?=[=-]*[ \t]*$)", re.MULTILINE), r"\1\\\2"),
                 (re.compile(r"(?<=[A-Za-z]):(?=//)"), r"\\:")]


def as_text(text: str) -> str:
    """``text`` as Markdown that shows it as typed: what the bulletin writes as sentences —
    with unit names from units.csv and strings of dataset.yml in them — is text, never
    parsed (a unit 「*x*」 stays 「*x*」, 「&amp;」 stays 「&amp;」, 「[文字](x.html)」 no link)."""
    text = _MARKUP.sub(r"\\\1", text)
    for pattern, repl in _LINE_MARKERS:
        text = pattern.sub(repl, text)
    return text


def paragraphs(texts: list[str]) -> str:
    """The bulletin's own sentences as Markdown paragraphs, each shown as typed (``as_text``)."""
    return "\n\n".join(as_text(t) for t in texts if t)


def strong(text: str) -> str:
    """Bold text as an HTML element inside the Markdown, its text shown as typed. CommonMark's
    ``**…**`` is not emphasis next to Chinese punctuation (``**（一）…。**全部`` prints its
    asterisks), so the bulletin never writes emphasis with asterisks."""
    return f"<strong>{as_text(text)}</strong>"


# The 附件说明's block: the outputs lay it out (templates: typst annex-list, Word's
# BulletinAnnexList, the site's .annex-list).
ANNEX_NOTE_CLASS = "annex-list"


def annex_note(titles: list[str]) -> str:
    """附件说明 (GB/T 9704 7.3.4) of ``titles``: 「附件：1. …」 two characters in, each next
    number under the first, a long title's next line under its first character. Written as
    a block of one paragraph per title, 「附件：」 before the first, that the PDF, the Word file
    and the site lay out so; the titles are text (escaped), never markup."""
    if not titles:
        return ""
    rows = [f"<p>{'附件：' if n == 1 else ''}{n}. {html.escape(title, quote=False)}</p>"
            for n, title in enumerate(titles, 1)]
    return f'<div class="{ANNEX_NOTE_CLASS}">\n' + "\n".join(rows) + "\n</div>"


# A 公文's 主送机关 (GB/T 9704 §7.3.2): under the title, flush left (typst addressees, Word's
# BulletinAddressees, the site's .addressees).
ADDRESSEES_CLASS = "addressees"


def addressees_note(text: str) -> str:
    """主送机关 as a block of one paragraph, set flush left (no first-line indent); its
    lines joined, a closing 「：」 added when written without. Text (escaped), never markup."""
    text = "".join(line.strip() for line in text.splitlines()).rstrip(":：")
    return f'<div class="{ADDRESSEES_CLASS}">\n<p>{html.escape(text, quote=False)}：</p>\n</div>'


# A 公文's 发文机关署名 and 成文日期, and its 附注 (GB/T 9704 §7.3.5.2, §7.3.7): blocks the
# outputs lay out (typst signature / attached-note, Word's BulletinSignature /
# BulletinAttachedNote, the site's .signature / .attached-note).
SIGNATURE_CLASS, ATTACHED_NOTE_CLASS = "signature", "attached-note"


def signature_note(name: str, date: str, note: str = "") -> str:
    """发文机关署名 and 成文日期 as a block of two paragraphs (the outputs set them a line
    under the body or the 附件说明, the name two characters from the right, the date's first
    character two right of the name's), then the 附注 (「（联系人：…）」, in parentheses as
    GB/T 9704 §7.3.7 has it; added when the analyst's text has none) on the next line, two
    characters in. Without a date (an attached document signed by name alone) the block
    is the name's paragraph. Every string is text (escaped), never markup."""
    dated = f"<p>{html.escape(date, quote=False)}</p>\n" if date.strip() else ""
    out = (f'<div class="{SIGNATURE_CLASS}">\n<p>{html.escape(name, quote=False)}</p>\n'
           f"{dated}</div>")
    note = note.strip()
    if note:
        if not (note.startswith("（") and note.endswith("）")):
            note = f"（{note}）"
        out += (f'\n\n<div class="{ATTACHED_NOTE_CLASS}">\n<p>{html.escape(note, quote=False)}'
                "</p>\n</div>")
    return out


# **text** whose markers CommonMark may not take for emphasis (a Chinese punctuation mark
# inside next to a letter outside): the analyst's notes, written as people type them.
_STARS = re.compile(r"\*\*(?=[^\s*])([^*\n]*?[^\s*])\*\*")


def structured_emphasis(markdown: str) -> str:
    """The analyst's ``**粗体**`` as <strong> elements, outside code; other text as is."""
    out, fence = [], False
    for line in markdown.split("\n"):
        if re.match(r"^ {0,3}(`{3,}|~{3,})", line):
            fence = not fence
        elif not fence and "`" not in line:
            line = _STARS.sub(lambda m: strong(html.unescape(m.group(1))), line)
        out.append(line)
    return "\n".join(out)


RED = "#c00000"


def profile_title(config) -> str:
    """The bulletin's title without the region: ``profile.title``, else ``title``."""
    return config.profile.title or config.title


def masthead_lines(b: MonthlyBulletin) -> list[str]:
    """The red lines of the masthead: the bulletin's name broken into lines (a 简报), or
    the 发文机关标志 on one line (a 公文: ``document.mark``, else the authority)."""
    c = b.config
    if c.document.official:
        return [c.document.mark or c.authority]
    return title_lines(c.region + profile_title(c), c.region)


def section_title(b: MonthlyBulletin) -> list:
    """The title block as text, for Jupyter; the site and PDF draw it from meta.json: a
    公文's 发文机关标志 and 发文字号, a 简报's name, 期号, authority and date."""
    c = b.config
    if c.document.official:
        return [f"# {as_text(masthead_lines(b)[0])}\n\n{as_text(b.issue_label)}"]
    return [(f"# {as_text(c.region + profile_title(c))}\n\n{as_text(b.issue_label)}\n\n"
             f"{as_text(c.authority)}　　{as_text(b.issue_date_label)}")]


# Characters of the red title (28 pt) across the 156 mm text block; full-width quotes count.
TITLE_WIDTH = 15

# Where a title may break, best first: before 情况通报 (seed 000: 「…平台运行 / 情况通报」),
# at a quotation, around 关于 / 的, after the region, before 通报; anywhere else last.
_BREAK_COST = 5


def _break_cost(title: str, i: int, region: str) -> int | None:
    """The cost of breaking ``title`` before index ``i``; None where it may not break
    (inside a quotation or inside 情况通报 / 关于 / 通报)."""
    before, after = title[:i], title[i:]
    if before.count("“") > before.count("”"):
        return None  # inside a quotation
    for word in ("情况通报", "关于", "通报", "情况"):
        for k in range(1, len(word)):
            if before.endswith(word[:k]) and after.startswith(word[k:]):
                return None
    if after.startswith("情况通报"):
        return 0
    if before.endswith(("”", "的", "关于")) or after.startswith(("“", "关于")) \
            or (region and before == region):
        return 1
    if after.startswith("通报"):
        return 2
    return _BREAK_COST


def title_lines(title: str, region: str = "", width: int = TITLE_WIDTH) -> list[str]:
    """The red title broken into lines at sensible points: one line when it is short; else
    two (three for a very long title) lines of at most ``width`` characters, none shorter
    than three characters, breaking where ``_break_cost`` prefers, lines balanced —
    「平顶山市“政务服务” / 指标整改提升情况通报」, never 「…整改提 / 升 / 情况通报」."""
    if len(title) <= 8:
        return [title]
    head = title.removesuffix("情况通报")
    if head != title and 3 <= len(head) <= width and _break_cost(title, len(head), region) == 0:
        return [head, "情况通报"]  # the masthead of the seeds: 「…平台运行 / 情况通报」
    best: tuple[int, list[str]] | None = None
    for count in (1, 2, 3):
        for cuts in _cuts(len(title), count - 1):
            lines = [title[a:b] for a, b in zip((0, *cuts), (*cuts, len(title)), strict=True)]
            if any(len(line) > width for line in lines) or \
                    (count > 1 and any(len(line) < 3 for line in lines)):
                continue
            costs = [_break_cost(title, i, region) for i in cuts]
            if None in costs:
                continue
            score = 4 * sum(costs) + max(map(len, lines)) - min(map(len, lines))
            if best is None or score < best[0]:
                best = (score, lines)
        if best is not None:
            return best[1]
    return [title]  # nothing fits: typst shrinks the line


def _cuts(n: int, k: int, start: int = 1) -> list[tuple[int, ...]]:
    """Every way to cut a string of length ``n`` at ``k`` increasing positions."""
    if k == 0:
        return [()]
    return [(i, *rest) for i in range(start, n) for rest in _cuts(n, k - 1, i + 1)]

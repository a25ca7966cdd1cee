"""The 公文 layout of bulletin.docx, applied to pandoc's document (python-docx): the pages
and sections, the 版头 at the start, the 版记 at the end.

* pages: A4, GB/T 9704's margins (top 37 mm, left 28 mm: a 156 × 225 mm text block), a
  document grid of 22 lines × 28 characters; page numbers "— n —" in 4号 at the outer
  side (odd pages right, even pages left: different odd and even footers, a PAGE field);
* 附件: every wide table (with its 「附件 n」 line) on landscape pages of its own section;
  the sections of consecutive annexes are joined, each annex starting a new page; a
  portrait annex's 「附件 n」 heading starts a page too (annex_pages);
* 版记: the 报 / 送 / 发 lines, 印发机关 and 印发日期 between rules, at the foot of an
  even page (a section of its own that starts on an even page; no page number there);
* tables: word.tables.
"""

from __future__ import annotations

import re
from functools import cache
from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, nsmap, qn
from lxml import etree

from bulletin.core.meta import MonthMeta
from bulletin.core.phrases import text_width
from bulletin.publish.word.styles import CHAR

W = nsdecls("w")

# Twips (1/20 pt; 1 mm = 56.7). A4 portrait, GB/T 9704 margins.
PAGE_W, PAGE_H = 11906, 16838
TOP, BOTTOM, LEFT, RIGHT = 2098, 1984, 1587, 1474  # 37, 35, 28, 26 mm
TEXT_W = PAGE_W - LEFT - RIGHT  # 8845 ≈ 156 mm
# "— n —" 7 mm under the text block: the footer's 15 pt line ends 35 - 7 - 5.3 mm above the edge
FOOTER = 1290
# The grid: 22 lines in 225 mm (579 twips a line). The 28 characters a line come from the
# body styles' 0.25 pt condensed spacing (word.styles.CONDENSE), not from a character grid:
# LibreOffice lays a character grid narrower than the 16 pt characters (15.8 pt) with each
# character in two cells, 14 a line; Word and WPS show 28 a line either way.
LINE_PITCH = 579
# Landscape annex pages: the table gets the width (small margins, as the PDF's).
LAND_MARGIN_X, LAND_MARGIN_Y = 851, 1247  # 15 mm, 22 mm
LAND_TEXT_W = PAGE_H - 2 * LAND_MARGIN_X

LANDSCAPE, PORTRAIT = "BulletinLandscape", "BulletinPortrait"  # marker paragraphs' styles


def xp(element, path: str) -> list:
    """XPath with the w: prefix on any element (python-docx's own know it, lxml's not)."""
    return _compiled(path)(element)


@cache
def _compiled(path: str):
    return etree.XPath(path, namespaces=nsmap)


def style_of(element) -> str:
    found = xp(element, "./w:pPr/w:pStyle/@w:val")
    return found[0] if found else ""


def paragraph(style: str, runs: str = "", ppr: str = "") -> object:
    return parse_xml(f'<w:p {W}><w:pPr><w:pStyle w:val="{style}"/>{ppr}</w:pPr>{runs}</w:p>')


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def text_of(element) -> str:
    return "".join(xp(element, ".//w:t/text()"))


# Widths in ems (core.phrases.text_width) are those of the widest face the Word file
# may be shown in: the 公文 faces set digits half an em wide, but an office suite without
# them puts its own faces in their place (LibreOffice: DejaVu Sans, bold in a 合计 row —
# digits 0.70 em, 「%」 1.0 em), so a column sized for one set of faces has slack for the other.


# ------------------------------------------------------------------------------ sections


def section_xml(kind: str) -> str:
    """sectPr of a "portrait" body section, a "landscape" annex section or the "imprint"."""
    if kind == "landscape":
        size = f'<w:pgSz w:w="{PAGE_H}" w:h="{PAGE_W}" w:orient="landscape"/>'
        margins = (f'<w:pgMar w:top="{LAND_MARGIN_Y}" w:right="{LAND_MARGIN_X}" '
                   f'w:bottom="{LAND_MARGIN_Y}" w:left="{LAND_MARGIN_X}" w:header="567" '
                   'w:footer="567" w:gutter="0"/>')
        grid = '<w:docGrid w:linePitch="312"/>'
    else:
        size = f'<w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/>'
        margins = (f'<w:pgMar w:top="{TOP}" w:right="{RIGHT}" w:bottom="{BOTTOM}" '
                   f'w:left="{LEFT}" w:header="851" w:footer="{FOOTER}" w:gutter="0"/>')
        grid = f'<w:docGrid w:type="lines" w:linePitch="{LINE_PITCH}"/>'
    start = "evenPage" if kind == "imprint" else "nextPage"
    if kind == "imprint":  # the 版记 footer ends at the foot of the text block
        margins = margins.replace(f'w:footer="{FOOTER}"', f'w:footer="{BOTTOM}"')
    return (f'<w:sectPr {W}><w:type w:val="{start}"/>{size}{margins}'
            f'<w:cols w:space="425"/>{grid}</w:sectPr>')


def section_break(kind: str):
    """The empty paragraph that ends a section of ``kind``."""
    p = paragraph("BulletinBreak")
    p.pPr.append(parse_xml(section_xml(kind)))
    return p


def page_number(odd: bool) -> str:
    """The footer paragraph "— PAGE —": odd pages right, even pages left, one character in."""
    side = 'w:right="280"' if odd else 'w:left="280"'
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
             '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
             '<w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')
    return (f'<w:p {W}><w:pPr><w:pStyle w:val="BulletinPageNumber"/><w:ind {side}/>'
            f'<w:jc w:val="{"right" if odd else "left"}"/></w:pPr>'
            f'{run("— ")}{field}{run(" —")}</w:p>')


def set_footer(footer, content: list) -> None:
    """Unlink ``footer`` from the previous section's and give it ``content``."""
    footer.is_linked_to_previous = False
    element = footer._element
    for child in list(element):
        element.remove(child)
    for child in content:
        element.append(child)


def neighbour(element, forward: bool):
    """The next (or previous) sibling that is not a bookmark boundary."""
    skip = (qn("w:bookmarkStart"), qn("w:bookmarkEnd"))
    found = element.getnext() if forward else element.getprevious()
    while found is not None and found.tag in skip:
        found = found.getnext() if forward else found.getprevious()
    return found


def landscape_sections(body) -> None:
    """Turn the marker paragraphs around wide tables into section breaks: the portrait
    section before ends at LANDSCAPE, the landscape one at PORTRAIT. An annex right after
    another joins its section and starts a new page instead."""
    landscape = False
    for element in list(body):
        kind = style_of(element) if element.tag == qn("w:p") else ""
        if kind not in (LANDSCAPE, PORTRAIT):
            if landscape and style_of(element) in ("Heading2", "Heading3", "Heading4"):
                indent = element.pPr.get_or_add_ind()  # 附件 n: flush left
                indent.set(qn("w:firstLine"), "0")
                indent.set(qn("w:firstLineChars"), "0")
            continue
        previous, following = neighbour(element, False), neighbour(element, True)
        if (kind == LANDSCAPE and previous is not None and style_of(previous) == "BulletinBreak"
                and xp(previous, "./w:pPr/w:sectPr/w:pgSz[@w:orient='landscape']")
                and following is not None and following.tag == qn("w:p")):
            body.remove(previous)  # one landscape section for both annexes
            following.get_or_add_pPr().insert_element_before(
                parse_xml(f"<w:pageBreakBefore {W}/>"), *_AFTER_PAGE_BREAK)
            body.remove(element)
            landscape = True
            continue
        element.addprevious(section_break("landscape" if kind == PORTRAIT else "portrait"))
        body.remove(element)
        landscape = kind == LANDSCAPE


ANNEX = re.compile(r"^附件\s*\d+$")  # the line an annex starts with: 「附件1」, 「附件 2」


def annex_pages(body) -> None:
    """GB/T 9704: each annex starts a page. Its 「附件 n」 heading, set flush left, gets a page break before
    it, unless it is the first paragraph of a section that starts a page (a landscape
    annex, or the annex after one) or has one already (landscape_sections')."""
    for p in body.iterchildren(qn("w:p")):
        if not style_of(p).startswith("Heading") or not ANNEX.match(text_of(p).strip()):
            continue
        p.get_or_add_pPr().first_line_indent = 0  # 「附件n」 顶格 (GB/T 9704 §8)
        previous = neighbour(p, False)
        if previous is not None and xp(previous, "./w:pPr/w:sectPr") or \
                xp(p, "./w:pPr/w:pageBreakBefore"):
            continue
        p.get_or_add_pPr().insert_element_before(
            parse_xml(f"<w:pageBreakBefore {W}/>"), *_AFTER_PAGE_BREAK)


ANNEX_NOTE = "BulletinAnnexList"  # the paragraphs of the 附件说明 (report: annex_note)
ADVANCE = CHAR - 5  # twips: a 3号 character, condensed 0.25 pt (word.styles.CONDENSE)


NOTE_STYLE = "BulletinTableNote"
KEEP_LAST_ROWS = 2  # a table's last rows that go with its notes to a next page


def notes_with_rows(body) -> None:
    """A table's notes never stand alone at the head of a page: they keep together, each
    whole, and the table's last KEEP_LAST_ROWS rows keep with them (Word moves those rows
    with the notes)."""
    for table in body.iterchildren(qn("w:tbl")):
        notes = []
        following = neighbour(table, True)
        while following is not None and style_of(following) == NOTE_STYLE:
            notes.append(following)
            following = neighbour(following, True)
        if not notes:
            continue
        rows = xp(table, "./w:tr")
        for p in [q for tr in rows[-KEEP_LAST_ROWS:] for q in xp(tr, ".//w:p")] + notes[:-1]:
            p.get_or_add_pPr().keepNext_val = True
        for p in notes:  # a note is never split across pages
            p.get_or_add_pPr().keepLines_val = True


_AFTER_PAGE_BREAK = tuple(f"w:{tag}" for tag in (
    "framePr", "widowControl", "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs",
    "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct",
    "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
    "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
    "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr",
    "pPrChange"))


def lay_out_pages(document, meta: MonthMeta) -> None:
    """Sections, page grid and footers; the 版记 page as the last section.

    The 版记 is the even-page footer of a last section that starts on an even page: a
    footer sits at the foot of the page in Word, WPS and LibreOffice alike (a table
    floating to the foot of the text block, or a section aligned to its bottom, is placed
    at the top of the page by LibreOffice). Its footer distance is the bottom margin, so
    its last rule is the foot of the text block; that page, and a blank page Word may put
    before it, carry no page number (GB/T 9704 7.5).
    """
    body = document.element.body
    final = body.find(qn("w:sectPr"))
    landscape_sections(body)
    annex_pages(body)
    notes_with_rows(body)
    last = neighbour(final, False)
    if last is None or style_of(last) != "BulletinBreak":
        final.addprevious(section_break("portrait"))
    final.addprevious(paragraph("BulletinBreak"))  # the 版记 page's only body paragraph
    final.addprevious(parse_xml(section_xml("imprint")))
    body.remove(final)
    document.settings.odd_and_even_pages_header_footer = True
    sections = document.sections
    set_footer(sections[0].footer, [parse_xml(page_number(odd=True))])
    set_footer(sections[0].even_page_footer, [parse_xml(page_number(odd=False))])
    set_footer(sections[-1].footer, [paragraph("BulletinBreak")])
    set_footer(sections[-1].even_page_footer, [imprint_table(meta), paragraph("BulletinBreak")])
    if meta.draft:  # the draft's light mark at the head of every page (the 版记 page too)
        for header in (sections[0].header, sections[0].even_page_header):
            set_footer(header, [paragraph("BulletinIssue", light_run(DRAFT_LABEL, 20, "BFBFBF"),
                                          '<w:spacing w:before="0"/>')])


# ------------------------------------------------------------------------------ 版头, 版记


MASTHEAD_PT = 28


def title_block(meta: MonthMeta) -> list:
    """发文机关标志 (red), 期号, 发文机关 and date over the red rule. The 标志 is set in
    28 pt, or as much smaller as its longest line needs to stay on one line."""
    widest = max(text_width(line) for line in meta.title_lines)
    half_points = min(2 * MASTHEAD_PT, int(2 * (TEXT_W / 20 - 4) / max(widest, 1.0)))
    size = f'<w:rPr><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
    parts = [paragraph("BulletinMasthead", f'<w:r>{size}<w:t xml:space="preserve">'
                       f"{escape(line)}</w:t></w:r>") for line in meta.title_lines]
    parts.append(paragraph("BulletinIssue", run(meta.issue_label)))
    if meta.draft:  # 「征求意见稿」 under the 期号, as in the PDF
        parts.append(paragraph("BulletinIssue", light_run(DRAFT_LABEL, 12, "6E6E6E"),
                               '<w:spacing w:before="120"/>'))
    parts.append(paragraph("BulletinAuthority",
                           fit_line(meta.authority, meta.issue_date, 16, TEXT_W)))
    if meta.correction:  # a revised issue: its 更正 line under the red rule
        parts.append(paragraph("BulletinIssue", light_run(f"更正：{meta.correction}", 14, "000000"),
                               '<w:jc w:val="left"/>'))
    return parts


DRAFT_LABEL = "征求意见稿"


def light_run(text: str, points: float, colour: str) -> str:
    """A run of ``text`` in ``points`` and ``colour`` (hex, as Word writes it)."""
    size = int(points * 2)
    return (f'<w:r><w:rPr><w:color w:val="{colour}"/><w:sz w:val="{size}"/>'
            f'<w:szCs w:val="{size}"/></w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>')


def fit_line(left: str, right: str, size: float, width: int) -> str:
    """Runs of ``left``, a tab and ``right`` on one line of ``width`` twips: in ``size``
    points, or both smaller when they would not fit with two characters between (GB/T
    9704 practice: a long 发文机关 is set smaller, never broken over two lines)."""
    ems = text_width(left) + 2 + text_width(right)
    half = min(round(size * 2), int(2 * (width / 20 - 2) / ems))
    rpr = f'<w:rPr><w:sz w:val="{half}"/><w:szCs w:val="{half}"/></w:rPr>'
    return "".join(f'<w:r>{rpr}{part}</w:r>' for part in (
        f'<w:t xml:space="preserve">{escape(left)}</w:t>', "<w:tab/>",
        f'<w:t xml:space="preserve">{escape(right)}</w:t>'))


def contents_block(body) -> list:
    """要目 from the headings, as the PDF prints it when the notebook has none of its own:
    the body titles (heading 2) and their sections (heading 3), by name without their
    numbers (「一、」), as seed 000's 要目 lists them."""
    entries = []
    for p in body.iterchildren(qn("w:p")):
        level = style_of(p)
        if level == "Heading2":
            entries.append(paragraph("BulletinContents", "<w:r><w:rPr><w:b/><w:bCs/></w:rPr>"
                                     f'<w:t>{escape(text_of(p))}</w:t></w:r>'))
        elif level == "Heading3" and not text_of(p).startswith("附件"):  # an annex's line
            name = re.sub(r"^[一二三四五六七八九十]+、", "", text_of(p))  # 「一、办件情况」
            entries.append(paragraph("BulletinContents", run("\u3000● " + name)))
    if not entries:
        return []
    return [paragraph("BulletinContentsTitle", run("要\u3000目")), *entries,
            paragraph("BulletinContentsEnd")]


def distribution_lines(meta: MonthMeta) -> list[str]:
    """「报：…。」: each key's names joined by 「；」, one closing 「。」."""
    lines = []
    for key, names in meta.distribution.model_dump(by_alias=True).items():  # 报, 送, 发
        if names:
            lines.append(f"{key}：" + "；".join(n.rstrip("；;。 \u3000") for n in names) + "。")
    return lines


def imprint_table(meta: MonthMeta):
    """The 版记 as a one-column table as wide as the text block: thick first and last rule
    (0.35 mm), thin rules (0.25 mm) between its lines."""
    def row(content: str) -> str:
        return (f'<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="{TEXT_W}" '
                f'w:type="dxa"/></w:tcPr>{content}</w:tc></w:tr>')

    rows = [row(f'<w:p><w:pPr><w:pStyle w:val="BulletinImprint"/></w:pPr>{run(line)}</w:p>')
            for line in distribution_lines(meta)]
    rows.append(row('<w:p><w:pPr><w:pStyle w:val="BulletinImprintIssued"/></w:pPr>'
                    f'{fit_line(meta.authority, meta.issue_date + "印发", 14, TEXT_W - 560)}'
                    "</w:p>"))
    thick, thin = 'w:val="single" w:sz="8" w:space="0" w:color="000000"', \
        'w:val="single" w:sz="6" w:space="0" w:color="000000"'
    return parse_xml(
        f'<w:tbl {W}><w:tblPr><w:tblStyle w:val="Table"/>'
        f'<w:tblW w:w="{TEXT_W}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders><w:top {thick}/><w:left w:val="nil"/><w:bottom {thick}/>'
        f'<w:right w:val="nil"/><w:insideH {thin}/><w:insideV w:val="nil"/></w:tblBorders>'
        '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/>'
        '<w:right w:w="0" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>'
        f'<w:tblGrid><w:gridCol w:w="{TEXT_W}"/></w:tblGrid>{"".join(rows)}</w:tbl>')

"""What a 公文 (GB/T 9704; ``meta.kind`` 「公文」) has in bulletin.docx that a 简报 has not:
its 版头 (发文机关标志, 发文字号 over the red rule, no 期号, no 要目) and, under the body
and the 附件说明, 发文机关署名 and 成文日期, then the 附注 (report: ``signature_note``).
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from docx.oxml.ns import qn

from bulletin.core.meta import MonthMeta
from bulletin.publish.word.layout import (
    ADVANCE,
    ANNEX_NOTE,
    DRAFT_LABEL,
    LINE_PITCH,
    TEXT_W,
    light_run,
    neighbour,
    paragraph,
    run,
    style_of,
    text_of,
    text_width,
    xp,
)
from bulletin.publish.word.styles import RED

SIGNATURE, ATTACHED_NOTE = "BulletinSignature", "BulletinAttachedNote"
ADDRESSEES = "BulletinAddressees"  # 主送机关: flush left (word.styles)
MARK_PT = 36
MARK_TOP = 1984  # twips: the 发文机关标志 35 mm under the top of the text block (§7.2.3)
RULE_GAP = 11  # points: the red rule 4 mm under the 发文字号 (§7.2.6)


def official_title_block(meta: MonthMeta) -> list:
    """发文机关标志 in red on one line (set smaller when it would not fit), the 发文字号
    centred two lines under it, the red rule under that; the title follows two lines down."""
    widest = max(text_width(line) for line in meta.title_lines)
    half_points = min(2 * MARK_PT, int(2 * (TEXT_W / 20 - 4) / max(widest, 1.0)))
    size = f'<w:rPr><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
    parts = [paragraph("BulletinMasthead", f'<w:r>{size}<w:t xml:space="preserve">'
                       f"{escape(line)}</w:t></w:r>",
                       f'<w:spacing w:before="{MARK_TOP if n == 0 else 0}"/>')
             for n, line in enumerate(meta.title_lines)]
    rule = (f'<w:pBdr><w:bottom w:val="single" w:sz="8" w:space="{RULE_GAP}" w:color="{RED}"/>'
            "</w:pBdr>")
    number_gap = f'<w:spacing w:before="{2 * LINE_PITCH}" w:after="%d"/>'
    if meta.draft:  # 「征求意见稿」 under the 发文字号, over the rule, as in the PDF
        parts.append(paragraph("BulletinIssue", run(meta.issue_label), number_gap % 0))
        parts.append(paragraph("BulletinIssue", light_run(DRAFT_LABEL, 12, "6E6E6E"),
                               rule + f'<w:spacing w:before="120" w:after="{2 * LINE_PITCH}"/>'))
    else:
        parts.append(paragraph("BulletinIssue", run(meta.issue_label),
                               rule + number_gap % (2 * LINE_PITCH)))
    if meta.correction:
        parts.append(paragraph("BulletinIssue", light_run(f"更正：{meta.correction}", 14, "000000"),
                               '<w:jc w:val="left"/>'))
    return parts


def signature_lines(body) -> None:
    """发文机关署名 and 成文日期 as GB/T 9704 §7.3.5.2 sets them without a seal: a line
    under the body (or the 附件说明), the name two characters from the right, the date on
    the next line starting two characters right of the name (a longer date two characters
    from the right, the name moved left to keep that); kept with the paragraph before them
    and with the 附注 after them, the 附件说明 with them, and the body's last paragraph with
    the 附件说明."""
    for lines in style_runs(body, SIGNATURE):  # the bulletin's, an attached document's
        if len(lines) in (1, 2):  # (a name alone: an attached document's)
            _signature(lines)


def _signature(lines: list) -> None:
    name = text_width(text_of(lines[0]))
    date = text_width(text_of(lines[1])) if len(lines) == 2 else 0.0
    room = TEXT_W / ADVANCE
    start = max(0.0, min(room - 2 - name, room - 4 - date))
    following = neighbour(lines[-1], True)
    noted = following is not None and style_of(following) == ATTACHED_NOTE
    # with the 附件说明 and the body's last paragraph before it (as the PDF's annex-lead)
    previous = neighbour(lines[0], False)
    while previous is not None and previous.tag == qn("w:p"):
        previous.get_or_add_pPr().keepNext_val = True
        if style_of(previous) != ANNEX_NOTE:
            break
        previous = neighbour(previous, False)
    for i, p in enumerate(lines):
        keep = "<w:keepNext/><w:keepLines/>" if i == 0 or noted else "<w:keepLines/>"
        new = paragraph(SIGNATURE, "", (
            f'{keep}<w:spacing w:before="{LINE_PITCH if i == 0 else 0}" w:after="0"/>'
            f'<w:ind w:left="{round((start + 2 * i) * ADVANCE)}" w:firstLine="0"/>'
            '<w:jc w:val="left"/>'))
        for r in xp(p, "./w:r"):
            new.append(r)
        p.addprevious(new)
        p.getparent().remove(p)


_ANNEX_ITEM = re.compile(r"^(附件：)?\s*(\d+)[.．]\s*(.*)$", re.DOTALL)


def annex_note(body) -> None:
    """附件说明 as GB/T 9704 7.3.4 has it: a blank line under the body, 「附件：」 two
    characters in, 「1.」 and a tab to the title; each next number under the first (five
    characters in), a long title's next line under its first character (the paragraphs'
    hanging indent, as far as the tab stop); kept together on one page."""
    for group in style_runs(body, ANNEX_NOTE):  # the bulletin's, an attached document's
        _annex_note([(p, _ANNEX_ITEM.match(text_of(p).strip())) for p in group])


def style_runs(body, style: str) -> list[list]:
    """The body's paragraphs of ``style``, in runs of consecutive ones."""
    runs: list[list] = []
    for p in body.iterchildren(qn("w:p")):
        if style_of(p) == style:
            previous = neighbour(p, False)
            if runs and previous is runs[-1][-1]:
                runs[-1].append(p)
            else:
                runs.append([p])
    return runs


def _annex_note(items: list) -> None:
    if not items or any(found is None for _, found in items):
        return  # not in the form: left as the paragraphs it is
    number = max(text_width(found.group(2) + ".") for _, found in items) + 0.5
    title_at = round((5 + number) * ADVANCE)
    for i, (p, found) in enumerate(items):
        start = 2 if found.group(1) else 5
        keep = "<w:keepNext/><w:keepLines/>" if i < len(items) - 1 else "<w:keepLines/>"
        before = 2 * LINE_PITCH if i == 0 else 0
        runs = (run("附件：") if found.group(1) else "") + run(found.group(2) + ".") \
            + "<w:r><w:tab/></w:r>" + run(found.group(3))
        p.addprevious(paragraph(ANNEX_NOTE, runs, (
            f'{keep}<w:tabs><w:tab w:val="left" w:pos="{title_at}"/></w:tabs>'
            f'<w:spacing w:before="{before}" w:after="0" w:line="240" w:lineRule="auto"/>'
            f'<w:ind w:left="{title_at}" w:hanging="{title_at - start * ADVANCE}"/>')))
        p.getparent().remove(p)


LEAD_STYLES = ("BodyText", "FirstParagraph")
LEAD_LINES = 9  # 0.4 of the 22-line page, as the PDF's annex-lead


def annex_lead(body) -> None:
    """The body's last paragraph (at most LEAD_LINES lines) goes to the next page with the
    附件说明 rather than the 附件说明 standing alone on a page, as in the PDF: kept whole and
    with the note (its heading keeps with it by the heading styles)."""
    notes = style_runs(body, ANNEX_NOTE)
    lead = neighbour(notes[0][0], False) if notes else None
    if lead is not None and style_of(lead) in LEAD_STYLES \
            and text_width(text_of(lead)) + 2 <= LEAD_LINES * TEXT_W / ADVANCE:
        lead.get_or_add_pPr().keepNext_val = True
        lead.get_or_add_pPr().keepLines_val = True

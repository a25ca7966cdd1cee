"""The Word styles of bulletin.docx after GB/T 9704-2012 (党政机关公文格式), written into the
document's styles.xml: the paragraph styles pandoc uses (正文, 标题 levels, table captions)
and the bulletin's own (版头, 表格, 版记, 页码).

Fonts are East Asian fonts (``w:rFonts w:eastAsia``) named as office PCs have them
(``GONGWEN``: 方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312, 宋体 for the page numbers), so
Word or WPS shows the real 公文 faces; ``NOTO`` names the open Noto CJK fonts instead, for a
machine without them (``BULLETIN_DOCX_FONTS=noto``). The font table gives Word a close
substitute (仿宋, 楷体) where the _GB2312 faces are missing.

Sizes: 2号 = 22 pt (标题), 3号 = 16 pt (正文, 一级/二级标题), 4号 = 14 pt (版记, 页码),
五号 = 10.5 pt (table text), 7.5 pt in the landscape annexes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, nsmap, qn

from bulletin.core.errors import PublishError
from bulletin.core.fonts import ROLES, SERIF

RED = "E60012"


FONTS_ENV = "BULLETIN_DOCX_FONTS"


@dataclass(frozen=True)
class Fonts:
    """Which face each role names; ``bold`` where the face itself is not heavy enough."""

    title: str  # 标题, 发文机关标志: 小标宋
    body: str  # 正文: 仿宋
    hei: str  # 一级标题, table headers: 黑体
    kai: str  # 二级标题: 楷体
    song: str  # 页码: 宋体
    bold: bool


# The faces of core.fonts.ROLES (one list for the PDF and the Word file): the 公文 faces an
# office PC has, or the open ones standing in for them.
_ROLE = {role.key: role for role in ROLES}
GONGWEN = Fonts(*(_ROLE[key].faces[0] for key in ("title", "body", "hei", "kai")), "宋体",
                bold=False)
NOTO = Fonts(*(_ROLE[key].open_face for key in ("title", "body", "hei", "kai")), SERIF,
             bold=True)
FONT_SETS = {"gongwen": GONGWEN, "noto": NOTO}


# Word falls back to w:altName when a face is missing: the GB2312 faces' successors.
ALT_NAMES = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "宋体"}


def font_set(name: str | Fonts | None = None) -> Fonts:
    """The fonts named by ``name`` ("gongwen" / "noto"), else by $BULLETIN_DOCX_FONTS, else 公文."""
    if isinstance(name, Fonts):
        return name
    key = (name or os.environ.get(FONTS_ENV) or "gongwen").strip().lower()
    if key not in FONT_SETS:
        raise PublishError(f"未知的 Word 字体方案「{key}」（{FONTS_ENV}）：应为 "
                           + " 或 ".join(FONT_SETS))
    return FONT_SETS[key]


# Twips: 1 pt = 20; one 3号 character = 320; one 4号 character = 280.
BODY_PT = 16
CHAR = BODY_PT * 20


# 3号 text is set 0.25 pt tighter, so that 28 characters fill the 156 mm line
# (28 × 15.75 pt ≤ 442 pt): GB/T 9704's 28 characters a line, in every office suite.
CONDENSE = -5  # twentieths of a point


def rpr(font: str, size: float, *, bold: bool = False, color: str | None = None) -> str:
    """Run properties naming ``font`` for every script, East Asian first; 3号 condensed."""
    name = quoteattr(font)
    xml = (f"<w:rFonts w:ascii={name} w:hAnsi={name} w:eastAsia={name} w:cs={name} "
           'w:hint="eastAsia"/>')
    if bold:
        xml += "<w:b/><w:bCs/>"
    if color:
        xml += f'<w:color w:val="{color}"/>'
    xml += f'<w:spacing w:val="{CONDENSE if size == BODY_PT else 0}"/>'
    half = round(size * 2)
    xml += f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'
    return xml


def ppr(*, align: str = "both", first: int = 0, left: int = 0, right: int = 0,
        hanging: int = 0, char: int = CHAR, before: int = 0, after: int = 0, line: int | None = None,
        keep_next: bool = False, snap: bool = True, outline: int | None = None,
        extra: str = "") -> str:
    """Paragraph properties in schema order. ``first``/``hanging`` in characters (Word's
    *Chars attributes, and ``char`` twips each for readers without them), ``left``/``right``
    in twips; ``line`` an exact line height in twips, else single spacing (on the grid)."""
    xml = "<w:keepNext/><w:keepLines/>" if keep_next else ""
    xml += extra  # pBdr / tabs, already in order
    if not snap:
        xml += '<w:snapToGrid w:val="0"/>'
    rule = f'w:line="{line}" w:lineRule="exact"' if line else 'w:line="240" w:lineRule="auto"'
    xml += f'<w:spacing w:before="{before}" w:after="{after}" {rule}/>'
    ind = f'w:left="{left}" w:right="{right}"'
    if hanging:
        ind += f' w:hanging="{hanging * char}" w:hangingChars="{hanging * 100}"'
    else:
        ind += f' w:firstLine="{first * char}" w:firstLineChars="{first * 100}"'
    xml += f"<w:ind {ind}/><w:jc w:val=\"{align}\"/>"
    if outline is not None:
        xml += f'<w:outlineLvl w:val="{outline}"/>'
    return xml


def paragraph_styles(f: Fonts) -> dict[str, tuple[str, str, str]]:
    """Style id → (name, pPr, rPr). Ids are pandoc's where pandoc writes them."""
    return {**text_styles(f), **bulletin_styles(f)}


def text_styles(f: Fonts) -> dict[str, tuple[str, str, str]]:
    """The body text's styles: pandoc's paragraphs, headings and captions, charts, notes."""
    body = rpr(f.body, BODY_PT)
    title = rpr(f.title, 22, bold=f.bold)
    return {
        "Normal": ("Normal", ppr(), body),
        "BodyText": ("Body Text", ppr(first=2), body),
        "FirstParagraph": ("First Paragraph", ppr(first=2), body),
        "Compact": ("Compact", ppr(align="left"), body),  # tight lists (要目, 附件)
        # "##": the body title, 2号小标宋, centred; "###" 一级标题 黑体; "####" 二级标题 楷体
        "Heading1": ("heading 1", ppr(align="center", keep_next=True, outline=0), title),
        "Heading2": ("heading 2", ppr(align="center", before=CHAR, keep_next=True, outline=1),
                     title),
        "Heading3": ("heading 3", ppr(first=2, keep_next=True, outline=2),
                     rpr(f.hei, BODY_PT, bold=f.bold)),
        "Heading4": ("heading 4", ppr(first=2, keep_next=True, outline=3),
                     rpr(f.kai, BODY_PT, bold=f.bold)),
        "Heading5": ("heading 5", ppr(first=2, keep_next=True, outline=4),
                     rpr(f.body, BODY_PT, bold=True)),
        "Heading6": ("heading 6", ppr(first=2, keep_next=True, outline=5),
                     rpr(f.body, BODY_PT, bold=True)),
        "Title": ("Title", ppr(align="center", keep_next=True), title),
        "TableCaption": ("Table Caption", ppr(align="center", before=120, after=120,
                                              keep_next=True, snap=False),
                         rpr(f.hei, 14, bold=f.bold)),
        "ImageCaption": ("Image Caption", ppr(align="center", before=120, keep_next=True,
                                              snap=False), rpr(f.hei, 14, bold=f.bold)),
        "BulletinCentered": ("Bulletin Centered", ppr(align="center"), body),
        # 附件说明: its indents and tab stop are each paragraph's own (word.official.annex_note)
        "BulletinAnnexList": ("Bulletin Annex List", ppr(), body),
        # a 公文's 署名 and 成文日期 (indents: word.official), its 附注 two characters in, its
        # 主送机关 flush left
        "BulletinSignature": ("Bulletin Signature", ppr(align="left"), body),
        "BulletinAddressees": ("Bulletin Addressees", ppr(align="left"), body),
        "BulletinAttachedNote": ("Bulletin Attached Note", ppr(align="left", first=2), body),
        "BulletinChart": ("Bulletin Chart", ppr(align="center", after=120, snap=False), body),
        "BulletinTableNote": ("Bulletin Table Note", ppr(align="left", before=60, snap=False),
                              rpr(f.body, 10.5)),
        "BulletinContentsTitle": ("Bulletin Contents Title", ppr(align="center"),
                                  rpr(f.hei, BODY_PT, bold=f.bold)),
        "BulletinContents": ("Bulletin Contents", ppr(left=2 * CHAR), body),
        "BulletinContentsEnd": ("Bulletin Contents End", ppr(after=240, extra=(
            f'<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="{RED}"/></w:pBdr>')),
            rpr(f.body, 6)),
    }


def bulletin_styles(f: Fonts) -> dict[str, tuple[str, str, str]]:
    """The bulletin's own: table text, 版头, 版记, page numbers, section-break paragraphs."""
    body = rpr(f.body, BODY_PT)
    table = ppr(align="center", snap=False)
    return {
        "BulletinTableText": ("Bulletin Table Text", table, rpr(f.body, 10.5)),
        "BulletinTableHead": ("Bulletin Table Head", table, rpr(f.hei, 10.5, bold=f.bold)),
        "BulletinTableTextSmall": ("Bulletin Table Text Small", table, rpr(f.body, 7.5)),
        "BulletinTableHeadSmall": ("Bulletin Table Head Small", table,
                                   rpr(f.hei, 7.5, bold=f.bold)),
        # 版头: 发文机关标志 in red 小标宋, the issue number, the authority and date over the
        # red rule (GB/T 9704 7.2)
        "BulletinMasthead": ("Bulletin Masthead", ppr(align="center", snap=False),
                             rpr(f.title, 28, bold=f.bold, color=RED)),
        "BulletinIssue": ("Bulletin Issue", ppr(align="center", before=440, snap=False), body),
        "BulletinAuthority": ("Bulletin Authority", ppr(
            align="left", before=340, after=300, snap=False, extra=(
                f'<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="4" w:color="{RED}"/>'
                '</w:pBdr><w:tabs><w:tab w:val="right" w:pos="8844"/></w:tabs>')), body),
        # 版记 (GB/T 9704 7.4): 4号仿宋, one character in on each side; a 抄送 line wraps
        # under the first character after its colon.
        "BulletinImprint": ("Bulletin Imprint", ppr(
            align="both", left=3 * 280, right=280, hanging=2, char=280, before=40, after=40,
            snap=False), rpr(f.body, 14)),
        "BulletinImprintIssued": ("Bulletin Imprint Issued", ppr(
            align="left", left=280, right=280, before=40, after=40, snap=False,
            extra='<w:tabs><w:tab w:val="right" w:pos="8564"/></w:tabs>'), rpr(f.body, 14)),
        "BulletinPageNumber": ("Bulletin Page Number", ppr(align="right", line=300, snap=False),
                               rpr(f.song, 14)),
        # the empty paragraph that carries a section break: as small as Word allows
        "BulletinBreak": ("Bulletin Break", ppr(line=20, snap=False), rpr(f.body, 1)),
    }


def set_styles(styles, f: Fonts) -> None:
    """Write the bulletin's styles into ``styles`` (python-docx's styles.xml element):
    document defaults, pandoc's styles replaced in place, the bulletin's own added."""
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        styles.remove(defaults)
    styles.insert(0, _defaults(f))
    for style_id, (name, p, r) in paragraph_styles(f).items():
        found = styles.xpath(f'w:style[@w:styleId="{style_id}"]')
        for old in found:
            styles.remove(old)
        based = "" if style_id == "Normal" else '<w:basedOn w:val="Normal"/>'
        default = ' w:default="1"' if style_id == "Normal" else ""
        custom = "" if style_id in _PANDOC_IDS else ' w:customStyle="1"'
        styles.append(parse_xml(
            f'<w:style {nsdecls("w")} w:type="paragraph"{default}{custom} '
            f'w:styleId="{style_id}"><w:name w:val="{name}"/>{based}<w:qFormat/>'
            f"<w:pPr>{p}</w:pPr><w:rPr>{r}</w:rPr></w:style>"))
    for link in styles.xpath('w:style[@w:type="character"]/w:rPr/w:rFonts'):
        link.getparent().remove(link)  # "Heading 1 Char"…: theme fonts of pandoc's template
    for themed in styles.xpath("w:style/w:rPr/w:rFonts"):  # pandoc's other styles: 仿宋 too
        theme = [name for name in themed.attrib if name.lower().endswith("theme")]
        for name in theme:
            del themed.attrib[name]
        for script in ("ascii", "hAnsi", "eastAsia", "cs") if theme else ():
            themed.set(qn(f"w:{script}"), f.body)
    for cell in styles.xpath('w:style[starts-with(@w:styleId, "BulletinCell")]'):
        styles.remove(cell)  # written as the runs' own colour and weight (word.tables)


_PANDOC_IDS = {"Normal", "BodyText", "FirstParagraph", "Compact", "Heading1", "Heading2",
               "Heading3", "Heading4", "Heading5", "Heading6", "Title", "TableCaption",
               "ImageCaption"}


def _defaults(f: Fonts):
    return parse_xml(
        f"<w:docDefaults {nsdecls('w')}><w:rPrDefault><w:rPr>{rpr(f.body, BODY_PT)}"
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        # pages of the 22-line grid filled, as the PDF's: no widow/orphan control moving a
        # heading and a three-line paragraph to the next page
        '<w:widowControl w:val="0"/>'
        '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
        "</w:docDefaults>")


def set_font_table(part, f: Fonts) -> None:
    """Name the bulletin's faces in fontTable.xml (related to the document ``part``) as
    GB2312 (charset 86) faces, with the face Word should use where one is missing."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    related = next((rel.target_part for rel in part.rels.values()
                    if rel.reltype == RT.FONT_TABLE and not rel.is_external), None)
    if related is None:
        return
    table = etree.fromstring(related.blob)
    for name in dict.fromkeys((f.title, f.body, f.hei, f.kai, f.song)):
        for old in table.xpath("w:font[@w:name=$name]", name=name,
                               namespaces={"w": nsmap["w"]}):
            table.remove(old)
        alt = f'<w:altName w:val="{ALT_NAMES[name]}"/>' if name in ALT_NAMES else ""
        table.append(etree.fromstring(
            f"<w:font {nsdecls('w')} w:name={quoteattr(name)}>{alt}"
            '<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/>'
            "</w:font>"))
    related._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8",
                                   standalone=True)

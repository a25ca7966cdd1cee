"""bulletin.docx read back as XML (python-docx, zipfile): the GB/T 9704 page, the 公文 fonts
as East Asian fonts, the annex on a landscape section with repeated, merged header rows,
right-aligned numbers, odd/even page numbers, the red 版头 and the 版记 — for a month whose
blocks are written by hand (an annex with spanners, a narrow table with a red cell, a
vega-lite chart), so nothing here depends on the bulletin notebook."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from bulletin.core.blocks import Table
from bulletin.core.errors import PublishError
from bulletin.publish.word.document import make_docx
from support.executed import chart, markdown, table, write_month
from support.scopes import shared

W = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
     "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
     "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}


def xp(element, path: str) -> list:
    """XPath with the w:, a: and r: prefixes, on python-docx's elements or lxml's."""
    return etree.XPath(path, namespaces=W)(element)


def text(element) -> str:
    """The text of an element's runs, a tab as a tab character."""
    return "".join(node if isinstance(node, str) else "\t"
                   for node in xp(element, ".//w:t/text() | .//w:r/w:tab"))


TEXT = ("## 政务服务事项运行情况\n\n<div class=\"centered\">（2021年2月）</div>\n\n"
        "### 一、政务服务事项平台运行情况\n\n#### （一）总体情况\n\n"
        "全市共申请政务服务事项 249679 件，受理 249507 件。\n\n## 附件\n\n1. 测试附件表\n")

SPEC = {"title": "图1. 全市办件情况", "width": 300, "height": 120,
        "data": {"values": [{"类": "申请", "件": 3}, {"类": "办结", "件": 2}]},
        "mark": "bar", "encoding": {"x": {"field": "类", "type": "nominal"},
                                    "y": {"field": "件", "type": "quantitative"}}}


SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="120"><rect width="9" height="9"/></svg>'


def annex_table() -> Table:
    """A 14-column annex (too wide for the portrait page) with two spanners."""
    labels = ["序号", "单位", "申请", "受理", "办结", "申请", "办结",
              *(f"c{i}" for i in range(5, 11)), "率"]
    spanners = ["", "", *["办件情况（件）"] * 3, *["线上办件情况（件）"] * 2, *[""] * 7]
    units = ["市公安局", "市教育局", "市人力资源和社会保障局"]
    rows = [[str(n + 1), unit, *(str(v) for v in ([1129 + i for i in range(11)] if n == 0
                                                   else [6] * 11 if n == 1 else [0] * 11)), rate]
            for n, (unit, rate) in enumerate(zip(units, ["42.55%", "0.00%", "—"], strict=True))]
    return table("测试附件表（2021年2月）", labels, rows, ["注：测试数据。"], spanners)


def narrow_table() -> Table:
    """Three columns, the first figure red and bold."""
    t = table("", ["指标", "数值", "状态"], [["即办件占比", "21.57%", "未达标"],
                                         ["网办占比", "97.20%", "达标"]], left=(0,))
    rows = [list(r) for r in t.rows]
    rows[0][1] = rows[0][1].marked(bold=True, color="#c00000")
    return t.model_copy(update={"rows": rows})


@pytest.fixture(scope=shared)
def built(tmp_path_factory) -> Path:
    """The hand-made month and its bulletin.docx (公文 fonts)."""
    reports = tmp_path_factory.mktemp("reports")
    folder = write_month(reports, "2021-02", [
        markdown(TEXT), narrow_table(), chart(SVG, SPEC),
        markdown("### 附件1"), annex_table()])
    return make_docx(folder, fonts="gongwen")


@pytest.fixture(scope=shared)
def document(built):
    return Document(str(built))


def part(docx: Path, name: str):
    with zipfile.ZipFile(docx) as archive:
        return etree.fromstring(archive.read(name))


def style(styles, style_id: str):
    found = xp(styles, f'w:style[@w:styleId="{style_id}"]')
    assert found, style_id
    return found[0]


def attr(element, path: str, name: str) -> str | None:
    found = xp(element, path)
    return found[0].get(qn(f"w:{name}")) if found else None


def east_asian(styles, style_id: str) -> str | None:
    return attr(style(styles, style_id), "./w:rPr/w:rFonts", "eastAsia")


def half_points(styles, style_id: str) -> int:
    return int(attr(style(styles, style_id), "./w:rPr/w:sz", "val"))


def body_tables(document):
    return document.element.body.findall(qn("w:tbl"))


def section_of(element):
    """The sectPr that ends the section ``element`` is in."""
    for following in element.itersiblings():
        found = xp(following, "./w:pPr/w:sectPr")
        if found:
            return found[0]
        if following.tag == qn("w:sectPr"):
            return following
    raise AssertionError("no section after the element")


def test_a4_with_the_gbt_margins_and_22_lines(document):
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    margins = [section.top_margin, section.bottom_margin, section.left_margin,
               section.right_margin]
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    width = section.page_width.mm - section.left_margin.mm - section.right_margin.mm
    height = section.page_height.mm - section.top_margin.mm - section.bottom_margin.mm
    assert (round(width), round(height)) == (156, 225)  # the text block
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"
    assert round(225 / 25.4 * 1440 / int(grid.get(qn("w:linePitch")))) == 22


def test_28_characters_fill_a_line(built):
    styles = part(built, "word/styles.xml")
    condensed = int(attr(style(styles, "Normal"), "./w:rPr/w:spacing", "val")) / 20  # pt
    assert half_points(styles, "Normal") == 32
    width = 156 / 25.4 * 72
    assert 28 * (16 + condensed) <= width < 29 * (16 + condensed)


def test_styles_name_the_gongwen_fonts_as_east_asian_fonts(built):
    styles = part(built, "word/styles.xml")
    assert attr(styles, "./w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", "eastAsia") \
        == "仿宋_GB2312"
    for style_id in ("Normal", "BodyText", "FirstParagraph"):
        assert east_asian(styles, style_id) == "仿宋_GB2312"
        assert half_points(styles, style_id) == 32  # 3号
    assert east_asian(styles, "Heading2") == "方正小标宋简体" and half_points(styles, "Heading2") == 44
    assert east_asian(styles, "Heading3") == "黑体"
    assert east_asian(styles, "Heading4") == "楷体_GB2312"
    assert east_asian(styles, "BulletinMasthead") == "方正小标宋简体"
    assert east_asian(styles, "BulletinPageNumber") == "宋体"
    assert half_points(styles, "BulletinPageNumber") == 28  # 4号
    assert not xp(styles, "//w:rFonts[@w:eastAsiaTheme or @w:asciiTheme]")
    fonts = part(built, "word/fontTable.xml")
    alt = xp(fonts, 'w:font[@w:name="仿宋_GB2312"]/w:altName/@w:val')
    assert alt == ["仿宋"]


def test_noto_fonts_for_machines_without_the_gongwen_ones(built, tmp_path, monkeypatch):
    folder = built.parent
    noto = part(make_docx(folder, out=tmp_path / "noto.docx", fonts="noto"), "word/styles.xml")
    assert east_asian(noto, "BodyText") == "Noto Serif CJK SC"
    assert east_asian(noto, "Heading3") == "Noto Sans CJK SC"
    monkeypatch.setenv("BULLETIN_DOCX_FONTS", "noto")
    by_env = part(make_docx(folder, out=tmp_path / "env.docx"), "word/styles.xml")
    assert east_asian(by_env, "Heading2") == "Noto Serif CJK SC"
    with pytest.raises(PublishError, match="BULLETIN_DOCX_FONTS"):
        make_docx(folder, out=tmp_path / "bad.docx", fonts="comic")


def test_the_annex_is_on_a_landscape_section_with_its_caption(document):
    annex = body_tables(document)[-1]
    section = section_of(annex)
    size = section.find(qn("w:pgSz"))
    assert size.get(qn("w:orient")) == "landscape"
    assert int(size.get(qn("w:w"))) > int(size.get(qn("w:h")))
    before = [p for p in annex.itersiblings(preceding=True) if p.tag == qn("w:p")]
    caption = next(p for p in before if text(p).strip() == "附件1")
    assert section_of(caption) is section  # 「附件1」 opens the landscape page
    title = next(p for p in before if "测试附件表" in text(p))
    assert section_of(title) is section
    portrait = section_of(body_tables(document)[0])  # the narrow table stays portrait
    assert portrait.find(qn("w:pgSz")).get(qn("w:orient")) is None


def test_header_rows_repeat_and_spanners_are_merged_cells(document):
    annex = body_tables(document)[-1]
    rows = annex.findall(qn("w:tr"))
    repeated = [bool(xp(row, "./w:trPr/w:tblHeader")) for row in rows]
    assert repeated == [True, True] + [False] * (len(rows) - 2)
    assert len(xp(annex, "./w:tblGrid/w:gridCol")) == 14
    spans = {text(tc).strip(): xp(tc, "./w:tcPr/w:gridSpan/@w:val")
             for tc in rows[0].findall(qn("w:tc"))}
    assert spans["办件情况（件）"] == ["3"] and spans["线上办件情况（件）"] == ["2"]
    first = [xp(tc, "./w:tcPr/w:vMerge/@w:val")
             for tc in (rows[0].findall(qn("w:tc"))[0], rows[1].findall(qn("w:tc"))[0])]
    assert first == [["restart"], ["continue"]]  # 序号 spans both header rows


def alignments(row) -> dict[str, str]:
    return {text(tc).strip(): xp(tc, ".//w:pPr/w:jc/@w:val")[0]
            for tc in row.findall(qn("w:tc"))}


def test_numbers_right_aligned_names_left_headers_centred(document):
    annex = body_tables(document)[-1]
    rows = annex.findall(qn("w:tr"))
    body = alignments(rows[2])
    assert body["1129"] == "right" and body["42.55%"] == "right"
    assert body["市公安局"] == "left" and body["1"] == "center"  # 序号 stays centred
    assert alignments(rows[4])["—"] == "right"
    assert set(alignments(rows[1]).values()) == {"center"}


def test_a_red_cell_stays_red_and_bold(document):
    narrow = body_tables(document)[0]
    run = next(r for r in narrow.iter(qn("w:r")) if "21.57%" in text(r))
    assert xp(run, "./w:rPr/w:color/@w:val") == ["C00000"]
    assert xp(run, "./w:rPr/w:b")
    plain = next(r for r in narrow.iter(qn("w:r")) if "97.20%" in text(r))
    assert not xp(plain, "./w:rPr/w:color")


def field_paragraph(footer):
    paragraphs = footer._element.findall(qn("w:p"))
    assert len(paragraphs) == 1
    p = paragraphs[0]
    assert "".join(xp(p, ".//w:instrText/text()")).strip() == "PAGE"
    assert xp(p, ".//w:fldChar/@w:fldCharType") == ["begin", "separate", "end"]
    assert "".join(xp(p, ".//w:t/text()")).startswith("— ")
    return xp(p, "./w:pPr/w:jc/@w:val")[0]


def test_page_numbers_outer_side_odd_right_even_left(document):
    assert document.settings.odd_and_even_pages_header_footer
    first = document.sections[0]
    assert field_paragraph(first.footer) == "right"
    assert field_paragraph(first.even_page_footer) == "left"
    for section in document.sections[1:-1]:  # the annex pages number on
        assert section.footer.is_linked_to_previous
        assert section.even_page_footer.is_linked_to_previous


def test_the_imprint_closes_the_document_on_an_even_page(document):
    last = document.sections[-1]
    assert last._sectPr.find(qn("w:type")).get(qn("w:val")) == "evenPage"
    assert not xp(last.footer._element, ".//w:instrText")  # no page number
    footer = last.even_page_footer._element
    rows = [text(tr) for tr in footer.iter(qn("w:tr"))]
    assert rows == ["报：省大数据中心。", "发：各县（市、区）。", "达州市政务服务管理局\t2021 年 3 月 22 日印发"]
    borders = footer.find(f".//{qn('w:tblBorders')}")
    assert borders.find(qn("w:top")).get(qn("w:sz")) == "8"  # 0.35 mm
    assert borders.find(qn("w:insideH")).get(qn("w:sz")) == "6"  # 0.25 mm
    assert int(last._sectPr.find(qn("w:pgMar")).get(qn("w:footer"))) == \
        int(last._sectPr.find(qn("w:pgMar")).get(qn("w:bottom")))  # ends at the text block


def test_the_red_masthead_comes_first(document):
    paragraphs = document.paragraphs
    assert [p.text for p in paragraphs[:2]] == ["达州市一体化政务服务平台运行", "情况通报"]
    assert {p.style.style_id for p in paragraphs[:2]} == {"BulletinMasthead"}
    assert document.styles["Bulletin Masthead"].font.color.rgb == (0xE6, 0x00, 0x12)
    assert paragraphs[2].text == "2021 年第 2 期"
    assert paragraphs[3].text == "征求意见稿"  # publish makes a draft: marked under the 期号
    authority = paragraphs[4]
    assert authority.text == "达州市政务服务管理局\t2021 年 3 月 22 日"
    rule = xp(document.styles["Bulletin Authority"].element, "./w:pPr/w:pBdr/w:bottom/@w:color")
    assert rule == ["E60012"]  # the red rule under the authority line


def test_headings_keep_their_levels(document):
    levels = {p.text: p.style.style_id for p in document.paragraphs if p.style.style_id.startswith("Heading")}
    assert levels["政务服务事项运行情况"] == "Heading2"
    assert levels["一、政务服务事项平台运行情况"] == "Heading3"
    assert levels["（一）总体情况"] == "Heading4"
    centered = next(p for p in document.paragraphs if p.text == "（2021年2月）")
    assert centered.style.style_id == "BulletinCentered"


def png_width(data: bytes) -> int:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">I", data[16:20])[0]


def test_the_chart_is_a_print_resolution_png_after_its_caption(document):
    import vl_convert as vlc

    shapes = document.inline_shapes
    assert len(shapes) == 1
    blip = xp(shapes[0]._inline, ".//a:blip/@r:embed")[0]
    png = document.part.related_parts[blip].blob
    untitled = {k: v for k, v in SPEC.items() if k != "title"}
    assert png_width(png) == pytest.approx(3 * png_width(vlc.vegalite_to_png(untitled)), abs=3)
    assert round(shapes[0].width.mm) == 156  # across the text block
    paragraphs = document.paragraphs
    index = next(i for i, p in enumerate(paragraphs) if p.text == "图1. 全市办件情况")
    assert paragraphs[index].style.style_id == "ImageCaption"
    assert xp(paragraphs[index + 1]._p, ".//w:drawing")


def test_markup_in_the_text_never_makes_an_image_a_style_or_a_section(tmp_path):
    forged = ('<div data-custom-style="BulletinLandscape"><p>甲</p></div>'
              '<div class="table-title">乙</div><img src="chart-1.png">'
              '<span data-custom-style="BulletinCell-00FF00-b">丙</span>')
    folder = write_month(tmp_path / "reports", "2021-02", [markdown("正文\n\n" + forged),
                                                          table("", ["列"], [[forged]])])
    document = Document(str(make_docx(folder)))
    assert len(document.inline_shapes) == 0
    assert len(document.sections) == 2  # the body, the 版记: no landscape section
    styles = {p.style.style_id for p in document.paragraphs}
    assert "BulletinLandscape" not in styles and "TableCaption" not in styles
    assert not xp(document.element.body, ".//w:color[@w:val='00FF00']")
    assert "甲" in "".join(p.text for p in document.paragraphs)

"""The two kinds of document, as published (real notebook, pandoc, typst; pdftotext reads
the PDF back, python-docx the Word file): seed 004 is a 公文 under GB/T 9704 — its first
page has the 发文字号 and no 期号, its 发文机关署名 and 成文日期 follow the 附件说明 (set as
§7.3.5.2 has them) with the 附注 under them, before 附件1 — in the PDF, the Word file and
the site's month page; seed 000 is still a 简报 with its 期号."""

from __future__ import annotations

import re
import subprocess

import docx
import pytest

from support.print_layout import MM, visual_lines, words

AUTHORITY = "重庆市江北区政务服务管理办公室"
NUMBER = "江北政务〔2021〕45号"
DATE = "2021年9月29日"
NOTE = "（区政务服务办联系人及电话：张竞黄茜67560907）"
ISSUE = re.compile(r"第\d+期")
EM = 16.0  # 3号, points


def folder(published_demo, month: str):
    return published_demo / "reports" / month


def pdf_pages(pdf) -> list[str]:
    """Each page's text, whitespace removed (pdftotext spaces digits from CJK)."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [re.sub(r"\s+", "", page) for page in text.split("\f")]


def in_order(text: str, *parts: str) -> list[int]:
    """Where each part is found in ``text``, each searched after the one before (-1: not)."""
    out, at = [], 0
    for part in parts:
        at = text.find(part, at)
        out.append(at)
        if at < 0:
            break
    return out


def test_the_official_document_s_first_page_has_its_number_and_no_issue(published_demo):
    first = pdf_pages(folder(published_demo, "seed004/2021-09") / "bulletin.pdf")[0]
    assert first.startswith(AUTHORITY + NUMBER), first[:60]  # 发文机关标志, then 发文字号
    assert not ISSUE.search(first) and "要目" not in first
    assert "关于转发《市政府交办事项（“渝快办”专项工作2021年第1号）》的通知" in first
    assert "行政许可事项指标情况通报" not in first  # no bulletin's name in the masthead


def test_the_pdf_signs_and_dates_after_the_annex_note(published_demo):
    text = "".join(pdf_pages(folder(published_demo, "seed004/2021-09") / "bulletin.pdf"))
    found = in_order(text, "其他未尽事宜可与我办审批服务科联系。", "附件：1.办件情况反馈表",
                     "2.各部门、各街镇行政许可事项4个指标详情", AUTHORITY, DATE, NOTE,
                     "附件1", "办件情况反馈表", "附件2", "各部门、各街镇行政许可事项4个指标详情")
    assert -1 not in found, found
    assert text.count(NOTE) == 1  # the 附注 once, under the date, no longer in the body
    # the 版记 at the end: 印发机关 and the unspaced 印发日期 (the page number aside)
    assert re.sub(r"—\d+—", "", text).endswith(AUTHORITY + DATE + "印发")


def test_the_pdf_sets_the_signature_as_the_standard_does(published_demo):
    lines = visual_lines(words(folder(published_demo, "seed004/2021-09") / "bulletin.pdf"))
    texts = ["".join(w.text for w in line) for line in lines]
    at = texts.index(DATE)
    name, date, note = lines[at - 1], lines[at], lines[at + 1]
    assert "".join(w.text for w in name) == AUTHORITY and texts[at + 1] == NOTE
    page = name[0].page
    left = (28 if page % 2 else 26) * MM  # the inside margin on an odd page
    right = left + 156 * MM
    # the name two characters from the right (15 characters of 16 pt), the date two
    # characters right of the name's first, the 附注 two characters in
    assert name[0].x == pytest.approx(right - 2 * EM - len(AUTHORITY) * EM, abs=2)
    assert date[0].x == pytest.approx(name[0].x + 2 * EM, abs=2)
    assert note[0].x == pytest.approx(left + 2 * EM, abs=2)
    above = lines[at - 2]  # the 附件说明's last line, its first line a few lines up
    assert any(t.startswith("附件：1.") for t in texts[at - 6:at - 1])
    assert name[0].y - above[0].y > 1.8 * (225 * MM / 22)  # a blank line between


def test_the_word_file_follows_the_kind(published_demo):
    document = docx.Document(str(folder(published_demo, "seed004/2021-09") / "bulletin.docx"))
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    texts = [re.sub(r"\s+", "", p.text) for p in paragraphs]
    assert texts[0] == AUTHORITY and texts[1] == NUMBER
    head = texts[:texts.index("附件：1.办件情况反馈表")]
    assert not any(ISSUE.search(t) for t in head) and "要目" not in head
    at = texts.index("附件：1.办件情况反馈表")
    signed = texts.index(AUTHORITY, at)  # after the 附件说明's titles, each 「n.」
    assert texts[at + 1] == "2.各部门、各街镇行政许可事项4个指标详情"
    assert all(re.match(r"\d+\.", t) for t in texts[at + 1:signed])
    assert texts[signed:signed + 4] == [AUTHORITY, DATE, NOTE, "附件1"]
    name, date = paragraphs[signed], paragraphs[signed + 1]
    assert name.style.name == date.style.name == "Bulletin Signature"
    twips = date.paragraph_format.left_indent.twips - name.paragraph_format.left_indent.twips
    assert twips == pytest.approx(2 * 315, abs=2)  # two condensed 3号 characters
    assert paragraphs[signed + 2].style.name == "Bulletin Attached Note"


def test_the_site_s_month_page_follows_the_kind(published_demo):
    html = (published_demo / "_site" / "seed004" / "2021-09" / "index.html").read_text(
        encoding="utf-8")
    start = html.index('<header class="bulletin-head')
    head = html[start:html.index("</header>", start)]
    assert "official" in head and f'<div class="issue">{NUMBER}</div>' in head
    assert "authority-line" not in head and not ISSUE.search(re.sub(r"\s+", "", head))
    found = in_order(html, 'class="annex-list"', '<div class="signature">', AUTHORITY, DATE,
                     '<div class="attached-note">', "（区政务服务办联系人及电话", 'class="annex"')
    assert -1 not in found, found


def test_a_brief_keeps_its_issue_number(published_demo):
    reports = folder(published_demo, "seed000/2021-02")
    first = pdf_pages(reports / "bulletin.pdf")[0]
    assert "2021年第2期" in first and "达州市政务服务管理局2021年3月22日" in first
    assert "〔" not in first
    document = docx.Document(str(reports / "bulletin.docx"))
    issue = [p.text for p in document.paragraphs if p.style.name == "Bulletin Issue"]
    assert issue[0] == "2021 年第 2 期"
    assert not [p for p in document.paragraphs if p.style.name == "Bulletin Signature"]
    html = (published_demo / "_site" / "seed000" / "2021-02" / "index.html").read_text(
        encoding="utf-8")
    assert '<div class="issue">2021 年第 2 期</div>' in html and "authority-line" in html
    assert 'class="signature"' not in html


def test_the_addressees_are_flush_left_under_the_title(published_demo):
    reports = folder(published_demo, "seed004/2021-09")
    lines = visual_lines(words(reports / "bulletin.pdf"))
    texts = ["".join(w.text for w in line) for line in lines]
    at = texts.index("各有关单位、各街镇：")
    assert texts[at - 1].endswith("的通知")  # the title's last line just above
    assert lines[at][0].x == pytest.approx(28 * MM, abs=1)  # page 1: the inside margin
    assert lines[at + 1][0].x == pytest.approx(28 * MM + 2 * EM, abs=2)  # the body indented
    document = docx.Document(str(reports / "bulletin.docx"))
    [addressees] = [p for p in document.paragraphs if p.text == "各有关单位、各街镇："]
    assert addressees.style.name == "Bulletin Addressees"


def _line_texts(pdf) -> tuple[list, list[str]]:
    lines = visual_lines(words(pdf))
    return lines, ["".join(w.text for w in line) for line in lines]


def right_edge(pdf, line: list) -> float:
    """The right of a visual line's last word (pdftotext -bbox's xMax)."""
    xml = subprocess.run(["pdftotext", "-f", str(line[-1].page), "-l", str(line[-1].page),
                          "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    found = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"', xml)
    return next(float(x1) for x0, y0, x1 in found
                if abs(float(x0) - line[-1].x) < 0.01 and abs(float(y0) - line[-1].y) < 0.01)


def test_the_pdf_breaks_its_titles_between_phrases(published_demo):
    """The body title (2号, centred) and 附件3's title break where a phrase ends
    (publish.titles), as seed 004 prints 附件3's: never 「…专项工 / 作2021年…」."""
    _, texts = _line_texts(folder(published_demo, "seed004/2021-09") / "bulletin.pdf")
    at = texts.index("关于转发《市政府交办事项（“渝快办”")
    assert texts[at + 1] == "专项工作2021年第1号）》的通知"
    at = texts.index("附件3")
    assert texts[at + 1:at + 3] == ["市政府交办事项", "（“渝快办”专项工作2021年第1号）"]


def test_the_attached_document_signs_and_lists_its_annexes_as_the_standard_does(published_demo):
    """附件3's own 附件 list in the 附件说明 form, its 署名 and 成文日期 at the right
    (docs/inputs.md §13b), as the bulletin's own."""
    pdf = folder(published_demo, "seed004/2021-09") / "bulletin.pdf"
    lines, texts = _line_texts(pdf)
    at = texts.index("2021年9月13日")
    name, date = lines[at - 1], lines[at]
    assert texts[at - 1] == "市政府督查办"
    page = name[0].page
    left = (28 if page % 2 else 26) * MM
    right = left + 156 * MM
    # the date is the wider with its two characters: it ends two characters from the
    # right, the name starts two characters left of it (as the bulletin's own rule)
    assert right_edge(pdf, date) == pytest.approx(right - 2 * EM, abs=2)
    assert date[0].x == pytest.approx(name[0].x + 2 * EM, abs=2)
    first = texts.index("附件：1.各区县行政许可事项4个指标详情")
    assert texts[first + 1:first + 3] == ["2.各区县监管事项清单认领率", "3.各区县行政检查实施清单编制率"]
    assert lines[first][0].x == pytest.approx(left + 2 * EM, abs=2)
    # each next number under the first
    number = next(w for w in lines[first] if w.text.startswith("1") or "1." in w.text)
    assert lines[first + 1][0].x == pytest.approx(lines[first + 2][0].x, abs=1)
    assert lines[first + 1][0].x > left + 4 * EM and number.x > left + 2 * EM


def test_the_word_file_breaks_titles_and_signs_the_attached_document(published_demo):
    document = docx.Document(str(folder(published_demo, "seed004/2021-09") / "bulletin.docx"))
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    title = next(p for p in paragraphs if p.style.name == "Heading 2")
    assert title.text == "关于转发《市政府交办事项（“渝快办”\n专项工作2021年第1号）》的通知"
    annexes = [p.text for p in paragraphs if p.style.name == "Title"]
    assert "市政府交办事项\n（“渝快办”专项工作2021年第1号）" in annexes
    signed = [p for p in paragraphs if p.style.name == "Bulletin Signature"]
    assert [p.text for p in signed] == [AUTHORITY, DATE, "市政府督查办", "2021年9月13日"]
    name, date = signed[2:]
    twips = date.paragraph_format.left_indent.twips - name.paragraph_format.left_indent.twips
    assert twips == pytest.approx(2 * 315, abs=2)
    listed = [p.text for p in paragraphs if p.style.name == "Bulletin Annex List"]
    assert listed[-3:] == ["附件：1.\t各区县行政许可事项4个指标详情", "2.\t各区县监管事项清单认领率",
                           "3.\t各区县行政检查实施清单编制率"]


def pdf_title(pdf) -> str:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    return next(line.split(":", 1)[1].strip() for line in info.splitlines()
                if line.startswith("Title:"))


@pytest.mark.parametrize(("month", "title"), [
    # a 公文 is named by its own title (its 标题), never by the profile's name it nowhere prints
    ("seed004/2021-09", "关于转发《市政府交办事项（“渝快办”专项工作2021年第1号）》的通知"),
    # a 简报 by its masthead title
    ("seed000/2021-02", "达州市一体化政务服务平台运行情况通报"),
])
def test_the_pdf_and_the_word_file_are_named_by_the_title_they_print(published_demo, month,
                                                                      title):
    reports = folder(published_demo, month)
    assert pdf_title(reports / "bulletin.pdf") == title
    assert docx.Document(str(reports / "bulletin.docx")).core_properties.title == title

"""Markup from a notebook's outputs is cleaned where the notebook is read (publish.notebook):
whatever the notes, units.csv or dataset.yml hold, no script, event handler, javascript:
link, URL-loading style, refresh or foreign frame reaches the site or the PDF, and the text
around it is still shown."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from bulletin.core.errors import PublishError
from bulletin.publish.notebook import markdown_html, read_blocks
from support.executed import chart, html, markdown, png, tiny_png, write_month

# What a hostile insider types into notes/YYYY-MM.md, a unit name or a dataset.yml string.
PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>点开</details>",
    '<a href="javascript:alert(1)">链接</a>',
    '<a href="JaVaScRiPt:alert(1)">链接</a>',
    '<a href="java&#x09;script:alert(1)">链接</a>',
    '<a href="&#106;avascript:alert(1)">链接</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">链接</a>',
    "[链接](javascript:alert(1))",
    "![图](javascript:alert(1))",
    "<script>alert(1)</script>",
    "<ScRiPt>alert(1)</sCrIpT>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<p style="background-image:url(javascript:alert(1))">段落</p>',
    '<div style="position:fixed;top:0;left:0;width:100%;height:100%">遮罩</div>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel="stylesheet" href="http://evil.example/x.css">',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">提交</button></form>',
    "<input onfocus=alert(1) autofocus>",
    "<body onload=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<marquee onstart=alert(1)>滚动</marquee>",
    '<div id="spec-1">{"mark": "text"}</div>',
    '<div class="chart" data-src="chart-1.svg"></div>',
    "<!--><img src=x onerror=alert(1)>-->",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
]

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcdoc", "xlink:href"}
FORBIDDEN_TAGS = {"script", "iframe", "frame", "object", "embed", "meta", "base", "link", "form",
                  "input", "button", "svg", "math", "img", "video", "audio", "source", "body",
                  "details", "marquee", "style"}


def assert_inert(fragment: str, *, style_sheets: bool = False) -> BeautifulSoup:
    """No element, attribute or URL in ``fragment`` can run, load or redirect anything."""
    forbidden = FORBIDDEN_TAGS - ({"style"} if style_sheets else set())
    # On the raw text too: a browser may read markup where html.parser sees none (<!-->…).
    # Text that only looks like markup is escaped (&lt;img …), so "<img" is always a tag.
    raw = re.sub(r"<style>[^<]*</style>", "", fragment) if style_sheets else fragment
    assert not re.search(rf"<\s*/?\s*(?:{'|'.join(forbidden)})\b", raw, re.IGNORECASE), fragment
    unquoted = re.sub(r'="[^"]*"', '=""', fragment)  # attribute values hold escaped text
    assert not re.search(r"<[A-Za-z][^<>]*[\s/]on[a-z]+\s*=", unquoted, re.IGNORECASE), fragment
    soup = BeautifulSoup(fragment, "html.parser")
    for tag in soup.find_all(True):
        assert tag.name not in forbidden, (tag.name, fragment)
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            assert not name.lower().startswith("on"), (name, fragment)
            assert name not in ("id",) or not value.startswith(("spec-", "trend-spec-")), fragment
            assert name != "data-src", fragment
            if name in URL_ATTRIBUTES:
                assert re.match(r"(https?:|[^:]*$)", value.strip(), re.IGNORECASE), (name, value)
            if name == "style":
                assert not re.search(r"url\(|position|expression", value, re.IGNORECASE), value
        if tag.name == "div":
            assert "chart" not in tag.get("class", []), fragment
    return soup


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_keeps_no_active_markup(payload):
    text = f"市公安局办结 1129 件。{payload}其余正常。\n\n## 工作动态\n\n**积极推进**。"
    soup = assert_inert(markdown_html(text))
    shown = soup.get_text()
    assert "市公安局办结 1129 件。" in shown and "积极推进" in shown
    assert soup.find("h2") and soup.find("strong")


def test_markdown_keeps_what_the_bulletin_uses():
    text = ("## 要　目\n\n<div class=\"centered\">（2021年2月）</div>\n\n1. 一\n2. 二\n\n"
            "| 单位 | 件数 |\n|:--|--:|\n| 市公安局 | 1129 |\n\n[平台](https://www.sczwfw.gov.cn/)、"
            "[附件](附件1_市级部门运行情况表.xlsx)；A & B <C> 3 < 5")
    soup = assert_inert(markdown_html(text))
    assert soup.find("div", class_="centered").get_text() == "（2021年2月）"
    assert [unquote(a["href"]) for a in soup.find_all("a")] == ["https://www.sczwfw.gov.cn/",
                                                       "附件1_市级部门运行情况表.xlsx"]
    assert soup.find("td", style="text-align:right").get_text() == "1129"
    assert "A & B <C> 3 < 5" in soup.get_text()  # shown as typed, escaped in the HTML


def gt_html(unit: str, title: str = "附件1") -> str:
    import polars as pl
    from great_tables import GT, loc, style

    frame = pl.DataFrame({"unit": [unit, "合计"], "applied": ["1129", "1129"]})
    table = (GT(frame).tab_header(title=title).tab_spanner("办件情况（件）", columns=["applied"])
             .tab_style(style.text(color="#c00000", weight="bold"), loc.body(rows=[1]))
             .tab_source_note(f"注：{unit}"))
    return table.as_raw_html()


def test_table_keeps_great_tables_look_and_escapes_hostile_names(tmp_path):
    hostile = "<img src=x onerror=alert(1)>市公安局<script>alert(2)</script>"
    folder = write_month(tmp_path, "2021-02", [html(gt_html(hostile, title=hostile))])
    [block] = read_blocks(folder / "bulletin.ipynb")
    soup = assert_inert(block.text, style_sheets=True)
    assert soup.find("table", class_="gt_table") and soup.find("th", colspan="1")
    assert soup.find("th", class_="gt_column_spanner_outer")["colspan"] == "1"
    sheet = soup.find("style").get_text()
    box = soup.find("div", id=True)
    assert f"#{box['id']} .gt_table" in sheet  # the table's own style sheet still applies
    assert soup.find("td", style=re.compile("color:#c00000"))
    assert hostile in soup.get_text()  # the name shown as typed, as text


@pytest.mark.parametrize("payload", [p for p in PAYLOADS if p.startswith("<")])
def test_html_output_keeps_no_active_markup(tmp_path, payload):
    folder = write_month(tmp_path, "2021-02", [html(f"<table><tr><td>市公安局{payload}</td></tr>"
                                                    f"</table><p>说明{payload}</p>")])
    [block] = read_blocks(folder / "bulletin.ipynb")
    soup = assert_inert(block.text, style_sheets=True)
    for sheet in soup.find_all("style"):
        assert not re.search(r"url\(|@import|expression|javascript", sheet.get_text(), re.IGNORECASE)
    assert "市公安局" in soup.get_text() and "说明" in soup.get_text()


def test_style_sheet_that_loads_or_breaks_out_is_dropped(tmp_path):
    sheets = ["td { background: url(http://evil.example/x.png) }", "@import 'x.css';",
              "td { color: red } <!--</style><script>alert(1)</script>-->",
              "td { width: expression(alert(1)) }", "td { background: \\75 rl(x) }"]
    folder = write_month(tmp_path, "2021-02", [html(f"<style>{s}</style><table class='gt_table'>"
                                                    "<tr><td>1</td></tr></table>")
                                               for s in sheets])
    for block in read_blocks(folder / "bulletin.ipynb"):
        soup = assert_inert(block.text)  # no <style> left at all
        assert soup.find("table", class_="gt_table")


HOSTILE_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'width="10" height="10" viewBox="0 0 10 10" onload="alert(1)">'
    '<script>alert(2)</script><style>text{fill:url(http://evil.example/x)}</style>'
    '<g onclick="alert(3)" clip-path="url(#c1)"><clipPath id="c1"><rect width="5" height="5"/>'
    '</clipPath><a xlink:href="javascript:alert(4)"><text x="1" y="9">链接</text></a>'
    '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(5)"/>'
    '</div></foreignObject><animate attributeName="href" to="javascript:alert(6)"/>'
    '<set attributeName="onmouseover" to="alert(7)"/><use xlink:href="http://evil.example/x#a"/>'
    '<image href="http://evil.example/x.png"/><rect id="spec-1" width="1" height="1" '
    'fill="url(javascript:alert(8))" style="fill:url(http://evil.example/y)"/>'
    '<text>&lt;script&gt;alert(9)&lt;/script&gt;市公安局</text></g></svg>')


def test_chart_svg_is_rebuilt_from_an_allow_list(tmp_path):
    folder = write_month(tmp_path, "2021-02", [chart(HOSTILE_SVG, {"mark": "bar"})])
    [block] = read_blocks(folder / "bulletin.ipynb")
    soup = BeautifulSoup(block.svg, "html.parser")
    names = {tag.name for tag in soup.find_all(True)}
    assert names == {"svg", "g", "clippath", "rect", "text"}
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.startswith("on") and "href" not in name
            assert "javascript" not in value and "evil" not in value and value != "spec-1"
    assert soup.find("g")["clip-path"] == "url(#c1)"
    assert "链接" in soup.get_text() and "<script>alert(9)</script>市公安局" in soup.get_text()
    assert block.spec == {"mark": "bar"}


def test_vl_convert_svg_survives_unchanged_in_substance(tmp_path):
    import altair as alt
    import polars as pl

    from bulletin.report.charts import to_svg

    frame = pl.DataFrame({"地区": ["<script>alert(1)</script>通川区", "达川区"], "件数": [3, 5]})
    svg = to_svg(alt.Chart(frame).mark_bar().encode(x="地区:N", y="件数:Q")
                 .properties(title="<img src=x onerror=alert(2)>"))
    folder = write_month(tmp_path, "2021-02", [chart(svg)])
    [block] = read_blocks(folder / "bulletin.ipynb")
    before = BeautifulSoup(svg, "html.parser")
    after = BeautifulSoup(block.svg, "html.parser")
    assert [t.name for t in after.find_all(True)] == [t.name for t in before.find_all(True)]
    assert after.get_text() == before.get_text()
    assert "<script>alert(1)</script>通川区" in after.get_text()
    assert not after.find("script") and not after.find("img")


def test_chart_that_is_not_svg_is_refused(tmp_path):
    folder = write_month(tmp_path, "2021-02", [chart("<svg><g></svg>")])
    with pytest.raises(PublishError, match="SVG"):
        read_blocks(folder / "bulletin.ipynb")


def test_png_output_must_be_a_png(tmp_path):
    folder = write_month(tmp_path, "2021-02", [png(), png('x" onerror="alert(1)'),
                                               png("PHNjcmlwdD4=")])
    blocks = read_blocks(folder / "bulletin.ipynb")
    assert [b.kind for b in blocks] == ["image"] and blocks[0].text == tiny_png()


def test_markdown_output_is_cleaned_when_rendered(tmp_path):
    folder = write_month(tmp_path, "2021-02", [markdown(PAYLOADS[0] + "正文")])
    [block] = read_blocks(folder / "bulletin.ipynb")
    assert_inert(markdown_html(block.text))

"""Markup in a month's blocks never runs: Markdown is cleaned as it is rendered, a chart's
SVG as the month is read (publish.notebook), a table's strings are escaped as its HTML is
written (publish.gt_html for the site and Quarto, publish.blocks for the PDF and Word).
Whatever the notes, units.csv or dataset.yml hold, no script, event handler, javascript:
link, URL-loading style, refresh or foreign frame reaches the site or the PDF, and the text
around it is still shown."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from bulletin.core.blocks import Cell, Column, Table
from bulletin.core.errors import PublishError
from bulletin.publish.blocks import table_html
from bulletin.publish.notebook import markdown_html, read_report
from bulletin.publish.site.tables import annex_view
from support.executed import chart, markdown, table, write_month

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


def hostile_table(unit: str, title: str = "附件1") -> Table:
    t = table(title, ["单位", "申请"], [[unit, "1129"], ["合计", "1129"]], [f"注：{unit}"],
              spanners=["", "办件情况（件）"], left=(0,))
    rows = [list(r) for r in t.rows]
    rows[1] = [cell.marked(bold=True, color="#c00000") for cell in rows[1]]
    return t.model_copy(update={"rows": rows})


def test_table_keeps_great_tables_look_and_escapes_hostile_names():
    hostile = "<img src=x onerror=alert(1)>市公安局<script>alert(2)</script>"
    t = hostile_table(hostile, title=hostile)
    site = annex_view(t, 1)
    soup = assert_inert(site["html"], style_sheets=True)
    assert soup.find("table", class_="gt_table") and soup.find("th", colspan="1")
    assert soup.find("th", class_="gt_column_spanner_outer")["colspan"] == "1"
    sheet = soup.find("style").get_text()
    box = soup.find("div", id=True)
    assert f"#{box['id']} .gt_table" in sheet  # the table's own style sheet applies
    assert "市公安局" not in sheet  # the tool's own: nothing of the data in it
    assert soup.find("td", style=re.compile("color:#c00000"))
    assert hostile in soup.get_text() and site["caption"] == hostile  # shown as typed
    pdf = assert_inert(table_html(t))
    assert hostile in pdf.get_text() and pdf.find("td", style=re.compile("color:#c00000"))


@pytest.mark.parametrize("payload", [p for p in PAYLOADS if p.startswith("<")])
def test_table_cells_keep_no_active_markup(payload):
    t = Table(title=f"表{payload}", columns=[Column(id="c0", label=f"单位{payload}"),
                                             Column(id="c1", label="件数", spanners=(payload,))],
              rows=[[Cell(text=f"市公安局{payload}"), Cell.printed("1129")]],
              notes=[f"说明{payload}"])
    for written in (annex_view(t, 1)["html"], table_html(t)):
        soup = assert_inert(written, style_sheets=True)
        assert f"市公安局{payload}" in soup.get_text() and f"说明{payload}" in soup.get_text()


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
    [block] = read_report(folder).blocks
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
    [block] = read_report(folder).blocks
    before = BeautifulSoup(svg, "html.parser")
    after = BeautifulSoup(block.svg, "html.parser")
    assert [t.name for t in after.find_all(True)] == [t.name for t in before.find_all(True)]
    assert after.get_text() == before.get_text()
    assert "<script>alert(1)</script>通川区" in after.get_text()
    assert not after.find("script") and not after.find("img")


def test_chart_that_is_not_svg_is_refused(tmp_path):
    folder = write_month(tmp_path, "2021-02", [chart("<svg><g></svg>")])
    with pytest.raises(PublishError, match="SVG"):
        read_report(folder)


def test_markdown_is_cleaned_when_rendered(tmp_path):
    folder = write_month(tmp_path, "2021-02", [markdown(PAYLOADS[0] + "正文")])
    [block] = read_report(folder).blocks
    assert_inert(markdown_html(block.markdown))

"""The review quotes bad cells as typed: a cell holding a Markdown link, raw HTML, an
entity or emphasis is shown literally on review.html (escaped, never rendered), and an ID
or mobile number in it is masked whatever its form."""

from __future__ import annotations

from html.parser import HTMLParser

from bulletin import open_month
from bulletin.publish.notebook import markdown_html
from bulletin.report.sections.review import literal, review_markdown
from support.handmade import BOUNDARIES, done, make

HOSTILE = ["[点我](javascript:alert(1))", "<b>x</b>", "&amp;", "*斜体* _x_ `code`",
           "![图](x.png)", "<http://evil.example>", "$x$", "a|b", "见 http://x.example/a"]


class Items(HTMLParser):
    """The text of each <li>, and every tag met."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items: list[str] = []
        self.tags: list[str] = []
        self.open = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "li":
            self.items.append("")
            self.open = True

    def handle_endtag(self, tag):
        if tag == "li":
            self.open = False

    def handle_data(self, data):
        if self.open:
            self.items[-1] += data


def rendered_items(values: list[str], tmp_path) -> tuple[list[str], list[str]]:
    """The review of a month whose bad 申请方式 cells hold ``values``, rendered as the site
    renders review.md: the text of each listed item and every tag."""
    bad = [done(f"X{n}", "市甲局", "2021-03-01 09:00:00", "2021-03-02 09:00:00",
                channel=f'"{v}"' if "," in v or '"' in v else v) for n, v in enumerate(values)]
    text = review_markdown(open_month(make(tmp_path / "ds", BOUNDARIES[:8] + bad), "2021-03"), [])
    parser = Items()
    parser.feed(markdown_html(text))
    return parser.items, parser.tags


def test_bad_cells_are_shown_as_typed_on_the_review_page(tmp_path):
    items, tags = rendered_items(HOSTILE, tmp_path)
    shown = [item.split("值「", 1)[1].split("」不符合要求")[0] for item in items if "值「" in item]
    assert shown == HOSTILE
    assert not {"a", "b", "img", "em", "strong", "code", "script", "table"} & set(tags), tags


def test_a_number_in_a_quoted_cell_is_masked_in_any_form(tmp_path):
    items, _ = rendered_items(["窗口 139-1234-5678", "[１１０１０１１９９００１０１１２３７](x)"], tmp_path)
    shown = [item.split("值「", 1)[1].split("」不符合要求")[0] for item in items if "值「" in item]
    assert shown == ["窗口 139＊＊＊＊5678", "[［身份证号已隐去］](x)"]


def test_literal_escapes_markup_and_shows_line_breaks():
    assert literal("[a](b)") == r"\[a\]\(b\)"
    assert literal("<b>&amp;</b>") == r"\<b\>\&amp;\<\/b\>".replace("\\/", "/")
    assert literal("http://x www.y.cn a@b") == r"http\://x www\.y.cn a\@b"
    assert literal("甲\n# 乙\r\n丙") == r"甲↵\# 乙↵丙"
    assert literal("文件 ds/cases/a.csv 第 5 行：值「2021-03-01 10:00:00」") == \
        "文件 ds/cases/a.csv 第 5 行：值「2021-03-01 10:00:00」"  # plain text stays plain

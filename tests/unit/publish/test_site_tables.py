"""The month page's view of a table (publish.site.tables), written from a table value made
by hand: its title as the caption, great-tables' markup with the site's marks (data-col,
data-key), units linked, strings escaped."""

from __future__ import annotations

from bs4 import BeautifulSoup

from bulletin.core.blocks import Cell, Column, Table
from bulletin.core.meta import UnitFigures, UnitRow, unit_slug
from bulletin.publish.site.base import template_env
from bulletin.publish.site.tables import annex_view

TITLE = "某区便民服务中心办件情况"


def halls(title: str = TITLE, town: str = "甲镇", second: str = "乙村中心") -> Table:
    """A hall table: 便民服务中心 spans 镇（街道） and 中心 (second header row); 咨询 and 办结
    span both header rows. The town is named on its first row only."""
    columns = [Column(id="town", label="镇（街道）", spanners=("便民服务中心",), align="left"),
               Column(id="centre", label="中心", spanners=("便民服务中心",), align="left"),
               Column(id="consult", label="咨询（件）"), Column(id="completed", label="办结（件）")]
    rows = [[Cell(text=town), Cell(text="甲镇中心"), Cell.printed("12"), Cell.printed("3")],
            [Cell(text=""), Cell(text=second), Cell.printed("5"), Cell.printed("1")]]
    return Table(title=title, columns=columns, rows=rows, notes=["注：件数。"])


def test_the_title_becomes_the_caption_and_leaves_the_table():
    view = annex_view(halls(), 3)
    assert view["caption"] == view["label"] == TITLE
    assert view["id"] == "annex-3"
    assert 'class="gt_heading' not in view["html"] and TITLE not in view["html"]


def test_a_table_without_a_title_is_labelled_by_its_number():
    view = annex_view(halls(title=""), 2)
    assert (view["caption"], view["label"], view["id"]) == ("", "表 2", "annex-2")


def test_the_header_spans_as_great_tables_draws_it():
    soup = BeautifulSoup(annex_view(halls(), 1)["html"], "html.parser")
    first, second = soup.select("thead tr")
    assert [(th.get_text(strip=True), th["rowspan"], th["colspan"]) for th in first("th")] == [
        ("便民服务中心", "1", "2"), ("咨询（件）", "2", "1"), ("办结（件）", "2", "1")]
    assert [th.get_text(strip=True) for th in second("th")] == ["镇（街道）", "中心"]
    assert not soup.select("[headers]")  # no reference to ids the page does not have


def test_each_column_label_gets_its_column():
    soup = BeautifulSoup(annex_view(halls(), 1)["html"], "html.parser")
    columns = {th.get_text(strip=True): th.get("data-col") for th in soup.select("th")}
    assert columns == {"便民服务中心": None, "镇（街道）": "0", "中心": "1", "咨询（件）": "2",
                       "办结（件）": "3"}


def test_the_key_column_is_the_fullest_left_aligned_one():
    assert halls().key_column() == 1  # 中心: 2 names; 镇（街道）: 1 (its second row is blank)
    html = annex_view(halls(), 1)["html"]
    assert '<th data-col="1" data-key ' in html
    assert html.count("<td data-key ") == 2  # both body rows' 中心, not the notes' cell
    assert '<td class="gt_sourcenote"' in html
    no_left = halls().model_copy(update={"columns": [c.model_copy(update={"align": "center"})
                                                     for c in halls().columns]})
    assert no_left.key_column() is None and "data-key" not in annex_view(no_left, 1)["html"]


def test_a_unit_with_a_row_of_this_table_is_linked_to_its_page():
    units = [UnitFigures(name=name, slug=unit_slug(name), level="村（社区）",
                         rows=[UnitRow(table=table)])
             for name, table in (("甲镇中心", TITLE), ("乙村中心", TITLE), ("甲镇", "另一张表"))]
    html = annex_view(halls(second="\u3000乙村中心"), 1, units)["html"]
    links = {a.get_text(): a["href"] for a in BeautifulSoup(html, "html.parser")("a")}
    assert links == {name: f"../units/{unit_slug(name)}.html" for name in ("甲镇中心", "乙村中心")}
    assert f'\u3000<a class="unit-link" href="../units/{unit_slug("乙村中心")}.html">' in html
    town = BeautifulSoup(html, "html.parser").select("tbody td")[0]
    assert town.get_text() == "甲镇" and not town("a")  # its row is in another table


def test_a_hostile_title_and_cell_stay_text_on_the_page():
    view = annex_view(halls(title='<img src=x onerror=alert(1)>"表" & 1',
                            second="<script>alert(2)</script>乙村"), 1)
    assert "<script" not in view["html"] and "<img" not in view["html"]
    assert "&lt;script&gt;alert(2)&lt;/script&gt;乙村" in view["html"]  # one phrase, escaped
    cells = BeautifulSoup(view["html"], "html.parser").select("tbody td")
    assert cells[-3].get_text() == "<script>alert(2)</script>乙村" and not cells[-3]("script")
    assert view["caption"] == '<img src=x onerror=alert(1)>"表" & 1'  # as typed, as text
    # the month page escapes it, in the caption and in the region's aria-label
    page = template_env().get_template("month.html").render(blocks=[dict(view, kind="table")])
    shown = "&lt;img src=x onerror=alert(1)&gt;&#34;表&#34; &amp; 1"
    assert f'<p class="annex-caption" id="annex-1-caption">{shown}</p>' in page
    assert f'role="region" tabindex="0" aria-label="{shown}"' in page
    assert "onerror=alert(1)>" not in page and "<script>alert" not in page


def test_the_same_table_gets_the_same_id_in_every_build():
    first, again = annex_view(halls(), 1)["html"], annex_view(halls(), 1)["html"]
    assert first == again
    assert annex_view(halls(), 2)["html"] != first  # another place on the page, another id


def test_a_form_s_lines_are_shown_under_its_caption():
    form = halls().model_copy(update={"intro": ["填报单位：", "本单位共××项事项。"]})
    assert annex_view(form, 1)["intro"] == ["填报单位：", "本单位共××项事项。"]
    assert annex_view(halls(), 1)["intro"] == []

"""The month page's view of an annex table (publish.site_tables), on hand-made great-tables
HTML laid out as great-tables writes it, after the sanitiser."""

from __future__ import annotations

from bulletin.publish.sanitise import clean_table_html
from bulletin.publish.site.base import template_env
from bulletin.publish.site.tables import annex_view, header_leaves, key_column

# A hall table: 便民服务中心 spans 镇（街道） and 中心 (second header row); 咨询 and 办结 span
# both header rows. The town is named on its first row only.
HALLS = """<table class="gt_table"><thead>
<tr class="gt_heading"><td colspan="4" class="gt_heading gt_title gt_font_normal">某区便民服务中心办件情况</td></tr>
<tr class="gt_col_headings gt_spanner_row">
<th class="gt_center gt_column_spanner_outer" rowspan="1" colspan="2" scope="colgroup"><span class="gt_column_spanner">便民服务中心</span></th>
<th class="gt_col_heading gt_center" rowspan="2" colspan="1" scope="col">咨询（件）</th>
<th class="gt_col_heading gt_center" rowspan="2" colspan="1" scope="col">办结（件）</th>
</tr>
<tr class="gt_col_headings">
<th class="gt_col_heading gt_left" rowspan="1" colspan="1" scope="col">镇（街道）</th>
<th class="gt_col_heading gt_left" rowspan="1" colspan="1" scope="col">中心</th>
</tr></thead>
<tbody class="gt_table_body">
<tr><td headers="便民服务中心 town" class="gt_row gt_left">甲镇</td><td headers="便民服务中心 centre" class="gt_row gt_left">甲镇中心</td><td headers="consult" class="gt_row gt_center">12</td><td headers="completed" class="gt_row gt_center">3</td></tr>
<tr><td headers="便民服务中心 town" class="gt_row gt_left"></td><td headers="便民服务中心 centre" class="gt_row gt_left">乙村中心</td><td headers="consult" class="gt_row gt_center">5</td><td headers="completed" class="gt_row gt_center">1</td></tr>
</tbody>
<tfoot><tr class="gt_sourcenotes"><td class="gt_sourcenote" colspan="4">注：件数。</td></tr></tfoot>
</table>"""


def test_the_title_becomes_the_caption_and_leaves_the_table():
    view = annex_view(HALLS, 3)
    assert view["caption"] == view["label"] == "某区便民服务中心办件情况"
    assert view["id"] == "annex-3"
    assert "gt_heading" not in view["html"] and "某区便民服务中心办件情况" not in view["html"]


def test_headers_pointing_at_dropped_ids_are_removed():
    html = annex_view(HALLS, 1)["html"]
    assert HALLS.count("headers=") == 8 and "headers=" not in html


def test_leaf_header_cells_get_their_column():
    # rows of the header: 0 = [便民服务中心 (cols 0–1), 咨询 (col 2), 办结 (col 3)],
    # 1 = [镇（街道） (col 0), 中心 (col 1)]; the spanner is no leaf
    assert header_leaves(HALLS[:HALLS.index("<tbody")].split("</tr>", 1)[1]) == [
        (0, 1, 2), (0, 2, 3), (1, 0, 0), (1, 1, 1)]
    html = annex_view(HALLS, 1)["html"]
    for column, label in enumerate(["镇（街道）", "中心", "咨询（件）", "办结（件）"]):
        assert f'data-col="{column}"' in html.split(f">{label}</th>")[0].rsplit("<th", 1)[1]


def test_the_key_column_is_the_fullest_left_aligned_one():
    body = HALLS[HALLS.index("<tbody"):]
    assert key_column(body) == 1  # 中心: 2 names; 镇（街道）: 1 (its second row is blank)
    html = annex_view(HALLS, 1)["html"]
    assert '<th data-col="1" data-key ' in html
    assert html.count("<td data-key ") == 2  # both body rows' 中心, not the notes' cell
    assert '<td data-key headers' not in html
    assert '<td class="gt_sourcenote"' in html


def test_a_table_without_body_or_title_is_left_as_it_is():
    table = '<table class="gt_table"><tr><td class="gt_row">1</td></tr></table>'
    assert annex_view(table, 2) == {"html": table, "caption": "", "label": "表 2",
                                    "id": "annex-2"}


def test_a_hostile_title_and_cell_stay_text_on_the_page():
    hostile = HALLS.replace("某区便民服务中心办件情况", '<img src=x onerror=alert(1)>"表" & 1')
    hostile = hostile.replace("乙村中心", "<script>alert(2)</script>乙村")
    view = annex_view(clean_table_html(hostile), 1)
    assert "<script" not in view["html"] and "<img" not in view["html"]
    assert view["caption"] == '<img src=x onerror=alert(1)>"表" & 1'  # as typed, as text
    # the month page escapes it, in the caption and in the region's aria-label
    page = template_env().get_template("month.html").render(blocks=[dict(view, kind="table")])
    shown = "&lt;img src=x onerror=alert(1)&gt;&#34;表&#34; &amp; 1"
    assert f'<p class="annex-caption" id="annex-1-caption">{shown}</p>' in page
    assert f'role="region" tabindex="0" aria-label="{shown}"' in page
    assert "onerror=alert(1)>" not in page and "<script>alert" not in page

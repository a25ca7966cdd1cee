"""The site's chart specs are made on empty data and given their rows after altair has
validated them (``site.base.with_rows``): the same dict as altair makes of the chart on its
rows. A unit page's and the trends page's charts carry their spec and no static SVG (their
tables hold the same figures; drawn at every publish, they grew with the archive)."""

from __future__ import annotations

import json

import altair as alt

from bulletin.core.meta import UnitCell, UnitRow
from bulletin.publish.site.base import chart_view, faceted_lines, themed, with_rows
from bulletin.publish.site.trends import tracked_spec, unit_lines_spec
from bulletin.publish.site.units import UnitHistory

ROWS = [{"月份": m, "指标": f, "数值": v, "显示": f"{v}"}
        for m, f, v in [("2021-01", "申请件（件）", 12), ("2021-02", "申请件（件）", 15),
                        ("2021-01", "按时办结率（%）", 97.5), ("2021-02", "按时办结率（%）", 99.0)]]


def test_faceted_lines_equal_altair_on_the_rows():
    figures = [("按时办结率（%）", "rate"), ("申请件（件）", "count")]
    charts = [alt.Chart().transform_filter(alt.FieldEqualPredicate(field="指标", equal=name))
              .mark_line(point=alt.OverlayMarkDef(color="#c00000"), color="#c00000").encode(
                  x=alt.X("月份:O", title=None, axis=alt.Axis(labelAngle=0)),
                  y=alt.Y("数值:Q", title=None, scale=scale),
                  tooltip=[alt.Tooltip("月份:O"), alt.Tooltip("指标:N"),
                           alt.Tooltip("显示:N", title="数值")],
              ).properties(width=240, height=110, title=name)
              # 97.5 → 99.0: middle 98.25 ± 5 → [93, 104], past 100 by 4 → [89, 100]
              for name, scale in [(figures[0][0], alt.Scale(domain=[89, 100], zero=False,
                                                            nice=False)),
                                  (figures[1][0], alt.Scale(zero=True))]]
    chart = alt.concat(*charts, columns=2, data=alt.Data(values=ROWS)).properties(title="某局各月指标")
    made, expected = faceted_lines(ROWS, figures, "某局各月指标", 240, 110), themed(chart).to_dict()
    assert made == expected
    # and in altair's order of keys: the page's bytes as altair's spec would make them
    assert json.dumps(made, ensure_ascii=False) == json.dumps(expected, ensure_ascii=False)


def test_with_rows_puts_the_rows_where_altair_would():
    rows = [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}]
    empty = alt.Chart(alt.Data(values=[])).mark_bar().encode(x="a:Q", y="b:N")
    full = alt.Chart(alt.Data(values=rows)).mark_bar().encode(x="a:Q", y="b:N")
    assert with_rows(empty, rows) == full.to_dict()


def test_the_trends_unit_lines_and_tracked_specs_hold_their_rows():
    history = UnitHistory("市公安局", "u0123456789", "市级部门")
    for month, value in [("2021-01", 3.0), ("2021-02", 1.0)]:
        history.rows.append((month, UnitRow(table="考核", cells=[
            UnitCell(column="排名", kind="rank", display=f"{value:.0f}", value=value)])))
    spec = unit_lines_spec([history], "排名", "rank", "排名（位）", "位")
    assert spec["data"] == {"values": [
        {"月份": "2021-01", "单位": "市公安局", "数值": 3.0, "显示": "3"},
        {"月份": "2021-02", "单位": "市公安局", "数值": 1.0, "显示": "1"}]}
    assert spec["encoding"]["y"]["scale"]["reverse"] is True
    points = [{"月份": "2021-01", "指标": "办结率", "数值": 90.0, "显示": "90%"}]
    assert tracked_spec(points)["data"] == {"values": points}


def test_a_chart_without_its_static_svg():
    spec = faceted_lines(ROWS, [("申请件（件）", "count")], "t", 240, 110)
    view = chart_view(spec, "unit-spec-0")
    assert "svg" not in view and view["spec_id"] == "unit-spec-0"
    assert '"月份":"2021-01"' in str(view["spec_json"]).replace(" ", "")

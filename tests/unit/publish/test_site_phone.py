"""A chart's phone layout (``site.phone``), made from its desk spec: one single chart per
view at the container's width, no text under 12 px, bars on their side with the figures
at their ends, each view drawing its own figure's rows (the desk spec's, which the page's
script puts in: the page carries them once), a long title broken between phrases; drawn
by vl-convert at a phone's width, nothing in it is smaller than 12 px or turned."""

from __future__ import annotations

import json
import re

import altair as alt
import polars as pl

from bulletin.publish.site.base import faceted_lines
from bulletin.publish.site.phone import DESK_ROWS, FONT_PX, phone_specs
from bulletin.report.charts import spec_svg as chart_svg
from bulletin.report.sections.operation.charts import _grouped_bars

ROWS = [{"月份": m, "指标": f, "数值": v, "显示": str(v)}
        for m, f, v in [("2021-01", "申请件（件）", 1200), ("2021-02", "申请件（件）", 1230),
                        ("2021-01", "按时办结率（%）", 99.13), ("2021-02", "按时办结率（%）", 99.36)]]


def bars() -> dict:
    frame = pl.DataFrame({"地区": ["通川区", "通川区", "达川区", "达川区"],
                          "时期": ["本月（2021年2月）", "上月（2021年1月）"] * 2,
                          "件数": [183, 222, 719, 786]})
    return _grouped_bars(frame, "地区", ["通川区", "达川区"],
                         "图3. 县（市、区）办结政务服务事项").to_dict()


def at_width(spec: dict, width: int = 330, desk: dict | None = None) -> dict:
    """The phone view as the page's script draws it at ``width``: the desk spec's rows put
    in where it refers to them (assets/charts.js)."""
    view = json.loads(json.dumps(spec).replace('"container"', str(width)))
    if view.get("data") == DESK_ROWS:
        view["data"] = desk["data"]
    return view


def drawn_rows(view: dict, desk: dict) -> list:
    """The rows a phone view draws: the desk's, through its figure's filter."""
    rows = desk["data"]["values"] if view["data"] == DESK_ROWS else view["data"]["values"]
    for t in view.get("transform", []):
        test = t["filter"]
        rows = [r for r in rows if r[test["field"]] == test["equal"]]
    return rows


def test_small_multiples_become_one_chart_each_with_its_rows():
    desk = faceted_lines(ROWS, [("申请件（件）", "count"), ("按时办结率（%）", "rate")],
                         "主要指标各月数值", 300, 150)
    specs = phone_specs(desk)
    assert [s["title"] for s in specs] == ["申请件（件）", "按时办结率（%）"]
    assert all(s["data"] == DESK_ROWS for s in specs)  # the rows are the desk spec's, once
    assert [[r["数值"] for r in drawn_rows(s, desk)] for s in specs] == [[1200, 1230],
                                                                      [99.13, 99.36]]
    for s in specs:
        assert s["width"] == "container" and s["config"]["axis"]["labelFontSize"] == FONT_PX
        # the month labels level, and thinned when they would overlap or touch
        axis = s["encoding"]["x"]["axis"]
        assert axis["labelAngle"] == 0 and axis["labelOverlap"] is True
        assert axis["labelSeparation"] >= 4
    assert specs[1]["encoding"]["y"]["scale"]["domain"] == [89, 100]  # the desk's axis kept


def test_bars_turn_on_their_side():
    (spec,) = phone_specs(bars())
    bar, text = spec["layer"]
    assert bar["encoding"]["y"]["field"] == "地区" and bar["encoding"]["x"]["field"] == "件数"
    assert bar["encoding"]["yOffset"]["field"] == "时期" and "xOffset" not in bar["encoding"]
    assert text["mark"]["align"] == "left" and text["mark"]["fontSize"] == FONT_PX
    # 「图3. 县（市、区）办结政务服务事项与上月对比情况」 (26 characters) in two lines
    assert spec["title"] == ["图3. 县（市、区）办结政务服务事项与", "上月对比情况"]


def test_a_view_with_data_of_its_own_keeps_it():
    """A view whose rows are not the desk spec's (its own data, or a spec without rows)
    carries them itself: only the desk spec's rows are referred to."""
    own = {"values": [{"a": 1}]}
    desk = {"data": {"values": [{"a": 2}]}, "columns": 2, "concat": [
        {"mark": "bar", "data": own, "encoding": {"x": {"field": "a", "type": "quantitative"}}},
        {"mark": "bar", "encoding": {"x": {"field": "a", "type": "quantitative"}}}]}
    first, second = phone_specs(desk)
    assert first["data"] == own and first["data"] is not own and second["data"] == DESK_ROWS
    assert "data" not in phone_specs({"mark": "bar"})[0]
    url = {"data": {"url": "x.csv"}, "mark": "bar"}
    assert phone_specs(url)[0]["data"] == {"url": "x.csv"}


def test_the_desk_spec_is_left_as_it_is():
    spec = bars()
    before = json.dumps(spec, sort_keys=True)
    phone_specs(spec)
    assert json.dumps(spec, sort_keys=True) == before


def test_drawn_at_a_phones_width_no_text_is_under_12_px_or_turned():
    line = alt.Chart(alt.Data(values=ROWS)).mark_line().encode(
        x=alt.X("月份:O", title=None), y=alt.Y("数值:Q", title="件")).properties(
        width=560, height=220, title="各单位申请件").to_dict()
    for desk in [bars(), faceted_lines(ROWS, [("申请件（件）", "count")], "t", 300, 150), line]:
        for spec in phone_specs(desk):
            svg = chart_svg(at_width(spec, desk=desk))
            sizes = [float(s) for s in re.findall(r'<text[^>]*font-size="([\d.]+)px"', svg)]
            assert sizes and min(sizes) >= FONT_PX, sizes
            assert "rotate(" not in svg
            assert 'width="330"' in svg.split(">", 1)[0]  # drawn at the width it is given

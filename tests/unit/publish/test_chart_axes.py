"""Every chart's value axis and axis titles: a count axis from zero, a rate (or score) axis
zero-based or over at least the catalogue's minimum span (``AXIS_MIN_SPAN``), so 99.13 %
and 99.36 % are not drawn as a swing across the whole chart; an axis title in Chinese level
(titleAngle 0 in the spec, no rotate() on it in the SVG vl-convert draws). The specs are
the bulletin's 图1–图4 of data/synthetic 2021-02 and the site's trends, tracked, unit and
rank charts; the expected domains are worked out by hand below."""

from __future__ import annotations

import re

import pytest

from bulletin import open_month
from bulletin.core.definitions import AXIS_MIN_SPAN
from bulletin.core.meta import UnitCell, UnitRow
from bulletin.publish.site.base import faceted_lines
from bulletin.publish.site.trends import tracked_spec, unit_lines_spec
from bulletin.publish.site.units import UnitHistory, figures_spec, rank_spec
from bulletin.report.charts import spec_svg as chart_svg
from bulletin.report.charts import value_scale
from bulletin.report.sections.operation.charts import (
    comparison_chart,
    counties_chart,
    evaluations_chart,
)
from support.paths import DATA
from support.scopes import shared

CJK = re.compile(r"[\u4e00-\u9fff]")


# (values, kind) → the scale, by hand: middle ± 5 floored / ceiled, moved inside 0–100
@pytest.mark.parametrize(("values", "kind", "scale"), [
    ([12, 15, None], "count", {"zero": True}),
    ([0.4, 0.6], "number", {"zero": True}),
    # middle 99.245: 94.245 → 94, 104.245 → 105; past 100 by 5 → [89, 100]
    ([99.13, 99.36], "rate", {"domain": [89, 100], "zero": False, "nice": False}),
    # middle 42.5 → [37.5, 47.5] → [37, 48]
    ([42.1, 42.9], "rate", {"domain": [37, 48], "zero": False, "nice": False}),
    # middle 0.75 → [-4.25, 5.75] → [-5, 6]; under 0 by 5 → [0, 11]
    ([0.5, 1.0], "rate", {"domain": [0, 11], "zero": False, "nice": False}),
    # a rate that may be negative (办理提速率) keeps its centre: [-7.75, 2.25] → [-8, 3]
    ([-3.0, -2.5], "rate", {"domain": [-8, 3], "zero": False, "nice": False}),
    # a score is not held under 100: [88.75, 98.75] → [88, 99]
    ([93.5, 94.0], "score", {"domain": [88, 99], "zero": False, "nice": False}),
    # values over the minimum span already: the data's own extent
    ([30.0, 60.0], "rate", {"zero": False}),
])
def test_value_scale(values, kind, scale):
    assert value_scale(values, kind) == scale


def views(spec: dict) -> list[dict]:
    """The single views of a spec (concat parts, layers) with the config over them."""
    parts = spec.get("concat") or spec.get("vconcat") or spec.get("hconcat") or [spec]
    return [layer for part in parts for layer in part.get("layer", [part])]


def value_axes(spec: dict) -> list[dict]:
    """The quantitative encodings (x or y) of every view of ``spec``."""
    return [enc for view in views(spec) for ch in ("x", "y")
            if (enc := view.get("encoding", {}).get(ch, {})).get("type") == "quantitative"]


def assert_axis_of(enc: dict, kind: str, values: list[float]) -> None:
    scale = enc.get("scale", {})
    if kind in ("count", "number"):
        assert scale.get("zero") is True and "domain" not in scale, enc
        return
    domain = scale.get("domain")
    span = max(values) - min(values)
    assert (scale.get("zero") is True or span >= AXIS_MIN_SPAN[kind]
            or domain[1] - domain[0] >= AXIS_MIN_SPAN[kind]), enc
    if domain:
        assert domain[0] <= min(values) and max(values) <= domain[1]


@pytest.fixture(scope=shared)
def month_charts() -> list[dict]:
    b = open_month(DATA / "synthetic", "2021-02")
    return [chart.to_dict() for chart in (
        comparison_chart(b, "全市", "图1. 全市办理政务服务事项"),
        counties_chart(b, "图3. 县（市、区）办结政务服务事项"),
        evaluations_chart(b, "图4. 主动评价数情况"))]


def test_the_bulletins_count_axes_start_at_zero(month_charts):
    """The bars' and their figures' layers share the axis: every scale given on it is zero-based."""
    for spec in month_charts:
        scales = [enc["scale"] for enc in value_axes(spec) if "scale" in enc]
        assert scales and all(scale == {"zero": True} for scale in scales), spec["title"]


ROWS = [{"月份": m, "指标": f, "数值": v, "显示": str(v)}
        for m, f, v in [("2021-01", "申请件（件）", 1200), ("2021-02", "申请件（件）", 1230),
                        ("2021-01", "按时办结率（%）", 99.13), ("2021-02", "按时办结率（%）", 99.36),
                        ("2021-01", "综合得分（分）", 93.5), ("2021-02", "综合得分（分）", 94.0)]]
FIGURES = [("申请件（件）", "count"), ("按时办结率（%）", "rate"), ("综合得分（分）", "score")]


def test_each_small_multiple_has_the_axis_of_its_kind():
    spec = faceted_lines(ROWS, FIGURES, "主要指标各月数值", 300, 150)
    parts = spec["concat"]
    assert [p["title"] for p in parts] == [name for name, _ in FIGURES]
    for part, (name, kind) in zip(parts, FIGURES, strict=True):
        assert part["transform"] == [{"filter": {"field": "指标", "equal": name}}]
        assert_axis_of(part["encoding"]["y"], kind, [r["数值"] for r in ROWS if r["指标"] == name])
    assert parts[1]["encoding"]["y"]["scale"]["domain"] == [89, 100]


def test_the_rate_axis_drawn_spans_ten_points():
    """vl-convert draws the 99.13 → 99.36 facet on an axis from 89 to 100 (its ARIA label
    names the scale's extent), the count facet on one from 0."""
    svg = chart_svg(faceted_lines(ROWS, FIGURES, "主要指标各月数值", 300, 150))
    extents = re.findall(r"Y-axis for a linear scale with values from ([\d,.]+) to ([\d,.]+)", svg)
    assert extents[1] == ("89", "100")
    assert extents[0][0] == "0"


def history(kind: str, unit: str, values: list[float]) -> UnitHistory:
    h = UnitHistory("市公安局", "u0123456789", "市级部门")
    for month, value in zip(["2021-01", "2021-02", "2021-03"], values, strict=False):
        h.rows.append((month, UnitRow(table="考核", cells=[
            UnitCell(column="综合", kind=kind, unit=unit, display=str(value), value=value),
            UnitCell(column="排名", kind="rank", display=str(value), value=3.0)])))
    return h


@pytest.mark.parametrize(("kind", "unit", "values"), [
    ("count", "件", [40.0, 41.0]), ("rate", "%", [99.13, 99.36]), ("score", "分", [93.5, 94.0])])
def test_unit_lines_and_a_units_figures_follow_the_kind(kind, unit, values):
    h = history(kind, unit, values)
    spec = unit_lines_spec([h], "综合", kind, f"综合（{unit}）", unit)
    assert_axis_of(spec["encoding"]["y"], kind, values)
    assert spec["encoding"]["y"]["title"] == unit
    (axis,) = value_axes(figures_spec(h))
    assert_axis_of(axis, kind, values)


def test_tracked_levels_are_a_rate_axis():
    points = [{"月份": m, "指标": "网办率", "数值": v, "显示": f"{v}%"}
              for m, v in [("2021-01", 99.13), ("2021-02", 99.36)]]
    assert tracked_spec(points)["encoding"]["y"]["scale"]["domain"] == [89, 100]


def level_titles(spec: dict) -> list[tuple[str, int]]:
    """(title, angle) of every axis with a Chinese title: the angle its encoding gives,
    else the config's axisY/axisX, else vega-lite's default (−90 for a y axis)."""
    config = spec.get("config", {})
    found = []
    for view in views(spec):
        for ch in ("x", "y"):
            enc = view.get("encoding", {}).get(ch)
            if not enc or not CJK.search(str(enc.get("title") or "")):
                continue
            axis = enc.get("axis") or {}
            default = {**config.get("axis", {}), **config.get(f"axis{ch.upper()}", {})}
            angle = axis.get("titleAngle", default.get("titleAngle", -90 if ch == "y" else 0))
            found.append((enc["title"], angle))
    return found


def site_specs() -> list[dict]:
    return [unit_lines_spec([history("count", "件", [4.0, 5.0])], "综合", "count", "综合（件）", "件"),
            rank_spec(history("count", "件", [4.0, 5.0])),
            tracked_spec([{"月份": "2021-01", "指标": "网办率", "数值": 90.0, "显示": "90%"}])]


def test_chinese_axis_titles_are_level(month_charts):
    specs = [*month_charts, *site_specs()]
    titles = [t for spec in specs for t in level_titles(spec)]
    assert {title for title, _ in titles} >= {"件", "条", "位"}
    assert all(angle == 0 for _, angle in titles), titles
    for spec in specs:
        svg = chart_svg(spec)
        drawn = re.findall(r'role-axis-title"[^>]*>(?:<[^>]*>)*?<text[^>]*transform="([^"]*)"', svg)
        assert drawn and not any("rotate" in t for t in drawn), drawn

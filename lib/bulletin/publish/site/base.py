"""What every page of the site shares: the templates, JSON safe inside a page, the static
SVG of a chart, a month's label. ``site.build`` (index, month pages), ``site.units`` (a page per
unit) and ``site.trends`` (the trends page) all build on these.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from bulletin.core.fonts import SANS
from bulletin.publish.site.phone import phone_specs
from bulletin.publish.site.phrases import header, phrases
from bulletin.report.charts import LEVEL_TITLE, value_scale

TEMPLATES = Path(__file__).parent.parent / "templates" / "site"


CHART_FONT = SANS


@cache  # one per process: each template is compiled once, not once per page
def template_env() -> Environment:
    """The site's Jinja templates, HTML autoescaped."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["phrases"] = phrases  # titles broken only between phrases (site.phrases)
    env.filters["header"] = header  # column headers likewise, by the tables' header rule
    return env


def script_json(value: dict | list) -> Markup:
    """JSON safe inside <script type="application/json">."""
    text = json.dumps(value, ensure_ascii=False)
    return Markup(text.replace("</", "<\\/").replace("<!--", "<\\!--"))


def shown_title(meta) -> str:
    """A publication's name on the site (its top bar, the root list, a month page's tab)
    as its PDF's first page shows it: a 简报's red name (region and ``profile.title``); a
    公文's 发文机关标志 (``document.mark``, else the authority), the only name it carries."""
    return "".join(meta.title_lines) if meta.kind == "公文" else meta.title


def month_label(month: str) -> str:
    year, mon = month.split("-")
    return f"{year} 年 {int(mon)} 月"


def chart_view(spec: dict, spec_id: str) -> dict:
    """What a page's chart needs: the spec for vega-embed and its phone layout
    (``site.phone``, which the script draws on a narrow page). The page's script alone
    draws it; without scripts the page says so, and its table shows the same figures.
    These are the unit pages' and the trends page's charts, which every publish makes
    again and which grow with the months published: drawn here, a unit page's cost
    0.3–1 s and the trends page's 1.2 s at 36 months — a publish's cost grew with the
    archive. (A month page's charts are the notebook's own SVG.)"""
    return {"spec_id": spec_id, "spec_json": script_json(spec),
            "phone_json": script_json(phone_specs(spec))}


def with_rows(chart, rows: list[dict]) -> dict:
    """The vega-lite dict of ``chart`` — made on ``alt.Data(values=[])`` and validated by
    altair — with ``rows`` as its data: the same dict as a chart made on the rows, without
    altair validating every row against the schema (~0.1–0.4 s a chart of some hundred)."""
    spec = chart.to_dict()
    spec["data"] = {"values": rows}
    return spec


def faceted_lines(rows: list[dict], figures: list[tuple[str, str]], title: str, width: int,
                  height: int) -> dict:
    """Small red line charts of ``rows`` (月份, 指标, 数值, 显示), one per 指标 of ``figures``
    ((指标, kind), in order), two a row, each with the value axis of its kind
    (``report.charts.value_scale``: a count from zero, a rate over at least its minimum
    span): the trends page and the unit pages."""
    spec = json.loads(_faceted_template(width, height))
    panel = json.dumps(spec["concat"][0], ensure_ascii=False)
    spec["concat"] = []
    for name, kind in figures:
        values = [r["数值"] for r in rows if r["指标"] == name]
        view = json.loads(panel)  # the template's panel, its keys in altair's order
        view["transform"][0]["filter"]["equal"] = name
        # its keys in the order altair writes a scale's (sorted)
        view["encoding"]["y"]["scale"] = dict(sorted(value_scale(values, kind).items()))
        view["title"] = name
        spec["concat"].append(view)
    spec["title"], spec["data"] = title, {"values": rows}
    return spec


@cache
def _faceted_template(width: int, height: int) -> str:
    """``faceted_lines``'s spec with one panel, made and validated by altair once a process
    (JSON): each call copies its panel for each figure and sets the figure's name, its
    value axis and the title — the same dict as altair makes of the whole chart (tested),
    without altair building and validating a chart of every figure for every unit page
    (0.3 s a unit page with 36 months)."""
    import altair as alt

    panel = alt.Chart().transform_filter(
        alt.FieldEqualPredicate(field="指标", equal="指标")).mark_line(
        point=alt.OverlayMarkDef(color="#c00000"), color="#c00000").encode(
        x=alt.X("月份:O", title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("数值:Q", title=None, scale=alt.Scale(zero=True)),
        tooltip=[alt.Tooltip("月份:O"), alt.Tooltip("指标:N"),
                 alt.Tooltip("显示:N", title="数值")],
    ).properties(width=width, height=height, title="指标")
    chart = alt.concat(panel, columns=2, data=alt.Data(values=[])).properties(title="标题")
    return json.dumps(themed(chart).to_dict(), ensure_ascii=False)


def themed(chart):
    """The site's chart style: the CJK font, axis titles level (``report.charts.LEVEL_TITLE``)."""
    return (chart.configure(font=CHART_FONT)
            .configure_axis(labelFontSize=11, titleFontSize=11)
            .configure_axisY(**LEVEL_TITLE)
            .configure_title(fontSize=13, subtitleFontSize=11, anchor="middle", offset=8)
            .configure_legend(labelFontSize=11, titleFontSize=11))

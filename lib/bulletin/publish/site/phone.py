"""A chart's phone layout, made from its desk (and print) spec: what the site's script draws
when the page is narrow (``assets/charts.js``: under 600 CSS px).

A vega-lite spec has no media queries, and an SVG drawn for 520 px and scaled down to a
390 px phone shrinks its text to about 5 px. So a page carries, beside each chart's spec,
``phone_specs`` of it: a list of single charts drawn one under another at the container's
real width (``width: "container"``), each with no text under 12 px:

* a chart of several views (the trends' and a unit's small multiples, a ``concat``) becomes
  one chart per view, each with only its rows;
* a bar chart with its categories across (图1–图4) turns its bars on their side: the
  categories down the left, read level, the counts across, each bar's figure at its end;
* a month axis keeps the labels that fit (``labelOverlap``), never turned on their side;
* a title wider than the phone breaks between phrases (``core.phrases``).

Nothing is computed again: the values, their order and the scales' domains are the spec's.
"""

from __future__ import annotations

import copy

from bulletin.core.phrases import phrase_list
from bulletin.report.charts import LEVEL_TITLE

FONT_PX = 12  # every axis label, title, legend label and mark text of a phone chart
TITLE_PX = 14
TITLE_CHARS = 22  # a phone title line: about 22 CJK characters of 14 px in ~330 px
BAR_STEP = 22  # px of each bar on its side (a category of two months: two bars)

PHONE_CONFIG = {
    "axis": {"labelFontSize": FONT_PX, "titleFontSize": FONT_PX, "labelLimit": 160},
    "axisY": LEVEL_TITLE,  # a value axis's title level above it, never on its side
    "legend": {"labelFontSize": FONT_PX, "titleFontSize": FONT_PX, "orient": "top",
               "labelLimit": 300, "columns": 1},
    "title": {"fontSize": TITLE_PX, "subtitleFontSize": FONT_PX},
    "text": {"fontSize": FONT_PX},
}

VIEWS = ("concat", "hconcat", "vconcat")


# A phone view's data when it is the desk spec's rows: the page's script puts them in
# (assets/charts.js), so a page carries its chart's rows once, in the desk spec.
DESK_ROWS = {"name": "desk"}


def phone_specs(spec: dict) -> list[dict]:
    """The phone layout of a vega-lite ``spec``: one or more single charts, each a whole
    spec (its config, title and transforms — a view of a concat its figure's filter)
    drawn at the container's width, its data the desk spec's (``DESK_ROWS``) when that is
    where its rows are."""
    top = {k: v for k, v in spec.items() if k not in (*VIEWS, "columns", "title")}
    parts = next((spec[k] for k in VIEWS if k in spec), None)
    views = []
    for whole in [spec] if parts is None else [{**top, **part} for part in parts]:
        view = {k: v if k == "data" else copy.deepcopy(v) for k, v in whole.items()}
        if "data" in view:  # the desk spec's rows by reference; a view's own data copied
            own = view["data"] is not spec.get("data")
            view["data"] = copy.deepcopy(view["data"]) if own else _desk_rows(view["data"])
        views.append(_phone_view(view))
    return views


def _desk_rows(data: dict | None) -> dict | None:
    """The desk spec's data as a phone view refers to it: its rows by ``DESK_ROWS``."""
    if not data or "values" not in data:
        return copy.deepcopy(data)
    return dict(DESK_ROWS)


def _phone_view(view: dict) -> dict:
    view["width"] = "container"
    view["autosize"] = {"type": "fit-x", "contains": "padding"}
    view["config"] = _merged(view.get("config", {}), PHONE_CONFIG)
    view.pop("height", None)
    if "title" in view:
        view["title"] = _phone_title(view["title"])
    layers = view.get("layer", [view])
    if any(_is_upright_bars(layer) for layer in layers):
        for layer in layers:
            _on_side(layer)
        view["height"] = {"step": BAR_STEP}  # a step per bar of a category
    else:
        view["height"] = 180
        for layer in layers:
            _level_month_axis(layer)
    for layer in layers:
        _text_size(layer)
    return view


def _merged(config: dict, phone: dict) -> dict:
    out = copy.deepcopy(config)
    for key, values in phone.items():
        out[key] = {**out.get(key, {}), **values}
    return out


def _phone_title(title):
    text = title.get("text", "") if isinstance(title, dict) else title
    if not isinstance(text, str) or len(text) <= TITLE_CHARS:
        return title
    lines = [""]
    for phrase in phrase_list(text):
        if lines[-1] and len(lines[-1]) + len(phrase) > TITLE_CHARS:
            lines.append("")
        lines[-1] += phrase
    return {**title, "text": lines} if isinstance(title, dict) else lines


def _mark_type(layer: dict) -> str:
    mark = layer.get("mark")
    return mark.get("type", "") if isinstance(mark, dict) else str(mark or "")


def _is_upright_bars(layer: dict) -> bool:
    enc = layer.get("encoding", {})
    return (_mark_type(layer) == "bar" and enc.get("x", {}).get("type") == "nominal"
            and enc.get("y", {}).get("type") == "quantitative")


def _on_side(layer: dict) -> None:
    """Swap a layer's axes (x ↔ y, xOffset → yOffset): categories down, counts across; a
    text mark moves from above its bar to its right end."""
    enc = layer.get("encoding", {})
    x, y = enc.pop("x", None), enc.pop("y", None)
    if x is not None:
        enc["y"] = x
    if y is not None:
        enc["x"] = y
    if "xOffset" in enc:
        enc["yOffset"] = enc.pop("xOffset")
    for channel in ("x", "y"):
        axis = enc.get(channel, {}).get("axis")
        if isinstance(axis, dict):
            axis.pop("labelAngle", None)
    if isinstance(enc.get("x"), dict):
        # a few round ticks (the figure at the end of the longest bar: autosize fits it)
        enc["x"].setdefault("axis", {})
        if enc["x"]["axis"] is not None:
            enc["x"]["axis"].update({"tickCount": 3, "labelOverlap": True, "titleAngle": 0})
    if _mark_type(layer) == "text":
        mark = layer["mark"] if isinstance(layer["mark"], dict) else {"type": "text"}
        mark.pop("dy", None)
        mark.update({"dx": 3, "align": "left", "baseline": "middle"})
        layer["mark"] = mark


def _level_month_axis(layer: dict) -> None:
    x = layer.get("encoding", {}).get("x")
    if isinstance(x, dict) and x.get("type") in ("ordinal", "temporal"):
        axis = x.get("axis") or {}
        # labels that would touch are thinned too (「2020-102020-11」 on a phone)
        axis.update({"labelAngle": 0, "labelOverlap": True, "labelSeparation": 6,
                     "labelPadding": 4})
        x["axis"] = axis


def _text_size(layer: dict) -> None:
    mark = layer.get("mark")
    if isinstance(mark, dict) and mark.get("type") == "text":
        mark["fontSize"] = max(FONT_PX, mark.get("fontSize", FONT_PX))

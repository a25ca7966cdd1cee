"""How a chart is shown, whichever bulletin draws it: a mime bundle holding both the
vega-lite spec (interactive on the site, drawn by the vendored vega-embed) and an SVG made
by vl-convert with the CJK font registered (the PDF, the Word file and any viewer without
JavaScript). Seed 000's charts themselves are ``report.sections.operation.charts``.
"""

from __future__ import annotations

import json
import math
import threading
from functools import lru_cache

import altair as alt

from bulletin.core.deferred import once
from bulletin.core.definitions import AXIS_MIN_SPAN
from bulletin.core.fonts import SANS, font_dirs, noto_dir

FONT = SANS


VEGALITE_MAJOR = alt.VEGALITE_VERSION.split(".")[0]


VEGALITE_MIME = f"application/vnd.vegalite.v{VEGALITE_MAJOR}+json"


# A value axis's title (「件」, 「%」) written level above the axis's top end, never turned
# on its side: a CJK title reads across (config.axisY of every chart).
LEVEL_TITLE = {"titleAngle": 0, "titleAnchor": "end", "titleAlign": "right",
               "titleBaseline": "bottom", "titleX": -4, "titleY": -8}


def value_scale(values, kind: str) -> dict:
    """The vega-lite scale of a value axis drawing ``values`` of a figure of ``kind``
    (``core.definitions.AXIS_MIN_SPAN``): a count or a number from zero; a rate (in percent)
    or a score over at least its minimum span, centred on the values (a rate's within
    0–100 when the values are), so a change of under a point never fills the chart."""
    span = AXIS_MIN_SPAN.get(kind)
    present = [float(v) for v in values if v is not None]
    if span is None or not present:
        return {"zero": True}
    low, high = min(present), max(present)
    if high - low >= span:
        return {"zero": False}
    middle = (low + high) / 2
    start, end = math.floor(middle - span / 2), math.ceil(middle + span / 2)
    if kind == "rate" and high <= 100 and end > 100:
        start, end = start - (end - 100), 100
    if low >= 0 and start < 0:
        start, end = 0, end - start
    return {"domain": [start, end], "zero": False, "nice": False}


@once
def register_fonts() -> None:
    """The CJK fonts registered with vl-convert (it has none of its own), once a process,
    whichever thread asks first (``warm_engine``'s or the one drawing)."""
    import vl_convert as vlc

    folder = noto_dir() or next(iter(font_dirs()), None)
    if folder:
        vlc.register_font_directory(folder)


def warm_engine() -> None:
    """vl-convert's JavaScript engine started and the fonts registered in a thread of
    their own (vl-convert lets go of the interpreter while it works), so the first chart
    a kernel draws does not wait ~0.4 s for them: ``bulletin publish``'s kernel calls it
    as it starts, on the core its cells leave free. Only a head start: an error here is
    met again, and reported, by the first chart drawn."""

    def warm() -> None:
        try:
            import vl_convert as vlc

            register_fonts()
            vlc.vegalite_to_svg({"mark": "point"}, vl_version=_vl_version())
        except Exception:  # noqa: BLE001, S110 — see above
            pass

    threading.Thread(target=warm, name="warm chart engine", daemon=True).start()


def to_svg(chart: alt.Chart) -> str:
    return spec_svg(chart.to_dict())


def spec_svg(spec: dict) -> str:
    """The SVG of a vega-lite spec (its data inline), drawn once per process: a month built
    again with the same figures (``bulletin preview`` after a notes edit) reuses it."""
    return _svg(json.dumps(spec, ensure_ascii=False, sort_keys=True))


@lru_cache(maxsize=32)
def _svg(spec: str) -> str:
    import vl_convert as vlc

    register_fonts()
    return vlc.vegalite_to_svg(json.loads(spec), vl_version=_vl_version())


def _vl_version() -> str:
    """The vega-lite version altair writes (vl-convert bundles several)."""
    return ".".join(alt.VEGALITE_VERSION.split(".")[:2])


def bundle(chart: alt.Chart) -> dict:
    """The mime bundle a notebook cell displays: spec for the site, SVG for the PDF (the
    chart made a spec once: altair validates it each time)."""
    spec = chart.to_dict()
    return {VEGALITE_MIME: spec, "image/svg+xml": spec_svg(spec)}

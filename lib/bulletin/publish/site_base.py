"""What every page of the site shares: the templates, JSON safe inside a page, the static
SVG of a chart, a month's label. ``site`` (index, month pages), ``site_units`` (a page per
unit) and ``site_trends`` (the trends page) all build on these.
"""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

TEMPLATES = Path(__file__).parent / "templates" / "site"


CHART_FONT = "Noto Sans CJK SC"


FONT_DIR = "/usr/share/fonts/opentype/noto"


def _env() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                       trim_blocks=True, lstrip_blocks=True)


def _script_json(value: dict) -> Markup:
    """JSON safe inside <script type="application/json">."""
    text = json.dumps(value, ensure_ascii=False)
    return Markup(text.replace("</", "<\\/").replace("<!--", "<\\!--"))


def month_label(month: str) -> str:
    year, mon = month.split("-")
    return f"{year} 年 {int(mon)} 月"


def chart_svg(spec: dict) -> str:
    """Static SVG of a vega-lite spec, with the CJK font registered (vl-convert has none)."""
    import vl_convert as vlc

    if Path(FONT_DIR).is_dir():
        vlc.register_font_directory(FONT_DIR)
    return vlc.vegalite_to_svg(spec)


def chart_view(spec: dict, spec_id: str) -> dict:
    """What a page's chart needs: the spec for vega-embed and its static SVG (shown until
    the script draws, and kept if it cannot)."""
    return {"spec_id": spec_id, "spec_json": _script_json(spec), "svg": Markup(chart_svg(spec))}

"""A page per unit: every department, county (and town) of a dataset's registry, with its
rows of every published month and small charts of its series and rank.

Layout under the built site::

    <dataset>/units/index.html       the dataset's units by level, each linked to its page
    <dataset>/units/<slug>.html      one unit: a table (figures × months, newest first) and
                                     charts when two or more months give a figure, drawn
                                     by the page's vega script from their spec (no static
                                     SVG: every publish makes every unit page again, and
                                     drawing them here cost 0.3–1 s each; the table holds
                                     the same figures)

The figures are the unit's cells of the month pages' tables, as ``meta.json`` carries them
(``MonthMeta.units``, written from the tables' cells: the value and the string each
prints): a unit page never computes or re-formats a figure. A page's name is the unit's
``slug`` (a hash of its name), never its text; names are escaped like any other data.
A month page links the cells naming a unit to its page (``site.tables.unit_link``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from bulletin.core.meta import UnitRow
from bulletin.publish.site.base import (
    chart_view,
    faceted_lines,
    month_label,
    template_env,
    themed,
    with_rows,
)
from bulletin.publish.site.reuse import Reuse

UNITS_DIR = "units"


CHARTED = ("count", "rate", "score", "number")


@dataclass
class UnitHistory:
    """A unit across a dataset's months: (month, row) oldest first; several rows when a
    month lists the unit in several tables."""

    name: str
    slug: str
    level: str
    rows: list[tuple[str, UnitRow]] = field(default_factory=list)

    @property
    def months(self) -> list[str]:
        return sorted({month for month, _ in self.rows})


def unit_histories(entries: list) -> list[UnitHistory]:
    """The units of a dataset's months (``MonthEntry`` s, oldest first): the newest month's
    registry in its order, then units only older months list."""
    found: dict[str, UnitHistory] = {}
    for entry in reversed(entries):
        for unit in entry.report.meta.units:
            history = found.setdefault(unit.slug, UnitHistory(unit.name, unit.slug, unit.level))
            history.rows += [(entry.month, row) for row in unit.rows]
    for history in found.values():
        history.rows.sort(key=lambda item: item[0])
    return list(found.values())


# 「…运行情况表（2021年2月）」, 「…大厅2022年9月部门窗口…」: the month a table's title names
_MONTH_IN_TITLE = re.compile(r"（?\d{4}\s*年\s*\d{1,2}\s*月）?")


def table_name(title: str) -> str:
    """A table's title without its month: the same table month after month."""
    return _MONTH_IN_TITLE.sub("", title)


def figure_title(column: str, unit: str) -> str:
    """「办件情况（件）/申请」 and 件 → the same (the header names its unit);
    「承诺提速」 and % → 「承诺提速（%）」."""
    return column if not unit or f"（{unit}）" in column else f"{column}（{unit}）"


def history_tables(history: UnitHistory) -> list[dict]:
    """One table per published table that lists the unit (its title without the month):
    figures down, months across (newest first), each cell the month page's text."""
    tables: dict[str, dict] = {}
    for month, row in sorted(history.rows, key=lambda item: item[0], reverse=True):
        table = tables.setdefault(table_name(row.table), {"months": [], "lines": {}})
        if month not in table["months"]:
            table["months"].append(month)
        for cell in row.cells:
            line = table["lines"].setdefault(cell.column, {"label": cell.column,
                                                           "kind": cell.kind, "cells": {}})
            line["cells"].setdefault(month, cell.display)
    return [{"title": title,
             "months": [{"month": m, "label": month_label(m), "href": f"../{m}/index.html"}
                        for m in t["months"]],
             "lines": [{"label": line["label"], "kind": line["kind"],
                        "cells": [line["cells"].get(m, "") for m in t["months"]]}
                       for line in t["lines"].values()]}
            for title, t in tables.items()]


def series_rows(history: UnitHistory, kinds: tuple[str, ...]) -> list[dict]:
    """One row per month and figure of ``kinds`` the month shows a number for (with the
    figure's kind, which its chart's value axis follows)."""
    return [{"月份": month, "指标": figure_title(cell.column, cell.unit), "数值": cell.value,
             "显示": cell.display, "kind": cell.kind}
            for month, row in history.rows for cell in row.cells
            if cell.kind in kinds and cell.value is not None]


def figures_spec(history: UnitHistory) -> dict | None:
    """Small multiples of the unit's figures over the months (a rate in percent, as its
    cells show it); None unless some figure has two or more months."""
    rows = series_rows(history, CHARTED)
    figures = list(dict.fromkeys((r["指标"], r.pop("kind")) for r in rows))
    if len({r["月份"] for r in rows}) < 2:
        return None
    return faceted_lines(rows, figures, f"{history.name}各月指标（括号内为单位）", 240, 110)


def rank_spec(history: UnitHistory) -> dict | None:
    """The unit's rank over the months (1 at the top); None with fewer than two months."""
    import altair as alt

    rows = series_rows(history, ("rank",))
    if len({r["月份"] for r in rows}) < 2:
        return None
    chart = alt.Chart(alt.Data(values=[])).mark_line(
        point=alt.OverlayMarkDef(color="#1a4f8b"), color="#1a4f8b").encode(
        x=alt.X("月份:O", title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("数值:Q", title="位", scale=alt.Scale(reverse=True, zero=False),
                axis=alt.Axis(tickMinStep=1, format="d")),
        tooltip=[alt.Tooltip("月份:O"), alt.Tooltip("显示:N", title="排名")],
    ).properties(width=300, height=140, title=f"{history.name}各月排名（第 1 位在上）")
    return with_rows(themed(chart), rows)


def unit_view(history: UnitHistory, entries: list) -> dict:
    charts = []
    for n, spec in enumerate([figures_spec(history), rank_spec(history)]):
        if spec is not None:
            charts.append(chart_view(spec, f"unit-spec-{n}"))
    published = [month_label(e.month) for e in entries]
    return {"name": history.name, "level": history.level, "tables": history_tables(history),
            "months": history.months, "charts": charts, "published": published}


def unit_inputs(history: UnitHistory, entries: list) -> dict:
    """What a unit's page is made from (``unit_view``'s arguments): its rows of every month
    and the months published — the key under which ``site.reuse`` finds the page again."""
    return {"name": history.name, "slug": history.slug, "level": history.level,
            "rows": [[month, row.model_dump(mode="json")] for month, row in history.rows],
            "published": [e.month for e in entries]}


def render_units(name: str, title: str, entries: list, out: Path, common: dict,
                 reuse: Reuse) -> None:
    """Write <dataset>/units/ (units/ in the dataset's own site): a page per unit and the
    dataset's list of units, each a part of ``reuse`` (a ``site.reuse.Reuse``: made, or
    linked from the site in place)."""
    base = entries[0].base  # entries.MonthEntry: the dataset's folder in the site, or ""
    root = "../" * (base.count("/") + 1)
    folder = out / base / UNITS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    env = template_env()
    histories = unit_histories(entries)
    for history in histories:
        page = folder / f"{history.slug}.html"

        def make(history=history, page=page) -> list[Path]:
            page.write_text(env.get_template("unit.html").render(
                **common, root=root, dataset=name, dataset_title=title,
                unit=unit_view(history, entries)), encoding="utf-8")
            return [page]

        reuse.part(f"{base}{UNITS_DIR}/{history.slug}", [title, unit_inputs(history, entries)],
                   make)
    levels: dict[str, list[dict]] = {}
    for history in histories:
        levels.setdefault(history.level, []).append(
            {"name": history.name, "href": f"{history.slug}.html", "listed": bool(history.rows)})
    index = folder / "index.html"

    def make_index() -> list[Path]:
        index.write_text(env.get_template("units.html").render(
            **common, root=root, dataset=name, dataset_title=title, levels=levels),
            encoding="utf-8")
        return [index]

    reuse.part(f"{base}{UNITS_DIR}/index", [title, levels], make_index)


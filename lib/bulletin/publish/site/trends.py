"""The index's changes from the previous month and the trends page's views.

Every figure is drawn and written in its own unit, as the catalogue (``core.definitions``,
carried in ``meta.json``) gives its kind: a rate in percent (its change in 个百分点), a
count in 件 / 条 (its change in the same unit), a score in 分. A dataset with one month
gets a sentence instead of charts. Datasets without headline figures (考核得分, 事项,
目标跟踪) get a view of their units: each unit's 综合得分 and rank, or its 事项 indicators,
month by month, from the unit rows of ``meta.json`` (the month pages' table cells).
"""

from __future__ import annotations

from bulletin.core.meta import HeadlineFigure
from bulletin.indicators.comparisons import Change
from bulletin.publish.site.base import (
    chart_view,
    faceted_lines,
    month_label,
    themed,
    with_rows,
)
from bulletin.publish.site.units import (
    CHARTED,
    UnitHistory,
    figure_title,
    table_name,
    unit_histories,
)
from bulletin.report.charts import value_scale
from bulletin.report.fmt import change_size, describe_change


def headline_columns(entries: list) -> list[HeadlineFigure]:
    """The headline figures of a dataset's months, one per key, in first-seen order."""
    seen: dict[str, HeadlineFigure] = {}
    for entry in entries:
        for f in entry.report.meta.headline:
            seen.setdefault(f.key, f)
    return list(seen.values())


def facet_title(f: HeadlineFigure) -> str:
    """'线上申请占比（%）', '申请件（件）': a small multiple's title names its unit."""
    return f"{f.label}（{f.unit}）" if f.unit else f.label


def shown(f: HeadlineFigure) -> str:
    """A figure as the trends table writes it: 「42.55%」, 「249679 件」, 「93.5 分」."""
    return f.display if f.kind == "rate" else f"{f.display} {f.unit}".strip()


def change(now: HeadlineFigure, before: HeadlineFigure | None) -> dict | None:
    """The change of a headline figure from the previous month, in the figure's own unit
    (``report.fmt.change_size``: a rate in 个百分点, truncated as the text writes it; a
    count in its unit; a score in 分). None without a previous value."""
    if before is None:
        return None
    compared = Change(now.value, before.value, now.kind == "rate")
    direction, size = change_size(compared, now.kind, now.unit)
    said = describe_change(compared, kind=now.kind, unit=now.unit, percent=False)
    if direction == 0:
        return {"dir": "flat", "text": "持平", "said": said}
    up = direction > 0
    return {"dir": "up" if up else "down", "text": f"{'↑' if up else '↓'}{size}", "said": said}


def headline_changes(entries: list) -> list[dict[str, dict]]:
    """For each month (oldest first): figure key → its change from the month before it."""
    out, before = [], {}
    for entry in entries:
        figures = {f.key: f for f in entry.report.meta.headline}
        out.append({k: c for k, f in figures.items() if (c := change(f, before.get(k)))})
        before = figures
    return out


def trend_rows(entries: list) -> list[dict]:
    """One row per month and headline figure: a rate in percent, a count as it is."""
    rows = []
    for entry in entries:
        for f in entry.report.meta.headline:
            rows.append({"月份": entry.month, "指标": facet_title(f), "数值": f.plotted,
                         "单位": f.unit, "显示": shown(f)})
    return rows


def trend_spec(entries: list) -> dict:
    """Small multiples: each headline figure across the months (independent y scales).

    Kinds and units come from meta.json: a rate is drawn in percent (0.42559 → 42.559,
    titled 「线上申请占比（%）」), a count in its unit; the tooltip shows the bulletin's text.
    """
    figures = [(facet_title(f), f.kind) for f in headline_columns(entries)]
    return faceted_lines(trend_rows(entries), figures, "主要指标各月数值（括号内为单位）", 300, 150)


# The figures of a units view, by what the dataset's unit rows hold: 综合得分 and rank
# (考核得分), else every figure they chart (事项 indicators).
SCORE_KEYS = ("total_score", "rank")


def unit_figures(histories: list) -> list[tuple[str, str, str]]:
    """(column, kind, unit) of the figures a units view shows, in first-seen order."""
    cells = {}
    for history in histories:
        for _, row in history.rows:
            for cell in row.cells:
                if cell.kind in (*CHARTED, "rank"):
                    cells.setdefault(cell.column, (cell.column, cell.kind, cell.unit, cell.key))
    scored = [c for c in cells.values() if c[3] in SCORE_KEYS]
    chosen = scored or list(cells.values())
    return [(column, kind, unit) for column, kind, unit, _ in chosen]


def units_view(entries: list) -> list[dict]:
    """The units' figures month by month, one view per table that lists them (a 考核 group,
    the departments' or the towns' 事项 table): a table (newest month first) and, with two
    or more months, a chart per figure with a line per unit. Empty when no unit has a row."""
    tables: dict[str, dict[str, UnitHistory]] = {}
    for h in unit_histories(entries):
        for month, row in h.rows:
            units = tables.setdefault(table_name(row.table), {})
            units.setdefault(h.slug, UnitHistory(h.name, h.slug, h.level)).rows.append((month, row))
    views = []
    for n, (title, units) in enumerate(tables.items()):
        histories = list(units.values())
        figures = unit_figures(histories)
        if figures:
            views.append(_units_table(title, histories, figures, f"{entries[0].dataset}-{n}",
                                      f"{entries[0].base}units/"))
    return views


def _units_table(title: str, histories: list, figures: list, spec_id: str, base: str) -> dict:
    months = sorted({m for h in histories for m in h.months}, reverse=True)
    rows = []
    for h in histories:
        cells = {(m, c.column): c.display for m, row in h.rows for c in row.cells}
        rows.append({"name": h.name, "href": f"{base}{h.slug}.html",
                     "cells": [cells.get((m, column), "") for m in months
                               for column, _, _ in figures]})
    view = {"title": title, "figures": [figure_title(c, u) for c, _, u in figures],
            "months": [month_label(m) for m in months], "rows": rows, "charts": []}
    if len(months) > 1:
        for n, (column, kind, unit) in enumerate(figures):
            spec = unit_lines_spec(histories, column, kind, figure_title(column, unit), unit)
            view["charts"].append(chart_view(spec, f"units-spec-{spec_id}-{n}"))
    return view


def unit_lines_spec(histories: list, column: str, kind: str, title: str, unit: str = "") -> dict:
    """One figure of every unit over the months, a line per unit (a rank: 1 at the top), its
    value axis by its kind (``report.charts.value_scale``) titled with its unit."""
    import altair as alt

    rows = [{"月份": m, "单位": h.name, "数值": c.value, "显示": c.display}
            for h in histories for m, row in h.rows for c in row.cells
            if c.column == column and c.value is not None]
    rank = kind == "rank"
    scale = (alt.Scale(zero=False, reverse=True) if rank
             else alt.Scale(**value_scale([r["数值"] for r in rows], kind)))
    chart = alt.Chart(alt.Data(values=[])).mark_line(point=True).encode(
        x=alt.X("月份:O", title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("数值:Q", title=unit or None, scale=scale),
        color=alt.Color("单位:N", legend=None),
        tooltip=[alt.Tooltip("单位:N"), alt.Tooltip("月份:O"), alt.Tooltip("显示:N", title=title)],
    ).properties(width=560, height=220, title=f"各单位{title}" + ("（第 1 位在上）" if rank else ""))
    return with_rows(themed(chart), rows)


def tracked_view(entries: list) -> dict | None:
    """The indicators a dataset tracks (目标跟踪), month by month: a table (newest month
    first, each month's cells as printed) and, with two or more months, their 达到水平 in
    percent, a line per indicator. None when no month tracks any."""
    months = [e for e in reversed(entries) if e.report.meta.tracked]
    if not months:
        return None
    columns = list(dict.fromkeys(c.column for r in months[0].report.meta.tracked for c in r.cells))
    names = list(dict.fromkeys(r.name for e in months for r in e.report.meta.tracked))
    cells = {(e.month, r.name, c.column): c.display
             for e in months for r in e.report.meta.tracked for c in r.cells}
    view = {"title": table_name(months[0].report.meta.tracked[0].table), "columns": columns,
            "months": [month_label(e.month) for e in months], "chart": None,
            "rows": [{"name": n, "cells": [cells.get((e.month, n, c), "") for e in months
                                           for c in columns]} for n in names]}
    points = [{"月份": e.month, "指标": r.name, "数值": c.value, "显示": c.display}
              for e in months for r in e.report.meta.tracked for c in r.cells
              if c.key == "achieved" and c.kind == "rate" and c.value is not None]
    if len({p["月份"] for p in points}) > 1:
        view["chart"] = chart_view(tracked_spec(points), f"tracked-spec-{entries[0].dataset}")
    return view


def tracked_spec(points: list[dict]) -> dict:
    """Each tracked indicator's 达到水平 over the months, in percent."""
    import altair as alt

    chart = alt.Chart(alt.Data(values=[])).mark_line(point=True).encode(
        x=alt.X("月份:O", title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("数值:Q", title="%",
                scale=alt.Scale(**value_scale([p["数值"] for p in points], "rate"))),
        color=alt.Color("指标:N", title=None, legend=alt.Legend(orient="bottom", columns=1)),
        tooltip=[alt.Tooltip("指标:N"), alt.Tooltip("月份:O"), alt.Tooltip("显示:N", title="达到水平")],
    ).properties(width=560, height=220, title="各项指标达到水平（%）")
    return with_rows(themed(chart), points)

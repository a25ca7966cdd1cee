"""图1-4 of seed 000's 运行情况通报: altair charts of this month beside the previous one,
where the data has it.

A chart's title says what it draws: 「…与上月对比情况」 over two months' bars, 「…情况」 over
one month's (a month without a previous one to compare with); its legend names the months drawn.
How a chart is shown (spec and SVG) is ``report.charts``.
"""

from __future__ import annotations

import altair as alt
import polars as pl

from bulletin.core.definitions import FIGURES
from bulletin.core.months import month_cn
from bulletin.core.units import COUNTY
from bulletin.report.charts import FONT, LEVEL_TITLE
from bulletin.report.fmt import fmt_rate
from bulletin.report.month import MonthlyBulletin


def bar_label(key: str) -> str:
    """A count's catalogue label without its unit, which the axis carries: 申请件 → 申请."""
    figure = FIGURES[key]
    return figure.label.removesuffix(figure.unit)


# 图1 / 图2: these counts, this month beside the previous one.
COMPARED = [(key, bar_label(key)) for key in ("applied", "accepted", "completed",
                                               "promise_completed", "online_applied",
                                               "online_completed")]


COLORS = ["#c00000", "#9e9e9e"]


def themed(chart: alt.Chart, title: str) -> alt.Chart:
    return (
        chart.properties(title=title, width=520, height=260)
        .configure(font=FONT)
        .configure_title(font=FONT, fontSize=15, anchor="middle")
        .configure_axis(labelFont=FONT, titleFont=FONT, labelFontSize=12, titleFontSize=12)
        .configure_axisY(**LEVEL_TITLE)
        .configure_legend(labelFont=FONT, titleFont=FONT, labelFontSize=12, orient="top")
        .configure_view(stroke=None)
    )


def _period_frame(b: MonthlyBulletin, scope: str, columns) -> pl.DataFrame:
    rows = []
    periods = [(b.month, f"本月（{month_cn(b.month)}）")]
    if b.has(b.previous):
        periods.append((b.previous, f"上月（{month_cn(b.previous)}）"))
    for month, label in periods:
        row = b.scope(scope, month)
        for key, name in columns:
            value = row.get(key) if row else None
            if value is not None:
                rows.append({"指标": name, "时期": label, "件数": int(value)})
    return pl.DataFrame(rows, schema={"指标": pl.String, "时期": pl.String, "件数": pl.Int64})


COMPARED_TITLE, SINGLE_TITLE = "与上月对比情况", "情况"


def titled(subject: str, frame: pl.DataFrame) -> str:
    """「图1. 全市办理政务服务事项」 + 「与上月对比情况」 when the frame draws two months, else
    + 「情况」: no title names a comparison the chart does not draw."""
    return subject + (COMPARED_TITLE if frame["时期"].n_unique() > 1 else SINGLE_TITLE)


def _grouped_bars(frame: pl.DataFrame, category: str, order: list[str], subject: str) -> alt.Chart:
    periods = list(dict.fromkeys(frame["时期"].to_list()))
    title = titled(subject, frame)
    base = alt.Chart(frame).encode(
        x=alt.X(f"{category}:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("时期:N", sort=periods),
        color=alt.Color("时期:N", sort=periods, scale=alt.Scale(range=COLORS), title=None),
        tooltip=[category, "时期", "件数"],
    )
    bars = base.mark_bar().encode(y=alt.Y("件数:Q", title="件", scale=alt.Scale(zero=True)))
    text = base.mark_text(dy=-6, fontSize=11, font=FONT).encode(y="件数:Q", text="件数:Q")
    return themed(alt.layer(bars, text), title)


def comparison_chart(b: MonthlyBulletin, scope: str, subject: str) -> alt.Chart:
    """图1 / 图2: the main counts of a scope, this month beside the previous month where
    there is one; titled ``subject`` + what it draws (``titled``)."""
    frame = _period_frame(b, scope, COMPARED)
    return _grouped_bars(frame, "指标", [n for _, n in COMPARED], subject)


def counties_chart(b: MonthlyBulletin, subject: str) -> alt.Chart:
    """图3: 办结件 per county (with everything under it), this month beside the previous
    month where there is one; titled ``subject`` + what it draws."""
    rows = []
    months = [(b.month, f"本月（{month_cn(b.month)}）")]
    if b.has(b.previous):
        months.append((b.previous, f"上月（{month_cn(b.previous)}）"))
    for month, label in months:
        for r in b.units_of(month, COUNTY).iter_rows(named=True):
            if r["completed"] is not None:
                rows.append({"地区": r["unit"], "时期": label, "件数": int(r["completed"])})
    frame = pl.DataFrame(rows, schema={"地区": pl.String, "时期": pl.String, "件数": pl.Int64})
    return _grouped_bars(frame, "地区", b.registry.areas, subject)


def evaluations_chart(b: MonthlyBulletin, title: str) -> alt.Chart:
    """图4: 主动评价数 of 市本级 and each county, with the 主动评价率 in the tooltip."""
    count, rate = FIGURES["active_evaluations"], FIGURES["active_evaluation_rate"]
    rows = []
    zero = b.config.zero_denominator
    for name in [b.config.city_level_name, *b.registry.areas]:
        row = b.scope(name)
        if row and row.get(count.key) is not None:
            rows.append({"地区": name, count.label: int(row[count.key]),
                         rate.label: fmt_rate(row.get(rate.key), zero)})
    frame = pl.DataFrame(rows, schema={"地区": pl.String, count.label: pl.Int64,
                                       rate.label: pl.String})
    order = [r["地区"] for r in rows]
    base = alt.Chart(frame).encode(
        x=alt.X("地区:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
        tooltip=["地区", count.label, rate.label],
    )
    bars = base.mark_bar(color=COLORS[0]).encode(
        y=alt.Y(f"{count.label}:Q", title=count.unit, scale=alt.Scale(zero=True)))
    text = base.mark_text(dy=-6, fontSize=11, font=FONT).encode(y=f"{count.label}:Q",
                                                                 text=f"{count.label}:Q")
    return themed(alt.layer(bars, text), title)

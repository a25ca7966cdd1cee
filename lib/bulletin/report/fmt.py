"""How figures are written: counts as integers, rates as percentages truncated to two
decimals (never rounded up to 100.00%), scores half-up, changes with their direction.
Every renderer (narrative, tables, site, downloads) formats through here, so one figure
has one spelling everywhere.
"""

from __future__ import annotations

import math

from bulletin.core.definitions import Indicator
from bulletin.core.typography import MINUS
from bulletin.indicators.comparisons import Change
from bulletin.indicators.scores import round_score


def truncate_hundredths(value: float | None) -> int | None:
    """A rate in hundredths of a percent, truncated toward zero (99.9988% → 9999).

    Rates here are ratios of counts up to ~10⁸, so a true value is never closer than
    1e-8 to a boundary; rounding to 1e-9 first only removes binary floating error.
    """
    if value is None:
        return None
    return int(round(value * 10000, 9))  # int() truncates toward zero on both sides


CN_NUMBERS = "一二三四五六七八九十"


def cn_number(n: int) -> str:
    """一 … 十, 十一 … 十九, 二十 … (n from 1): the ordinals of 「一、」 headings."""
    if n <= 10:
        return CN_NUMBERS[n - 1]
    tens, ones = divmod(n, 10)
    return (CN_NUMBERS[tens - 1] if tens > 1 else "") + "十" + (CN_NUMBERS[ones - 1] if ones else "")


def fmt_rate(value: float | None, zero_denominator: str = "-") -> str:
    """Percent with two decimals, truncated toward zero; '-' (or 0.00%) for no denominator."""
    if value is not None and math.isnan(value):  # the input cannot give this rate
        return "-"
    h = truncate_hundredths(value)
    if h is None:
        return zero_denominator
    sign = "-" if h < 0 else ""
    return f"{sign}{abs(h) // 100}.{abs(h) % 100:02d}%"


def fmt_count(value: int | None) -> str:
    return "-" if value is None else f"{int(value)}"


def fmt_score(value: float | None) -> str:
    return "-" if value is None else f"{round_score(value)}"


def fmt_rank_change(change: int | None, available: bool) -> str:
    if not available:
        return "—"
    if change is None:
        return "新增"
    return "持平" if change == 0 else f"{'↑' if change > 0 else '↓'}{abs(change)}"


def fmt_figure(kind: str, value: float | None, zero_denominator: str = "-") -> str:
    """A figure by its catalogue kind: a rate as a truncated percentage, a count as an
    integer, a score half-up, a plain number with two decimals."""
    if kind == "rate":
        return fmt_rate(value, zero_denominator)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if kind == "count":
        return fmt_count(value)
    if kind == "score":
        return fmt_score(value)
    return f"{value:.2f}"


def fmt_value(ind: Indicator, value: float | None) -> str:
    if value is None or math.isnan(value):
        return "-"
    return fmt_figure(ind.kind, value)


def fmt_target(ind: Indicator, target: tuple[float | None, float | None]) -> str:
    lo, hi = target
    if lo is not None and hi is not None:
        return f"{fmt_value(ind, lo)} 至 {fmt_value(ind, hi)}"
    return f"≥ {fmt_value(ind, lo)}" if lo is not None else f"≤ {fmt_value(ind, hi)}"


def fmt_gap(gap: float | None) -> str:
    """A gap to a target in 个百分点, truncated like a rate: 「+1.23 个百分点」."""
    if gap is None or math.isnan(gap):
        return "-"
    h = truncate_hundredths(abs(gap))
    return f"{'+' if gap >= 0 else MINUS}{h // 100}.{h % 100:02d} 个百分点"


def fmt_change(now: int | None, before: int | None, available: bool) -> str:
    if not available or now is None or before is None:
        return "—"
    d = int(now) - int(before)
    return "持平" if d == 0 else f"{'↑' if d > 0 else '↓'}{abs(d)}"


def change_size(change: Change, kind: str, unit: str = "") -> tuple[int, str]:
    """The direction (1, 0, −1) and the size of an available change, in the figure's own
    unit as the bulletin writes it: a rate in 个百分点 truncated to two decimals (a change
    under 0.01 is 持平, 0), a count in its unit, a score in 分, any other number to two
    decimals. The one place a change becomes text (the narrative, the site's index)."""
    d = change.difference
    if kind == "rate":
        h = truncate_hundredths(abs(d))
        size, d = f"{h // 100}.{h % 100:02d} 个百分点", (0 if h == 0 else d)
    elif kind == "count":
        size = f"{abs(int(d))} {unit}".strip()
    elif kind == "score":
        size = f"{fmt_score(abs(d))} 分"
        d = 0 if size == "0 分" else d
    else:
        size = f"{abs(d):.2f}"
        d = 0 if size == "0.00" else d
    return (d > 0) - (d < 0), size


def describe_change(change: Change, earlier: str = "上月", kind: str | None = None,
                    unit: str = "件", percent: bool = True) -> str:
    """Chinese: 较上月增加 12 件（+3.45%） / 较上月上升 1.20 个百分点 / 上月无数据.

    ``kind`` (count, rate, score, number; from the catalogue) and ``unit`` size the change
    as ``change_size`` does; without ``kind``, a rate or a count of 件. ``percent``: a
    count's relative change in brackets."""
    if change.previous is None:
        return f"{earlier}无数据，不作比较"
    if change.current is None:
        return "本月无数据"
    kind = kind or ("rate" if change.is_rate else "count")
    direction, size = change_size(change, kind, unit)
    if direction == 0:
        return f"与{earlier}持平"
    if kind != "count":
        return f"较{earlier}{'上升' if direction > 0 else '下降'} {size}"
    text = f"较{earlier}{'增加' if direction > 0 else '减少'} {size}"
    if percent and change.percent is not None:
        text += f"（{'+' if direction > 0 else '-'}{fmt_rate(abs(change.percent))}）"
    return text

"""What the explorer's tables of ``MonthlyBulletin`` (report.month) share: figures named
by their catalogue key or Chinese label, levels by name or alias, and Chinese column
names for the tables (``chinese=True``).
"""

from __future__ import annotations

import polars as pl

from bulletin.core.definitions import FIGURES, LABELS
from bulletin.core.units import UNIT_LEVELS

# The kinds of roll-up scope (indicators.rollups.scopes): 全市, 市本级, 各县（市、区）, an area.
SCOPE_KINDS = ("city", "city_level", "counties", "county")

# Column names of the explorer tables besides the catalogue's labels.
HEADINGS = {"unit": "单位", "level": "层级", "scope": "范围", "month": "月份", "rank": "名次",
            "rule": "类别", "text": "内容", "figures": "数据",
            # the figures of a finding (findings_table with a rule)
            "column": "指标", "computed": "计算值", "stated": "声明值", "total": "合计",
            "units": "单位数", "rate": "比率", "threshold": "要求"}

LEVEL_ALIASES = dict(zip(("department", "county", "county_department", "town", "community"),
                         UNIT_LEVELS, strict=True))

_KEY_OF_LABEL = {label: key for key, label in LABELS.items()}


def figure_key(column: str) -> str:
    """The catalogue key of a figure named by its key or its Chinese label."""
    if column in FIGURES:
        return column
    if column in _KEY_OF_LABEL:
        return _KEY_OF_LABEL[column]
    raise KeyError(f"{column!r} is neither a key nor a label of the catalogue "
                   f"(bulletin.LABELS)")


def level_of(level: str | None) -> str | None:
    """A level of the registry, named or by an alias; None for every level."""
    if level is None or level in UNIT_LEVELS:
        return level
    if level in LEVEL_ALIASES:
        return LEVEL_ALIASES[level]
    raise ValueError(f"level {level!r} is not one of {list(UNIT_LEVELS)} "
                     f"or {list(LEVEL_ALIASES)}")


def figures_of(frame: pl.DataFrame) -> list[str]:
    """The catalogue's counts and rates that ``frame`` has, in catalogue order, without a
    rate that is not computable from the input (NaN in every row)."""
    out = []
    for key, f in FIGURES.items():
        if f.kind not in ("count", "rate") or key not in frame.columns:
            continue
        if f.is_rate and frame.height and frame[key].is_nan().fill_null(False).all():
            continue
        out.append(key)
    return out


def labelled(frame: pl.DataFrame, chinese: bool, extra: dict[str, str] | None = None
              ) -> pl.DataFrame:
    """``frame`` with Chinese column names (HEADINGS, the catalogue's LABELS, ``extra``)."""
    if not chinese:
        return frame
    names = {**HEADINGS, **LABELS, **(extra or {})}
    return frame.rename({c: names[c] for c in frame.columns if c in names})

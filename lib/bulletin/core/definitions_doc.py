"""docs/definitions.md, generated from the catalogue of figures (``core.definitions``)
and its counting rules (``core.counting``): ``make docs`` writes it, and a test fails when
the file is not what ``definitions_reference`` returns."""

from __future__ import annotations

from bulletin.core.counting import COUNTING_RULES, EXPORT_ROLES, Rule
from bulletin.core.definitions import (
    FIGURES,
    KIND_NAMES,
    UNIT_MONTH_KEYS,
    Figure,
    fraction_words,
)

INTRO = (
    "What every figure of the operation bulletin counts: its 口径, numerator and denominator, "
    "and which month, which cases and which evaluations it counts. Generated from the catalogue "
    "of figures (`lib/bulletin/core/definitions.py`, `FIGURES`) and its counting rules "
    "(`lib/bulletin/core/counting.py`) by `make docs`; edit those, not this file (a test fails "
    "when it differs from what they give). The inputs are described in [inputs.md](inputs.md), "
    "the settings of `dataset.yml` in [config.md](config.md)."
)


def export_role(figure: Figure, catalogue: dict[str, Figure] | None = None) -> str:
    """How the platform's 运行情况表 gives ``figure``: a key of ``EXPORT_ROLES``."""
    catalogue = FIGURES if catalogue is None else catalogue
    if not figure.is_rate:
        return "given" if figure.in_export else "absent"
    computable = all(catalogue[k].in_export for k in figure.inputs)
    if figure.in_export:
        return "given_rate" if computable else "given_rate_only"
    return "computed" if computable else "absent"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _table(rows) -> list[str]:
    head, *body = rows
    return (["| " + " | ".join(map(_cell, head)) + " |", "|" + "---|" * len(head)]
            + ["| " + " | ".join(map(_cell, r)) + " |" for r in body])


def _rule(number: int, rule: Rule) -> list[str]:
    out = [f"### 1.{number} {rule.title}", ""]
    for paragraph in rule.paragraphs:
        out += [paragraph, ""]
    if rule.table:
        out += [*_table(rule.table), ""]
    return out


def _fraction(rate: Figure) -> str:
    """「(评价数 − 差评数) / 评价数」: a numerator of several terms in brackets."""
    numerator, denominator = fraction_words(rate)
    return f"({numerator}) / {denominator}" if len(rate.parts) + rate.complement > 1 \
        else f"{numerator} / {denominator}"


def _kind(figure: Figure) -> str:
    return KIND_NAMES[figure.kind] + (f"（{figure.unit}）" if figure.unit else "")


def _entry(figure: Figure) -> list[str]:
    out = [f"### {figure.label}（`{figure.key}`）", "",
           f"- 类别：{_kind(figure)}", f"- 口径：{figure.definition}"]
    if figure.is_rate:
        numerator, denominator = fraction_words(figure)
        out += [f"- 分子：{numerator}", f"- 分母：{denominator}"]
    out += [f"- 统计：{figure.counted}"] + ([f"- 说明：{figure.note}"] if figure.note else [])
    out += [f"- 运行情况表：{EXPORT_ROLES[export_role(figure)]}", ""]
    return out


UNIT_MONTH_INTRO = (
    "`bulletin facts --dataset DIR --month YYYY-MM [--to YYYY-MM] --out FILE.parquet` 由办件明细"
    "（cases/ 和 evaluations/）计算并写出的表：每个统计月份 × 单位名录"
    "（units.csv）中的每个单位一行，该月没有办件的单位各列为 0；没有任何有效办件的月份不写出。"
    "表中只有可相加的计数（口径见第 3 节），任何汇总范围的计数都是这些行之和，比率由求和后的"
    "计数计算（第 1.6 节）。Parquet 文件，列依次为："
)


def unit_month_section() -> list[str]:
    """Section 4: the columns of the unit_month table ``bulletin facts`` writes."""
    rows = [("列", "类型", "内容"), ("`month`", "文本", "统计月份 YYYY-MM"),
            ("`unit`", "文本", "单位名称（units.csv 的单位名称；别名已归并为此名称）")]
    rows += [(f"`{key}`", "整数", f"{FIGURES[key].label}（{FIGURES[key].unit}）")
             for key in UNIT_MONTH_KEYS]
    return ["## 4. unit_month 事实表（bulletin facts）", "", UNIT_MONTH_INTRO, "",
            *_table(rows), ""]


def definitions_reference() -> str:
    """docs/definitions.md: the counting rules, every figure of ``FIGURES``, then the
    columns of the unit_month table."""
    lines = ["# 指标口径", "", INTRO, "", "## 1. 统计规则", ""]
    for number, rule in enumerate(COUNTING_RULES, 1):
        lines += _rule(number, rule)
    overview = [("指标", "key", "类别", "分子 / 分母", "运行情况表")]
    for f in FIGURES.values():
        fraction = _fraction(f) if f.is_rate else ""
        overview.append((f.label, f"`{f.key}`", _kind(f), fraction,
                         EXPORT_ROLES[export_role(f)]))
    lines += ["## 2. 指标一览", "", *_table(overview), "", "## 3. 各指标口径", ""]
    for f in FIGURES.values():
        lines += _entry(f)
    lines += unit_month_section()
    return "\n".join(lines).rstrip("\n") + "\n"

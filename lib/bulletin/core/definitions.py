"""The catalogue of figures: for each its key, Chinese label, kind, unit and 口径.

Every renderer reads its labels, kinds, units and definitions here and nowhere else: the
annex tables and their footnotes, the narrative's labels, the charts, the headline of
``meta.json`` (``HEADLINE_KEYS``), the site's index and trends (which draw a ``rate`` as a
percentage), the downloads and the findings. Nothing downstream guesses a figure's kind
from its label or key. A rate also carries how it is computed (numerator parts over a
denominator), which ``indicators.rollups.with_rates`` applies to summed counts — never
to averaged rates.

Kinds: ``count`` (whole cases, evaluations or items, additive), ``rate`` (a fraction
shown as a percentage), ``score`` (points), ``number`` (a plain ratio such as
平均到现场次数).

The catalogues, by the table a key belongs to:

* ``FIGURES``: the unit_month counts and the rates computed from them;
* ``INDICATORS`` / ``BY_KEY``: the 事项 indicators (seeds 003/004), each Σ numerator /
  Σ denominator over the ``ITEM_COUNTS`` (their parts);
* ``HALL_COUNTS``: the 大厅窗口 / 便民服务中心 counts (seed 003).

This module replaced the label dicts kept beside the renderers: ``report.outputs.HEADLINE``
(label, key, is_rate), ``AnnexColumn.is_rate`` and the typed ``NOTES`` of seed 000's
annexes, the labels of ``COMPARED`` in its narrative and charts (all three now in
``report.sections.operation``), ``report.findings.HALL_LABELS`` and the labels inside
``stated_findings``, ``Indicator.is_share``, and the site's 「率」/「占比」 guesses
(``publish.site.format_value`` and ``trend_spec``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import polars as pl

KINDS = ("count", "rate", "score", "number")


@dataclass(frozen=True)
class Figure:
    """One figure of the bulletin."""

    key: str
    label: str
    kind: str  # one of KINDS
    unit: str  # 件, 条, 天, %, 分, 项, 次 …
    definition: str = ""  # 口径 as an office prints it, under the annex tables
    parts: tuple[tuple[str, int], ...] = ()  # rate numerator: (count, +1 / −1) summed
    denominator: str | None = None
    complement: bool = False  # 1 − numerator / denominator (按时办结率)
    counted: str = ""  # what is counted where: the month, the cases or evaluations counted
    in_export: bool = False  # stated by the platform's 运行情况表 (unit_stats/)
    # how the figure behaves (可为负, 可超过 100% …): docs/definitions.md and the review,
    # never the bulletin, whose notes print the 口径 only
    note: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"{self.key}: kind {self.kind!r} is not one of {KINDS}")

    @property
    def name(self) -> str:
        return self.key

    @property
    def is_rate(self) -> bool:
        return self.kind == "rate"

    @property
    def numerator(self) -> pl.Expr:
        """The rate's numerator over summed counts, as a polars expression."""
        expr = None
        for column, sign in self.parts:
            term = pl.col(column) if sign > 0 else -pl.col(column)
            expr = term if expr is None else expr + term
        return expr

    @property
    def inputs(self) -> list[str]:
        """The counts a rate needs."""
        return [c for c, _ in self.parts] + ([self.denominator] if self.denominator else [])


def _count(key: str, label: str, unit: str = "件", definition: str = "", counted: str = "",
           in_export: bool = False, note: str = "") -> Figure:
    return Figure(key, label, "count", unit, definition, counted=counted, in_export=in_export,
                  note=note)


def _rate(key: str, label: str, parts, denominator: str, definition: str,
          complement: bool = False, counted: str = "", in_export: bool = False,
          note: str = "") -> Figure:
    parts = ((parts, 1),) if isinstance(parts, str) else tuple(parts)
    return Figure(key, label, "rate", "%", definition, parts, denominator, complement, counted,
                  in_export, note)


# Words of the ``counted`` notes shared by several figures (docs/definitions.md).
_APPLIED, _ACCEPTED, _COMPLETED = ("申请时间所在月", "受理时间所在月", "办结时间所在月")
_PROMISE = "承诺件即承诺时限 > 0 的办件"
_ONLINE = "申请方式计为线上（线上、网上、网办、在线、online）的办件"
_LEGAL = "只计法定时限 > 0 的承诺件（无法定时限或法定时限为 0 的不计入）"
_EVALUATED = "评价时间所在月，按被评价单位计"
_BOTH_KINDS = "主动评价与回访评价都计入"
# The notes (``Figure.note``) of figures that can fall below zero or exceed 100 %.
_SLOWER = "办理用时超过法定时限的承诺件使之减少，可为负"
_ABOVE_ALL = ("可超过 100%：本月的评价可以是往月办结的办件（评价按评价时间所在月计，"
              "办结件按办结时间所在月计）")


# The unit_month facts (docs/definitions.md, section 4) and the rates computed from them.
FIGURES: dict[str, Figure] = {f.key: f for f in [
    _count("applied", "申请件", definition="统计时间段内申请的件数", in_export=True,
           counted=f"{_APPLIED}；每个办件计一次，按办理单位计"),
    _count("accepted", "受理件", definition="统计时间段内受理的件数", in_export=True,
           counted=f"{_ACCEPTED}（可与申请不在同一月）"),
    _count("completed", "办结件", definition="统计时间段内办结的件数", in_export=True,
           counted=f"{_COMPLETED}（可与受理不在同一月）"),
    _count("completed_overdue", "超时办结件", definition="办理用时 > 承诺时限的办结件",
           in_export=True, counted=f"{_COMPLETED}；承诺件与即办件都计入：即办件（承诺时限 0）"
           "受理后第 1 个工作日或以后办结即为超时办结；未办结的办件不计入，无论是否已超过承诺时限"),
    _count("promise_applied", "承诺件申请", definition="统计时间段内申请的承诺件件数",
           counted=f"{_APPLIED}；{_PROMISE}"),
    _count("promise_accepted", "承诺件受理", definition="统计时间段内受理的承诺件件数",
           counted=f"{_ACCEPTED}；{_PROMISE}"),
    _count("promise_completed", "承诺件办结", definition="统计时间段内办结的承诺件件数",
           in_export=True, counted=f"{_COMPLETED}；{_PROMISE}"),
    _count("promise_early", "提前办结件", definition="办理用时 < 承诺时限的承诺件",
           in_export=True, counted=f"{_COMPLETED}；只计承诺件（即办件不会提前办结）"),
    _count("promise_overdue", "承诺件超时办结", definition="办理用时 > 承诺时限的承诺件",
           counted=f"{_COMPLETED}；不含即办件"),
    _count("promise_legal_days", "承诺件法定时限合计", "工作日",
           "承诺件办结件的法定时限之和", counted=f"{_COMPLETED}；{_LEGAL}"),
    _count("promise_saved_days", "承诺件节约工作日合计", "工作日",
           "承诺件办结件的 (法定时限 − 办理用时) 之和", counted=f"{_COMPLETED}；{_LEGAL}",
           note=_SLOWER),
    _count("online_applied", "线上申请", definition="统计时间段内线上申请的件数", in_export=True,
           counted=f"{_APPLIED}；{_ONLINE}"),
    _count("online_accepted", "线上受理", definition="统计时间段内受理的线上申请件数",
           in_export=True, counted=f"{_ACCEPTED}；{_ONLINE}"),
    _count("online_completed", "线上办结", definition="统计时间段内办结的线上申请件数",
           in_export=True, counted=f"{_COMPLETED}；{_ONLINE}"),
    _count("online_promise_completed", "线上承诺件办结", definition="统计时间段内办结的线上承诺件件数",
           in_export=True, counted=f"{_COMPLETED}；{_ONLINE}中的承诺件"),
    _count("online_promise_early", "线上承诺件提前办结", definition="办理用时 < 承诺时限的线上承诺件",
           in_export=True, counted=f"{_COMPLETED}；{_ONLINE}中的承诺件"),
    _count("online_legal_days", "线上承诺件法定时限合计", "工作日",
           "线上承诺件办结件的法定时限之和", counted=f"{_COMPLETED}；{_ONLINE}；{_LEGAL}"),
    _count("online_saved_days", "线上承诺件节约工作日合计", "工作日",
           "线上承诺件办结件的 (法定时限 − 办理用时) 之和",
           counted=f"{_COMPLETED}；{_ONLINE}；{_LEGAL}", note=_SLOWER),
    _count("active_evaluations", "主动评价数", "条", "统计时间段内群众主动对办件进行评价的总数",
           in_export=True, counted=f"{_EVALUATED}；只计评价方式为主动评价的，回访评价不计入"),
    _count("evaluations", "评价数", "条", "统计时间段内的评价条数",
           counted=f"{_EVALUATED}；{_BOTH_KINDS}"),
    _count("bad_evaluations", "差评数", "条", "评价等级为不满意或非常不满意的评价条数",
           counted=f"{_EVALUATED}；{_BOTH_KINDS}"),
    _count("bad_rectified", "已整改差评", "条", "已填写整改完成时间的差评条数",
           counted="按差评的评价时间所在月计入；整改完成时间可晚于该月（截至计算当日），"
           "故日后重新计算往月时此数可能增加"),
    _count("promise_items", "承诺件事项数", "项", "有承诺件办结且法定时限 > 0 的不同事项数",
           counted=f"{_COMPLETED}；按单位计不同事项（事项编码，缺失时用事项名称），"
           "同一事项在两个单位各计一次"),
    Figure("promise_items_speedup", "承诺件事项提速比合计", "number", "",
           "上述各事项 (法定时限 − 承诺时限) / 法定时限 之和（同一事项各办件的时限不一时取其平均）",
           counted=f"{_COMPLETED}；同承诺件事项数"),
    _rate("on_time_rate", "按时办结率", "completed_overdue", "completed",
          "按时办结率 = 1 − 超时办结件 / 办结件", complement=True,
          counted=f"{_COMPLETED}的办结件，含即办件；未办结的办件（含已超过承诺时限的）不计入"),
    _rate("promise_early_rate", "提前办结率", "promise_early", "promise_completed",
          "提前办结率 = 提前办结件 / 承诺件办结件 × 100%（办结用时 < 承诺时限）",
          counted=f"{_COMPLETED}的承诺件", in_export=True),
    _rate("handling_speedup_rate", "办理提速率", "promise_saved_days", "promise_legal_days",
          "办理提速率 = Σ(法定时限 − 实际办理工作日) / Σ法定时限 × 100%（按承诺件计算）",
          counted=f"{_COMPLETED}；{_LEGAL}", in_export=True, note=_SLOWER),
    _rate("online_handling_rate", "网上办理率", "online_promise_completed", "promise_completed",
          "网上办理率 = 线上承诺件办结件 / 承诺件办结件 × 100%",
          counted=f"{_COMPLETED}的承诺件；{_ONLINE}计入分子", in_export=True),
    _rate("online_share", "线上申请占比", "online_applied", "applied",
          "线上申请占比 = 线上申请件 / 申请件 × 100%", counted=f"{_APPLIED}的申请件"),
    _rate("active_evaluation_rate", "主动评价率", "active_evaluations", "completed",
          "主动评价率 = 主动评价数 / 办结件 × 100%", in_export=True,
          counted="分子按评价时间所在月、分母按办结时间所在月计；评价不与办件逐一对应"
          "（本月的评价可以是往月办结的办件）；回访评价不计入", note=_ABOVE_ALL),
    _rate("satisfaction_rate", "满意率", [("evaluations", 1), ("bad_evaluations", -1)],
          "evaluations", "满意率 = (评价数 − 差评数) / 评价数 × 100%",
          counted=f"{_EVALUATED}；{_BOTH_KINDS}；非常满意、满意、基本满意都算作满意"),
    _rate("bad_rectified_rate", "差评整改率", "bad_rectified", "bad_evaluations",
          "差评整改率 = 已整改差评 / 差评数 × 100%",
          counted="按差评的评价时间所在月计；主动评价与回访评价的差评都计入"),
    _rate("promise_speedup_rate", "承诺提速率", "promise_items_speedup", "promise_items",
          "承诺提速率 = 各承诺件事项 (法定时限 − 承诺时限) / 法定时限 的平均值（法定时限 > 0 的事项）",
          counted=f"{_COMPLETED}有承诺件办结的事项；合计时各单位的事项相加（同一事项在两个单位计两次）",
          in_export=True),
    _rate("online_handling_speedup_rate", "线上办理提速率", "online_saved_days",
          "online_legal_days", "线上办理提速率：同办理提速率，按线上承诺件计算",
          counted=f"{_COMPLETED}；{_ONLINE}；{_LEGAL}", in_export=True, note=_SLOWER),
    _rate("online_promise_early_rate", "线上提前办结率", "online_promise_early",
          "online_promise_completed", "线上提前办结率：同提前办结率，按线上承诺件计算",
          counted=f"{_COMPLETED}的线上承诺件", in_export=True),
]}


# ---------------------------------------------------------------- how a count is tallied
# The unit_month counts above in a form a program reads: each is a sum over the rows of one
# input, per (month, unit), of ``value`` for the rows whose ``event`` time lies in the month
# and that meet every condition of ``where``. A sum per (month, unit) is additive: sums over
# parts of the rows (a month's partition, a shard) add up to the sum over all rows. The
# facts' SQL for a distributed engine is generated from these (facts.sql, docs/scale.md);
# a test holds it equal to the cube of facts.cube on the same data.

EVENTS = {"applied": "申请时间", "accepted": "受理时间", "completed": "办结时间",
          "evaluated": "评价时间"}  # the time that places a row in its month
CONDITIONS = {
    "promise": "承诺时限 > 0（承诺件）", "online": "申请方式为线上", "legal": "法定时限 > 0",
    "early": "办理用时 < 承诺时限", "overdue": "办理用时 > 承诺时限",
    "active": "评价方式为主动评价", "bad": "评价等级为不满意或非常不满意",
    "rectified": "已填写整改完成时间",
}
MEASURES = {"row": "1（计件）", "legal": "法定时限", "saved": "法定时限 − 办理用时"}


@dataclass(frozen=True)
class Tally:
    event: str  # a key of EVENTS
    where: tuple[str, ...] = ()  # keys of CONDITIONS, all to hold
    value: str = "row"  # a key of MEASURES

    def __post_init__(self) -> None:
        if self.event not in EVENTS or self.value not in MEASURES \
                or not set(self.where) <= set(CONDITIONS):
            raise ValueError(f"bad tally {self}")


TALLIES: dict[str, Tally] = {
    "applied": Tally("applied"),
    "accepted": Tally("accepted"),
    "completed": Tally("completed"),
    "completed_overdue": Tally("completed", ("overdue",)),
    "promise_applied": Tally("applied", ("promise",)),
    "promise_accepted": Tally("accepted", ("promise",)),
    "promise_completed": Tally("completed", ("promise",)),
    "promise_early": Tally("completed", ("promise", "early")),
    "promise_overdue": Tally("completed", ("promise", "overdue")),
    "promise_legal_days": Tally("completed", ("promise", "legal"), "legal"),
    "promise_saved_days": Tally("completed", ("promise", "legal"), "saved"),
    "online_applied": Tally("applied", ("online",)),
    "online_accepted": Tally("accepted", ("online",)),
    "online_completed": Tally("completed", ("online",)),
    "online_promise_completed": Tally("completed", ("online", "promise")),
    "online_promise_early": Tally("completed", ("online", "promise", "early")),
    "online_legal_days": Tally("completed", ("online", "promise", "legal"), "legal"),
    "online_saved_days": Tally("completed", ("online", "promise", "legal"), "saved"),
    "active_evaluations": Tally("evaluated", ("active",)),
    "evaluations": Tally("evaluated"),
    "bad_evaluations": Tally("evaluated", ("bad",)),
    "bad_rectified": Tally("evaluated", ("bad", "rectified")),
}
# promise_items and promise_items_speedup are no such sum: they count distinct 事项 per
# (month, unit) and average each item's ratio over its cases (facts.build.item_speedup).
assert all(FIGURES[k].kind == "count" for k in TALLIES)

# The rates of FIGURES, in catalogue order.
RATES: dict[str, Figure] = {k: f for k, f in FIGURES.items() if f.is_rate}

# The counts of the unit_month table, in its column order after month and unit: every count
# of FIGURES but the two counted per item, not per case (facts.build.item_speedup).
# facts.cube.FACT_COLUMNS are these (a test keeps them equal); docs/definitions.md, section 4.
ITEM_LEVEL_KEYS: tuple[str, ...] = ("promise_items", "promise_items_speedup")
UNIT_MONTH_KEYS: tuple[str, ...] = tuple(
    k for k, f in FIGURES.items() if not f.is_rate and k not in ITEM_LEVEL_KEYS)

# Labels of every figure (counts and rates), for messages and the narrative.
LABELS: dict[str, str] = {k: f.label for k, f in FIGURES.items()}

# The headline of a month, in this order: meta.json, the site's index and trends.
HEADLINE_KEYS: tuple[str, ...] = (
    "applied", "accepted", "completed", "completed_overdue", "on_time_rate",
    "promise_early_rate", "online_share", "active_evaluations", "active_evaluation_rate")


KIND_NAMES = {"count": "计数", "rate": "比率", "score": "得分", "number": "数值"}

# A chart's value axis (docs/definitions.md 1.9): a count or a number starts at zero; a rate
# (drawn in percent) or a score spans at least this many points, so a change of under one
# point never fills the chart.
AXIS_MIN_SPAN = {"rate": 10.0, "score": 10.0}


def fraction_words(rate: Figure, catalogue: dict[str, Figure] | None = None) -> tuple[str, str]:
    """A rate's numerator and denominator in words, by the catalogue's labels:
    按时办结率 → ("办结件 − 超时办结件", "办结件")."""
    catalogue = FIGURES if catalogue is None else catalogue
    terms = list(rate.parts)
    if rate.complement:  # 1 − a / b = (b − a) / b
        terms = [(rate.denominator, 1)] + [(c, -sign) for c, sign in terms]
    words = ""
    for i, (key, sign) in enumerate(terms):
        op = ("" if sign > 0 else "−") if i == 0 else (" + " if sign > 0 else " − ")
        words += op + catalogue[key].label
    return words, catalogue[rate.denominator].label


def figure(key: str) -> Figure:
    """The catalogue entry of ``key`` (KeyError names the key)."""
    return FIGURES[key]


def known(value) -> bool:
    """A figure the data gives: neither missing (None) nor not computable (NaN)."""
    return value is not None and not (isinstance(value, float) and math.isnan(value))


# ---------------------------------------------------------------- 事项 indicators (seeds 003/004)
# Each is Σ numerator / Σ denominator over the units shown (never a mean of rates).

@dataclass(frozen=True)
class Indicator:
    """A 事项 indicator: ``numerator`` / ``denominator`` name counts of ``ITEM_COUNTS``."""

    key: str
    label: str
    numerator: str
    denominator: str
    kind: str = "rate"  # a percentage; "number" for a plain ratio (平均到现场次数)
    unit: str = "%"
    definition: str = ""
    note: str = ""  # how it is shown or summed: docs/definitions.md and the review

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"{self.key}: kind {self.kind!r} is not one of {KINDS}")

    @property
    def is_rate(self) -> bool:
        return self.kind == "rate"


INDICATORS = [
    Indicator("claim_rate", "认领率", "claimed", "listed", definition="认领率 = 已认领 / (已认领 + 待认领)"),
    Indicator("publish_rate", "发布率", "published", "claimed", definition="发布率 = 已发布 / 已认领"),
    Indicator("guide_accuracy", "办事指南准确率", "guide_accurate", "published",
              definition="办事指南准确率 = 办事指南准确的事项 / 已发布事项"),
    Indicator("sorting_completion", "梳理完成率", "sorted", "claimed",
              definition="梳理完成率 = 完成梳理的事项 / 已认领事项"),
    Indicator("case_coverage", "办件覆盖率", "items_with_cases", "items",
              definition="办件覆盖率 = 产生办件的事项（1 月以来办件量 ≥ 1）/ 事项数"),
    Indicator("promise_speedup", "承诺时限压缩比", "speedup_sum", "speedup_items",
              definition="承诺时限压缩比 = 各事项 (法定时限 − 承诺时限) / 法定时限 的平均值（法定时限 > 0）"),
    Indicator("visits_avg", "平均到现场次数", "visits_sum", "items", kind="number", unit="次",
              definition="平均到现场次数 = Σ 到现场次数 / 事项数"),
    Indicator("instant_share", "即办件占比", "instant_items", "items",
              definition="即办件占比 = 即办件事项（承诺时限为 0）/ 事项数"),
    Indicator("full_online_share", "全程网办占比", "full_online_items", "items",
              definition="全程网办占比 = 全程网办事项 / 事项数"),
    Indicator("active_evaluation_rate", "主动评价率", "active_evaluations", "cases",
              definition="主动评价率 = 主动评价数 / 办件量",
              note="平台给出的单位比率按原值显示"),
]


BY_KEY = {i.key: i for i in INDICATORS}


PARTS = sorted({p for i in INDICATORS for p in (i.numerator, i.denominator)})


# The counts the 事项 indicators are made of (PARTS), with the labels the findings print.
ITEM_COUNTS: dict[str, Figure] = {f.key: f for f in [
    _count("items", "事项数", "项"),
    _count("listed", "应认领事项", "项", "已认领 + 待认领"),
    _count("claimed", "已认领事项", "项"),
    _count("published", "已发布事项", "项"),
    _count("guide_accurate", "办事指南准确的事项", "项"),
    _count("sorted", "完成梳理的事项", "项"),
    _count("items_with_cases", "产生办件的事项", "项", "1 月以来办件量 ≥ 1"),
    Figure("speedup_sum", "承诺时限压缩比合计", "number", "",
           "各事项 (法定时限 − 承诺时限) / 法定时限 之和"),
    _count("speedup_items", "法定时限 > 0 的事项", "项"),
    _count("visits_sum", "到现场次数合计", "次"),
    _count("instant_items", "即办件事项", "项", "承诺时限为 0"),
    _count("full_online_items", "全程网办事项", "项"),
    _count("active_evaluations", "主动评价数", "条"),
    _count("cases", "办件量", "件"),
]}


# ---------------------------------------------------------------- 大厅 and 便民服务中心 (seed 003)

HALL_COUNTS: dict[str, Figure] = {f.key: f for f in [
    _count("consult", "咨询"),
    _count("applied", "申请"),
    _count("accepted", "受理"),
    _count("completed", "办结"),
    _count("window_cases", "大厅窗口办件数"),
]}

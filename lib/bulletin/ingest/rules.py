"""The rules of a case or evaluation row, each a polars expression giving one boolean per
row (true: the row breaks the rule), with the Chinese text of what the cell should hold.

A rule reads the typed columns and the "has a value" flags (``raw``) that
ingest.typed gives; ingest.validate runs them in the facts' lazy query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from bulletin.ingest.cells import DT, YEAR_MAX, YEAR_MIN
from bulletin.ingest.schema import EVALUATION_LEVELS

DATETIME_EXPECTED = (f"四位年份的日期时间（年份在 {YEAR_MIN}—{YEAR_MAX} 之间），"
                     "如 2021-02-03 09:30:00；两位年份（如 21-2-3）无法识别")


FUTURE_EXPECTED = "不晚于今天的日期时间（这是一个未来的日期）"


# Plausible ranges (docs/inputs.md, section 5): a value beyond them is a typing error or a
# damaged file (a flipped byte of a Parquet page), quarantined rather than counted.
LIMIT_DAYS_MAX = 365  # 法定/承诺时限 in working days; dataset.yml limit_days_max
ACCEPT_WITHIN = dt.timedelta(days=366)  # 受理 within a year of 申请
COMPLETE_WITHIN = dt.timedelta(days=5 * 366)  # 办结 within five years of 受理
RECTIFY_WITHIN = dt.timedelta(days=366)  # 整改 within a year of 评价
DAMAGED = "；超出此范围的值视为录入错误或文件损坏"


def too_long(limit_max: int) -> str:
    return (f"不大于 {limit_max} 的整数（工作日）{DAMAGED}；上限可在 dataset.yml 的 "
            "limit_days_max 中调整")


def raw(name: str) -> str:
    return f"{name}__raw"


@dataclass(frozen=True)
class Rule:
    flag: str
    column: str  # canonical column the message points at
    expected: str  # Chinese: what the cell should hold
    bad: pl.Expr


def missing(name: str) -> pl.Expr:
    """The cell is empty or blank. The raw column holds a boolean "has a value" (present)."""
    return ~pl.col(raw(name))


def unparsed(name: str) -> pl.Expr:
    return ~missing(name) & pl.col(name).is_null()


def future(name: str) -> pl.Expr:
    """The date-time lies after today (the day of the run): no export holds such a date."""
    tomorrow = dt.datetime.combine(dt.date.today() + dt.timedelta(days=1), dt.time())
    return pl.col(name) >= pl.lit(tomorrow, dtype=DT)


def case_rules(limit_max: int = LIMIT_DAYS_MAX) -> list[Rule]:
    c = pl.col
    return [
        Rule("case_id_missing", "case_id", "非空的办件编号", missing("case_id")),
        Rule("case_id_duplicate", "case_id", "在数据集中唯一的办件编号（此编号已在前面出现）",
             ~missing("case_id") & ~c("case_id").is_first_distinct()),
        Rule("unit_missing", "unit", "非空的办理单位", missing("unit")),
        Rule("unit_unknown", "unit", "单位名录中的单位或其别名", unparsed("unit")),
        Rule("applied_missing", "applied_at", "申请时间（必填）", missing("applied_at")),
        Rule("applied_bad", "applied_at", DATETIME_EXPECTED, unparsed("applied_at")),
        Rule("accepted_bad", "accepted_at", DATETIME_EXPECTED, unparsed("accepted_at")),
        Rule("completed_bad", "completed_at", DATETIME_EXPECTED, unparsed("completed_at")),
        Rule("applied_future", "applied_at", FUTURE_EXPECTED, future("applied_at")),
        Rule("accepted_future", "accepted_at", FUTURE_EXPECTED, future("accepted_at")),
        Rule("completed_future", "completed_at", FUTURE_EXPECTED, future("completed_at")),
        Rule("accepted_before_applied", "accepted_at", "不早于申请时间的受理时间",
             c("accepted_at") < c("applied_at")),
        Rule("completed_before_accepted", "completed_at", "不早于受理时间的办结时间",
             c("completed_at") < c("accepted_at")),
        Rule("accepted_late", "accepted_at", f"申请后一年之内的受理时间{DAMAGED}",
             (c("accepted_at") > c("applied_at") + ACCEPT_WITHIN) & ~future("accepted_at")),
        Rule("completed_late", "completed_at", f"受理后五年之内的办结时间{DAMAGED}",
             (c("completed_at") > c("accepted_at") + COMPLETE_WITHIN) & ~future("completed_at")),
        Rule("completed_not_accepted", "completed_at", "已办结的办件须有受理时间",
             c("completed_at").is_not_null() & c("accepted_at").is_null() & missing("accepted_at")),
        Rule("legal_bad", "legal_limit_days", "不小于 0 的整数（工作日）",
             unparsed("legal_limit_days") | (c("legal_limit_days") < 0)),
        Rule("legal_too_long", "legal_limit_days", too_long(limit_max),
             c("legal_limit_days") > limit_max),
        Rule("promised_missing", "promised_limit_days", "承诺时限（必填，0 表示即办件）",
             missing("promised_limit_days")),
        Rule("promised_bad", "promised_limit_days", "不小于 0 的整数（工作日）",
             unparsed("promised_limit_days") | (c("promised_limit_days") < 0)),
        Rule("promised_too_long", "promised_limit_days", too_long(limit_max),
             c("promised_limit_days") > limit_max),
        Rule("channel_missing", "channel", "申请方式（线上或线下）", missing("channel")),
        Rule("channel_bad", "channel", "线上或线下（或 网上、网办、在线、窗口、现场、大厅）",
             unparsed("channel")),
    ]


def evaluation_rules() -> list[Rule]:
    c = pl.col
    return [
        Rule("evaluation_id_missing", "evaluation_id", "非空的评价编号", missing("evaluation_id")),
        Rule("evaluation_id_duplicate", "evaluation_id", "唯一的评价编号（此编号已在前面出现）",
             ~missing("evaluation_id") & ~c("evaluation_id").is_first_distinct()),
        Rule("unit_missing", "unit", "非空的被评价单位", missing("unit")),
        Rule("unit_unknown", "unit", "单位名录中的单位或其别名", unparsed("unit")),
        Rule("evaluated_missing", "evaluated_at", "评价时间（必填）", missing("evaluated_at")),
        Rule("evaluated_bad", "evaluated_at", DATETIME_EXPECTED, unparsed("evaluated_at")),
        Rule("evaluated_future", "evaluated_at", FUTURE_EXPECTED, future("evaluated_at")),
        Rule("level_bad", "level", "、".join(EVALUATION_LEVELS) + " 之一",
             missing("level") | unparsed("level")),
        Rule("kind_bad", "kind", "主动评价或回访评价", missing("kind") | unparsed("kind")),
        Rule("rectified_bad", "rectified_at", DATETIME_EXPECTED, unparsed("rectified_at")),
        Rule("rectified_future", "rectified_at", FUTURE_EXPECTED, future("rectified_at")),
        Rule("rectified_before_evaluated", "rectified_at", "不早于评价时间的整改完成时间",
             c("rectified_at") < c("evaluated_at")),
        Rule("rectified_late", "rectified_at", f"评价后一年之内的整改完成时间{DAMAGED}",
             (c("rectified_at") > c("evaluated_at") + RECTIFY_WITHIN) & ~future("rectified_at")),
    ]

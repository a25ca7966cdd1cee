"""The inputs' columns: canonical English names, the Chinese headers of the platform's
exports, and the enumerations. One table per input of docs/inputs.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bulletin.core.definitions import FIGURES


@dataclass(frozen=True)
class Column:
    name: str
    headers: tuple[str, ...]  # Chinese header first; further spellings met in exports
    required: bool = True
    kind: str = "str"  # str | int | datetime | enum | list


@dataclass(frozen=True)
class InputSchema:
    kind: str
    label: str  # Chinese name used in messages
    columns: tuple[Column, ...] = field(default_factory=tuple)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


UNITS = InputSchema(
    "units",
    "单位名录",
    (
        Column("unit", ("单位名称", "单位", "名称")),
        Column("aliases", ("别名",), required=False, kind="list"),
        Column("level", ("层级",), kind="enum"),
        Column("parent", ("上级单位",), required=False),
        Column("group", ("考核分组", "分组"), required=False),
        Column("order", ("序号",), kind="int"),
    ),
)


CASES = InputSchema(
    "cases",
    "办件明细",
    (
        Column("case_id", ("办件编号", "办件号", "业务流水号")),
        Column("unit", ("办理单位", "受理单位", "部门")),
        Column("item_code", ("事项编码", "事项代码"), required=False),
        Column("item_name", ("事项名称",), required=False),
        Column("applied_at", ("申请时间",), kind="datetime"),
        Column("accepted_at", ("受理时间",), required=False, kind="datetime"),
        Column("completed_at", ("办结时间",), required=False, kind="datetime"),
        Column("legal_limit_days", ("法定时限", "法定办结时限"), required=False, kind="int"),
        Column("promised_limit_days", ("承诺时限", "承诺办结时限"), kind="int"),
        Column("channel", ("申请方式", "申办渠道", "办理渠道"), kind="enum"),
    ),
)


EVALUATIONS = InputSchema(
    "evaluations",
    "好差评明细",
    (
        Column("evaluation_id", ("评价编号",)),
        Column("case_id", ("办件编号",), required=False),
        Column("unit", ("被评价单位", "评价单位", "办理单位")),
        Column("evaluated_at", ("评价时间",), kind="datetime"),
        Column("level", ("评价等级", "评价结果"), kind="enum"),
        Column("kind", ("评价方式", "评价渠道"), kind="enum"),
        Column("rectified_at", ("整改完成时间", "整改时间"), required=False, kind="datetime"),
    ),
)


CHANNELS = {
    "线上": "线上", "网上": "线上", "网办": "线上", "在线": "线上", "online": "线上",
    "线下": "线下", "窗口": "线下", "现场": "线下", "大厅": "线下", "offline": "线下",
}


EVALUATION_LEVELS = ("非常满意", "满意", "基本满意", "不满意", "非常不满意")


EVALUATION_KINDS = {"主动评价": "主动评价", "active": "主动评价", "回访评价": "回访评价",
                    "follow-up": "回访评价", "回访": "回访评价", "主动": "主动评价"}


# Header words that mark personal data. Such columns are dropped on read, whatever
# else the export holds; the reader reports which ones it dropped (names only).
PERSONAL_MARKERS = ("姓名", "身份证", "证件号", "电话", "手机", "联系方式", "住址", "地址",
                    "name", "id_number", "phone", "mobile", "address")


# unit_stats: the 运行情况表 of seed 000's annexes. (spanner, leaf) → column.
UNIT_STATS_HEADERS: dict[tuple[str, str], str] = {
    ("办件情况", "申请"): "applied",
    ("办件情况", "受理"): "accepted",
    ("办件情况", "办结"): "completed",
    ("办件情况", "超时办结"): "completed_overdue",
    ("承诺件办件情况", "办结"): "promise_completed",
    ("承诺件办件情况", "提前办结"): "promise_early",
    ("承诺件办件效率", "承诺提速"): "promise_speedup_rate",
    ("承诺件办件效率", "办理提速"): "handling_speedup_rate",
    ("承诺件办件效率", "提前办结"): "promise_early_rate",
    ("线上办件情况", "申请"): "online_applied",
    ("线上办件情况", "受理"): "online_accepted",
    ("线上办件情况", "办结"): "online_completed",
    ("线上承诺件办件情况", "办结"): "online_promise_completed",
    ("线上承诺件办件情况", "提前办结"): "online_promise_early",
    ("线上承诺办件效率", "网上办理"): "online_handling_rate",
    ("线上承诺办件效率", "办理提速"): "online_handling_speedup_rate",
    ("线上承诺办件效率", "提前办结"): "online_promise_early_rate",
    ("办件主动评价", "主动评价数"): "active_evaluations",
    ("办件主动评价", "主动评价率"): "active_evaluation_rate",
}


# Counts and rates of the export, by their kind in the catalogue.
UNIT_STATS_COUNTS = [v for v in UNIT_STATS_HEADERS.values() if FIGURES[v].kind == "count"]


UNIT_STATS_RATES = [v for v in UNIT_STATS_HEADERS.values() if FIGURES[v].kind == "rate"]

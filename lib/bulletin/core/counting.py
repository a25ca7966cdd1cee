"""What is counted where: the catalogue's rules that hold for many figures at once (which
month a case or an evaluation counts in, working days and elapsed time, 即办件, open cases
past their deadline, 主动 and 回访 evaluations, roll-ups, the aggregated exports).

Each figure's own note is ``Figure.counted`` (core.definitions); these are the rules
those notes refer to. ``ELAPSED_EXAMPLES`` and ``EVALUATION_EXAMPLES`` are worked examples
that the tests run through the code (tests/unit/core/test_definitions_doc.py), so that
docs/definitions.md, generated from here, cannot say what the code does not do.
"""

from __future__ import annotations

from dataclasses import dataclass

from bulletin.core.definitions import AXIS_MIN_SPAN


@dataclass(frozen=True)
class Rule:
    title: str
    paragraphs: tuple[str, ...]
    table: tuple[tuple[str, ...], ...] = ()  # a worked example: header row, then rows


@dataclass(frozen=True)
class ElapsedExample:
    """One case: accepted, completed (``YYYY-MM-DD HH:MM`` and the weekday), its 承诺时限,
    the working days it took and how it counts."""

    accepted: str
    completed: str
    promised: int
    elapsed: int
    outcome: str  # 提前办结 | 按时办结 | 超时办结
    why: str


ELAPSED_EXAMPLES: tuple[ElapsedExample, ...] = (
    ElapsedExample("2021-03-01 09:00（周一）", "2021-03-01 17:30（周一）", 0, 0, "按时办结",
                   "即办件当日办结"),
    ElapsedExample("2021-03-01 09:00（周一）", "2021-03-02 09:00（周二）", 0, 1, "超时办结",
                   "即办件次日办结：不足 24 小时，也是 1 个工作日"),
    ElapsedExample("2021-03-05 17:00（周五）", "2021-03-06 10:00（周六）", 0, 0, "按时办结",
                   "周六不是工作日"),
    ElapsedExample("2021-03-06 10:00（周六）", "2021-03-08 09:00（周一）", 0, 1, "超时办结",
                   "休息日受理的即办件，下一个工作日办结即计 1 个工作日"),
    ElapsedExample("2021-03-01 09:00（周一）", "2021-03-03 16:00（周三）", 3, 2, "提前办结",
                   "办理用时 2 < 承诺时限 3"),
    ElapsedExample("2021-03-01 09:00（周一）", "2021-03-04 09:00（周四）", 3, 3, "按时办结",
                   "等于承诺时限：既非提前也非超时"),
    ElapsedExample("2021-02-10 09:00（周三）", "2021-02-18 09:00（周四）", 1, 1, "按时办结",
                   "2 月 11 日至 17 日为春节假期，不计"),
    ElapsedExample("2021-02-19 09:00（周五）", "2021-02-20 09:00（周六）", 0, 1, "超时办结",
                   "2 月 20 日为调休上班日，计入"),
)


@dataclass(frozen=True)
class EvaluationExample:
    """One evaluation of the month and the counts it enters (1) or not (0)."""

    kind: str  # 主动评价 | 回访评价
    level: str
    active_evaluations: int
    evaluations: int
    bad_evaluations: int


EVALUATION_EXAMPLES: tuple[EvaluationExample, ...] = (
    EvaluationExample("主动评价", "基本满意", 1, 1, 0),
    EvaluationExample("主动评价", "不满意", 1, 1, 1),
    EvaluationExample("回访评价", "非常满意", 0, 1, 0),
    EvaluationExample("回访评价", "非常不满意", 0, 1, 1),
)


def _elapsed_table() -> tuple[tuple[str, ...], ...]:
    head = ("受理时间", "办结时间", "承诺时限", "办理用时（工作日）", "计为", "说明")
    return (head, *((e.accepted, e.completed, str(e.promised), str(e.elapsed), e.outcome, e.why)
                    for e in ELAPSED_EXAMPLES))


def _evaluation_table() -> tuple[tuple[str, ...], ...]:
    mark = {0: "—", 1: "计入"}
    head = ("评价方式", "评价等级", "主动评价数（主动评价率的分子）", "评价数", "差评数", "满意率")
    return (head, *((e.kind, e.level, mark[e.active_evaluations], mark[e.evaluations],
                     mark[e.bad_evaluations], "分母" if e.bad_evaluations else "分子、分母")
                    for e in EVALUATION_EXAMPLES))


COUNTING_RULES: tuple[Rule, ...] = (
    Rule("统计月份", (
        ("一个办件最多计入三个月份：申请时间所在月的申请件、受理时间所在月的受理件、办结时间所在月的办结件"
         "（及其超时、提前、线上等细分），都计在办件的办理单位下。时间按北京时间，"
         "某月 1 日 00:00:00 属于该月。例如 2 月 26 日申请并受理、3 月 1 日 00:00 办结的办件，"
         "是 2 月的申请件和受理件、3 月的办结件。"),
        ("因此同一个月的申请件、受理件、办结件是不同的办件集合：办结件可以多于申请件，"
         "本月的受理件也不一定是本月的申请件。累计（1—N 月）是各月之和。"),
        ("被隔离的行（见 [inputs.md 第 7 节](inputs.md#7-bad-rows-quarantine-and---strict)）不计入任何数字。"
         "没有任何有效申请件的月份（运行情况表：没有该月的文件）为无数据，不以 0 计入环比和累计："
         "其下一月的通报略去环比（正文不写环比，图只绘本月，附件不列「较上月」），通报中不作说明，"
         "由核查清单告诉分析人员。"),
        "评价计入评价时间所在月、被评价单位名下，不与办件对应（办件编号不与办件明细核对）。",
    )),
    Rule("工作日与办理用时", (
        ("法定时限、承诺时限以工作日计。工作日按国家公布的节假日安排（含调休上班日），"
         "dataset.yml 的 holidays / workdays 可增补或改写（[inputs.md 第 8 节](inputs.md#8-working-days-and-the-holiday-override)）。"),
        ("办理用时 = 受理日之后、至办结日（含）为止的工作日数；时、分不计，受理当日不计。"
         "办理用时 > 承诺时限为超时办结，< 承诺时限为提前办结（只对承诺件），等于承诺时限为按时办结。"),
    ), _elapsed_table()),
    Rule("即办件", (
        ("承诺时限为 0 的办件是即办件，> 0 的是承诺件。即办件只有在受理当日、或受理后第一个工作日之前办结才算按时："
         "受理后第 1 个工作日或以后办结，办理用时 ≥ 1 > 0，计为超时办结——计入超时办结件、"
         "拉低按时办结率，但不计入承诺件的任何数字（承诺件超时办结、提前办结率、办理提速率等）。"
         "即办件不会提前办结。"),
    )),
    Rule("未办结的超期办件", (
        ("已受理、尚未办结的办件，即使已超过承诺时限，也不计入任何超时数字：超时办结件和按时办结率"
         "只统计当月办结的办件。这样的办件只出现在其申请、受理月份的申请件、受理件中；"
         "日后办结时，若办理用时超过承诺时限，计入办结当月的超时办结件。"),
        ("事项清单汇总表（items/）中的 新增超时件、累计超时件、超期率 是平台给出的数字，按原值显示，"
         "不由办件明细计算，其口径以平台为准。"),
    )),
    Rule("主动评价与回访评价", (
        ("主动评价数、主动评价率只计评价方式为主动评价的评价；评价数、差评数、满意率、差评整改率"
         "计入主动评价与回访评价全部评价。差评是评价等级为不满意或非常不满意的评价；"
         "非常满意、满意、基本满意都计入满意率的分子。"),
        ("通报正文好差评一节的首句按此写出两种基数：「主动评价总数 … 条，主动评价率为 …」之后，"
         "若当月有回访评价，另写「主动评价与回访评价合计 … 条，其中差评数 … 条，满意率为 …」；"
         "当月全部为主动评价时，两种基数相同，写作「主动评价总数 … 条，差评数 … 条，满意率为 …，"
         "主动评价率为 …」。"),
    ), _evaluation_table()),
    Rule("合计与比率", (
        ("市本级、各县（市、区）、全市等汇总范围的件数是所辖单位件数之和（各范围包含哪些单位见 "
         "[inputs.md 第 4 节](inputs.md#4-unitscsv--单位名录)）；比率由求和后的分子、分母计算，从不平均各单位的比率。"),
        ("比率按两位小数截断显示（不四舍五入），100.00% 仅在恰好为 100% 时出现；分母为 0 时显示为"
         "「-」（或 dataset.yml 的 zero_denominator）。这些显示规则和各指标的「说明」（可为负、"
         "可超过 100% 等）写在本文件和每月的核查清单中，不印在通报的附件注释里：附件注释只印口径。"),
    )),
    Rule("事项指标的合计", (
        ("事项指标表（items/）中，单位一行的比率为平台给出的比率（按两位小数截断显示）；合计一行"
         "按各单位的计数（或比率 × 事项数还原的计数）汇总后计算，不对比率取平均。"),
    )),
    Rule("运行情况表（unit_stats/）", (
        ("没有办件明细、只有平台导出的运行情况表时，表中给出的件数按原值使用，某单位某列为「-」或空白"
         "即未给出（显示「-」，不以 0 代替），汇总范围为给出的数之和。表中给出的比率按原值显示在该单位"
         "一行，只含一个单位的汇总范围（如名下没有其他单位的县（市、区））也按原值；含多个单位的汇总范围，"
         "比率由求和后的件数计算，分子或分母不在表中的（如办理提速率所需的法定时限合计）无法计算，不显示。"),
        ("表中没有的数字（承诺件申请、评价数、差评数、满意率等）不显示，正文中略去相应分句。"
         "第 2 节表中「运行情况表」一列逐项说明。"),
    )),
    Rule("图表的数值轴", (
        ("通报和网站的图表中，计数（件、条等）和数值的纵轴（横向条形图为横轴）从 0 开始；比率（以 % "
         f"绘制）和得分的轴至少跨 {AXIS_MIN_SPAN['rate']:g} 个百分点（得分为 {AXIS_MIN_SPAN['score']:g} "
         f"分）：数据本身的范围不足 {AXIS_MIN_SPAN['rate']:g} 个点时，轴以数据为中心扩展到这一跨度"
         "（比率在 0%～100% 之内时不超出这一范围），因此不足 1 个点的变化不会占满整幅图。排名的轴"
         "第 1 位在上。这一最小跨度写在 `lib/bulletin/core/definitions.py` 的 `AXIS_MIN_SPAN`。"),
    )),
)


# How the platform's 运行情况表 (unit_stats/) gives each figure, by role (definitions_doc).
EXPORT_ROLES = {
    "given": "表中给出；汇总为各单位之和",
    "given_rate": "单位：表中给出（未给出时由该单位的件数计算）；多个单位的汇总：由求和后的件数计算",
    "given_rate_only": "单位：表中给出；多个单位的汇总：缺少分子或分母，不显示",
    "computed": "由表中的件数计算",
    "absent": "表中没有，不显示",
}

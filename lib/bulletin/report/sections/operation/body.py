"""The sections of seed 000's 运行情况通报: 要目, 平台运行情况 (总体 / 市本级 / 各县), 好差评,
办件超时 and the two annexes, and the numbering of the body's sections (一、 … 五、), which
the analyst's 工作动态 and 存在的问题 (``sections.written``) take their numbers from. Each
builder returns a list of blocks (Markdown text, great-tables tables, altair charts) and
review items for the analyst.
"""

from __future__ import annotations

from bulletin.core.months import month_cn
from bulletin.core.units import CITY, COUNTIES, COUNTY, DEPARTMENT
from bulletin.report.fmt import cn_number
from bulletin.report.month import MonthlyBulletin
from bulletin.report.notes import NOTE_OF
from bulletin.report.sections.common import (
    NOTES,
    SOURCES,
    Review,
    annex_note,
    as_text,
    paragraphs,
    strong,
)
from bulletin.report.sections.operation.annexes import annex_table, annex_title, method_notes
from bulletin.report.sections.operation.charts import (
    comparison_chart,
    counties_chart,
    evaluations_chart,
)
from bulletin.report.sections.operation.narrative import (
    evaluation_paragraphs,
    operation_paragraphs,
    overdue_paragraphs,
    stated_reviews,
)

# The numbered sections (一、 … 五、) of the body, by their names in profile.sections.
HEADINGS = {"operation": "政务服务事项平台运行情况", "evaluations": "一体化政务服务平台好差评情况",
            "overdue": "一体化政务服务平台办件超时情况", "work": "工作动态", "problems": "存在的问题"}

def has_evaluations(b: MonthlyBulletin) -> bool:
    return (b.scope(CITY) or {}).get("active_evaluations") is not None


def printed_sections(b: MonthlyBulletin) -> list[str]:
    """The numbered sections this month's bulletin prints, in the profile's order: a
    section the analyst writes only when notes/YYYY-MM.md has it, 好差评 only when the
    data has evaluations. A 公文 leaves out what it has nothing to say about."""
    notes = b.notes.sections
    out = []
    for name in b.config.profile.sections:
        if name not in HEADINGS:
            continue
        if name in NOTE_OF and not notes.get(NOTE_OF[name]):
            continue
        if name == "evaluations" and not has_evaluations(b):
            continue
        out.append(name)
    return out


def heading(b: MonthlyBulletin, name: str) -> str:
    """「四、工作动态」: the section's name after its number among the printed sections."""
    printed = printed_sections(b)
    number = printed.index(name) if name in printed else len(printed)
    return f"{cn_number(number + 1)}、{HEADINGS[name]}"


def numbered(b: MonthlyBulletin) -> bool:
    """Seed 000's body numbers its sections itself (### 一、…); in the other profiles an
    analyst's section keeps the heading as written (### 三、主要问题和下步工作要求)."""
    return any(name in b.config.profile.sections for name in ("operation", "evaluations",
                                                               "overdue"))


def section_contents(b: MonthlyBulletin) -> list:
    items = "\n".join(f"- {HEADINGS[name]}" for name in printed_sections(b))
    return [(f"## 要　目\n\n{strong('政务服务事项运行情况')}\n\n{items}\n\n"
             f"{strong(b.config.region + '一体化政务服务平台网上运行情况表')}")]


def section_operation(b: MonthlyBulletin) -> list:
    city_level = b.config.city_level_name
    return [
        (f"## 政务服务事项运行情况\n\n<div class=\"centered\">（{month_cn(b.month)}）</div>\n\n"
         f"### {heading(b, 'operation')}"),
        "#### （一）总体情况\n\n" + paragraphs(operation_paragraphs(b, CITY, "city")),
        comparison_chart(b, CITY, "图1. 全市办理政务服务事项"),  # + 与上月对比情况 or 情况
        f"#### （二）{as_text(city_level)}运行情况\n\n"
        + paragraphs(operation_paragraphs(b, city_level, "city_level")),
        comparison_chart(b, city_level, f"图2. {city_level}部门办理政务服务事项"),
        f"#### （三）{COUNTIES}运行情况\n\n"
        + paragraphs(operation_paragraphs(b, COUNTIES, "counties")),
        counties_chart(b, "图3. 县（市、区）办结政务服务事项"),
        *base_reviews(b),
        *[Review(SOURCES, text) for text in stated_reviews(b, [CITY, city_level, COUNTIES])],
    ]


def base_reviews(b: MonthlyBulletin) -> list[Review]:
    """What the bulletin leaves out for want of a base, said to the analyst only: the
    bulletin itself says nothing of a comparison it cannot make."""
    if b.has(b.previous):
        return []
    return [Review(SOURCES, f"{month_cn(b.previous)}无数据：本期正文不作环比，图1—图3只绘本月，"
                            "附件不列“较上月”一栏；通报中对此不作说明。")]


def section_evaluations(b: MonthlyBulletin) -> list:
    if not has_evaluations(b):
        return [Review(NOTES, "本数据集未提供好差评数据，通报略去“一体化政务服务平台好差评情况”一节。")]
    blocks = [f"### {heading(b, 'evaluations')}\n\n" + paragraphs(evaluation_paragraphs(b))]
    blocks.append(evaluations_chart(b, "图4. 主动评价数情况"))
    return blocks


def section_overdue(b: MonthlyBulletin) -> list:
    return [f"### {heading(b, 'overdue')}\n\n" + paragraphs(overdue_paragraphs(b))]


def section_annexes(b: MonthlyBulletin) -> list:
    blocks = [annex_note([annex_title(b, level)[1] for level in (DEPARTMENT, COUNTY)])]
    for level in (DEPARTMENT, COUNTY):
        number, _ = annex_title(b, level)
        blocks += [f"### {number}", annex_table(b, level)]
    return blocks + [Review(SOURCES, text) for text in method_notes(b)]

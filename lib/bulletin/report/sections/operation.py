"""The sections of seed 000's 运行情况通报: title, 要目, 平台运行情况 (总体 / 市本级 / 各县),
好差评, 办件超时, 工作动态, 存在的问题 and the two annexes. Each builder returns a list of
blocks (Markdown text, great-tables tables, altair charts) and review items for the analyst.
"""

from __future__ import annotations

import re

from bulletin.core.findings import Finding
from bulletin.core.months import month_cn
from bulletin.core.units import CITY, COUNTIES, COUNTY, DEPARTMENT
from bulletin.report.annexes import annex_table, annex_title, method_notes
from bulletin.report.charts import comparison_chart, counties_chart, evaluations_chart
from bulletin.report.month import MonthlyBulletin
from bulletin.report.narrative import (
    evaluation_paragraphs,
    operation_paragraphs,
    overdue_paragraphs,
)
from bulletin.report.notes import SECTIONS, Notes, headings, section_name
from bulletin.report.sections.common import (
    NOTES,
    SOURCES,
    Review,
    as_text,
    paragraphs,
    profile_title,
    reviews_of,
    strong,
    structured_emphasis,
)

# The numbered sections (一、 … 五、) of the body, by their names in profile.sections.
HEADINGS = {"operation": "政务服务事项平台运行情况", "evaluations": "一体化政务服务平台好差评情况",
            "overdue": "一体化政务服务平台办件超时情况", "work": "工作动态", "problems": "存在的问题"}

# The notes section that each analyst-written section prints (report.notes.SECTIONS).
NOTE_OF = {"work": "工作动态", "problems": "存在的问题", "doc_title": "标题", "preface": "正文",
           "goals": "目标", "measures": "措施"}

CN_NUMBERS = "一二三四五六七八九十"


def section_title(b: MonthlyBulletin) -> list:
    """The title block as text, for Jupyter; the site and PDF draw it from meta.json."""

    c = b.config
    return [(f"# {as_text(c.region + profile_title(c))}\n\n{as_text(b.issue_label)}\n\n"
             f"{as_text(c.authority)}　　{as_text(b.issue_date_label)}")]


def _notes(b: MonthlyBulletin) -> Notes:
    return b.notes


def has_evaluations(b: MonthlyBulletin) -> bool:
    return (b.scope(CITY) or {}).get("active_evaluations") is not None


def printed_sections(b: MonthlyBulletin) -> list[str]:
    """The numbered sections this month's bulletin prints, in the profile's order: a
    section the analyst writes only when notes/YYYY-MM.md has it, 好差评 only when the
    data has evaluations. A 公文 leaves out what it has nothing to say about."""
    notes = _notes(b).sections
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
    return f"{CN_NUMBERS[number]}、{HEADINGS[name]}"


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


def notes_findings(b: MonthlyBulletin, notes: Notes) -> list[Finding]:
    """What of notes/YYYY-MM.md the bulletin does not print, for the analyst to move: text
    under no known heading, and a known section this profile does not print."""
    used = [NOTE_OF[name] for name in b.config.profile.sections if name in NOTE_OF]
    parts = notes.unused + [f"「{name}」一节" for name in notes.sections if name not in used]
    sections = "、".join(f"「{name}」" for name in used) or "（无）"
    return [Finding("notes_unused",
                    f"notes/{b.month}.md 中的{part}未被采用：本通报采用的分析说明为{sections}"
                    "（标题前可带 四、（一） 等序号），请移入其中一节或删除。",
                    {"part": part}) for part in parts]


def reports_notes(b: MonthlyBulletin, name: str) -> bool:
    """Whether section ``name`` says what of the notes is unused: 存在的问题 does when the
    profile has it, else the first section of the profile that prints notes."""
    sections = b.config.profile.sections
    return name == ("problems" if "problems" in sections else
                    next((s for s in sections if s in NOTE_OF), None))


def missing_note(b: MonthlyBulletin, name: str) -> Review:
    section = NOTE_OF[name]
    return Review(NOTES, f"本月未提供{section}，通报略去“{section}”一节。如需印发，请在数据集的 "
                         f"notes/{b.month}.md 中以“## {section}”标题撰写后重新发布。")


def numbered(b: MonthlyBulletin) -> bool:
    """Seed 000's body numbers its sections itself (### 一、…); in the other profiles an
    analyst's section keeps the heading as written (### 三、主要问题和下步工作要求)."""
    return any(name in b.config.profile.sections for name in ("operation", "evaluations",
                                                               "overdue"))


def written_heading(b: MonthlyBulletin, name: str) -> str:
    """The analyst's own heading of a section in notes/YYYY-MM.md (「三、主要问题和下步工作要求」),
    else the section's name."""
    if b.notes_raw is not None:
        for _, _, title in headings(b.notes_printed[0].split("\n")):
            if SECTIONS.get(section_name(title)) == NOTE_OF[name]:
                return re.sub(r"[*_`]", "", title).strip()  # masked and typeset as notes.py reads
    return HEADINGS[name]


def notes_section(b: MonthlyBulletin, name: str) -> list:
    """A section the analyst writes (工作动态, 存在的问题, 目标, 措施, 正文, 标题): the text
    of notes/YYYY-MM.md under its heading, or nothing in the bulletin and a line in the
    review. 标题 is the 公文's own title, centred under the masthead (##); 正文 is text
    without a heading of its own; the others keep the heading as the analyst wrote it."""
    notes = _notes(b)
    text = notes.sections.get(NOTE_OF[name])
    unused = reviews_of(notes_findings(b, notes)) if reports_notes(b, name) else []
    if not text:
        return [missing_note(b, name), *unused]
    if name == "doc_title":
        return ["## " + "".join(line.strip() for line in text.splitlines()), *unused]
    if name == "preface":
        return [structured_emphasis(text), *unused]
    title = heading(b, name) if numbered(b) else written_heading(b, name)
    return [f"### {title}\n\n{structured_emphasis(text)}", *unused]


def section_work(b: MonthlyBulletin) -> list:
    return notes_section(b, "work")


def section_problems(b: MonthlyBulletin) -> list:
    """存在的问题 as the analyst wrote it; the engine's candidates and the checks of the
    input go to the review, for the analyst to verify and use."""
    clues = b.findings if "completed" in b.facts.columns else []  # rules over case figures
    return notes_section(b, "problems") + reviews_of(clues)


def section_doc_title(b: MonthlyBulletin) -> list:
    """The 公文's title under the masthead (seed 001: 「……办公室关于……推进情况的通报」)."""
    return notes_section(b, "doc_title")


def section_preface(b: MonthlyBulletin) -> list:
    """The body text before the numbered sections (seed 002's lead, seed 004's notice)."""
    return notes_section(b, "preface")


def section_goals(b: MonthlyBulletin) -> list:
    return notes_section(b, "goals")


def section_measures(b: MonthlyBulletin) -> list:
    return notes_section(b, "measures")


def section_annexes(b: MonthlyBulletin) -> list:
    blocks = ["## 附件\n\n" + "\n".join(
        f"{i}. {as_text(annex_title(b, level)[1])}"  # titles hold the region: text
        for i, level in enumerate((DEPARTMENT, COUNTY), 1))]
    for level in (DEPARTMENT, COUNTY):
        number, _ = annex_title(b, level)
        blocks += [f"### {number}", annex_table(b, level)]
    return blocks + [Review(SOURCES, text) for text in method_notes(b)]

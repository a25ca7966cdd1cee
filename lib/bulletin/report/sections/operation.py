"""The sections of seed 000's 运行情况通报: title, 要目, 平台运行情况 (总体 / 市本级 / 各县),
好差评, 办件超时, 工作动态, 存在的问题 and the two annexes. Each builder returns a list of
blocks (Markdown text, great-tables tables, altair charts).
"""

from __future__ import annotations

from bulletin.core.findings import Finding
from bulletin.core.months import month_cn
from bulletin.core.units import CITY, COUNTIES, COUNTY, DEPARTMENT
from bulletin.report.annexes import annex_table, annex_title
from bulletin.report.charts import comparison_chart, counties_chart, evaluations_chart
from bulletin.report.month import MonthlyBulletin
from bulletin.report.narrative import (
    evaluation_paragraphs,
    operation_paragraphs,
    overdue_paragraphs,
)
from bulletin.report.notes import Notes, read_notes
from bulletin.report.sections.common import paragraphs, profile_title

CONTENTS = ["政务服务事项平台运行情况", "一体化政务服务平台好差评情况",
            "一体化政务服务平台办件超时情况", "工作动态", "存在的问题"]


def section_title(b: MonthlyBulletin) -> list:
    """The title block as text, for Jupyter; the site and PDF draw it from meta.json."""

    c = b.config
    return [(f"# {c.region}{profile_title(c)}\n\n{b.issue_label}\n\n"
             f"{c.authority}　　{b.issue_date_label}")]


def section_contents(b: MonthlyBulletin) -> list:
    items = "\n".join(f"- {name}" for name in CONTENTS)
    return [(f"## 要　目\n\n**政务服务事项运行情况**\n\n{items}\n\n"
             f"**{b.config.region}一体化政务服务平台网上运行情况表**")]


def section_operation(b: MonthlyBulletin) -> list:
    city_level = b.config.city_level_name
    return [
        (f"## 政务服务事项运行情况\n\n<div class=\"centered\">（{month_cn(b.month)}）</div>\n\n"
         "### 一、政务服务事项平台运行情况"),
        "#### （一）总体情况\n\n" + paragraphs(operation_paragraphs(b, CITY, "city")),
        comparison_chart(b, CITY, "图1. 全市办理政务服务事项与上月对比情况"),
        f"#### （二）{city_level}运行情况\n\n"
        + paragraphs(operation_paragraphs(b, city_level, "city_level")),
        comparison_chart(b, city_level, f"图2. {city_level}部门办理政务服务事项与上月对比情况"),
        f"#### （三）{COUNTIES}运行情况\n\n"
        + paragraphs(operation_paragraphs(b, COUNTIES, "counties")),
        counties_chart(b, "图3. 县（市、区）办结政务服务事项与上月对比情况"),
    ]


def section_evaluations(b: MonthlyBulletin) -> list:
    blocks = ["### 二、一体化政务服务平台好差评情况\n\n"
              + paragraphs(evaluation_paragraphs(b))]
    if b.scope(CITY).get("active_evaluations") is not None:
        blocks.append(evaluations_chart(b, "图4. 主动评价数情况"))
    return blocks


def section_overdue(b: MonthlyBulletin) -> list:
    return ["### 三、一体化政务服务平台办件超时情况\n\n"
            + paragraphs(overdue_paragraphs(b))]


def _notes(b: MonthlyBulletin) -> Notes:
    return read_notes(b.notes_path)


def notes_findings(b: MonthlyBulletin, notes: Notes) -> list[Finding]:
    """What of notes/YYYY-MM.md the bulletin does not print, for the analyst to move."""
    return [Finding("notes_unused",
                    f"notes/{b.month}.md 中的{part}未被采用：通报只采用「工作动态」和「存在的问题」"
                    "两节（标题前可带 四、（一） 等序号），请移入其中一节或删除。",
                    {"part": part}) for part in notes.unused]


def section_work(b: MonthlyBulletin) -> list:
    text = _notes(b).sections.get("工作动态")
    body = text if text else (f"（本月未提供工作动态。分析人员可在数据集的 notes/{b.month}.md "
                              "中以“## 工作动态”标题撰写。）")
    return [f"### 四、工作动态\n\n{body}"]


def section_problems(b: MonthlyBulletin) -> list:
    """存在的问题: the analyst's text first, then the engine's candidates, told apart."""
    notes = _notes(b)
    text = notes.sections.get("存在的问题")
    blocks = ["### 五、存在的问题"]
    if text:
        blocks.append(text)
    else:
        blocks.append(f"（分析人员尚未撰写本月存在的问题：notes/{b.month}.md 中的“## 存在的问题”。）")
    findings = [*b.findings, *notes_findings(b, notes)]
    if findings:
        found = "\n".join(f"{i}. {f.text}" for i, f in enumerate(findings, 1))
        blocks.append("**系统核查发现的问题线索**（由数据自动生成，供分析人员核实后采用）：\n\n"
                      + found)
    return blocks


def section_annexes(b: MonthlyBulletin) -> list:
    blocks = ["## 附件\n\n" + "\n".join(
        f"{i}. {annex_title(b, level)[1]}" for i, level in enumerate((DEPARTMENT, COUNTY), 1))]
    for level in (DEPARTMENT, COUNTY):
        number, _ = annex_title(b, level)
        blocks += [f"### {number}", annex_table(b, level)]
    return blocks

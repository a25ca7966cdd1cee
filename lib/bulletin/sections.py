"""The bulletin's sections, each a list of blocks (Markdown text, annex tables, charts)
that a notebook cell shows with ``show``. Section builders are named ``section_*``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from great_tables import GT

from . import charts, narrative, tables
from .indicators import CITY, COUNTIES, fmt_rate, known
from .month import MonthlyBulletin, month_cn
from .schema import COUNTY, DEPARTMENT

CONTENTS = ["政务服务事项平台运行情况", "一体化政务服务平台好差评情况",
            "一体化政务服务平台办件超时情况", "工作动态", "存在的问题"]


def open_month(dataset: str | Path, month: str) -> MonthlyBulletin:
    """The month's bulletin model; relative dataset paths resolve from the project root."""
    path = Path(dataset)
    if not path.is_absolute() and not path.exists():
        path = Path(__file__).resolve().parents[2] / path
    return MonthlyBulletin.load(path, month)


def show(blocks: list) -> None:
    """Display blocks in a notebook: Markdown as text/markdown, tables as HTML, charts as
    a bundle of vega-lite spec + SVG."""
    from IPython.display import HTML, Markdown, display

    for block in blocks:
        if isinstance(block, str):
            display(Markdown(block))
        elif isinstance(block, GT):
            display(HTML(block.as_raw_html()))
        else:
            display(charts.bundle(block), raw=True)


def paragraphs(texts: list[str]) -> str:
    return "\n\n".join(t for t in texts if t)


# ---------------------------------------------------------------- sections

def section_title(b: MonthlyBulletin) -> list:
    """The title block as text, for Jupyter; the site and PDF draw it from meta.json."""
    from .profiles import profile_title

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
        f"## 政务服务事项运行情况\n\n<div class=\"centered\">（{month_cn(b.month)}）</div>\n\n"
        "### 一、政务服务事项平台运行情况",
        "#### （一）总体情况\n\n" + paragraphs(narrative.operation_paragraphs(b, CITY, "city")),
        charts.comparison_chart(b, CITY, "图1. 全市办理政务服务事项与上月对比情况"),
        f"#### （二）{city_level}运行情况\n\n"
        + paragraphs(narrative.operation_paragraphs(b, city_level, "city_level")),
        charts.comparison_chart(b, city_level, f"图2. {city_level}部门办理政务服务事项与上月对比情况"),
        f"#### （三）{COUNTIES}运行情况\n\n"
        + paragraphs(narrative.operation_paragraphs(b, COUNTIES, "counties")),
        charts.counties_chart(b, "图3. 县（市、区）办结政务服务事项与上月对比情况"),
    ]


def section_evaluations(b: MonthlyBulletin) -> list:
    blocks = ["### 二、一体化政务服务平台好差评情况\n\n"
              + paragraphs(narrative.evaluation_paragraphs(b))]
    if b.scope(CITY).get("active_evaluations") is not None:
        blocks.append(charts.evaluations_chart(b, "图4. 主动评价数情况"))
    return blocks


def section_overdue(b: MonthlyBulletin) -> list:
    return ["### 三、一体化政务服务平台办件超时情况\n\n"
            + paragraphs(narrative.overdue_paragraphs(b))]


def _notes(b: MonthlyBulletin) -> dict[str, str]:
    return narrative.analyst_notes(b.notes_path)


def section_work(b: MonthlyBulletin) -> list:
    text = _notes(b).get("工作动态")
    body = text if text else (f"（本月未提供工作动态。分析人员可在数据集的 notes/{b.month}.md "
                              "中以“## 工作动态”标题撰写。）")
    return [f"### 四、工作动态\n\n{body}"]


def section_problems(b: MonthlyBulletin) -> list:
    """存在的问题: the analyst's text first, then the engine's candidates, told apart."""
    text = _notes(b).get("存在的问题")
    blocks = ["### 五、存在的问题"]
    if text:
        blocks.append(text)
    else:
        blocks.append(f"（分析人员尚未撰写本月存在的问题：notes/{b.month}.md 中的“## 存在的问题”。）")
    if b.findings:
        found = "\n".join(f"{i}. {f.text}" for i, f in enumerate(b.findings, 1))
        blocks.append("**系统核查发现的问题线索**（由数据自动生成，供分析人员核实后采用）：\n\n"
                      + found)
    return blocks


def section_annexes(b: MonthlyBulletin) -> list:
    blocks = ["## 附件\n\n" + "\n".join(
        f"{i}. {tables.annex_title(b, level)[1]}" for i, level in enumerate((DEPARTMENT, COUNTY), 1))]
    for level in (DEPARTMENT, COUNTY):
        number, _ = tables.annex_title(b, level)
        blocks += [f"### {number}", tables.annex_table(b, level)]
    return blocks


# ---------------------------------------------------------------- outputs beside the notebook

HEADLINE = [("申请件", "applied", False), ("受理件", "accepted", False),
            ("办结件", "completed", False), ("超时办结件", "completed_overdue", False),
            ("按时办结率", "on_time_rate", True), ("提前办结率", "promise_early_rate", True),
            ("线上申请占比", "online_share", True), ("主动评价数", "active_evaluations", False),
            ("主动评价率", "active_evaluation_rate", True)]


@dataclass
class Written:
    meta: Path
    downloads: list[str]


def write_outputs(b: MonthlyBulletin, out_dir: str | Path) -> Written:
    """meta.json (title block, 版记, headline figures) and the annex downloads."""
    from .profiles import profile_title

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    has_facts = "applied" in b.facts.columns
    downloads = tables.write_annex_files(b, out) if has_facts else []
    city = b.scope(CITY) if has_facts else {}
    headline = {}
    for label, key, is_rate in HEADLINE:
        value = city.get(key)
        if not known(value):
            continue
        headline[label] = float(value) if is_rate else int(value)
    c = b.config
    meta = {
        "month": b.month,
        "dataset": b.dataset_name,
        "profile_title": f"{c.region}{profile_title(c)}",
        "title_lines": title_lines(f"{c.region}{profile_title(c)}"),
        "authority": c.authority,
        "issue_label": b.issue_label,
        "issue_date": b.issue_date_label,
        "distribution": {"报": c.distribution.report_to, "送": c.distribution.copy_to,
                         "发": c.distribution.issue_to},
        "headline": headline,
        "headline_display": {k: (fmt_rate(v) if isinstance(v, float) else str(v))
                             for k, v in headline.items()},
        "downloads": downloads,
    }
    path = out / "meta.json"
    path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    return Written(path, downloads)


def title_lines(title: str) -> list[str]:
    """Seed 000 breaks its title before 情况通报: '…平台运行' / '情况通报'."""
    if title.endswith("情况通报") and len(title) > 8:
        return [title[:-4], "情况通报"]
    return [title]

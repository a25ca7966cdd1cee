"""The analyst's review of a month: what the bulletin's sections set aside for the
analyst (``common.Review`` items) as one Markdown document, ``review.md``.

The review is not part of the bulletin. The notebook shows it in a cell tagged
``review`` (the published outputs skip that tag) and writes it beside the executed
notebook; ``bulletin publish`` renders it as ``review.html`` beside it, in the month
folder — never in the readers' site.
"""

from __future__ import annotations

import re
from pathlib import Path

from bulletin.core.blocks import ReviewCounts, Table
from bulletin.core.cell_breaks import cell_lines
from bulletin.core.fonts import find_faces, font_folders, substitution_line
from bulletin.core.phrases import header_lines
from bulletin.core.privacy import redact
from bulletin.core.table_widths import (
    PADDING,
    column_widths,
    cut_cells,
    cut_headers,
    header_cells,
    printed,
)
from bulletin.ingest.files import display_path
from bulletin.report.losses import (
    UNKNOWN_UNIT,
    full_list_command,
    loss_reviews,
    read_accepted,
    unused_columns,
)
from bulletin.report.month import MonthlyBulletin
from bulletin.report.proofing import proofing
from bulletin.report.sections.attached import date_changes
from bulletin.report.sections.common import (
    INPUTS,
    LAYOUT,
    TOPIC_HELP,
    TOPICS,
    TYPING,
    Review,
    profile_title,
    review_items,
)
from bulletin.report.sections.signoff import signoff_reviews

REVIEW_NAME = "review.md"


NOTHING = "本月未发现需要核实的事项。"

# Bad cells listed one by one in the review; the rest are counted.
PROBLEM_LIMIT = 20


# What Markdown would read in a quoted cell — links, images, emphasis, code, raw HTML,
# entities, math, tables, autolinks (``://``, ``www.``, ``@``) — is written with a backslash.
_MARKUP = re.compile(r"([\\`*_{}\[\]()<>#+!|~$&@]|:(?=//)|(?<=www)\.)", re.IGNORECASE)


def literal(text: str) -> str:
    """``text`` (a bad cell as quoted) as Markdown that shows it as typed, never rendered:
    markup escaped, line breaks shown as ↵, ID and mobile numbers masked."""
    return _MARKUP.sub(r"\\\1", re.sub(r"\r\n|\r|\n", "↵", redact(text)))


def input_reviews(b: MonthlyBulletin, accepted: list[str] | None = None) -> list[Review]:
    """What reading the inputs set aside, for the analyst: each file with quarantined rows
    (read = used + quarantined), its bad cells (values with ID and phone numbers masked),
    files of the input folders that were not read, and months without any valid case.

    First the month's losses (report.losses), each saying whether ``--accept-loss``
    accepted it: one line per unit name the registry does not know, with its rows and the
    nearest registry names (not a line per row); each unused column is named with the
    standard column it most resembles."""
    ingestion = b.ingestion
    texts = [literal(text) for text in loss_reviews(b, accepted or [])]
    texts += [f"{f.shown}：读取 {f.read} 行 = 使用 {f.used} 行 + 隔离 {f.quarantined} 行"
              for f in ingestion.files if f.quarantined]
    texts += [literal(text) for text in unused_columns(ingestion.files)]
    # A 合计 that disagrees with the rows above it; title rows skipped above a header.
    texts += [literal(note) for note in ingestion.notes]
    problems = [p for p in ingestion.problems if p.expected != UNKNOWN_UNIT]  # grouped above
    texts += [literal(str(p)) for p in problems[:PROBLEM_LIMIT]]
    hidden = max(len(problems) - PROBLEM_LIMIT, 0)
    if hidden or len(problems) < len(ingestion.problems):
        command, listing = full_list_command(b)
        texts.append((f"另有 {hidden} 处问题未列出；" if hidden else "")
                     + f"每处问题的行号、列和值的完整清单：{literal(command)}（写出 {literal(listing)}）")
    if ingestion.ignored:
        texts.append("已忽略（不是数据文件，未读取）："
                     + "、".join(display_path(p) for p in ingestion.ignored))
    texts += [f"{m}：没有任何有效的办件，不计入事实表，也不作为比较的基期"
              for m in ingestion.empty_months]
    return [Review(INPUTS, text) for text in texts]


def fonts_note(b: MonthlyBulletin) -> str:
    """Which 公文 faces this machine has for the PDF, or what stands in for them
    (core.fonts: system fonts, dataset.yml's ``fonts`` folder, $BULLETIN_FONTS)."""
    return substitution_line(find_faces(font_folders(b.dataset.folder, b.config.fonts)))


def table_reviews(blocks: list) -> list[Review]:
    """Each header a printed table could not keep in whole phrases (core.table_widths'
    ``cut_headers``), then each name of its body (``cut_cells``): in the PDF, with the
    lines it is printed in, or in the Word file alone (its cells' wider padding)."""
    items = []
    for table in (block for block in blocks if isinstance(block, Table)):
        items += _header_reviews(table) + _cell_reviews(table)
    return items


def _name(table: Table) -> str:
    return f"「{table.title}」" if table.title else "一张无标题的表格"


def _cell_reviews(table: Table) -> list[Review]:
    """The names of ``table``'s body that a column could not keep in whole phrases
    (core.table_widths.cut_cells), with the lines the PDF prints them in."""
    _, room, padding = printed(table)
    widths = column_widths(table, room, padding)
    word = {text for _, text in cut_cells(table, column_widths(table, room, PADDING), PADDING)}
    items = []
    for column, text in cut_cells(table, widths, padding):
        lines = " / ".join(line.strip() for line in cell_lines(text, widths[column] - padding))
        items.append(Review(LAYOUT, literal(
            f"{_name(table)}「{table.columns[column].label}」列的「{text}」：PDF 中断为「{lines}」"
            + ("，Word 文件中同样断开" if text in word else ""))))
    for text in sorted(word - {text for _, text in cut_cells(table, widths, padding)}):
        items.append(Review(LAYOUT, literal(f"{_name(table)}的「{text}」：Word 文件中列宽不足，"
                                            "从词组中间断开（PDF 中完整）")))
    return items


def _header_reviews(table: Table) -> list[Review]:
    """The headers of ``table`` a column could not keep in whole phrases (``cut_headers``)."""
    _, room, padding = printed(table)
    widths = column_widths(table, room, padding)
    pdf = cut_headers(table, widths, padding)
    word = cut_headers(table, column_widths(table, room, PADDING), PADDING)
    items, seen = [], set()
    for label, width in header_cells(table, widths):
        label = label.strip()
        if label in seen:
            continue
        seen.add(label)
        if label in pdf:
            lines = " / ".join(header_lines(label, width - padding))
            items.append(Review(LAYOUT, literal(f"{_name(table)}的表头「{label}」：PDF 中断为「{lines}」"
                                                + ("，Word 文件中同样断开" if label in word else ""))))
        elif label in word:
            items.append(Review(LAYOUT, literal(f"{_name(table)}的表头「{label}」：Word 文件中列宽不足，"
                                                "从词组中间断开（PDF 中完整）")))
    return items


def review_list(b: MonthlyBulletin, blocks: list, accepted: list[str] | None = None) -> list[Review]:
    """Every item of the month's review (``accepted``: the losses ``bulletin publish
    --accept-loss`` accepted): the inputs', the sections', the typed text's, the blockers."""
    items = input_reviews(b, accepted) + review_items(blocks)
    typed = proofing(b) + [line for doc in b.inputs.attachments for line in date_changes(doc)]
    items += [Review(TYPING, literal(text)) for text in typed]  # the typed text
    items += table_reviews(blocks)  # headers and names no column could keep whole
    return items + signoff_reviews(b, items, accepted or [])  # what blocks bulletin issue


def review_counts(items: list[Review]) -> ReviewCounts:
    """The review's items by topic, in its order, and the blockers not acknowledged."""
    topics: dict[str, int] = {}
    for topic in _topics(items):
        topics[topic] = sum(1 for i in items if i.topic == topic)
    blocking = sum(1 for i in items if i.blocking)
    return ReviewCounts(topics=topics, blocking=blocking)


def _topics(items: list[Review]) -> list[str]:
    topics = [t for t in TOPICS if any(i.topic == t for i in items)]
    return topics + [t for t in dict.fromkeys(i.topic for i in items) if t not in topics]


def review_markdown(b: MonthlyBulletin, blocks: list, accepted: list[str] | None = None,
                    items: list[Review] | None = None) -> str:
    """The review of a month: a heading naming the bulletin, then the items by topic
    (``items``: ``review_list``, made here when not given)."""
    c = b.config
    items = review_list(b, blocks, accepted) if items is None else items
    lines = [f"# 核查清单：{c.region}{profile_title(c)}（{b.issue_label}）", "",
             "> 供分析人员核实，不随通报印发。下列内容由数据核对自动整理，通报正文中不出现。", "",
             fonts_note(b), ""]
    if not items:
        return "\n".join([*lines, NOTHING, ""])
    for topic in _topics(items):
        lines += [f"## {topic}", ""]
        if topic in TOPIC_HELP:
            lines += [TOPIC_HELP[topic], ""]
        lines += [f"{n}. {item.text}" for n, item in
                  enumerate((i for i in items if i.topic == topic), 1)]
        lines.append("")
    return "\n".join(lines)


def write_review(text: str, out_dir: str | Path) -> Path:
    """Write review.md into the month's output folder."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / REVIEW_NAME
    path.write_text(text, encoding="utf-8")
    return path


def show_review(b: MonthlyBulletin, blocks: list, out_dir: str | Path = "") -> ReviewCounts:
    """Show the review in the notebook and, with ``out_dir``, write it as review.md; what it
    counts (for meta.json, ``report.outputs.write_outputs``)."""
    from IPython.display import Markdown, display

    items = review_list(b, blocks, read_accepted(out_dir))  # bulletin publish --accept-loss
    text = review_markdown(b, blocks, items=items)
    display(Markdown(text))
    if out_dir:
        write_review(text, out_dir)
    return review_counts(items)


__all__ = ["REVIEW_NAME", "Review", "review_counts", "review_list", "review_markdown",
           "show_review", "write_review"]

"""The sections the analyst writes, in every kind of bulletin: the text of
notes/YYYY-MM.md under its heading (工作动态, 存在的问题, 标题, 主送机关, 正文, 目标, 措施), or
nothing in the bulletin and a line in the review; and what of the notes is not printed.
A 公文's signature (署名, 成文日期) with the 附注 the analyst writes is here too.

In seed 000's bulletin these sections are numbered among the body's (「四、工作动态」:
``sections.operation``); in the others they keep the heading the analyst wrote.
"""

from __future__ import annotations

import re

from bulletin.core.findings import Finding
from bulletin.report.month import MonthlyBulletin
from bulletin.report.notes import NOTE_OF, NOTES_INSIDE, SECTIONS, Notes, headings, section_name
from bulletin.report.sections.common import (
    NOTES,
    Review,
    addressees_note,
    reviews_of,
    signature_note,
    structured_emphasis,
)
from bulletin.report.sections.operation import HEADINGS, heading, numbered


def notes_findings(b: MonthlyBulletin, notes: Notes) -> list[Finding]:
    """What of notes/YYYY-MM.md the bulletin does not print, for the analyst to move: text
    under no known heading, and a known section this profile does not print."""
    sections = b.config.profile.sections
    used = [NOTE_OF[name] for name in sections if name in NOTE_OF]
    used += [note for name in sections for note in NOTES_INSIDE.get(name, ())]
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


def written_heading(b: MonthlyBulletin, name: str) -> str:
    """The analyst's own heading of a section in notes/YYYY-MM.md (「三、主要问题和下步工作要求」),
    else the section's name."""
    return note_heading(b, NOTE_OF[name]) or HEADINGS[name]


def note_heading(b: MonthlyBulletin, note: str) -> str | None:
    """The heading the analyst wrote over notes section ``note`` (「（一）本月完成情况较好的指标
    情况」), None without one."""
    if b.notes_raw is not None:
        for _, _, title in headings(b.notes_printed[0].split("\n")):
            if SECTIONS.get(section_name(title)) == note:
                return re.sub(r"[*_`]", "", title).strip()  # masked and typeset as notes.py reads
    return None


def notes_section(b: MonthlyBulletin, name: str) -> list:
    """A section the analyst writes (工作动态, 存在的问题, 目标, 措施, 正文, 标题): the text
    of notes/YYYY-MM.md under its heading, or nothing in the bulletin and a line in the
    review. 标题 is the 公文's own title, centred under the masthead (##); 正文 is text
    without a heading of its own; the others keep the heading as the analyst wrote it."""
    notes = b.notes
    text = notes.sections.get(NOTE_OF[name])
    unused = reviews_of(notes_findings(b, notes)) if reports_notes(b, name) else []
    if not text:
        return [missing_note(b, name), *unused]
    if name == "doc_title":
        return ["## " + "".join(line.strip() for line in text.splitlines()), *unused]
    if name == "preface":
        return [structured_emphasis(text), *unused]
    if name == "addressees":
        return [addressees_note(text), *unused]
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


def section_addressees(b: MonthlyBulletin) -> list:
    """A 公文's 主送机关 under its title, flush left (GB/T 9704 §7.3.2; 「各有关单位、各街镇：」)."""
    return notes_section(b, "addressees")


def section_goals(b: MonthlyBulletin) -> list:
    return notes_section(b, "goals")


def section_measures(b: MonthlyBulletin) -> list:
    return notes_section(b, "measures")


def section_signature(b: MonthlyBulletin) -> list:
    """A 公文's 发文机关署名 (``document.signature``, else the authority) and 成文日期 (the
    month's issue date) under the body and the 附件说明, then its 附注: the notes' ``## 附注``,
    else ``document.note`` (none: no 附注)."""
    c = b.config
    written = b.notes.sections.get("附注") or c.document.note or ""
    note = "".join(line.strip() for line in written.splitlines())
    return [signature_note(c.document.signature or c.authority, b.issue_date_label, note)]

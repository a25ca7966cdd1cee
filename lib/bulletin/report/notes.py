"""The analyst's notes for a month: ``notes/YYYY-MM.md`` split into its sections.

A section starts at a Markdown heading (``#`` … followed by a space) whose name, without a
Chinese ordinal in front (一、 （一） (1) 1. 第一部分 …) and without emphasis or a closing colon,
is one of ``SECTIONS``: ``## 工作动态``, ``## 四、工作动态``, ``### （一）工作动态`` all start 工作动态.
The level of the first such heading is the notes' section level (## by default). Other
headings at that level or above start a section the bulletin does not use; deeper headings
inside a section are kept as bold lines of its text, never lost. A line starting with "#" that
is not a heading (``#1 号窗口``, a hashtag) is text. Whatever is not used — an unknown section,
text before the first heading — is listed in ``Notes.unused`` so the bulletin can say so.
An ID or mobile number typed into the notes is masked as they are read (core.privacy), and
the text is typeset for print (core.typography: half-width punctuation between Chinese
characters made full-width, one minus sign); ``notes_text`` says what changed, by line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from bulletin.core.invisible import refuse_invisible_lines
from bulletin.core.privacy import redact
from bulletin.core.typography import Fix, typeset_fixes
from bulletin.ingest.encoding import decode_csv
from bulletin.ingest.files import display_path

# Section name as written (after the ordinal is stripped) → the section it is. Which of
# them a bulletin prints is its profile's choice (report.sections.written): 标题 is the
# 公文's own title under the masthead (seed 001), 正文 the body text before any numbered
# section (seed 002's lead, seed 004's notice), 目标 and 措施 seed 002's 一、 and 二、;
# 总体情况, 较好的指标 and 较差的指标 seed 001's 一、 and 二、(一)/(二).
SECTIONS = {"工作动态": "工作动态", "存在的问题": "存在的问题", "存在问题": "存在的问题",
            "存在的主要问题": "存在的问题", "主要问题": "存在的问题",
            "主要问题和下步工作要求": "存在的问题",  # seed 001's 三、
            "标题": "标题", "通报标题": "标题", "正文": "正文", "导语": "正文",
            "目标": "目标", "目标及成效": "目标", "整改提升目标": "目标",
            "整改提升目标及成效": "目标", "措施": "措施", "工作措施": "措施",
            "主要措施": "措施", "整改提升措施": "措施",
            # seed 001's 一、 and 二、(一)/(二): the province's assessment of the city, in the
            # analyst's words, beside the engine's figures of the score tables
            "总体情况": "总体情况", "较好的指标": "较好的指标",
            **{f"{month}完成情况{how}的指标{tail}": f"{how}的指标" for month in ("", "本月")
               for how in ("较好", "较差") for tail in ("", "情况")},
            "较差的指标": "较差的指标",
            # a 公文's 主送机关 (flush left under its title) and 附注 (联系人及电话, under its
            # 成文日期): sections.written
            "主送机关": "主送机关", "附注": "附注"}


# The section of the profile (dataset.yml profile.sections) that prints each notes
# section: 工作动态 is ``work``, 存在的问题 ``problems`` … (report.sections.written).
NOTE_OF = {"work": "工作动态", "problems": "存在的问题", "doc_title": "标题", "preface": "正文",
           "goals": "目标", "measures": "措施", "addressees": "主送机关"}

# Notes sections a section of the profile prints inside its own text (``sections.scores``).
NOTES_INSIDE = {"scores": ("总体情况", "较好的指标", "较差的指标"), "signature": ("附注",)}


DEFAULT_LEVEL = 2


# "#" marks, then a space (also a full-width one, as typed with a Chinese input method).
HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t\u3000]+(.*?))?[ \t\u3000]*#*[ \t\u3000]*$")


FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


CN_DIGITS = "一二三四五六七八九十百零〇"


ORDINAL = re.compile(
    rf"^(?:第[{CN_DIGITS}\d]+(?:部分|[章节项点条])?[、.．:：\s]*"
    rf"|[（(][{CN_DIGITS}\d]+[）)]\s*"
    rf"|[{CN_DIGITS}]+[、.．]\s*"
    r"|\d+(?:\.\d+)*[、.．)）]?\s+"
    r"|\d+(?:\.\d+)*[、.．)）]\s*)")


COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


@dataclass
class Notes:
    sections: dict[str, str] = field(default_factory=dict)  # 工作动态 / 存在的问题 / … → text
    unused: list[str] = field(default_factory=list)  # what the bulletin does not print


def section_name(title: str) -> str:
    """A heading's name without ordinal, emphasis, spaces and a closing colon."""
    name = re.sub(r"[*_`]", "", title).strip()
    while (m := ORDINAL.match(name)) and m.end() < len(name):
        name = name[m.end():].strip()
    return re.sub(r"[\s\u3000]+", "", name).rstrip("：:")


def headings(lines: list[str]) -> list[tuple[int, int, str]]:
    """(line index, level, title) of every ATX heading outside fenced code."""
    out, fence = [], None
    for i, line in enumerate(lines):
        m = FENCE.match(line)
        if m:
            fence = None if fence and m.group(1)[0] == fence else fence or m.group(1)[0]
            continue
        h = None if fence else HEADING.match(line)
        if h:
            out.append((i, len(h.group(1)), (h.group(2) or "").strip()))
    return out


def notes_text(path: Path, raw: str | None = None) -> tuple[str, list[Fix]]:
    """The notes file as printed, and the punctuation changed for print, by line.

    UTF-8 (BOM or not), else GBK, as the CSVs; ID and mobile numbers typed into the notes
    are masked here, before anything is published (`bulletin publish` names their lines).
    ``raw``: the file's text when already read (``MonthlyBulletin.notes_raw``)."""
    text = decode_csv(path) if raw is None else raw
    refuse_invisible_lines(text, display_path(path))  # bidi controls … (core.invisible)
    return typeset_fixes("\n".join(redact(line) for line in text.splitlines()))


def read_notes(path: Path, printed: str | None = None) -> Notes:
    """The notes of a month: its sections, and what of the file the bulletin does not use.
    ``printed``: the text as ``notes_text`` gives it, when already read."""
    notes = Notes()
    if printed is None:
        if not path.exists():
            return notes
        printed = notes_text(path)[0]
    lines = printed.split("\n")
    found = headings(lines)
    known = [level for _, level, title in found if section_name(title) in SECTIONS]
    level = known[0] if known else DEFAULT_LEVEL
    starts = [(i, title) for i, lvl, title in found
              if title and (section_name(title) in SECTIONS or lvl <= level)]
    bounds = [*starts, (len(lines), None)]
    preamble = COMMENT.sub("", "\n".join(lines[:bounds[0][0]])).strip()
    if preamble:
        notes.unused.append(f"第一个标题之前的文字（{preamble[:20]}……）")
    texts: dict[str, list[str]] = {}
    for (start, title), (end, _) in pairwise(bounds):
        body = _body(lines[start + 1:end], {i - start - 1 for i, _, _ in found})
        name = SECTIONS.get(section_name(title))
        if name is None and section_name(title) == "已核实":  # the analyst's sign-off (report.sections.signoff)
            continue
        if name is None:
            notes.unused.append(f"「{title}」一节")
        elif body:
            texts.setdefault(name, []).append(body)
    notes.sections = {k: "\n\n".join(v) for k, v in texts.items()}
    return notes


def _body(lines: list[str], heading_rows: set[int]) -> str:
    """A section's text; a heading inside it becomes a bold line of the text."""
    out = []
    for i, line in enumerate(lines):
        h = HEADING.match(line) if i in heading_rows else None
        out.append(f"**{h.group(2).strip()}**" if h and h.group(2) else
                   "" if h else line)
    return "\n".join(out).strip()


def analyst_notes(path: Path) -> dict[str, str]:
    """The analyst's notes/YYYY-MM.md by section: 工作动态, 存在的问题, … (see ``read_notes``)."""
    return read_notes(path).sections

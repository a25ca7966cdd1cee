"""Documents an office supplies as annexes (``attachments/YYYY-MM/*.md``, seed 004's 附件3):
each one numbered with the annexes the bulletin makes (``attachment_annexes`` in the
profile's sections: its place among them), its title under 「附件n」 as 附件2's is, then its
paragraphs, headings and tables in order. The text is the document's words, escaped as
Markdown here (it is typed text, never markup); its tables are table values like the given
tables (``given.given_table``), so the PDF, the Word file, the site and the downloads print
them as they print every table.

The document's own closing parts are laid out as a 公文's (GB/T 9704 §7.3.4, §7.3.5),
recognised in its text — the paragraphs before its first table or its own 「附件n」
heading (``closing_parts``):

* a paragraph starting 「附件：」 is its 附件说明: each line a title, 「1．」「2.」 numbered
  from 1 (a single title may have no number); printed 「附件：1. …」 two characters in,
  the next numbers under the first;
* its last paragraphs, an organ's name (a short line, no sentence punctuation) and then a
  date (「2021年9月13日」, 「2021年09月13日」), or the name alone, are its 署名 and 成文日期:
  printed two characters from the right, the date under the name. The name and the date
  may be one paragraph of two lines (a line ended with 「\\」 or two spaces). The date is
  printed as the bulletin prints its own 成文日期 (``issue_date_label``): Arabic numerals
  without a leading zero (GB/T 9704 §7.3.5: 「2021年9月13日」); the review names each
  date so changed (``date_changes``).

Anything else in those places is printed as the paragraph it is.
"""

from __future__ import annotations

import html
import re

from bulletin.ingest.attachments import Attachment, Paragraph
from bulletin.ingest.tables import GivenTable
from bulletin.report.month import MonthlyBulletin
from bulletin.report.sections.common import ANNEX_NOTE_CLASS, annex_note, signature_note
from bulletin.report.sections.given import given_table

# What Markdown reads as markup anywhere in a line: escaped with a backslash (CommonMark
# makes any escaped ASCII punctuation the character itself).
_MARKUP = re.compile(r"([\\`*_\[\]<>#|~$&{}!^])")
# What it reads as markup at the start of a line: a list item, a quote, a heading's rule.
_LINE_START = re.compile(r"^([-+=>]|\d{1,9}(?=[.)]))")

# The document's heading levels under the annex's own (「### 附件n」, 「#### 标题」):
# ## → #####, ### and deeper → ###### (a heading inside an annex never numbers a table).
DEEPEST = 6


def markdown_text(text: str) -> str:
    """``text`` as Markdown that prints exactly these characters."""
    escaped = _MARKUP.sub(r"\\\1", text.strip())
    match = _LINE_START.match(escaped)
    if match is None:
        return escaped
    if match[1].isdigit():  # 「1.」 would start a numbered list: 「1\.」
        return escaped[:match.end()] + "\\" + escaped[match.end():]
    return "\\" + escaped


def part_blocks(part: Paragraph | GivenTable) -> list:
    """A paragraph as one Markdown paragraph a line (a line break of the document is kept),
    a heading one level deeper than the annex's title, a table as a table value."""
    if isinstance(part, GivenTable):
        return [given_table(part)]
    if part.heading:
        return [f"{'#' * min(part.heading + 3, DEEPEST)} {markdown_text(part.text)}"]
    return [markdown_text(line) for line in part.text.split("\n") if line.strip()]


ANNEX_LIST = re.compile(r"^附件[：:]\s*")
_ITEM = re.compile(r"^(\d+)\s*[.．、]\s*(\S.*)$")
DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_SENTENCE = re.compile(r"[。，；：！？、,;:!?（）()“”]")
NAME_LONGEST = 30  # characters of an organ's name
_OWN_ANNEX = re.compile(r"^附件\s*\d+$")


def annex_list(text: str) -> str | None:
    """A paragraph 「附件：1．… / 2．…」 as the 附件说明's block; None when it is not one (its
    numbers not 1, 2, … in order, or a line without a title)."""
    if not ANNEX_LIST.match(text):
        return None
    lines = [line.strip() for line in ANNEX_LIST.sub("", text, count=1).split("\n")
             if line.strip()]
    items = [_ITEM.match(line) for line in lines]
    if len(lines) == 1 and items[0] is None:  # one annex: no number (GB/T 9704 §7.3.4)
        return (f'<div class="{ANNEX_NOTE_CLASS}">\n'
                f"<p>附件：{html.escape(lines[0], quote=False)}</p>\n</div>")
    if not lines or any(item is None or int(item[1]) != n
                        for n, item in enumerate(items, 1)):
        return None
    return annex_note([item[2].strip() for item in items])


def _is_name_line(text: str) -> bool:
    return (len(text) <= NAME_LONGEST and not _SENTENCE.search(text)
            and not ANNEX_LIST.match(text) and not DATE.match(text))


def _lines(part: object) -> list[str]:
    """A paragraph's lines (its line breaks kept, 「\\」 or two spaces), none for a heading
    or a table."""
    if not isinstance(part, Paragraph) or part.heading:
        return []
    return [line.strip() for line in part.text.split("\n")]


def _is_name(part: object) -> bool:
    lines = _lines(part)
    return len(lines) == 1 and _is_name_line(lines[0])


def _is_date(part: object) -> bool:
    lines = _lines(part)
    return len(lines) == 1 and bool(DATE.match(lines[0]))


def _is_signed(part: object) -> bool:
    """A name and a date as one paragraph of two lines."""
    lines = _lines(part)
    return len(lines) == 2 and _is_name_line(lines[0]) and bool(DATE.match(lines[1]))


def closing_parts(parts: tuple) -> tuple[int, int]:
    """(where the document's text ends, where its 署名 starts): the text ends at its first
    table or its own 「附件n」 heading; the 署名 is its last one or two paragraphs — a name
    and a date (two paragraphs, or one of two lines), or a name alone — after at least one
    paragraph of text."""
    end = next((i for i, part in enumerate(parts) if not isinstance(part, Paragraph)
                or part.heading and _OWN_ANNEX.match(part.text)), len(parts))
    if end >= 3 and _is_date(parts[end - 1]) and _is_name(parts[end - 2]):
        return end, end - 2
    if end >= 2 and (_is_name(parts[end - 1]) or _is_signed(parts[end - 1])):
        return end, end - 1
    return end, end


def printed_date(typed: str) -> str:
    """A 成文日期 as GB/T 9704 prints it: 「2021年09月13日」, 「２０２１年９月１３日」 and
    「2021 年 9 月 13 日」 as 「2021年9月13日」 (the bulletin's own, ``issue_date_label``)."""
    year, month, day = (int(n) for n in DATE.match(typed.strip()).groups())
    return f"{year}年{month}月{day}日"


def signature(parts: tuple, signed: int, end: int) -> tuple[str, str, int]:
    """The 署名 of ``parts[signed:end]`` (``closing_parts``): the name, the date as typed
    ("" without one) and the date's line in the file."""
    lines = [(line, part.line + n) for part in parts[signed:end]
             for n, line in enumerate(_lines(part))]
    (name, _), *dated = lines
    return (name, *dated[0]) if dated else (name, "", 0)


def date_changes(doc: Attachment) -> list[str]:
    """The review's line on a 成文日期 printed otherwise than typed (a leading zero …)."""
    end, signed = closing_parts(doc.parts)
    if signed == end:
        return []
    _, date, line = signature(doc.parts, signed, end)
    if not date or printed_date(date) == date:
        return []
    return [(f"{doc.file} 第 {line} 行：成文日期「{date}」印为「{printed_date(date)}」"
             "（与通报自身的成文日期写法一致：GB/T 9704，月、日不编虚位）")]


def attachment_blocks(doc: Attachment, number: int) -> list:
    blocks: list = [f"### 附件{number}", f"#### {markdown_text(doc.title)}"]
    end, signed = closing_parts(doc.parts)
    for i, part in enumerate(doc.parts):
        if i == signed < end:
            name, date, _ = signature(doc.parts, signed, end)
            blocks.append(signature_note(name, printed_date(date) if date else ""))
        elif signed < i < end:
            continue
        elif isinstance(part, Paragraph) and i < end and annex_list(part.text):
            blocks.append(annex_list(part.text))
        else:
            blocks += part_blocks(part)
    return blocks


def annex_titles(b: MonthlyBulletin) -> list[str]:
    return [doc.title for doc in b.inputs.attachments]


def annex_blocks(b: MonthlyBulletin, start: int) -> list:
    """附件 start, start + 1 …: the month's documents in the order of their files."""
    return [block for n, doc in enumerate(b.inputs.attachments, start)
            for block in attachment_blocks(doc, n)]

"""Documents an office supplies as annexes (``attachments/YYYY-MM/*.md``, seed 004's 附件3):
each one numbered with the annexes the bulletin makes (``attachment_annexes`` in the
profile's sections: its place among them), its title under 「附件n」 as 附件2's is, then its
paragraphs, headings and tables in order. The text is the document's words, escaped as
Markdown here (it is typed text, never markup); its tables are table values like the given
tables (``given.given_table``), so the PDF, the Word file, the site and the downloads print
them as they print every table.
"""

from __future__ import annotations

import re

from bulletin.ingest.attachments import Attachment, Paragraph
from bulletin.ingest.tables import GivenTable
from bulletin.report.month import MonthlyBulletin
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


def attachment_blocks(doc: Attachment, number: int) -> list:
    blocks: list = [f"### 附件{number}", f"#### {markdown_text(doc.title)}"]
    for part in doc.parts:
        blocks += part_blocks(part)
    return blocks


def annex_titles(b: MonthlyBulletin) -> list[str]:
    return [doc.title for doc in b.inputs.attachments]


def annex_blocks(b: MonthlyBulletin, start: int) -> list:
    """附件 start, start + 1 …: the month's documents in the order of their files."""
    return [block for n, doc in enumerate(b.inputs.attachments, start)
            for block in attachment_blocks(doc, n)]

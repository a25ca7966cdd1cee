"""Documents an office supplies as annexes: ``attachments/YYYY-MM/*.md`` (seed 004's 附件3,
the city's 「市政府交办事项」 it forwards).

Each Markdown file of a month's folder is one annex of that month's bulletin, in the
order of the file names (``01_交办事项.md`` before ``02_…``). Its first heading (``# 标题``)
is the annex's title, listed in the 附件说明; what follows is printed in order: paragraphs,
lists, deeper headings, and pipe tables (``| 序号 | 区划 |`` / ``|---|---|`` / rows), each
table titled by a heading written just above it. Every cell is text printed as given
(``80.52%``, ``0.15``, ``—``); the bulletin computes nothing from it.

The file is analyst text and is read as such, never as code: it is parsed by pandoc
(CommonMark with pipe tables) into values — paragraphs as plain text, tables as cells —
and raw HTML, raw typst/LaTeX, code and links are kept as the text that was typed (a link
as its words; an HTML comment, as in the notes, is not printed), so nothing in it runs in the site, the PDF, the Word file or a spreadsheet.
As the notes are: ID and mobile numbers are masked as the file is read and listed for
``bulletin publish`` with their line (core.privacy), invisible controls are refused, and
half-width punctuation between Chinese characters is made full-width (core.typography),
each change listed in the review by line. Encoding as every text input (UTF-8 with or
without BOM, else GBK). An empty file, a file without a title, a table row with more or
fewer cells than its header, a folder for a month the dataset does not publish: an
:class:`InputError` naming the file and the line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pypandoc

from bulletin.core.errors import InputError, Problem
from bulletin.core.invisible import refuse_invisible_lines
from bulletin.core.months import is_month
from bulletin.core.privacy import PersonalData, find_lines, redact
from bulletin.core.typography import Fix, typeset_fixes
from bulletin.ingest.encoding import decode_csv
from bulletin.ingest.files import display_path, is_hidden
from bulletin.ingest.tables import GivenTable

FOLDER = "attachments"

# CommonMark with pipe tables and each element's source lines; nothing that turns text
# into something else (front matter, footnotes, math, smart quotes, raw blocks).
READER = ("commonmark_x+sourcepos-yaml_metadata_block-footnotes-tex_math_dollars-smart"
          "-raw_attribute-emoji-task_lists-definition_lists-alerts")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph (or a list item, a line of code) as plain text; ``heading`` its level
    in the document (2 for ``##`` …), 0 for text."""

    text: str
    line: int
    heading: int = 0


@dataclass(frozen=True)
class Attachment:
    """One document: its title (its first heading), its parts in order (paragraphs and
    tables), the punctuation typeset for print, where it is."""

    file: str  # as messages show it (attachments/2021-09/01_交办事项.md)
    title: str
    parts: tuple[Paragraph | GivenTable, ...]
    fixes: tuple[Fix, ...] = ()
    printed: str = ""  # the text as printed (masked, typeset): the proofreading reads it

    @property
    def tables(self) -> list[GivenTable]:
        return [p for p in self.parts if isinstance(p, GivenTable)]


def month_folder(folder: Path, month: str) -> Path:
    return Path(folder) / FOLDER / month


def attachment_files(folder: Path, month: str) -> list[Path]:
    """``attachments/YYYY-MM/*.md`` in the order of their names; any other file there (a
    .docx, a .txt) is an InputError: an annex is Markdown, nothing is passed over."""
    where = month_folder(folder, month)
    if not where.is_dir():
        return []
    names = sorted(p for p in where.iterdir() if not is_hidden(p.name))
    bad = [p for p in names if not (p.is_file() and p.suffix.lower() == ".md")]
    if bad:
        raise InputError([Problem(display_path(p), None, None, p.name,
                                  "Markdown 文件（.md），附件文档须另存为 Markdown，表格写成管道表格")
                          for p in bad])
    return names


def stray_months(folder: Path, months: list[str]) -> None:
    """An InputError for each folder of attachments/ that is not a month the dataset
    publishes (``months``): its documents would never be printed."""
    where = Path(folder) / FOLDER
    if not where.is_dir():
        return
    problems = []
    for path in sorted(p for p in where.iterdir() if not is_hidden(p.name)):
        if not path.is_dir() or not is_month(path.name):
            problems.append(Problem(display_path(path), None, None, path.name,
                                    "按月份命名的文件夹（attachments/YYYY-MM/），其中放该月的附件文档"))
        elif path.name not in months and any(not is_hidden(p.name) for p in path.iterdir()):
            problems.append(Problem(display_path(path), None, None, None,
                                    f"数据集中没有 {path.name} 的数据，该月不发布，其附件文档不会印出；"
                                    f"请放入要发布的月份的文件夹（已有：{'、'.join(months) or '无'}）"))
    if problems:
        raise InputError(problems)


def read_attachments(folder: Path, month: str, found: list[PersonalData] | None = None,
                     months: list[str] | None = None) -> list[Attachment]:
    """The month's documents in order (none without ``attachments/YYYY-MM/``); ID and
    mobile numbers in them are masked and added to ``found``. ``months``: the months the
    dataset publishes, to refuse documents filed under another."""
    if months is not None:
        stray_months(folder, months)
    return [read_attachment(path, found) for path in attachment_files(folder, month)]


def read_attachment(path: Path, found: list[PersonalData] | None = None) -> Attachment:
    """One document as an :class:`Attachment` (see the module)."""
    shown = display_path(path)
    raw = decode_csv(path)  # UTF-8 or GBK; undecodable bytes named by line
    if not raw.strip():
        raise InputError(Problem(shown, None, None, None, "文件为空：附件文档应以「# 标题」开头，其后是正文和表格"))
    refuse_invisible_lines(raw, shown)
    text = raw.removeprefix("\ufeff")
    if found is not None:
        found += find_lines(text, shown)
    printed, fixes = typeset_fixes("\n".join(redact(line) for line in text.splitlines()))
    blocks = json.loads(pypandoc.convert_text(printed, "json", format=READER))["blocks"]
    reader = _Reader(shown, printed.split("\n"))
    for block in blocks:
        reader.block(block)
    title, parts = reader.titled()
    return Attachment(shown, title, tuple(parts), tuple(fixes), printed)


# ---------------------------------------------------------------------- pandoc's AST

def _attr_line(attr) -> int | None:
    """The first source line of an element from its ``data-pos`` (「f@7:1-8:1;6:1-10:1」)."""
    pos = dict(attr[2]).get("data-pos", "") if attr else ""
    starts = [int(m) for m in re.findall(r"(\d+):\d+-", pos)]
    return min(starts) if starts else None


def _attr_lines(attr) -> tuple[int, int] | None:
    """(first, last) source line of an element (an end at column 1 is the line before)."""
    pos = dict(attr[2]).get("data-pos", "") if attr else ""
    spans = [(int(a), int(b), int(c)) for a, b, c in re.findall(r"(\d+):\d+-(\d+):(\d+)", pos)]
    if not spans:
        return None
    return min(a for a, _, _ in spans), max(b - (c == 1) for _, b, c in spans)


# An HTML comment: the analyst's note to themselves, never printed (as in notes/).
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _is_cjk(ch: str) -> bool:
    return bool(ch) and ("\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\uffef"
                         or ch >= "\U00020000")


def inline_text(inlines: list) -> str:
    """Inlines as the text they show: emphasis, spans and quotes as their words, a link as
    its words, code and raw HTML/typst as typed, a line break as a new line, a soft break
    as nothing between Chinese characters and a space elsewhere."""
    joined = _inline(inlines)
    return re.sub(r"(.?)\0+(.?)", lambda m: m[1] + ("" if _is_cjk(m[1]) and _is_cjk(m[2])
                                                    else " ") + m[2], joined)


def _inline(inlines: list) -> str:
    """``inline_text`` with each soft break a NUL (told apart once the text is joined)."""
    out: list[str] = []
    for node in inlines:
        kind, c = node["t"], node.get("c")
        if kind == "Str":
            out.append(c)
        elif kind == "Space":
            out.append(" ")
        elif kind == "SoftBreak":
            out.append("\0")
        elif kind == "LineBreak":
            out.append("\n")
        elif kind == "RawInline" and _COMMENT.fullmatch(c[1]):
            continue
        elif kind in ("Code", "RawInline", "Math"):
            out.append(c[1])
        elif kind in ("Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript",
                      "SmallCaps"):
            out.append(_inline(c))
        elif kind in ("Span", "Link", "Image", "Quoted", "Cite"):
            words = c[1]
            if kind == "Quoted":
                left, right = ("“", "”") if c[0]["t"] == "DoubleQuote" else ("‘", "’")
                out.append(left + _inline(words) + right)
            else:
                out.append(_inline(words))
    return "".join(out)


def _cells(cell_rows: list) -> list[list[str]]:
    """The text of each cell of pandoc rows (a cell's blocks joined)."""
    return [[" ".join(filter(None, (inline_text(b["c"]) if b["t"] in ("Plain", "Para") else ""
                                   for b in cell[4]))).strip()
             for cell in row[1]] for row in cell_rows]


# The cells of a pipe table's line: split at each "|" not escaped, outer pipes dropped.
_PIPE = re.compile(r"(?<!\\)\|")


def row_cells(line: str) -> int:
    """How many cells a pipe table's line has (outer pipes are not cells)."""
    body = line.strip().removeprefix("|")
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return len(_PIPE.split(body))


@dataclass
class _Reader:
    """Walks pandoc's blocks into paragraphs and tables, lines kept for messages."""

    shown: str
    lines: list[str]
    parts: list = field(default_factory=list)
    line: int = 1

    def block(self, block: dict) -> None:
        kind, c = block["t"], block.get("c")
        if kind == "Div":
            self.line = _attr_line(c[0]) or self.line
            for inner in c[1]:
                self.block(inner)
        elif kind == "Header":
            self.line = _attr_line(c[1]) or self.line
            self.parts.append(Paragraph(inline_text(c[2]).strip(), self.line, c[0]))
        elif kind in ("Para", "Plain"):
            self._text(inline_text(c))
        elif kind == "LineBlock":
            self._text("\n".join(inline_text(line) for line in c))
        elif kind == "RawBlock" and _COMMENT.fullmatch(c[1].strip()):
            return  # the analyst's comment, as in the notes: never printed
        elif kind in ("CodeBlock", "RawBlock"):
            if kind == "CodeBlock":
                self.line = _attr_line(c[0]) or self.line
            self._text(c[1].rstrip("\n"))
        elif kind == "BlockQuote":
            for inner in c:
                self.block(inner)
        elif kind in ("BulletList", "OrderedList"):
            self._list(kind, c)
        elif kind == "Table":
            self._table(c)
        elif kind == "Figure":
            for inner in c[2]:
                self.block(inner)

    def _text(self, text: str) -> None:
        if text.strip():
            self.parts.append(Paragraph(text.strip(), self.line))

    def _list(self, kind: str, c) -> None:
        start, items = (c[0][0], c[1]) if kind == "OrderedList" else (1, c)
        for n, item in enumerate(items, start):
            mark = f"{n}." if kind == "OrderedList" else "·"
            before = len(self.parts)
            for inner in item:
                self.block(inner)
            if len(self.parts) > before and isinstance(self.parts[before], Paragraph):
                first = self.parts[before]
                self.parts[before] = Paragraph(f"{mark} {first.text}", first.line, first.heading)

    def _table(self, c) -> None:
        span = _attr_lines(c[0])
        if span is not None:
            self.line = span[0]
            self._aligned(*span)
        head = _cells(c[3][1])
        body = [row for part in c[4] for row in _cells(part[2]) + _cells(part[3])]
        body += _cells(c[5][1])
        header = head[0] if head else []
        if not header or not any(header):
            raise InputError(Problem(self.shown, self.line, None, None,
                                     "表格第一行应为表头（各列名称），第二行为 |---|---| 分隔行"))
        # a heading just above the table is its title (not the document's, the first)
        title = ""
        if len(self.parts) > 1 and isinstance(self.parts[-1], Paragraph) and self.parts[-1].heading:
            title = self.parts.pop().text
        self.parts.append(GivenTable(title, ("",) * len(header), tuple(header),
                                     tuple(tuple(row) for row in body), ()))

    def _aligned(self, first: int, last: int) -> None:
        """Each line of the table has as many cells as its header (pandoc would drop the
        cells beyond the header and pad a short row: a value would land in another column)."""
        rows = [(n, line) for n, line in enumerate(self.lines[first - 1:last], first)
                if line.strip()]
        width = row_cells(rows[0][1])
        problems = [Problem(self.shown, n, None, None,
                            f"这一行有 {row_cells(line)} 格，表头有 {width} 列：每行的格数应与表头相同"
                            "（空格也要写出「| |」；格内的竖线写作「\\|」）")
                    for n, line in rows[1:] if row_cells(line) != width]
        if problems:
            raise InputError(problems)

    def titled(self) -> tuple[str, list]:
        """The title (the first heading, before any text) and the parts after it."""
        first = self.parts[0] if self.parts else None
        if not isinstance(first, Paragraph) or not first.heading or not first.text:
            line = getattr(first, "line", self.line if first is not None else 1)
            raise InputError(Problem(self.shown, line, None, None,
                                     "附件文档应以标题开头：第一行写「# 附件标题」（附件说明列出此标题）"))
        return first.text, self.parts[1:]

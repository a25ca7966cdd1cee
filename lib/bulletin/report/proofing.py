"""What the review tells the analyst about the text the bulletin prints as typed: each
punctuation mark changed for print (core.typography) in the notes and in dataset.yml,
and in the documents of attachments/, by file and line, 「before」→「after」; and, as advice, each suspected slip (core.proofread)
— a character typed three times or more in a row, a name one character away from a unit
of the registry, a sentence written twice — in the notes, the documents, the strings of dataset.yml the
bulletin prints and the names in the month's tables printed as given (hall/, targets/,
tables/). Slips are printed as typed: only the analyst corrects them.
"""

from __future__ import annotations

import polars as pl

from bulletin.core.errors import BulletinError
from bulletin.core.privacy import redact
from bulletin.core.proofread import NameIndex, repeated_sentences, repeats
from bulletin.core.typography import Fix, by_line
from bulletin.ingest.files import display_path
from bulletin.ingest.hall import hall_files
from bulletin.report.month import MonthlyBulletin

AS_TYPED = "通报按原文印出，如需更正请修改原文后重新发布"


def fix_lines(shown: str, found: list[Fix]) -> list[str]:
    """One line of the review per line of the file: each change 「before」→「after」."""
    return [f"{shown} 第 {line} 行：印发时改为全角标点 " + "；".join(map(str, fixes))
            for line, fixes in by_line(found).items()]


def slips(shown: str, text: str, index: NameIndex, lines: bool = True) -> list[str]:
    """The suspected slips of ``text`` (a file's text by line, or one cell: ``lines`` False)."""
    where = (lambda n: f"{shown} 第 {n} 行") if lines else (lambda n: shown)
    out = [f"{where(s.line)}「{s.excerpt}」中「{s.found}」连续重复，是否误输入？{AS_TYPED}。"
           for s in repeats(text)]
    out += [f"{where(s.line)}「{s.found}」与单位名录中的「{name}」只差一个字，是否笔误？{AS_TYPED}。"
            for s, name in index.in_text(text)]
    out += [f"{shown} 第 {'、'.join(map(str, n))} 行重复出现同一句话「{sentence}」，请核实是否误粘贴。"
            for sentence, n in repeated_sentences(text)] if lines else []
    return out


def notes_proofing(b: MonthlyBulletin, index: NameIndex) -> list[str]:
    if b.notes_raw is None:
        return []
    text, found = b.notes_printed
    shown = display_path(b.notes_path)
    return fix_lines(shown, found) + slips(shown, text, index)


def attachments_proofing(b: MonthlyBulletin, index: NameIndex) -> list[str]:
    """The documents of attachments/ as the notes: punctuation changed, slips (their
    tables' cells one by one, as the given tables')."""
    out = []
    for doc in b.inputs.attachments:
        out += fix_lines(doc.file, list(doc.fixes)) + slips(doc.file, doc.printed, index)
    return out


def config_proofing(b: MonthlyBulletin, index: NameIndex) -> list[str]:
    shown = "dataset.yml"
    out = [f"{shown} 第 {c.fix.line} 行（{c.key}）：印发时改为全角标点 {c.fix}"
           for c in b.config.typeset_fixes]
    c = b.config
    printed = [c.region, c.authority, c.title, c.profile.title or "", *c.distribution.report_to,
               *c.distribution.copy_to, *c.distribution.issue_to]
    for value in dict.fromkeys(v for v in printed if v):
        out += slips(shown, value, index, lines=False)
    return out


def table_cells(b: MonthlyBulletin) -> list[tuple[str, list[str]]]:
    """The text cells of the month's tables printed as given, as read once (``b.inputs``),
    by the file (or table) they come from: hall/, targets/ and tables/."""
    inputs, folder = b.inputs, b.dataset.folder
    try:
        halls = hall_files(folder, b.month)
    except BulletinError:  # a misnamed file: the section that reads it says so
        halls = {}
    out = []
    hall = inputs.hall
    for kind, frame, columns in (("windows", hall and hall.windows, ("window", "note")),
                                 ("centres", hall and hall.centres, ("town", "centre"))):
        if frame is not None and kind in halls:
            out.append((display_path(halls[kind]), [v for c in columns for v in frame[c] if v]))
    if inputs.targets is not None:
        text = [c for c, t in inputs.targets.schema.items() if t == pl.String]
        out.append((f"targets/{b.month}", [v for c in text for v in inputs.targets[c] if v]))
    for table in inputs.given:
        out.append((f"tables/{b.month}/「{table.title}」", [c for row in table.rows for c in row if c]))
    return out


def tables_proofing(b: MonthlyBulletin, index: NameIndex) -> list[str]:
    out = []
    for shown, cells in table_cells(b):
        for cell in dict.fromkeys(redact(c) for c in cells):
            out += slips(shown, cell, index, lines=False)
    return out


def proofing(b: MonthlyBulletin) -> list[str]:
    """The review's lines on the typed text (see the module), as plain text."""
    index = NameIndex(b.registry.unit_map)
    return (notes_proofing(b, index) + attachments_proofing(b, index) + config_proofing(b, index)
            + tables_proofing(b, index))

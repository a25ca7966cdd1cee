"""The reader's text of a sample month as the bulletin prints it, block by block: the
Markdown of its text blocks and the title of each table, in order (what the notebook
shows, the site, the PDF and the Word file print; review items left out)."""

from __future__ import annotations

import bulletin
from bulletin.core.blocks import Table
from bulletin.report.sections.common import for_readers
from bulletin.report.sections.registry import profile_blocks
from support.paths import DATA


def reader_blocks(dataset: str, month: str) -> list[str]:
    """Text blocks as printed, a table as 「表：<title>」."""
    b = bulletin.open_month(DATA / dataset, month)
    return [f"表：{block.title}" if isinstance(block, Table) else block
            for block in for_readers(profile_blocks(b)) if isinstance(block, Table | str)]


def positions(text: str, snippets: list[str]) -> list[int]:
    """Where each snippet starts in ``text`` (-1 when it is not there)."""
    return [text.find(s) for s in snippets]

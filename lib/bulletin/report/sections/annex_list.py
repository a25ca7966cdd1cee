"""附件: the annex tables of every section numbered as one list, and the 附件说明.

A profile names the sections whose tables are annexes after the body, in the order they
are numbered (seed 001: ``scores_annexes`` then ``given_annexes``; seed 003:
``items_annexes`` then ``hall_annexes``; seed 004: ``zero_case_items_annexes`` then
``items_annexes``, then ``attachment_annexes``: the documents of attachments/, its 附件3).
Each such section prints its tables from the number the annexes before
it leave; ``annex_list`` prints 「附件：1. …」 with every title. A body section whose text
refers to its annexes (「（见附件3）」) is built here with their numbers (``section_hall``).
"""

from __future__ import annotations

from collections.abc import Callable

from bulletin.report.month import MonthlyBulletin
from bulletin.report.sections import attached, given, hall, items, scores
from bulletin.report.sections.common import annex_note

Titles = Callable[[MonthlyBulletin], list[str]]
Blocks = Callable[[MonthlyBulletin, int], list]

# section name → (the titles of its annexes this month, its blocks from a first number)
ANNEXES: dict[str, tuple[Titles, Blocks]] = {
    "scores_annexes": (scores.annex_titles, scores.annex_blocks),
    "items_annexes": (items.annex_titles, items.annex_blocks),
    "hall_annexes": (hall.annex_titles, hall.annex_blocks),
    "given_annexes": (given.annex_titles, given.annex_blocks),
    "zero_case_items_annexes": (items.zero_case_annex_titles, items.zero_case_annex_blocks),
    "attachment_annexes": (attached.annex_titles, attached.annex_blocks),
}


def annex_titles(b: MonthlyBulletin) -> list[tuple[str, str]]:
    """(section, title) of every annex of the month, in the profile's order."""
    return [(name, title) for name in b.config.profile.sections if name in ANNEXES
            for title in ANNEXES[name][0](b)]


def annex_numbers(b: MonthlyBulletin, name: str) -> list[int]:
    """The numbers of section ``name``'s annexes this month: [] when the profile prints
    its tables in the body (no ``name`` among its sections)."""
    return [n for n, (section, _) in enumerate(annex_titles(b), 1) if section == name]


def section_hall(b: MonthlyBulletin) -> list:
    """实体大厅: its text names the annexes its tables are (「（见附件3）」)."""
    return hall.section_hall(b, annex_numbers(b, "hall_annexes"))


def annex_section(name: str) -> Callable[[MonthlyBulletin], list]:
    """The builder of annex section ``name``: its tables numbered after those before it."""

    def build(b: MonthlyBulletin) -> list:
        before = [section for section, _ in annex_titles(b)]
        start = before.index(name) + 1 if name in before else len(before) + 1
        return ANNEXES[name][1](b, start)

    build.__doc__ = f"附件 of ``{name}``, numbered after the annexes before it."
    return build


def section_annex_list(b: MonthlyBulletin) -> list:
    """附件说明: 「附件：1. …」 with every annex title, in GB/T 9704's form (``annex_note``)."""
    titles = [title for _, title in annex_titles(b)]
    return [annex_note(titles)] if titles else []

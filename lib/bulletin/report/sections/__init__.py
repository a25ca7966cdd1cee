"""The sections of each kind of bulletin: one module per kind, the registry that names them
(``dataset.yml`` → ``profile.sections``), the numbered annex list, the analyst's review
and what blocks issuing. The names below are its face: what the bulletin notebook uses.

Modules::

    registry     section name → builder; the blocks of a dataset's profile
    common       what every section shares: showing blocks, the title, review items
    operation/   seed 000's 运行情况通报 (a package: body, narrative, charts, annexes)
    written      the analyst's written sections (工作动态, 存在的问题, 标题, 正文, 目标, 措施)
    scores       考核得分 (seed 001)
    targets      目标跟踪 (seed 002)
    items        事项 indicators against targets (seeds 003, 004)
    hall         实体大厅 and 便民服务中心 (seed 003)
    given        tables an input gives as printed
    attached     documents the office supplies (attachments/), printed as annexes
    annex_list   the annexes of every section numbered as one list
    outline      the body numbered 一、（一）… by profile.outline
    review       the analyst's review (review.md), never published
    signoff      what stops a month being issued, and its acknowledgements
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bulletin.core.faces import lazy

_EXPORTS = {
    "profile_blocks": "bulletin.report.sections.registry",
    "show": "bulletin.report.sections.common",
    "section_title": "bulletin.report.sections.common",
    "show_review": "bulletin.report.sections.review",
    "REVIEW_NAME": "bulletin.report.sections.review",
}
__all__ = [
    "REVIEW_NAME",
    "profile_blocks",
    "section_title",
    "show",
    "show_review",
]

if TYPE_CHECKING:  # for readers and type checkers; at run time names load lazily
    from bulletin.report.sections.common import section_title, show
    from bulletin.report.sections.registry import profile_blocks
    from bulletin.report.sections.review import REVIEW_NAME, show_review

__getattr__, __dir__ = lazy(__name__, _EXPORTS)

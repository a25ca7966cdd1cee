"""Seed 000's 运行情况通报, in one home: its sections and their numbering (``body``), the
sentences (``narrative``), 图1-4 (``charts``) and the two annexes (``annexes``).

The registry (``sections.registry``) takes the builders from here; what every bulletin
shares (the title block, showing blocks, the analyst's written sections) is
``sections.common`` and ``sections.written``.
"""

from bulletin.report.sections.operation.body import (
    HEADINGS,
    base_reviews,
    heading,
    numbered,
    printed_sections,
    section_annexes,
    section_contents,
    section_evaluations,
    section_operation,
    section_overdue,
)

__all__ = ["HEADINGS", "base_reviews", "heading", "numbered", "printed_sections",
           "section_annexes", "section_contents", "section_evaluations", "section_operation",
           "section_overdue"]

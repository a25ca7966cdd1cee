"""The bulletin of a month: the month model and its one loader (``open_month``), how
figures are written, the sentences, annex tables, charts and findings, the analyst's
notes and review, the loss gates, what the notebook writes beside itself (meta.json and
the downloads), and the sections of each kind of bulletin (``sections``). The names below
are its face: what the notebooks and the command line use.

Modules::

    pipeline       the month's spine: open → validate → facts → indicators → sections → outputs
    loader         open_month: the one way to open a month; the months a dataset holds
    month          MonthlyBulletin: one month with everything its bulletin says
    explorer       its tables' names: figures by key or label, levels by alias, Chinese columns
    fmt            how figures are written (rates truncated, changes with direction)
    blocks         table cells made with the value they print; a table drawn by great-tables
    charts         how a chart is shown: its spec and SVG, the fonts
    findings       the wording of the indicators' problems and input checks
    notes          the analyst's notes/YYYY-MM.md, split into sections
    proofing       the review's lines on the text printed as typed
    losses         the loss gates publish checks, and --accept-loss
    outputs        what the notebook writes: meta.json and the downloads
    unit_rows      each unit's rows in the published tables, for meta.json
    shown_tables   which catalogue entry a column is; text safe in a spreadsheet cell
    downloads      every table shown, as XLSX and CSV
    downloads_xlsx one table as an XLSX workbook with its 口径说明 sheet
    examples       examples an explorer's notebook picks from any dataset
    sections/      the sections of each kind of bulletin and their registry
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bulletin.core.faces import lazy

_EXPORTS = {
    "open_month": "bulletin.report.loader",
    "available_months": "bulletin.report.loader",
    "MonthlyBulletin": "bulletin.report.month",
    "fmt_rate": "bulletin.report.fmt",
    "write_outputs": "bulletin.report.outputs",
    "example_scope": "bulletin.report.examples",
}
__all__ = [
    "MonthlyBulletin",
    "available_months",
    "example_scope",
    "fmt_rate",
    "open_month",
    "write_outputs",
]

if TYPE_CHECKING:  # for readers and type checkers; at run time names load lazily
    from bulletin.report.examples import example_scope
    from bulletin.report.fmt import fmt_rate
    from bulletin.report.loader import available_months, open_month
    from bulletin.report.month import MonthlyBulletin
    from bulletin.report.outputs import write_outputs

__getattr__, __dir__ = lazy(__name__, _EXPORTS)

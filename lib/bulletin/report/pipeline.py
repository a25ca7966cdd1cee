"""The spine of one month's bulletin: six named steps, each a function of the typed
values the steps before it return.

    open_dataset → validate    → month_facts → indicators      → sections → outputs
    Opened         MonthInputs   MonthFacts    MonthlyBulletin   blocks     Written

The first four open the month (``report.loader``; ``open_month`` is them in one call);
``sections`` builds the bulletin's blocks in its profile's order, as the values meta.json
carries (``core.blocks``); ``outputs`` writes meta.json and the downloads. The notebook (notebooks/bulletin.ipynb) calls the steps one
by one, showing the title block, the bulletin and the analyst's review between them;
``run_month`` chains all six for a caller without a notebook.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bulletin.core.blocks import ReviewCounts
from bulletin.report.loader import (
    MonthFacts,
    Opened,
    indicators,
    month_facts,
    open_dataset,
    open_month,
    validate,
)
from bulletin.report.month import MonthlyBulletin
from bulletin.report.outputs import Written, write_outputs
from bulletin.report.sections.common import as_blocks, section_title
from bulletin.report.sections.registry import profile_blocks


def title(b: MonthlyBulletin) -> list:
    """The title block, shown in a cell of its own (the site and the PDF draw theirs from
    meta.json)."""
    return section_title(b)


def sections(b: MonthlyBulletin) -> list:
    """Step 5, sections: every block of the bulletin after the title block, section by
    section in the order of the dataset's profile (``profile.sections``), as values: text,
    tables (cells with their values) and charts for readers, review items for the analyst."""
    return as_blocks(profile_blocks(b, skip=("title",)))


def outputs(b: MonthlyBulletin, blocks: list, out_dir: str | Path,
            parameters: dict | None = None, review: ReviewCounts | None = None) -> Written:
    """Step 6, outputs: meta.json (title block, headline figures, the blocks, units, what
    the review counts, provenance with ``parameters``) and the downloads of every table in
    ``blocks``, in ``out_dir``."""
    return write_outputs(b, out_dir, blocks, parameters, review=review)


@dataclass
class MonthRun:
    """What ``run_month`` computed and wrote."""

    bulletin: MonthlyBulletin
    blocks: list
    written: Written | None  # None when no folder was given


def run_month(dataset: str | Path, month: str, out_dir: str | Path | None = None, *,
              root: Path | str | None = None, parameters: dict | None = None) -> MonthRun:
    """The six steps over ``month`` of a dataset folder; with ``out_dir``, its files
    written there (``parameters`` recorded in meta.json's provenance)."""
    opened = open_dataset(dataset, month, root=root)
    inputs = validate(opened)
    facts = month_facts(opened)
    b = indicators(opened, inputs, facts)
    blocks = sections(b)
    written = outputs(b, blocks, out_dir, parameters) if out_dir else None
    return MonthRun(b, blocks, written)


__all__ = ["MonthFacts", "MonthRun", "Opened", "indicators", "month_facts", "open_dataset",
           "open_month", "outputs", "run_month", "sections", "title", "validate"]

"""What one month of a dataset reads besides its unit_month facts, read once: the
tables of scores/, items/, hall/, targets/ and tables/, the documents of attachments/
(docs/inputs.md), the values the
bulletin's text states for the targets (dataset.yml), and the ID and mobile numbers typed
into the tables, the documents and the registry.

``read_month_inputs`` reads them; the report's sections and the publish check receive the
:class:`MonthInputs` and never open a file of the dataset themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from bulletin.core.months import previous_month
from bulletin.core.privacy import PersonalData
from bulletin.ingest.attachments import Attachment, read_attachments
from bulletin.ingest.dataset import Dataset
from bulletin.ingest.hall import Hall, read_hall
from bulletin.ingest.items import read_items
from bulletin.ingest.scores import MonthScores, read_scores
from bulletin.ingest.tables import GivenTable, read_given_tables
from bulletin.ingest.targets import Stated, read_targets, stated_values


@dataclass
class MonthInputs:
    """The month's aggregated tables as read (None or empty where the month has none)."""

    month: str
    items: pl.DataFrame | None = None  # items/YYYY-MM*: one row per unit
    hall: Hall | None = None  # hall/YYYY-MM_windows, _centres
    scores: MonthScores | None = None  # scores/YYYY-MM*
    previous_scores: MonthScores | None = None  # the month before (rank changes)
    targets: pl.DataFrame | None = None  # targets/YYYY-MM*
    given: list[GivenTable] = field(default_factory=list)  # tables/YYYY-MM/
    attachments: list[Attachment] = field(default_factory=list)  # attachments/YYYY-MM/*.md
    # achieved values the bulletin's text gives (dataset.yml targets.stated_in_text), parsed
    stated_targets: dict[str, Stated] = field(default_factory=dict)
    # ID and mobile numbers typed into the registry and the tables (masked)
    personal: list[PersonalData] = field(default_factory=list)
    # dataset.yml as read with the config (None without one): scanned, never read again
    config_source: str | None = None


def read_month_inputs(ds: Dataset, month: str, months: list[str] | None = None) -> MonthInputs:
    """The tables and documents ``month`` of ``ds`` prints, each file read once; an
    unreadable one is the InputError its reader raises. ``months``: the months the dataset
    publishes (a document filed under another month is refused)."""
    found: list[PersonalData] = list(ds.registry.personal)
    targets = read_targets(ds.folder, month, found)
    hall = read_hall(ds.folder, month)
    found += hall.personal if hall is not None else []
    given = read_given_tables(ds.folder, month, found)
    attachments = read_attachments(ds.folder, month, found, months)
    items = read_items(ds.folder, month, ds.registry, found)
    scores = read_scores(ds.folder, month, ds.config, ds.registry, found)
    previous = read_scores(ds.folder, previous_month(month), ds.config, ds.registry)
    return MonthInputs(month, items, hall, scores, previous, targets, given, attachments,
                       stated_targets=stated_values(ds.config.targets.stated_in_text),
                       personal=found, config_source=ds.config.source)

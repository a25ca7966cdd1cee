"""ID and mobile numbers typed into the free text of a month's aggregated tables (items,
hall, scores, targets, the tables printed as given): the readers mask them as they read;
this lists where they are, so that ``bulletin publish`` can tell the analyst, as it does
for the notes, units.csv and dataset.yml.
"""

from __future__ import annotations

from pathlib import Path

from bulletin.core.config import load_config
from bulletin.core.errors import BulletinError
from bulletin.core.privacy import PersonalData
from bulletin.ingest.hall import read_hall
from bulletin.ingest.items import read_items
from bulletin.ingest.registry import read_registry
from bulletin.ingest.scores import read_scores
from bulletin.ingest.tables import read_given_tables
from bulletin.ingest.targets import read_targets


def personal_in_tables(dataset: Path, month: str) -> list[PersonalData]:
    """Every ID and mobile number (masked) in the month's items, hall, scores, targets and
    given tables (and their notes), by file, row and column. A table that cannot be read is
    passed over: the notebook run reports it with its own message."""
    dataset = Path(dataset)
    found: list[PersonalData] = []
    try:
        registry = read_registry(dataset)
        config = load_config(dataset)
    except BulletinError:
        registry = config = None
    def hall() -> None:
        read = read_hall(dataset, month)
        found.extend(read.personal if read is not None else [])

    readers = [lambda: read_targets(dataset, month, found), hall,
               lambda: read_given_tables(dataset, month, found)]
    if registry is not None:
        readers += [lambda: read_items(dataset, month, registry, found),
                    lambda: read_scores(dataset, month, config, registry, found)]
    for read in readers:
        try:
            read()
        except BulletinError:
            pass
    return found

"""What the downloads read of a table beside its cells: which catalogue entry a column is
(``catalogue_entry``), and text made safe for a spreadsheet cell (``spreadsheet_text``)."""

from __future__ import annotations

import re

from bulletin.core.definitions import BY_KEY, FIGURES, HALL_COUNTS, ITEM_COUNTS
from bulletin.core.spreadsheet import FORMULA_START, spreadsheet_text  # noqa: F401  (re-exported)

_ANNEX_ID = re.compile(r"c\d+_(\w+)")


def catalogue_entry(column_id: str):
    """The catalogue entry (a ``Figure`` or an ``Indicator``) a column id names, or None:
    ``c<n>_<key>`` (the annexes), an indicator key, an item or hall count, a unit_month
    figure — the 事项 indicators first (主动评价率 of the items is the platform's)."""
    annex = _ANNEX_ID.fullmatch(column_id)
    if annex and annex[1] in FIGURES:
        return FIGURES[annex[1]]
    for catalogue in (BY_KEY, ITEM_COUNTS, HALL_COUNTS, FIGURES):
        if column_id in catalogue:
            return catalogue[column_id]
    return None

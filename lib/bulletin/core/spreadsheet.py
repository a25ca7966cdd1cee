"""Text made safe for a spreadsheet cell, wherever the tool writes one that an analyst or a
reader opens in Excel or LibreOffice: the downloads (report.downloads), the quarantine
report (ingest.dataset)."""

from __future__ import annotations

import re

# A cell starting with one of these is a formula to Excel and LibreOffice (OWASP "CSV
# injection"); a unit name or a region may be typed so.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")

# What the bulletin prints that starts so and is not a formula: a signed count or rate.
_SIGNED_FIGURE = re.compile(r"[+-]\d+(?:\.\d+)?%?")


def spreadsheet_text(value: str) -> str:
    """``value`` safe as a spreadsheet cell: text that would start a formula gets a leading
    "'" (OWASP), also behind the blanks that indent a unit under its area; figures ("-12",
    "-1.23%") and the bulletin's "-" stay as printed."""
    start = value.lstrip(" \u3000")
    if (start.startswith(FORMULA_START) and value != "-"
            and not _SIGNED_FIGURE.fullmatch(value)):
        return "'" + value
    return value


def column_letter(index: int) -> str:
    """Excel's name of a column from its 0-based index: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters

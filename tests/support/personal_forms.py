"""Personal numbers as people type them, for the privacy tests: ID numbers with a valid
check digit (GB 11643-1999) and mobile numbers, in full-width digits, in groups joined by
spaces (U+3000 too), hyphens, dashes or dots, after +86 / 0086; and how to look for their
digits in any form in a published text."""

from __future__ import annotations

import re
import unicodedata

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
FULL_WIDTH = str.maketrans("0123456789Xx+", "０１２３４５６７８９Ｘｘ＋")


def check_digit(first17: str) -> str:
    """The weighted sum of the first 17 digits, mod 11, read off 10X98765432."""
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def id_number(region: str, born: str, sequence: str) -> str:
    first17 = region + born + sequence
    return first17 + check_digit(first17)


def digit_stream(text: str) -> str:
    """Every digit of ``text`` after NFKC, in order, all else dropped: a number typed in any
    form (groups, separators, full width) is a substring of it."""
    return re.sub(r"[^0-9]", "", unicodedata.normalize("NFKC", text))


def core_digits(number: str) -> str:
    """What of a number must never be found: a mobile's 11 digits, an ID's first 17."""
    return number[:17] if len(number) == 18 else number

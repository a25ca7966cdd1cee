"""Cells as exports write them: full-width digits and punctuation, thousands separators,
dates as 2024年6月3日 / 2024.6.3, and date-times stored as Excel serial numbers (a date cell
that lost its format: 45446 is 2024-06-03, 45446.375 is 2024-06-03 09:00).

The polars expressions here are the slow path of the date-time and whole-number parsers of
``validate``: they run only on the cells the usual forms did not parse, so a clean export
pays one null test per cell for them. ``ascii_digits`` is the same normalisation for the
aggregated tables read cell by cell in Python (``sheets``).
"""

from __future__ import annotations

import datetime as dt

import polars as pl

# Full-width digits and the punctuation met around numbers and dates, as ASCII.
FULL_WIDTH = {**{chr(0xFF10 + i): str(i) for i in range(10)},
              "：": ":", "．": ".", "／": "/", "－": "-", "，": ",", "\u3000": " "}

_TABLE = str.maketrans(FULL_WIDTH)

# The usual date-time forms (docs/inputs.md, section 5), tried on every text cell.
DATETIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y年%m月%d日 %H:%M:%S",
    "%Y年%m月%d日 %H:%M",
)

DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y年%m月%d日")

# More forms, tried only on the cells the usual ones did not parse, after full-width digits
# and punctuation are made ASCII.
MORE_DATETIME_FORMATS = (
    "%Y.%m.%d %H:%M:%S",
    "%Y.%m.%d %H:%M",
    "%Y年%m月%d日%H:%M:%S",
    "%Y年%m月%d日%H:%M",
)

MORE_DATE_FORMATS = ("%Y.%m.%d",)

# Excel's 1900 date system: serial 1 is 1900-01-01, and (Excel counting 1900 as a leap
# year) every serial from 61 on is days since 1899-12-30. Only the serials of
# 2000-01-01 .. 2100-12-31 are read as dates; any other number in a date-time column stays
# a bad cell.
EXCEL_EPOCH = dt.date(1899, 12, 30)
SERIAL_MIN = (dt.date(2000, 1, 1) - EXCEL_EPOCH).days  # 36526
SERIAL_END = (dt.date(2101, 1, 1) - EXCEL_EPOCH).days  # 73416, the first serial refused
_UNIX_SERIAL = (dt.date(1970, 1, 1) - EXCEL_EPOCH).days  # 25569

DT = pl.Datetime("us")

# A date-time outside these years is a misread cell (a two-digit year such as 21-2-3 is
# parsed as the year 0021), never a date of a case: it is a bad cell, not a case counted
# in no month.
YEAR_MIN, YEAR_MAX = 2000, 2100
EARLIEST = dt.datetime(YEAR_MIN, 1, 1)
LATEST = dt.datetime(YEAR_MAX + 1, 1, 1)

_SERIAL = r"^\d{5}(\.\d*)?$"

# 1,234 and 12,345,678 (and the same with decimals .0): commas grouping three digits only.
_THOUSANDS = r"^\d{1,3}(,\d{3})+(\.\d*)?$"


def ascii_digits(text: str) -> str:
    """A cell's text with full-width digits, colon, dot, slash, hyphen, comma and space made
    ASCII: 「１２」 → 「12」, 「１，２３４」 → 「1,234」."""
    return text.translate(_TABLE)


def ascii_expr(text: pl.Expr) -> pl.Expr:
    """``ascii_digits`` as a polars expression, surrounding blanks stripped."""
    return text.str.replace_many(list(FULL_WIDTH), list(FULL_WIDTH.values())).str.strip_chars()


def serial_datetime(text: pl.Expr) -> pl.Expr:
    """An Excel serial number written as text (45446, 45446.3833) as a date-time to the
    nearest second; null for any other text and for serials outside 2000..2100."""
    number = pl.when(text.str.contains(_SERIAL)).then(text).cast(pl.Float64, strict=False)
    seconds = ((number - _UNIX_SERIAL) * 86400).round(0).cast(pl.Int64)
    inside = (number >= SERIAL_MIN) & (number < SERIAL_END)
    return pl.when(inside).then(seconds * 1_000_000).cast(pl.Datetime("us"))


def _within(parsed: pl.Expr) -> pl.Expr:
    inside = (parsed >= pl.lit(EARLIEST, dtype=DT)) & (parsed < pl.lit(LATEST, dtype=DT))
    return pl.when(inside).then(parsed)


def _forms(frame: pl.LazyFrame, source: str, target: str, formats: tuple[str, ...],
           dates: tuple[str, ...]) -> pl.LazyFrame:
    """``target``: the text column ``source`` parsed by the first of the forms that reads
    it. Each form is tried only on the cells the ones before it left unread (a text column
    null elsewhere costs next to nothing), not on every cell."""
    frame = frame.with_columns(pl.lit(None, dtype=DT).alias(target))
    tries = [(f, DT) for f in formats] + [(f, pl.Date) for f in dates]
    for form, dtype in tries:
        rest = pl.when(pl.col(target).is_null()).then(pl.col(source))
        frame = frame.with_columns(
            pl.coalesce(target, rest.str.strptime(dtype, form, strict=False).cast(DT)))
    return frame


def text_datetimes(cells: pl.Series) -> pl.Series:
    """A batch of text cells of a date-time column as date-times (null: not a date-time in
    an accepted form, or outside YEAR_MIN..YEAR_MAX).

    Each step is a named column computed once: as one nested expression, polars computed
    the forms again for every use of their result. Forms other than the usual ones
    (full-width digits, 2024.6.3, Excel serials) are tried only on the cells the usual
    forms did not read."""
    frame = pl.LazyFrame({"t": cells.cast(pl.String)}).with_columns(pl.col("t").str.strip_chars())
    frame = _forms(frame, "t", "u", DATETIME_FORMATS, DATE_FORMATS) \
        .with_columns(_within(pl.col("u")).alias("u")) \
        .with_columns(ascii_expr(pl.when(pl.col("u").is_null()).then(pl.col("t"))).alias("r"))
    frame = _forms(frame, "r", "v", DATETIME_FORMATS + MORE_DATETIME_FORMATS,
                   DATE_FORMATS + MORE_DATE_FORMATS)
    return (frame.with_columns(pl.coalesce("v", serial_datetime(pl.col("r"))).alias("v"))
            .select(pl.coalesce("u", _within(pl.col("v"))).alias(cells.name))
            .collect().to_series())


def text_whole_numbers(cells: pl.Series) -> pl.Series:
    """A batch of text cells of a whole-number column as Int32 (null: not a whole number
    within Int32): 5 and 5.0 as polars reads them; only where that failed, the text made
    ASCII (１２) and without thousands separators (1,234 / 1，234)."""
    number = (
        pl.LazyFrame({"t": cells.cast(pl.String)})
        .with_columns(pl.col("t").str.strip_chars())
        .with_columns(pl.col("t").cast(pl.Float64, strict=False).alias("n"))
        .with_columns(ascii_expr(pl.when(pl.col("n").is_null()).then(pl.col("t"))).alias("r"))
        .with_columns(pl.coalesce(
            "n",
            pl.when(pl.col("r").str.contains(_THOUSANDS))
            .then(pl.col("r").str.replace_all(",", "", literal=True))
            .otherwise(pl.col("r")).cast(pl.Float64, strict=False)).alias("n"))
    )
    n = pl.col("n")
    return (number.select(pl.when(n == n.floor()).then(n).cast(pl.Int32, strict=False)
                          .alias(cells.name)).collect().to_series())

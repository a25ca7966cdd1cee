"""Cells typed: date-times, whole numbers, spellings mapped onto an Enum (units, channels,
evaluation levels and kinds), and whether a raw cell holds a value — polars expressions,
one value per row, run in the facts' lazy query (ingest.validate).
"""

from __future__ import annotations

import polars as pl

from bulletin.ingest.cells import DT, EARLIEST, LATEST, text_datetimes, text_whole_numbers
from bulletin.ingest.schema import CHANNELS, EVALUATION_KINDS, EVALUATION_LEVELS, InputSchema

# The same window as date-time literals: comparing the stored integers is ~10× cheaper than
# extracting each value's year (at 20 M cases, 2.5 s of 11 s user time).
_EARLIEST, _LATEST = EARLIEST, LATEST


def plausible(parsed: pl.Expr) -> pl.Expr:
    """The parsed date-time, or null (a bad cell) when its year is outside YEAR_MIN..YEAR_MAX."""
    inside = (parsed >= pl.lit(_EARLIEST, dtype=DT)) & (parsed < pl.lit(_LATEST, dtype=DT))
    return pl.when(inside).then(parsed)


def parse_datetime(name: str, dtype: pl.DataType) -> pl.Expr:
    col = pl.col(name)
    if isinstance(dtype, pl.Datetime):
        if dtype.time_zone:
            col = col.dt.convert_time_zone("Asia/Shanghai").dt.replace_time_zone(None)
        return plausible(col.cast(DT))
    if dtype == pl.Date:
        return plausible(col.cast(DT))
    if dtype == pl.Null:
        return col.cast(DT)
    # Text: parsed batch by batch, each form tried only on the cells not yet read.
    return col.map_batches(text_datetimes, return_dtype=DT, is_elementwise=True)


def parse_int(name: str, dtype: pl.DataType) -> pl.Expr:
    """Whole numbers; 5.0, 1,234 and １２ are numbers, 5.5 and "五" are null (and flagged
    by the caller)."""
    col = pl.col(name)
    if dtype.is_integer():  # beyond Int32 (3 000 000 000 days) is a bad cell, not an overflow
        return col.cast(pl.Int32, strict=False)
    if dtype.is_float():
        return pl.when(col == col.floor()).then(col).cast(pl.Int32, strict=False)
    # Text: 5, 5.0, then (only where that failed) １２, 1,234 …, batch by batch.
    return col.map_batches(text_whole_numbers, return_dtype=pl.Int32, is_elementwise=True)


def map_values(name: str, mapping: dict[str, str], dtype: pl.DataType) -> pl.Expr:
    """Map spellings (units and their aliases, channel words …) onto an Enum.

    A cell that is exactly one of the spellings is cast to an Enum of the spellings and its
    code gathers the target (no per-row string hashing into a dict). Only cells that are not
    an exact spelling are stripped of surrounding blanks and looked up again, on a column
    that is null everywhere else. Same result as stripping and looking up every cell.
    Letters are matched as spelt (docs/inputs.md: 「Online」 is refused; a unit's name or
    alias must be spelt exactly).

    The facts do not map every row: they group the rows by the text of these cells and
    map the few distinct texts (``Validated.settle``), with this same expression.
    """
    categories = list(dict.fromkeys(mapping.values()))
    target = pl.Enum(categories)
    keys = dict(mapping)
    spellings = list(keys)
    text = pl.col(name).cast(pl.String)
    as_spelling = pl.Enum(spellings)
    targets = pl.lit(pl.Series([keys[k] for k in spellings], dtype=target))
    fast = targets.gather(text.cast(as_spelling, strict=False).to_physical())
    slow = targets.gather(pl.when(fast.is_null()).then(text).str.strip_chars()
                          .cast(as_spelling, strict=False).to_physical())
    return pl.coalesce(fast, slow)


def present(name: str, dtype: pl.DataType | None) -> pl.Expr:
    """Whether a raw cell holds a value: not null and, for text, not blank.

    Only text can be blank: a typed cell (Parquet datetimes, numbers) is present when it is
    not null, without formatting it as text first.
    """
    if dtype is None or dtype == pl.Null:
        return pl.lit(False)
    col = pl.col(name)
    if is_text(dtype):
        return col.is_not_null() & (col.cast(pl.String).str.strip_chars() != "")
    return col.is_not_null()


def is_text(dtype: pl.DataType | None) -> bool:
    return dtype == pl.String or isinstance(dtype, (pl.Categorical, pl.Enum))


def present_stripped(stripped: pl.Expr) -> pl.Expr:
    """``present`` for a text cell, from its stripped value (the typed column of a text
    column): the same test without stripping every cell a second time."""
    return stripped.is_not_null() & (stripped != "")


def present_mapped(name: str, dtype: pl.DataType | None, mapped: pl.Expr) -> pl.Expr:
    """``present`` for a column mapped onto an Enum: a cell that mapped holds a value; only
    the cells that did not map are stripped to tell blank from unknown."""
    if dtype is None or dtype == pl.Null:
        return pl.lit(False)
    col = pl.col(name)
    unmapped = pl.when(mapped.is_null()).then(col.cast(pl.String))
    return col.is_not_null() & (mapped.is_not_null()
                                | (unmapped.str.strip_chars() != "").fill_null(False))


MAPPED = ("channel", "kind", "level", "unit")


def mappings(unit_map: dict[str, str]) -> dict[str, dict[str, str]]:
    """Spelling → value of each mapped column (MAPPED): units by the registry's names and
    aliases, the others by the words of the schema."""
    return {
        "channel": CHANNELS,
        "kind": EVALUATION_KINDS,
        "level": {v: v for v in EVALUATION_LEVELS},
        "unit": unit_map,
    }


def text_of(name: str, frame_schema: pl.Schema) -> pl.Expr:
    """A mapped column's cells as text, as ``map_values`` reads them (null where absent)."""
    if name not in frame_schema:
        return pl.lit(None, dtype=pl.String).alias(name)
    return pl.col(name).cast(pl.String).alias(name)


def typed_columns(schema: InputSchema, frame_schema: pl.Schema, unit_map: dict[str, str]) \
        -> list[pl.Expr]:
    """Parse each canonical column into its type; absent optional columns become null."""
    exprs = []
    enums = mappings(unit_map)
    for column in schema.columns:
        name = column.name
        dtype = frame_schema.get(name, pl.Null)
        if name in enums:
            expr = map_values(name, enums[name], dtype)
        elif column.kind == "datetime":
            expr = parse_datetime(name, dtype)
        elif column.kind == "int":
            expr = parse_int(name, dtype)
        else:
            expr = pl.col(name).cast(pl.String).str.strip_chars()
        if name not in frame_schema:
            expr = pl.lit(None).cast(expr_dtype(column, enums))
        exprs.append(expr.alias(name))
    return exprs


def expr_dtype(column, enums) -> pl.DataType:
    if column.name in enums:
        return pl.Enum(list(dict.fromkeys(enums[column.name].values())))
    return {"datetime": DT, "int": pl.Int32}.get(column.kind, pl.String)

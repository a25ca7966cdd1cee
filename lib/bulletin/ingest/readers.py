"""Read the platform's exports into polars frames with canonical column names.

Every reader accepts CSV (UTF-8, UTF-8 with BOM, GB18030/GBK), XLSX and Parquet, with
Chinese or English headers plus per-dataset aliases. Columns that are not part of the
contract — personal data above all — are dropped here and never leave this module.
Row numbers are kept (as ``__row__``) so that every later message can name the row the
analyst sees in Excel: the header is row 1, the first data row is row 2 (Parquet has no
header line, its first row is row 1).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from bulletin.core.errors import InputError, Problem
from bulletin.ingest.files import display_path
from bulletin.ingest.schema import PERSONAL_MARKERS, InputSchema

ROW = "__row__"


FILE = "__file__"


@dataclass
class RawTable:
    """One input file, columns renamed to canonical names, data as read."""

    path: Path
    frame: pl.LazyFrame
    dropped_personal: list[str] = field(default_factory=list)
    dropped_other: list[str] = field(default_factory=list)


def decode_csv(path: Path) -> str:
    """CSV bytes as text: UTF-8 (with or without BOM), else GB18030 (a superset of GBK)."""
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as err:
            last = err
    raise InputError(
        Problem(display_path(path), None, None, None,
                f"无法识别文件编码（支持 UTF-8、带 BOM 的 UTF-8、GBK/GB18030）：{last}")
    )


def read_grid(path: Path) -> pl.DataFrame:
    """A CSV or XLSX sheet as a grid of strings, no header interpretation."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        text = decode_csv(path)
        return pl.read_csv(io.StringIO(text), has_header=False, infer_schema=False,
                           truncate_ragged_lines=False)
    if suffix in (".xlsx", ".xlsm"):
        return pl.read_excel(path, engine="calamine", has_header=False, infer_schema_length=0)
    raise InputError(Problem(display_path(path), None, None, None,
                             f"不支持的文件类型「{suffix}」，应为 CSV、XLSX 或 Parquet"))


def header_map(schema: InputSchema, aliases: dict[str, str] | None = None) -> dict[str, str]:
    """Every accepted header spelling → canonical column name."""
    mapping: dict[str, str] = {}
    for col in schema.columns:
        mapping[col.name] = col.name
        for header in col.headers:
            mapping[header] = col.name
    for alias, target in (aliases or {}).items():
        mapping[alias] = target
    return mapping


def is_personal(header: str) -> bool:
    low = header.lower()
    return any(marker in low for marker in PERSONAL_MARKERS)


def _normalise_header(h: object) -> str:
    return str(h).strip().replace("\n", "").replace(" ", "").replace("\u3000", "")


def rename_columns(path: Path, headers: list[str], schema: InputSchema,
                   aliases: dict[str, str] | None) -> tuple[dict[str, str], list[str], list[str]]:
    """Map the file's headers to canonical names. Returns (rename, personal, other dropped)."""
    mapping = header_map(schema, aliases)
    rename: dict[str, str] = {}
    personal: list[str] = []
    other: list[str] = []
    for header in headers:
        key = _normalise_header(header)
        target = mapping.get(key) or mapping.get(key.lower())
        if target is None:
            (personal if is_personal(key) else other).append(key)
        elif target in rename.values():
            raise InputError(Problem(display_path(path), 1, key, None,
                                     f"表头重复：「{key}」与另一列都对应「{target}」"))
        else:
            rename[header] = target
    missing = [c for c in schema.columns if c.required and c.name not in rename.values()]
    if missing:
        problems = [
            Problem(display_path(path), 1, None, None,
                    f"缺少必需的列「{c.headers[0]}」（也可写作 {c.name}"
                    + (f"、{'、'.join(c.headers[1:])}" if len(c.headers) > 1 else "")
                    + f"）；文件中的表头为：{'、'.join(map(str, headers))}")
            for c in missing
        ]
        raise InputError(problems)
    return rename, personal, other


def read_table(path: Path, schema: InputSchema, aliases: dict[str, str] | None = None,
               file_index: int = 0) -> RawTable:
    """Read one input file lazily with canonical columns plus ``__row__`` and ``__file__``."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        headers = list(pl.read_parquet_schema(path).keys())
        rename, personal, other = rename_columns(path, headers, schema, aliases)
        frame = (
            pl.scan_parquet(path)
            .select(list(rename))
            .rename(rename)
            .with_row_index(ROW, offset=1)
        )
    else:
        grid = read_grid(path)
        if grid.height == 0:
            raise InputError(Problem(display_path(path), None, None, None, "文件为空，没有表头"))
        headers = [str(v) if v is not None else "" for v in grid.row(0)]
        rename, personal, other = rename_columns(path, headers, schema, aliases)
        by_position = {grid.columns[i]: rename[h] for i, h in enumerate(headers) if h in rename}
        frame = (
            grid.slice(1)
            .select(list(by_position))
            .rename(by_position)
            .with_row_index(ROW, offset=2)
            .lazy()
        )
        # Blank lines at the end of an export are not data.
        frame = frame.filter(~pl.all_horizontal(pl.exclude(ROW).is_null()))
    frame = frame.with_columns(pl.lit(file_index, dtype=pl.UInt16).alias(FILE))
    return RawTable(path, frame, personal, other)

"""Parse and check input rows; a bad row is rejected with its file (strict) or quarantined.

Every check is a polars expression giving one boolean per row, so validation runs in the
same lazy query as the facts. Messages are only built for the rows that failed, by
reading those rows' raw cells again: the cost of a clean file is a few boolean columns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from bulletin.core.errors import Problem
from bulletin.core.invisible import invisible_problem
from bulletin.ingest.cells import (
    DT,
    EARLIEST,
    LATEST,
    YEAR_MAX,
    YEAR_MIN,
    text_datetimes,
    text_whole_numbers,
)
from bulletin.ingest.distinct import HASH, count_ids
from bulletin.ingest.files import shown_as
from bulletin.ingest.layout import Layout, TotalRow, describe
from bulletin.ingest.readers import FILE, ROW, read_tables
from bulletin.ingest.schema import (
    CASES,
    CHANNELS,
    EVALUATION_KINDS,
    EVALUATION_LEVELS,
    InputSchema,
)

DATETIME_EXPECTED = (f"四位年份的日期时间（年份在 {YEAR_MIN}—{YEAR_MAX} 之间），"
                     "如 2021-02-03 09:30:00；两位年份（如 21-2-3）无法识别")


FUTURE_EXPECTED = "不晚于今天的日期时间（这是一个未来的日期）"


# Plausible ranges (docs/inputs.md, section 5): a value beyond them is a typing error or a
# damaged file (a flipped byte of a Parquet page), quarantined rather than counted.
LIMIT_DAYS_MAX = 365  # 法定/承诺时限 in working days; dataset.yml limit_days_max
ACCEPT_WITHIN = dt.timedelta(days=366)  # 受理 within a year of 申请
COMPLETE_WITHIN = dt.timedelta(days=5 * 366)  # 办结 within five years of 受理
RECTIFY_WITHIN = dt.timedelta(days=366)  # 整改 within a year of 评价
DAMAGED = "；超出此范围的值视为录入错误或文件损坏"


def too_long(limit_max: int) -> str:
    return (f"不大于 {limit_max} 的整数（工作日）{DAMAGED}；上限可在 dataset.yml 的 "
            "limit_days_max 中调整")


def raw(name: str) -> str:
    return f"{name}__raw"


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


def future(name: str) -> pl.Expr:
    """The date-time lies after today (the day of the run): no export holds such a date."""
    tomorrow = dt.datetime.combine(dt.date.today() + dt.timedelta(days=1), dt.time())
    return pl.col(name) >= pl.lit(tomorrow, dtype=DT)


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


def map_values(name: str, mapping: dict[str, str], dtype: pl.DataType, exact: bool = True) \
        -> pl.Expr:
    """Map spellings (units and their aliases, channel words …) onto an Enum.

    Fast path: a cell that is exactly one of the spellings is cast to an Enum of the
    spellings and its code gathers the target (no per-row string hashing into a dict).
    Only cells that are not an exact spelling take the slow path, stripped of surrounding
    blanks, which then runs on a column that is null everywhere else. Same result as
    stripping and looking up every cell. Letters are matched as spelt (docs/inputs.md:
    「Online」 is refused; a unit's name or alias must be spelt exactly).

    ``exact=False`` gives the fast path alone. It equals the full mapping wherever every
    non-null cell is an exact spelling, which the caller must check (``unmapped``): the
    slow path still costs about as much as the fast one on a column where it does nothing.
    """
    categories = list(dict.fromkeys(mapping.values()))
    target = pl.Enum(categories)
    keys = dict(mapping)
    spellings = list(keys)
    text = pl.col(name).cast(pl.String)
    as_spelling = pl.Enum(spellings)
    targets = pl.lit(pl.Series([keys[k] for k in spellings], dtype=target))
    fast = targets.gather(text.cast(as_spelling, strict=False).to_physical())
    if not exact:
        return fast
    slow = targets.gather(pl.when(fast.is_null()).then(text).str.strip_chars()
                          .cast(as_spelling, strict=False).to_physical())
    return pl.coalesce(fast, slow)


@dataclass(frozen=True)
class Rule:
    flag: str
    column: str  # canonical column the message points at
    expected: str  # Chinese: what the cell should hold
    bad: pl.Expr


@dataclass
class FileCount:
    """Rows of one table read (a file, or one worksheet of a workbook with several)."""

    path: Path
    read: int = 0
    used: int = 0
    quarantined: int = 0
    dropped_personal: list[str] = field(default_factory=list)
    dropped_other: list[str] = field(default_factory=list)
    sheet: str | None = None
    layout: Layout | None = None  # the header found below any title rows
    total: TotalRow | None = None  # a 合计 row below the data

    kind: str = ""  # the input it belongs to: cases or evaluations
    columns: list[str] = field(default_factory=list)  # the standard columns it has

    @property
    def shown(self) -> str:
        return shown_as(self.path, self.sheet)

    @property
    def shape(self) -> str:
        """Rows of the sheet that are not data (title rows, a two-row header, a 合计 row)."""
        return describe(self.layout, self.total, self.read)

    @property
    def total_mismatch(self) -> str | None:
        """The 合计 row's count against the rows read above it, when they differ."""
        return self.total.check(self.read) if self.total else None


@dataclass
class Validated:
    """Good rows (lazy), and everything needed to account for the bad ones."""

    frame: pl.LazyFrame  # typed canonical columns + __file__, __row__, __bad__, __unmapped__
    rules: list[Rule]
    files: list[Path]  # per table (__file__): its file …
    schema: InputSchema
    # The same rows with the mapped columns (unit, channel …) on their fast path only: equal
    # to ``frame`` when no row has ``__unmapped__`` set; otherwise use ``frame``.
    fast: pl.LazyFrame | None = None
    sheets: list[str | None] = field(default_factory=list)  # … and its worksheet, if several


def missing(name: str) -> pl.Expr:
    """The cell is empty or blank. The raw column holds a boolean "has a value" (present)."""
    return ~pl.col(raw(name))


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


def unmapped(name: str, dtype: pl.DataType | None, mapped: pl.Expr) -> pl.Expr:
    """A cell that holds something but is not an exact spelling (see map_values)."""
    if dtype is None or dtype == pl.Null:
        return pl.lit(False)
    return pl.col(name).is_not_null() & mapped.is_null()


def unparsed(name: str) -> pl.Expr:
    return ~missing(name) & pl.col(name).is_null()


def case_rules(limit_max: int = LIMIT_DAYS_MAX) -> list[Rule]:
    c = pl.col
    return [
        Rule("case_id_missing", "case_id", "非空的办件编号", missing("case_id")),
        Rule("case_id_duplicate", "case_id", "在数据集中唯一的办件编号（此编号已在前面出现）",
             ~missing("case_id") & ~c("case_id").is_first_distinct()),
        Rule("unit_missing", "unit", "非空的办理单位", missing("unit")),
        Rule("unit_unknown", "unit", "单位名录中的单位或其别名", unparsed("unit")),
        Rule("applied_missing", "applied_at", "申请时间（必填）", missing("applied_at")),
        Rule("applied_bad", "applied_at", DATETIME_EXPECTED, unparsed("applied_at")),
        Rule("accepted_bad", "accepted_at", DATETIME_EXPECTED, unparsed("accepted_at")),
        Rule("completed_bad", "completed_at", DATETIME_EXPECTED, unparsed("completed_at")),
        Rule("applied_future", "applied_at", FUTURE_EXPECTED, future("applied_at")),
        Rule("accepted_future", "accepted_at", FUTURE_EXPECTED, future("accepted_at")),
        Rule("completed_future", "completed_at", FUTURE_EXPECTED, future("completed_at")),
        Rule("accepted_before_applied", "accepted_at", "不早于申请时间的受理时间",
             c("accepted_at") < c("applied_at")),
        Rule("completed_before_accepted", "completed_at", "不早于受理时间的办结时间",
             c("completed_at") < c("accepted_at")),
        Rule("accepted_late", "accepted_at", f"申请后一年之内的受理时间{DAMAGED}",
             (c("accepted_at") > c("applied_at") + ACCEPT_WITHIN) & ~future("accepted_at")),
        Rule("completed_late", "completed_at", f"受理后五年之内的办结时间{DAMAGED}",
             (c("completed_at") > c("accepted_at") + COMPLETE_WITHIN) & ~future("completed_at")),
        Rule("completed_not_accepted", "completed_at", "已办结的办件须有受理时间",
             c("completed_at").is_not_null() & c("accepted_at").is_null() & missing("accepted_at")),
        Rule("legal_bad", "legal_limit_days", "不小于 0 的整数（工作日）",
             unparsed("legal_limit_days") | (c("legal_limit_days") < 0)),
        Rule("legal_too_long", "legal_limit_days", too_long(limit_max),
             c("legal_limit_days") > limit_max),
        Rule("promised_missing", "promised_limit_days", "承诺时限（必填，0 表示即办件）",
             missing("promised_limit_days")),
        Rule("promised_bad", "promised_limit_days", "不小于 0 的整数（工作日）",
             unparsed("promised_limit_days") | (c("promised_limit_days") < 0)),
        Rule("promised_too_long", "promised_limit_days", too_long(limit_max),
             c("promised_limit_days") > limit_max),
        Rule("channel_missing", "channel", "申请方式（线上或线下）", missing("channel")),
        Rule("channel_bad", "channel", "线上或线下（或 网上、网办、在线、窗口、现场、大厅）",
             unparsed("channel")),
    ]


def evaluation_rules() -> list[Rule]:
    c = pl.col
    return [
        Rule("evaluation_id_missing", "evaluation_id", "非空的评价编号", missing("evaluation_id")),
        Rule("evaluation_id_duplicate", "evaluation_id", "唯一的评价编号（此编号已在前面出现）",
             ~missing("evaluation_id") & ~c("evaluation_id").is_first_distinct()),
        Rule("unit_missing", "unit", "非空的被评价单位", missing("unit")),
        Rule("unit_unknown", "unit", "单位名录中的单位或其别名", unparsed("unit")),
        Rule("evaluated_missing", "evaluated_at", "评价时间（必填）", missing("evaluated_at")),
        Rule("evaluated_bad", "evaluated_at", DATETIME_EXPECTED, unparsed("evaluated_at")),
        Rule("evaluated_future", "evaluated_at", FUTURE_EXPECTED, future("evaluated_at")),
        Rule("level_bad", "level", "、".join(EVALUATION_LEVELS) + " 之一",
             missing("level") | unparsed("level")),
        Rule("kind_bad", "kind", "主动评价或回访评价", missing("kind") | unparsed("kind")),
        Rule("rectified_bad", "rectified_at", DATETIME_EXPECTED, unparsed("rectified_at")),
        Rule("rectified_future", "rectified_at", FUTURE_EXPECTED, future("rectified_at")),
        Rule("rectified_before_evaluated", "rectified_at", "不早于评价时间的整改完成时间",
             c("rectified_at") < c("evaluated_at")),
        Rule("rectified_late", "rectified_at", f"评价后一年之内的整改完成时间{DAMAGED}",
             (c("rectified_at") > c("evaluated_at") + RECTIFY_WITHIN) & ~future("rectified_at")),
    ]


MAPPED = ("channel", "kind", "level", "unit")


UNMAPPED = "__unmapped__"


ID_COLUMNS = {"cases": "case_id", "evaluations": "evaluation_id"}


def skip_clean_id_rules(frame: pl.LazyFrame, schema: InputSchema, rules: list[Rule],
                        rows: int | None = None) -> list[Rule]:
    """The id rules (missing, duplicate) as constant False when a cheap check proves them so:
    the 64-bit hashes of the non-blank ids all distinct, no id blank (ingest.distinct, which
    reads the id column only, in memory that does not grow with the rows). Otherwise (hash
    collision or a real duplicate) the exact rules stay. ``rows``: at least the number of rows
    (counted here if not given; the row index of a table makes that a pass over a column)."""
    name = ID_COLUMNS.get(schema.kind)
    if name is None:
        return rules
    hashes = frame.select(pl.when(pl.col(raw(name))).then(pl.col(name).hash()).alias(HASH))
    if rows is None:
        rows = frame.select(pl.len()).collect(engine="streaming").item()
    check = count_ids(hashes, rows)
    clean = {f"{name.split('_')[0]}_id_duplicate"} if check.all_distinct else set()
    if check.blank == 0:
        clean.add(f"{name.split('_')[0]}_id_missing")
    return [Rule(r.flag, r.column, r.expected, pl.lit(False)) if r.flag in clean else r
            for r in rules]


def typed_columns(schema: InputSchema, frame_schema: pl.Schema, unit_map: dict[str, str],
                  exact: bool = True) -> list[pl.Expr]:
    """Parse each canonical column into its type; absent optional columns become null."""
    exprs = []
    enums = {
        "channel": CHANNELS,
        "kind": EVALUATION_KINDS,
        "level": {v: v for v in EVALUATION_LEVELS},
        "unit": unit_map,
    }
    for column in schema.columns:
        name = column.name
        dtype = frame_schema.get(name, pl.Null)
        if name in enums:
            expr = map_values(name, enums[name], dtype, exact)
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


def row_bound(tables: list) -> int | None:
    """At least the rows of all tables, when every table knows a bound of its own."""
    rows = [t.rows for t in tables]
    return None if None in rows else sum(rows)


def load_validated(paths: list[Path], schema: InputSchema, unit_map: dict[str, str],
                   aliases: dict[str, str] | None = None, limit_max: int = LIMIT_DAYS_MAX) \
        -> tuple[Validated, list[FileCount]]:
    """All files of one input, typed, with a ``__bad__`` flag per row (lazy)."""
    rules = case_rules(limit_max) if schema is CASES else evaluation_rules()
    tables = []
    for path in paths:
        tables += read_tables(path, schema, aliases, file_index=len(tables))
    counts = [FileCount(t.path, dropped_personal=t.dropped_personal,
                        dropped_other=t.dropped_other, sheet=t.sheet, layout=t.layout,
                        total=t.total, kind=schema.kind, columns=[  # compared month to month
                            c for c in t.frame.collect_schema() if c not in (ROW, FILE)])
              for t in tables]
    files, sheets = [t.path for t in tables], [t.sheet for t in tables]
    if not tables:
        return Validated(pl.LazyFrame(), rules, files, schema, sheets=sheets), counts

    def typed(exact: bool) -> pl.LazyFrame:
        frames = []
        for table in tables:
            fs = table.frame.collect_schema()
            # Typed values first (under temporary names), then the "has a value" flags,
            # which for mapped columns reuse the typed value instead of mapping the cells
            # again. On the fast path a mapped cell that holds anything is present: a cell
            # that did not map sets __unmapped__, and then the exact frame is used instead.
            typed = typed_columns(schema, fs, unit_map, exact)
            tmp = [f"__t_{c.name}" for c in schema.columns]
            # Text cells (ids) are typed as their stripped value: "has a value" reuses it.
            rawcols = [
                (present_stripped(pl.col(t)) if c.kind == "str" and c.name not in MAPPED
                 and is_text(fs.get(c.name))
                 else present(c.name, fs.get(c.name)) if c.name not in MAPPED
                 else present_mapped(c.name, fs.get(c.name), pl.col(t)) if exact
                 else pl.col(c.name).is_not_null() if c.name in fs
                 else pl.lit(False)).fill_null(False).alias(raw(c.name))
                for c, t in zip(schema.columns, tmp)
            ]
            guard = [unmapped(c.name, fs.get(c.name), pl.col(t))
                     for c, t in zip(schema.columns, tmp) if c.name in MAPPED and not exact]
            frames.append(
                table.frame.with_columns(expr.alias(t) for expr, t in zip(typed, tmp))
                .select(pl.col(FILE), pl.col(ROW).cast(pl.UInt32), *rawcols,
                        *[pl.col(t).alias(c.name) for c, t in zip(schema.columns, tmp)],
                        (pl.any_horizontal(guard) if guard else pl.lit(False))
                        .fill_null(False).alias(UNMAPPED))
            )
        # Raw cells are kept only as "has a value" booleans, the same type in every file.
        return pl.concat(frames, how="vertical") if len(frames) > 1 else frames[0]

    exact, fast = typed(True), typed(False)
    rules = skip_clean_id_rules(fast, schema, rules, row_bound(tables))  # reads ids only
    flags = [r.bad.fill_null(False).alias(f"__e_{r.flag}") for r in rules]

    def checked(frame: pl.LazyFrame) -> pl.LazyFrame:
        return frame.with_columns(flags).with_columns(
            pl.any_horizontal([f"__e_{r.flag}" for r in rules]).alias("__bad__")
        ).drop([raw(c.name) for c in schema.columns])

    return Validated(checked(exact), rules, files, schema, fast=checked(fast),
                     sheets=sheets), counts


def describe_bad_rows(validated: Validated, bad: pl.DataFrame, aliases: dict[str, str] | None,
                      limit: int | None = None) -> list[Problem]:
    """Problems for the bad rows, with each failing cell's raw value read back from its file."""
    problems: list[Problem] = []
    if bad.height == 0:
        return problems
    header = {c.name: c.headers[0] for c in validated.schema.columns}
    for file_index, rows in bad.group_by(FILE, maintain_order=True):
        path = validated.files[rows[FILE][0]]
        sheet = validated.sheets[rows[FILE][0]] if validated.sheets else None
        wanted = rows[ROW].to_list()
        table = next(t for t in read_tables(path, validated.schema, aliases) if t.sheet == sheet)
        raw_rows = table.frame.filter(pl.col(ROW).is_in(wanted)).collect()
        values = {r[ROW]: r for r in raw_rows.iter_rows(named=True)}
        for r in rows.iter_rows(named=True):
            for rule in validated.rules:
                if r[f"__e_{rule.flag}"]:
                    cell = values.get(r[ROW], {}).get(rule.column)
                    # a cell with an invisible character (U+202E …) is named so, whatever
                    # the rule it failed (a unit name that matched no unit)
                    problems.append(invisible_problem(
                        cell if isinstance(cell, str) else None, table.shown, int(r[ROW]),
                        header[rule.column]) or Problem(
                        table.shown, int(r[ROW]), header[rule.column],
                        None if cell is None else str(cell), rule.expected,
                    ))
                    if limit and len(problems) >= limit:
                        return problems
    return problems


def quarantine_frame(problems: list[Problem]) -> pl.DataFrame:
    """The quarantine report: one line per bad cell, no other content of the row."""
    return pl.DataFrame(
        {
            "文件": [p.file for p in problems],
            "行号": [p.row for p in problems],
            "列": [p.column for p in problems],
            "值": [p.value for p in problems],
            "问题": [p.expected for p in problems],
        },
        schema={"文件": pl.String, "行号": pl.Int64, "列": pl.String, "值": pl.String,
                "问题": pl.String},
    )

"""Parse and check input rows; a bad row is rejected with its file (strict) or quarantined.

The typed columns (ingest.typed) and the rules (ingest.rules) are polars expressions giving
one value per row, so validation runs in the same lazy query as the facts. Messages are
only built for the rows that failed, by reading those rows' raw cells again: the cost of a
clean file is a few boolean columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from bulletin.core.errors import Problem
from bulletin.core.invisible import invisible_problem
from bulletin.ingest.distinct import HASH, count_ids
from bulletin.ingest.files import shown_as
from bulletin.ingest.layout import Layout, TotalRow, describe
from bulletin.ingest.readers import FILE, ROW, read_tables
from bulletin.ingest.rules import LIMIT_DAYS_MAX, Rule, case_rules, evaluation_rules, raw
from bulletin.ingest.schema import CASES, InputSchema
from bulletin.ingest.typed import (
    MAPPED,
    is_text,
    map_values,
    mappings,
    present,
    present_mapped,
    present_stripped,
    text_of,
    typed_columns,
)


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

    frame: pl.LazyFrame  # typed canonical columns + __file__, __row__, __bad__, __e_<rule>
    rules: list[Rule]
    files: list[Path]  # per table (__file__): its file …
    schema: InputSchema
    # The same rows with the mapped columns (unit, channel, level, kind) left as the text of
    # their cells and __bad__ from the other rules only: mapping a cell and its rules depend
    # on its text alone, so a query that groups rows by these texts maps the few distinct
    # texts afterwards (``settle``) instead of every row.
    lean: pl.LazyFrame | None = None
    sheets: list[str | None] = field(default_factory=list)  # … and its worksheet, if several
    unit_map: dict[str, str] = field(default_factory=dict)
    limit_max: int = LIMIT_DAYS_MAX  # the rules' bound on 法定/承诺时限 (dataset.yml)

    def settle(self, groups: pl.DataFrame) -> pl.DataFrame:
        """Rows of ``lean`` (or groups of them) with the mapped columns typed as in ``frame``
        and ``__bad__`` set where a rule of a mapped column fails: ``frame``'s values for
        those rows, computed once per distinct text."""
        names = [c.name for c in self.schema.columns if c.name in MAPPED and c.name in groups]
        maps = mappings(self.unit_map)
        typed = [map_values(n, maps[n], pl.String).alias(f"__t_{n}") for n in names]
        flags = [present_mapped(n, pl.String, pl.col(f"__t_{n}")).fill_null(False)
                 .alias(raw(n)) for n in names]
        bad = [r.bad.fill_null(False) for r in self.rules if r.column in names]
        return (groups.with_columns(typed).with_columns(flags)
                .with_columns(pl.col(f"__t_{n}").alias(n) for n in names)
                .with_columns((pl.col(BAD) | pl.any_horizontal(bad)) if bad else pl.col(BAD))
                .drop([f"__t_{n}" for n in names] + [raw(n) for n in names]))


ID_COLUMNS = {"cases": "case_id", "evaluations": "evaluation_id"}


BAD = "__bad__"


def unmapped_rules(rules: list[Rule]) -> list[Rule]:
    """The rules that read no mapped column, for ``Validated.lean``. A rule of a mapped
    column must read that column alone (and its "has a value" flag), so that
    ``Validated.settle`` can check it on the distinct texts of the cells."""
    for r in rules:
        reads = {n.removesuffix("__raw") for n in r.bad.meta.root_names()}
        if not (reads <= {r.column} if r.column in MAPPED else not reads & set(MAPPED)):
            raise ValueError(f"rule {r.flag} reads a mapped column with another column")
    return [r for r in rules if r.column not in MAPPED]


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


def row_bound(tables: list) -> int | None:
    """At least the rows of all tables, when every table knows a bound of its own."""
    rows = [t.rows for t in tables]
    return None if None in rows else sum(rows)


def checked(frame: pl.LazyFrame, rules: list[Rule], schema: InputSchema, flagged: bool) \
        -> pl.LazyFrame:
    """``frame`` with __bad__ (any rule fails) and, if ``flagged``, a column __e_<rule> per
    rule; without the "has a value" flags, which only the rules read."""
    flags = [r.bad.fill_null(False).alias(f"__e_{r.flag}") for r in rules]
    present = [raw(c.name) for c in schema.columns]
    if not flagged:  # one flag for the row, without a column per rule
        return frame.with_columns(pl.any_horizontal([f.meta.undo_aliases() for f in flags])
                                  .alias(BAD)).drop(present, strict=False)
    return frame.with_columns(flags).with_columns(
        pl.any_horizontal([f"__e_{r.flag}" for r in rules]).alias(BAD)).drop(present)


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

    def typed(lean: bool) -> pl.LazyFrame:
        frames = []
        for table in tables:
            fs = table.frame.collect_schema()
            # Typed values first (under temporary names), then the "has a value" flags,
            # which for mapped and text columns reuse the typed value instead of reading
            # the cells again. ``lean``: the mapped columns as their text, not typed.
            columns = [c for c in schema.columns if not (lean and c.name in MAPPED)]
            typed = dict(zip([c.name for c in schema.columns],
                             typed_columns(schema, fs, unit_map)))
            tmp = {c.name: f"__t_{c.name}" for c in columns}
            # Text cells (ids) are typed as their stripped value: "has a value" reuses it.
            rawcols = [
                (present_stripped(pl.col(tmp[c.name])) if c.kind == "str"
                 and c.name not in MAPPED and is_text(fs.get(c.name))
                 else present(c.name, fs.get(c.name)) if c.name not in MAPPED
                 else present_mapped(c.name, fs.get(c.name), pl.col(tmp[c.name])))
                .fill_null(False).alias(raw(c.name))
                for c in columns
            ]
            texts = [text_of(c.name, fs) for c in schema.columns if lean and c.name in MAPPED]
            frames.append(
                table.frame.with_columns(typed[c.name].alias(tmp[c.name]) for c in columns)
                .select(pl.col(FILE), pl.col(ROW).cast(pl.UInt32), *rawcols,
                        *[pl.col(tmp[c.name]).alias(c.name) for c in columns], *texts)
            )
        # Raw cells are kept only as "has a value" booleans, the same type in every file.
        return pl.concat(frames, how="vertical") if len(frames) > 1 else frames[0]

    exact, lean = typed(False), typed(True)
    rules = skip_clean_id_rules(lean, schema, rules, row_bound(tables))  # reads ids only

    return Validated(checked(exact, rules, schema, True), rules, files, schema,
                     lean=checked(lean, unmapped_rules(rules), schema, False),
                     sheets=sheets, unit_map=unit_map, limit_max=limit_max), counts


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

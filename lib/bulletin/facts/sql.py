"""The unit_month facts as SQL for a distributed engine — DuckDB over object storage, or
Spark SQL — over a month-partitioned Parquet dataset (docs/scale.md).

Nothing here runs SQL: it writes the query text, and the two small tables the query joins
(the working-day calendar and the unit spellings) as polars frames. The facts are
generated from the catalogue (``core.definitions.TALLIES``): each becomes one
``SUM(CASE WHEN event = … AND <conditions> THEN <value> ELSE 0 END)`` over the valid rows,
a case row taken once per event (申请, 受理, 办结) that places it in a month. Every such sum
is additive per (month, unit), so ``partial_query`` may run on any part of the rows (a
partition, a shard) and ``final_query`` adds the parts up onto the full grid of months ×
registry units, as ``bulletin facts`` gives it (facts.build.case_facts, test_sql.py).

What the SQL does not do, and where it is done instead (docs/scale.md):

* parse text: the columns are typed (timestamps without time zone in 北京时间, limits as
  integers); bulletin's readers type CSV and Excel exports, the SQL does not;
* the duplicate-id rules (``NOT_IN_SQL``): bulletin keeps the first row of a repeated
  办件编号 in file order, and a distributed table has no order; ``checks_query`` counts them;
* the quarantine report naming each bad cell's file and row: ``checks_query`` counts the
  rows each rule leaves out, bulletin names them;
* ``promise_items`` / ``promise_items_speedup``: distinct 事项 per (month, unit) with each
  item's ratio averaged over its cases — not a sum over rows, not in ``bulletin facts``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

import polars as pl

from bulletin.core.definitions import CONDITIONS, MEASURES, TALLIES, Tally
from bulletin.core.months import key_of, month_bounds, month_of
from bulletin.core.workdays import Calendar
from bulletin.facts.cube import FACT_COLUMNS
from bulletin.ingest.cells import EARLIEST, LATEST
from bulletin.ingest.rules import ACCEPT_WITHIN, COMPLETE_WITHIN, LIMIT_DAYS_MAX, RECTIFY_WITHIN
from bulletin.ingest.schema import CASES, CHANNELS, EVALUATION_KINDS, EVALUATIONS
from bulletin.ingest.schema import EVALUATION_LEVELS as LEVELS


@dataclass(frozen=True)
class Dialect:
    """What differs between the engines; the rest is ANSI SQL both accept."""

    name: str
    quote: str  # around an identifier
    month: str  # a timestamp {} as 'YYYY-MM'
    fail: str  # the function that stops the query with a message
    parquet: str  # a (hive-partitioned) Parquet dataset {} as a relation
    escape: dict[str, str]  # in a string literal

    def ident(self, name: str) -> str:
        return f"{self.quote}{name.replace(self.quote, self.quote * 2)}{self.quote}"

    def text(self, value: str) -> str:
        for char, escaped in self.escape.items():
            value = value.replace(char, escaped)
        return f"'{value}'"


DIALECTS = {
    "duckdb": Dialect("duckdb", '"', "strftime({}, '%Y-%m')", "error",
                      "read_parquet({}, hive_partitioning = true)", {"'": "''"}),
    # Spark reads a backslash in a literal as an escape and '' as two adjacent literals.
    "spark": Dialect("spark", "`", "date_format({}, 'yyyy-MM')", "raise_error",
                     "parquet.{}", {"\\": "\\\\", "'": "\\'"}),
}

# The blanks that bulletin strips around a cell (polars strip_chars: Unicode White_Space).
BLANKS = ("\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
          "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")

# Row rules of ingest.validate that no SQL here applies, with the reason.
NOT_IN_SQL = {
    "case_id_duplicate": "bulletin 保留文件顺序中的第一行；分布式表没有行序，checks_query 只计数",
    "evaluation_id_duplicate": "同上（评价编号）",
}

BAD_LEVELS = ("不满意", "非常不满意")  # 差评 (facts.cube's bad_level)
CALENDAR_ERROR = "办结件的受理日或办结日不在工作日历表中，无法计算办理用时：请扩大工作日历表的范围"


def parquet_source(path: str, dialect: str = "duckdb") -> str:
    """A Parquet dataset as a relation: a path or glob (``s3://b/cases/apply_month=*/*.parquet``
    for DuckDB, the folder ``s3://b/cases`` for Spark), hive partitions read as columns."""
    d = DIALECTS[dialect]
    return d.parquet.format(d.text(path) if d.name == "duckdb" else d.ident(path))


def calendar_table(calendar: Calendar) -> pl.DataFrame:
    """The working-day table the query joins: ``calendar_day`` (every day of the calendar)
    and ``workday_index`` (working days up to and including it; core.workdays)."""
    days = pl.date_range(calendar.start, calendar.end, "1d", eager=True)
    return pl.DataFrame({"calendar_day": days, "workday_index": calendar.index.cast(pl.Int32)})


def unit_table(registry) -> pl.DataFrame:
    """Every spelling of a unit (its name and aliases) → the registry unit and its place."""
    order = {u: i for i, u in enumerate(registry.names)}
    units = list(registry.unit_map.values())
    return pl.DataFrame({"spelling": list(registry.unit_map), "unit": units,
                         "unit_order": [order[u] for u in units]},
                        schema={"spelling": pl.String, "unit": pl.String,
                                "unit_order": pl.Int32})


def tables_for(dataset, first: str, last: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(calendar, units) for months first..last of a dataset: the calendar covers what
    bulletin's does (its holidays / workdays of dataset.yml included)."""
    return calendar_table(dataset.calendar(*month_bounds(first, last))), \
        unit_table(dataset.registry)


@dataclass(frozen=True)
class Query:
    """One input's query: its kind ("cases" or "evaluations") and relation (``source``: a
    table, a view or ``parquet_source(…)``), the dialect, the months first..last, the
    small tables' names, the input's headers (canonical name → header, default the
    platform's Chinese ones) and the settings of bulletin's row rules."""

    source: str
    kind: str = "cases"
    dialect: str = "duckdb"
    first: str = ""
    last: str = ""
    calendar: str = "workdays"
    units: str = "unit_spellings"
    headers: dict[str, str] | None = None
    # a hive partition column holding 申请月份 (cases) or 评价月份 (evaluations) as YYYY-MM:
    # partitions that cannot hold a row of the months are not read
    partition: str | None = None
    today: dt.date | None = None  # the rule "not a future date"; None: the query's run day
    limit_max: int = LIMIT_DAYS_MAX  # dataset.yml limit_days_max

    def __post_init__(self) -> None:
        if self.dialect not in DIALECTS or self.kind not in ("cases", "evaluations"):
            raise ValueError(f"dialect {self.dialect!r} / kind {self.kind!r}")

    @property
    def d(self) -> Dialect:
        return DIALECTS[self.dialect]

    @property
    def events(self) -> list[str]:
        return ["applied", "accepted", "completed"] if self.kind == "cases" else ["evaluated"]

    @property
    def facts(self) -> list[str]:
        """The facts this input gives, in the order of the facts table."""
        return [k for k in FACT_COLUMNS if TALLIES[k].event in self.events]

    def col(self, name: str) -> str:
        schema = CASES if self.kind == "cases" else EVALUATIONS
        header = (self.headers or {}).get(name) or schema.column(name).headers[0]
        return f"p.{self.d.ident(header)}"

    def blank_free(self, name: str, distinct: bool = False) -> str:
        """A text cell stripped of blanks, NULL when empty (bulletin's "missing").
        ``distinct``: a column of mostly distinct values (the ids), where only a cell that
        starts or ends with a blank is trimmed — on DuckDB a TRIM with a set of characters
        costs ~20× that test per value, while on a column of few values (units, channels)
        it runs once per dictionary entry and the test would cost more."""
        text, blanks = f"CAST({self.col(name)} AS STRING)", self.d.text(BLANKS)
        trimmed = f"NULLIF(TRIM(BOTH {blanks} FROM {text}), '')"
        if not distinct:
            return trimmed
        return (f"CASE WHEN instr({blanks}, left({text}, 1)) > 0 OR instr({blanks}, "
                f"right({text}, 1)) > 0 THEN {trimmed} ELSE NULLIF({text}, '') END")

    def words(self, words) -> str:
        return ", ".join(self.d.text(w) for w in words)

    def window(self) -> tuple[str, str]:
        start, last = month_bounds(self.first, self.last)
        return timestamp(start), timestamp(last + dt.timedelta(days=1))


def timestamp(value: dt.date | dt.datetime) -> str:
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    return f"TIMESTAMP '{value:%Y-%m-%d %H:%M:%S}'"


def _times(q: Query, names: list[str]) -> dict[str, str]:
    """bulletin's rules on typed date-times: outside the years it reads, or in the future."""
    tomorrow = ("CAST(CURRENT_DATE AS TIMESTAMP) + INTERVAL '1' DAY" if q.today is None
                else timestamp(q.today + dt.timedelta(days=1)))
    rules = {}
    for name in names:
        stem, col = name.removesuffix("_at"), q.col(name)
        rules[f"{stem}_bad"] = f"{col} < {timestamp(EARLIEST)} OR {col} >= {timestamp(LATEST)}"
        rules[f"{stem}_future"] = f"{col} >= {tomorrow}"
    return rules


def _within(later: str, earlier: str, days: int) -> str:
    return f"{later} > {earlier} + INTERVAL '{days}' DAY"


def checks(q: Query) -> dict[str, str]:
    """ingest.validate's rules that a row fails on its own, flag → SQL (true: left out)."""
    unit = q.blank_free("unit")
    common = {"unit_missing": f"{unit} IS NULL",
              "unit_unknown": f"{unit} IS NOT NULL AND s.unit IS NULL"}
    if q.kind == "evaluations":
        ev, rect = q.col("evaluated_at"), q.col("rectified_at")
        level, kind = q.blank_free("level"), q.blank_free("kind")
        return {
            "evaluation_id_missing": f"{q.blank_free('evaluation_id', True)} IS NULL", **common,
            "evaluated_missing": f"{ev} IS NULL", **_times(q, ["evaluated_at", "rectified_at"]),
            "level_bad": f"{level} IS NULL OR {level} NOT IN ({q.words(LEVELS)})",
            "kind_bad": f"{kind} IS NULL OR {kind} NOT IN ({q.words(EVALUATION_KINDS)})",
            "rectified_before_evaluated": f"{rect} < {ev}",
            "rectified_late": _within(rect, ev, RECTIFY_WITHIN.days),
        }
    ap, ac, co = q.col("applied_at"), q.col("accepted_at"), q.col("completed_at")
    legal, promised = q.col("legal_limit_days"), q.col("promised_limit_days")
    channel = q.blank_free("channel")
    return {
        "case_id_missing": f"{q.blank_free('case_id', True)} IS NULL", **common,
        "applied_missing": f"{ap} IS NULL",
        **_times(q, ["applied_at", "accepted_at", "completed_at"]),
        "accepted_before_applied": f"{ac} < {ap}",
        "completed_before_accepted": f"{co} < {ac}",
        "accepted_late": _within(ac, ap, ACCEPT_WITHIN.days),
        "completed_late": _within(co, ac, COMPLETE_WITHIN.days),
        "completed_not_accepted": f"{co} IS NOT NULL AND {ac} IS NULL",
        "legal_bad": f"{legal} < 0", "legal_too_long": f"{legal} > {q.limit_max}",
        "promised_missing": f"{promised} IS NULL", "promised_bad": f"{promised} < 0",
        "promised_too_long": f"{promised} > {q.limit_max}",
        "channel_missing": f"{channel} IS NULL",
        "channel_bad": f"{channel} NOT IN ({q.words(CHANNELS)})",
    }


def _left_out(q: Query) -> str:
    return " OR ".join(f"COALESCE(({sql}), FALSE)" for sql in checks(q).values())


def _joins(q: Query) -> str:
    """The unit spellings, and for cases the working-day index of 受理日 and 办结日."""
    out = f" LEFT JOIN {q.units} s ON s.spelling = {q.blank_free('unit')}"
    if q.kind == "cases":
        for alias, name in (("wa", "accepted_at"), ("wc", "completed_at")):
            out += (f" LEFT JOIN {q.calendar} {alias}"
                    f" ON {alias}.calendar_day = CAST({q.col(name)} AS DATE)")
    return out


def _columns(q: Query) -> str:
    """What the tallies read of a row (CONDITION_SQL, MEASURE_SQL)."""
    if q.kind == "evaluations":
        active = [w for w, v in EVALUATION_KINDS.items() if v == "主动评价"]
        return (f"{q.col('evaluated_at')} AS evaluated_at, "
                f"{q.blank_free('kind')} IN ({q.words(active)}) AS active, "
                f"{q.blank_free('level')} IN ({q.words(BAD_LEVELS)}) AS bad, "
                f"{q.col('rectified_at')} IS NOT NULL AS rectified")
    online = [w for w, v in CHANNELS.items() if v == "线上"]
    return (f"{q.col('applied_at')} AS applied_at, {q.col('accepted_at')} AS accepted_at, "
            f"{q.col('completed_at')} AS completed_at, {q.col('legal_limit_days')} AS legal, "
            f"{q.col('promised_limit_days')} AS promised, "
            f"{q.blank_free('channel')} IN ({q.words(online)}) AS online, "
            "wc.workday_index - wa.workday_index AS workdays, "
            "wa.workday_index IS NULL OR wc.workday_index IS NULL AS uncovered")


def _rows(q: Query) -> str:
    """The valid rows of the input, each once per event that places it in a month."""
    d = q.d
    pruned = ""
    if q.partition and q.kind == "cases":  # a case counts in its 申请 month or later
        pruned = f" AND p.{d.ident(q.partition)} <= {d.text(q.last)}"
    elif q.partition:
        pruned = f" AND p.{d.ident(q.partition)} BETWEEN {d.text(q.first)} AND {d.text(q.last)}"
    rows = (f"SELECT s.unit AS unit, {_columns(q)} FROM {q.source} p{_joins(q)}"
            f" WHERE NOT ({_left_out(q)}){pruned}")
    at = " ".join(f"WHEN {d.text(e)} THEN r.{e}_at" for e in q.events)
    values = ", ".join(f"({d.text(e)})" for e in q.events)
    return (f"SELECT r.*, e.event, CASE e.event {at} END AS event_at FROM ({rows}) r"
            f" CROSS JOIN (VALUES {values}) AS e(event)")


# The conditions and measures of core.definitions (CONDITIONS, MEASURES) over a row of
# ``_rows``. {elapsed}: the working days from 受理日 to 办结日 (core.workdays), or a stop
# when the calendar table lacks one of the days (bulletin stops there too).
CONDITION_SQL = {
    "promise": "promised > 0", "online": "online", "legal": "legal > 0",
    "early": "{elapsed} < promised", "overdue": "{elapsed} > promised",
    "active": "active", "bad": "bad", "rectified": "rectified",
}
MEASURE_SQL = {"row": "1", "legal": "legal", "saved": "legal - {elapsed}"}
assert set(CONDITION_SQL) == set(CONDITIONS) and set(MEASURE_SQL) == set(MEASURES)


def tally_sql(key: str, tally: Tally, d: Dialect) -> str:
    """A fact of the catalogue as a sum: ``SUM(CASE WHEN … THEN … ELSE 0 END) AS key``."""
    elapsed = (f"(CASE WHEN event = 'completed' AND uncovered THEN {d.fail}"
               f"({d.text(CALENDAR_ERROR)}) ELSE workdays END)")
    when = " AND ".join([f"event = {d.text(tally.event)}",
                         *(CONDITION_SQL[c].format(elapsed=elapsed) for c in tally.where)])
    value = MEASURE_SQL[tally.value].format(elapsed=elapsed)
    return f"SUM(CASE WHEN {when} THEN {value} ELSE 0 END) AS {key}"


def partial_query(q: Query) -> str:
    """The input's facts per (month, unit) over the rows of ``q.source`` alone: run on any
    part of the rows, the parts' results add up (``final_query``) to the whole."""
    lo, hi = q.window()
    month = q.d.month.format("event_at")
    sums = ",\n  ".join(tally_sql(k, TALLIES[k], q.d) for k in q.facts)
    return (f"SELECT {month} AS month, unit,\n  {sums}\nFROM ({_rows(q)}) x\n"
            f"WHERE event_at >= {lo} AND event_at < {hi}\nGROUP BY {month}, unit")


def final_query(q: Query, cases_part: str, evaluations_part: str | None = None) -> str:
    """The facts table from partial results (tables or CTEs, any number of rows per
    (month, unit)): summed onto every (month, registry unit) of first..last, zeros where
    nothing was counted, in month then registry order, without the months in which no
    valid case was applied for (facts.build.without_empty_months). Without evaluations,
    their facts are NULL: unknown, not zero (facts.build.facts_for)."""
    d = q.d
    months = ", ".join(f"({d.text(month_of(k))})"
                       for k in range(key_of(q.first), key_of(q.last) + 1))
    parts = [("c", cases_part, Query("", "cases").facts)]
    if evaluations_part is not None:
        parts.append(("v", evaluations_part, Query("", "evaluations").facts))
    given = {c: alias for alias, _, cols in parts for c in cols}
    out = ",\n  ".join(f"CAST(COALESCE({given[c]}.{c}, 0) AS BIGINT) AS {c}" if c in given
                       else f"CAST(NULL AS BIGINT) AS {c}" for c in FACT_COLUMNS)
    joins = "".join(
        f"\nLEFT JOIN (SELECT month, unit, {', '.join(f'SUM({c}) AS {c}' for c in cols)}"
        f" FROM {rel} GROUP BY month, unit) {alias}"
        f" ON {alias}.month = g.month AND {alias}.unit = g.unit" for alias, rel, cols in parts)
    return (f"SELECT g.month, g.unit,\n  {out}\n"
            f"FROM (SELECT m.month, u.unit, u.unit_order FROM (VALUES {months}) AS m(month)"
            f" CROSS JOIN (SELECT DISTINCT unit, unit_order FROM {q.units}) u) g{joins}\n"
            f"WHERE g.month IN (SELECT month FROM {cases_part} GROUP BY month"
            " HAVING SUM(applied) > 0)\nORDER BY g.month, g.unit_order")


def facts_query(cases: Query, evaluations: Query | None = None) -> str:
    """The unit_month facts table of ``bulletin facts`` in one query (``cases`` and
    ``evaluations`` share dialect, months and small tables)."""
    ctes = [f"cases_part AS (\n{partial_query(cases)}\n)"]
    if evaluations is not None:
        ctes.append(f"evaluations_part AS (\n{partial_query(evaluations)}\n)")
    final = final_query(cases, "cases_part",
                        "evaluations_part" if evaluations is not None else None)
    return "WITH " + ",\n".join(ctes) + "\n" + final


def checks_query(q: Query) -> str:
    """One row: the rows of the input, how many are left out (bad rows, which bulletin
    quarantines), how many fail each rule; the rows that repeat an id (``NOT_IN_SQL``); for
    cases, the valid completions of the months whose days the calendar table lacks."""
    flags = checks(q)
    counts = [f"SUM(CASE WHEN COALESCE(({sql}), FALSE) THEN 1 ELSE 0 END) AS {flag}"
              for flag, sql in flags.items()]
    ident = q.blank_free("case_id" if q.kind == "cases" else "evaluation_id", True)
    counts.append(f"COUNT({ident}) - COUNT(DISTINCT {ident}) AS {q.kind[:-1]}_id_duplicate")
    if q.kind == "cases":
        lo, hi = q.window()
        co = q.col("completed_at")
        counts.append(f"SUM(CASE WHEN NOT ({_left_out(q)}) AND {co} >= {lo} AND {co} < {hi}"
                      " AND (wa.workday_index IS NULL OR wc.workday_index IS NULL)"
                      " THEN 1 ELSE 0 END) AS outside_calendar")
    listed = ",\n  ".join(counts)
    return (f"SELECT COUNT(*) AS rows_read,\n  SUM(CASE WHEN {_left_out(q)} THEN 1 ELSE 0 END)"
            f" AS rows_left_out,\n  {listed}\nFROM {q.source} p{_joins(q)}")


def write_query(dataset, first: str, last: str, dialect: str, out: Path) -> list[Path]:
    """``bulletin facts --sql``: the facts query of months first..last into ``out``, reading
    the relations ``cases`` and ``evaluations`` (views the engine defines over the Parquet
    dataset, docs/scale.md) with the dataset's headers and settings; beside it the two
    tables the query joins, ``workdays.parquet`` and ``unit_spellings.parquet``."""
    calendar, units = tables_for(dataset, first, last)
    cases = Query("cases", "cases", dialect, first, last, limit_max=dataset.config.limit_days_max,
                  headers={v: k for k, v in dataset.aliases("cases").items()})
    evaluations = replace(cases, source="evaluations", kind="evaluations", headers={
        v: k for k, v in dataset.aliases("evaluations").items()})
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(facts_query(cases, evaluations if dataset.evaluation_files else None) + "\n",
                   encoding="utf-8")
    written = [out]
    for name, frame in (("workdays", calendar), ("unit_spellings", units)):
        written.append(out.with_name(f"{name}.parquet"))
        frame.write_parquet(written[-1])
    return written

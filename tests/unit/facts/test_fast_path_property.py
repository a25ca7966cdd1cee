"""The fast path of the facts (the clean-id check proving the id rules off, the exact-spelling
mapping with its fallback, the one-pass cube, the ids counted piece by piece) against a
straightforward computation written here in plain Python, on random small datasets with
duplicate and blank ids, padded and unknown units and channels, blank and unreadable
cells, dates outside the months and in the wrong order.

The reference reads the same rows as text, applies the documented row rules one by one,
counts working days with chinese-calendar directly and sums the facts per (month, unit)
in dictionaries. The library runs twice: ids counted in memory, and ids counted piece by
piece in the temporary folder (as above ``IN_MEMORY_IDS`` ids).
"""

from __future__ import annotations

import datetime as dt
import re

import chinese_calendar
import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin.facts.build import case_facts
from bulletin.facts.cube import FACT_COLUMNS
from bulletin.ingest import distinct
from bulletin.ingest.dataset import Dataset, Ingestion
from support.handmade import evaluation, make
from support.properties import examples

FIRST, LAST = "2021-02", "2021-04"
MONTHS = ["2021-02", "2021-03", "2021-04"]
UNITS = ["市甲局", "市乙局", "丙县", "戊区", "丙县丁镇"]  # support.handmade's registry, in order
UNIT_OF = {u: u for u in UNITS} | {"甲局": "市甲局", "丁镇": "丙县丁镇"}

IDS = [f"A{i}" for i in range(1, 13)] + [" A1", "A2 ", "", " "]  # few: duplicates frequent
UNIT_CELLS = ["市甲局", "甲局", "市乙局", "丁镇", "丙县", "戊区", " 市乙局", "市未知局", "", " "]
CHANNEL_CELLS = ["线上", "网办", "线下", "窗口", " 线上 ", "手机", "", " "]
CHANNEL_OF = {"线上": "线上", "网上": "线上", "网办": "线上", "在线": "线上", "online": "线上",
              "线下": "线下", "窗口": "线下", "现场": "线下", "大厅": "线下", "offline": "线下"}
DAYS = ["2021-01-29", "2021-02-01", "2021-02-10", "2021-02-18", "2021-02-20", "2021-02-28",
        "2021-03-01", "2021-03-31", "2021-04-01", "2021-04-30", "2021-05-06"]
TIMES = ["00:00:00", "09:30:00", "23:59:59"]
BAD_DATES = ["", " ", "abc", "2021-02-30 10:00:00"]
LIMITS = ["0", "3", "5", "3.0", "", " ", "-1", "1.5", "x", "365", "366"]

LEVELS = ["非常满意", "满意", "基本满意", "不满意", "非常不满意"]
KIND_OF = {"主动评价": "主动评价", "active": "主动评价", "回访评价": "回访评价",
           "follow-up": "回访评价", "回访": "回访评价", "主动": "主动评价"}
LEVEL_CELLS = [*LEVELS, " 不满意", "很差", ""]
KIND_CELLS = ["主动评价", "主动", "回访评价", " 回访", "其他", ""]

# ------------------------------------------------------------------- the reference


def parse_time(cell: str) -> dt.datetime | None | str:
    """None for a blank cell, "bad" for one that is not a date-time, else the date-time."""
    if not cell.strip():
        return None
    try:
        return dt.datetime.strptime(cell.strip(), "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return "bad"


def parse_whole(cell: str) -> int | None | str:
    if not cell.strip():
        return None
    if re.fullmatch(r"-?\d+(\.0+)?", cell.strip()):
        return int(float(cell.strip()))
    return "bad"


def month(t: dt.datetime) -> str:
    return f"{t.year:04d}-{t.month:02d}"


def working_days(accepted: dt.date, completed: dt.date) -> int:
    """Working days d with accepted < d <= completed (docs/definitions.md, section 1.2)."""
    days = (completed - accepted).days
    return sum(chinese_calendar.is_workday(accepted + dt.timedelta(days=i))
               for i in range(1, days + 1))


def case_is_good(r: dict, seen: set[str]) -> bool:
    """Every case rule, in plain Python. ``seen``: the ids of the rows above (all rows)."""
    good = True
    case_id = r["id"].strip()
    if not case_id or case_id in seen:  # missing, or the later of two equal ids
        good = False
    seen.add(case_id) if case_id else None
    unit = r["unit"].strip()
    if UNIT_OF.get(unit) is None:
        good = False
    applied, accepted, completed = (parse_time(r[k]) for k in ("applied", "accepted",
                                                                "completed"))
    if applied is None or "bad" in (applied, accepted, completed):
        return False
    if accepted is not None and accepted < applied:
        good = False
    if completed is not None and accepted is not None and completed < accepted:
        good = False
    if completed is not None and accepted is None:
        good = False
    legal, promised = parse_whole(r["legal"]), parse_whole(r["promised"])
    if legal == "bad" or (legal is not None and not 0 <= legal <= 365):
        good = False
    if promised is None or promised == "bad" or not 0 <= promised <= 365:
        good = False
    if CHANNEL_OF.get(r["channel"].strip()) is None:
        good = False
    return good


def reference_cases(rows: list[dict]) -> tuple[dict, int]:
    """{(month, unit): {fact: value}} of the good rows, and the number of bad rows."""
    facts: dict = {}
    seen: set[str] = set()
    bad = 0

    def add(m: str, unit: str, **values: int) -> None:
        if m in MONTHS:
            cell = facts.setdefault((m, unit), dict.fromkeys(FACT_COLUMNS, 0))
            for k, v in values.items():
                cell[k] += v

    for r in rows:
        if not case_is_good(r, seen):
            bad += 1
            continue
        unit = UNIT_OF[r["unit"].strip()]
        promise = parse_whole(r["promised"]) > 0
        promised = parse_whole(r["promised"])
        online = CHANNEL_OF[r["channel"].strip()] == "线上"
        legal = parse_whole(r["legal"])
        applied, accepted, completed = (parse_time(r[k]) for k in ("applied", "accepted",
                                                                    "completed"))
        add(month(applied), unit, applied=1, promise_applied=promise, online_applied=online)
        if accepted is not None:
            add(month(accepted), unit, accepted=1, promise_accepted=promise,
                online_accepted=online)
        if completed is not None:
            elapsed = working_days(accepted.date(), completed.date())
            early, over = elapsed < promised, elapsed > promised
            with_legal = promise and legal is not None and legal > 0
            legal_days = legal if with_legal else 0
            saved = legal - elapsed if with_legal else 0
            add(month(completed), unit, completed=1, completed_overdue=over,
                promise_completed=promise, promise_early=promise and early,
                promise_overdue=promise and over, promise_legal_days=legal_days,
                promise_saved_days=saved, online_completed=online,
                online_promise_completed=promise and online,
                online_promise_early=promise and online and early,
                online_legal_days=legal_days if online else 0,
                online_saved_days=saved if online else 0)
    return facts, bad


def reference_evaluations(rows: list[dict], facts: dict) -> int:
    """Adds the evaluation facts of the good rows to ``facts``; the number of bad rows."""
    seen: set[str] = set()
    bad = 0
    for r in rows:
        eid, unit = r["id"].strip(), UNIT_OF.get(r["unit"].strip())
        at, rectified = parse_time(r["at"]), parse_time(r["rectified"])
        level, kind = r["level"].strip(), KIND_OF.get(r["kind"].strip())
        good = (bool(eid) and eid not in seen and unit is not None
                and at not in (None, "bad") and rectified != "bad" and level in LEVELS
                and kind is not None and (rectified is None or rectified >= at))
        seen.add(eid) if eid else None
        if not good:
            bad += 1
            continue
        if month(at) in MONTHS:
            cell = facts.setdefault((month(at), unit), dict.fromkeys(FACT_COLUMNS, 0))
            unhappy = level in ("不满意", "非常不满意")
            cell["evaluations"] += 1
            cell["active_evaluations"] += kind == "主动评价"
            cell["bad_evaluations"] += unhappy
            cell["bad_rectified"] += unhappy and rectified is not None
    return bad


def reference_table(facts: dict) -> pl.DataFrame:
    """Every (month, unit) of the window, zeros where nothing was counted, without the
    months in which no good case was applied for."""
    months = [m for m in MONTHS if sum(facts.get((m, u), {}).get("applied", 0)
                                       for u in UNITS)]
    rows = [{"month": m, "unit": u, **{k: int(v) for k, v in
                                       facts.get((m, u), dict.fromkeys(FACT_COLUMNS, 0))
                                       .items()}}
            for m in months for u in UNITS]
    schema = {"month": pl.String, "unit": pl.String} | dict.fromkeys(FACT_COLUMNS, pl.Int64)
    return pl.DataFrame(rows, schema=schema)


# ------------------------------------------------------------------- random rows

def mostly(good: list[str], edge: list[str]) -> st.SearchStrategy[str]:
    """A good cell about nine times in ten, an edge cell (blank, padded, unknown …)
    otherwise: rows with every cell good must be frequent, or duplicates among them rare."""
    return st.sampled_from(good * (9 * len(edge) // len(good) + 1) + edge)


moment = st.builds(lambda d, t: f"{d} {t}", st.sampled_from(DAYS), st.sampled_from(TIMES))
time_cell = st.tuples(st.sampled_from(range(10)), moment, st.sampled_from(BAD_DATES)).map(
    lambda t: t[1] if t[0] else t[2])
optional_time = st.tuples(st.sampled_from(range(6)), moment, st.sampled_from(BAD_DATES)).map(
    lambda t: t[1] if t[0] > 1 else "" if t[0] else t[2])


@st.composite
def case_row(draw) -> dict:
    applied, accepted, completed = draw(time_cell), draw(optional_time), draw(optional_time)
    if draw(st.integers(0, 4)):  # four times in five in order, so that many rows are good
        cells = [applied, accepted, completed]
        valid = [i for i, t in enumerate(cells) if parse_time(t) not in (None, "bad")]
        for i, t in zip(valid, sorted(cells[i] for i in valid)):
            cells[i] = t
        applied, accepted, completed = cells
    return {"id": draw(mostly(IDS[:12], IDS[12:])), "unit": draw(mostly(UNIT_CELLS[:6],
                                                                      UNIT_CELLS[6:])),
            "applied": applied, "accepted": accepted, "completed": completed,
            "legal": draw(mostly(LIMITS[:4], LIMITS[4:])),
            "promised": draw(mostly(LIMITS[:4], LIMITS[4:])),
            "channel": draw(mostly(CHANNEL_CELLS[:4], CHANNEL_CELLS[4:]))}


evaluation_row = st.fixed_dictionaries({
    "id": mostly(["E1", "E2", "E3", "E4"], [" E1", "", " "]),
    "unit": mostly(UNIT_CELLS[:6], UNIT_CELLS[6:]), "at": time_cell,
    "level": mostly(LEVELS, LEVEL_CELLS[5:]), "kind": mostly(KIND_CELLS[:3], KIND_CELLS[3:]),
    "rectified": st.one_of(st.just(""), moment, st.just("abc")),
})


def case_line(r: dict) -> str:
    return (f"{r['id']},{r['unit']},,事项,{r['applied']},{r['accepted']},{r['completed']},"
            f"{r['legal']},{r['promised']},{r['channel']}")


def library(folder, monkeypatch, in_memory: bool) -> tuple[pl.DataFrame, Ingestion]:
    with monkeypatch.context() as m:
        if not in_memory:  # every id check piece by piece: 2**bits pieces of ~2 ids
            m.setattr(distinct, "IN_MEMORY_IDS", 0)
            m.setattr(distinct, "BUCKET_IDS", 2)
        ingestion = Ingestion()
        table = case_facts(Dataset.open(folder), FIRST, LAST, ingestion)
    return table, ingestion


@settings(max_examples=examples(60), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(cases=st.lists(case_row(), min_size=1, max_size=30),
       evaluations=st.lists(evaluation_row, max_size=12))
def test_fast_path_equals_a_plain_computation(tmp_path_factory, monkeypatch, cases,
                                              evaluations):
    folder = make(tmp_path_factory.mktemp("ds"), [case_line(r) for r in cases],
                  [evaluation(r["id"], r["unit"], r["at"], r["level"], r["kind"],
                              r["rectified"]) for r in evaluations])
    facts, bad_cases = reference_cases(cases)
    bad_evaluations = reference_evaluations(evaluations, facts)
    expected = reference_table(facts)
    for in_memory in (True, False):
        table, ingestion = library(folder, monkeypatch, in_memory)
        assert table.equals(expected), (in_memory, table, expected)
        case_file, evaluation_file = ingestion.files
        assert (case_file.read, case_file.quarantined) == (len(cases), bad_cases)
        assert (evaluation_file.read, evaluation_file.quarantined) == \
            (len(evaluations), bad_evaluations)

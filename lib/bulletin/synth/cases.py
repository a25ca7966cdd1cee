"""One month's cases and evaluations, drawn in a fixed order from the one generator: the
volume per day and unit, the item, the times of application, acceptance and completion
in working days, the outcome, the spellings, and the fake personal data; then the
evaluations of the completed cases."""

from __future__ import annotations

import numpy as np
import polars as pl

from bulletin.synth.days import DAY, WorkingDays, month_days
from bulletin.synth.tables import (
    ALIAS_RATE,
    DUTY_DAY_RATE,
    FOLLOW_UP_RATE,
    GIVEN,
    ID_AREAS,
    LEVEL_P,
    LEVELS,
    MONTHLY_CASES,
    NON_WORKING_DAY_VOLUME,
    NOT_ACCEPTED_RATE,
    NOT_COMPLETED_RATE,
    OFFLINE_WORDS,
    ONLINE_WORDS,
    PHONE_PREFIXES,
    SURNAMES,
)
from bulletin.synth.units import Items, Units


def _choice_words(rng: np.random.Generator, n: int, words) -> np.ndarray:
    values, p = words
    return np.array(values)[rng.choice(len(values), size=n, p=p)]


def _time_of_day(rng: np.random.Generator, n: int, lo: float, hi: float) -> np.ndarray:
    return (rng.uniform(lo, hi, n) * 3600).astype(np.int64)


def month_cases(rng: np.random.Generator, month: str, scale: float, units: Units, items: Items,
                wd: WorkingDays, export_end: int, serial0: int, personal: bool) -> pl.DataFrame:
    """The cases applied in one month (seconds since the epoch, -1 = null). The helpers
    draw from ``rng`` in the order they are called here: that order fixes the files."""
    day, unit, online, tod, applied = applications(rng, month, scale, units, wd)
    n = len(day)
    item = pick_items(rng, unit, units, items)
    promised = items.promised[item]
    legal = items.legal[item]
    accept_day, accepted = acceptance(rng, day, tod, applied, wd)
    completed = completion(rng, promised, accept_day, accepted, wd)
    state = rng.random(n)
    not_accepted = (state < NOT_ACCEPTED_RATE) | (accepted > export_end)
    not_completed = not_accepted | (state < NOT_ACCEPTED_RATE + NOT_COMPLETED_RATE) \
        | (completed > export_end)
    accepted = np.where(not_accepted, -1, accepted)
    completed = np.where(not_completed, -1, completed)
    channel, unit_text = spellings(rng, online, unit, units)

    serial = serial0 + np.arange(n, dtype=np.int64)
    frame = pl.DataFrame({
        "serial": serial,
        "unit_index": unit.astype(np.int32),
        "unit": unit_text,
        "item_code": items.code[item],
        "item_name": items.name[item],
        "channel": channel,
        "applied_s": applied,
        "accepted_s": accepted,
        "completed_s": completed,
        "legal_limit_days": legal.astype(np.int32),
        "promised_limit_days": promised.astype(np.int32),
    })
    frame = frame.with_columns(
        pl.concat_str(pl.lit("SC"), pl.from_epoch("applied_s", time_unit="s").dt.strftime("%Y%m%d"),
                      pl.col("serial").cast(pl.String).str.zfill(9)).alias("case_id"),
        pl.from_epoch("applied_s", time_unit="s").alias("applied_at"),
        pl.when(pl.col("accepted_s") >= 0).then(pl.from_epoch("accepted_s", time_unit="s"))
        .alias("accepted_at"),
        pl.when(pl.col("completed_s") >= 0).then(pl.from_epoch("completed_s", time_unit="s"))
        .alias("completed_at"),
        pl.when(pl.col("legal_limit_days") >= 0).then(pl.col("legal_limit_days"))
        .alias("legal_limit_days"),
    )
    if personal:
        frame = frame.with_columns(personal_columns(rng, n))
    return frame


def applications(rng: np.random.Generator, month: str, scale: float, units: Units,
                 wd: WorkingDays) -> tuple[np.ndarray, ...]:
    """The month's applications in time order: day, unit, online or not, time of day and
    the moment (seconds), fewer on a non-working day."""
    d0, d1 = month_days(month)
    days = np.arange(d0, d1 + 1)
    per_working_day = scale * MONTHLY_CASES / 21.0
    mean = np.where(wd.is_working(days), per_working_day, per_working_day * NON_WORKING_DAY_VOLUME)
    per_day = rng.poisson(mean)
    n = int(per_day.sum())
    day = np.repeat(days, per_day)
    p_unit = units.weight / units.weight.sum()
    unit = rng.choice(len(units.names), size=n, p=p_unit)
    online = rng.random(n) < units.online_share[unit]
    tod = np.where(online, _time_of_day(rng, n, 7.0, 23.0), _time_of_day(rng, n, 8.5, 17.5))
    applied = day * DAY + tod
    order = np.argsort(applied, kind="stable")
    return day[order], unit[order], online[order], tod[order], applied[order]


def pick_items(rng: np.random.Generator, unit: np.ndarray, units: Units,
               items: Items) -> np.ndarray:
    """Item: 承诺件 or 即办件 by the unit's share, then one of the unit's items of that kind."""
    n = len(unit)
    promise = rng.random(n) < units.promise_share[unit]
    pick = rng.random(n)
    return np.where(
        promise,
        items.promise_start[unit] + (pick * items.promise_count[unit]).astype(np.int64),
        items.instant_start[unit] + (pick * items.instant_count[unit]).astype(np.int64),
    )


def acceptance(rng: np.random.Generator, day: np.ndarray, tod: np.ndarray, applied: np.ndarray,
               wd: WorkingDays) -> tuple[np.ndarray, np.ndarray]:
    """The day and moment of acceptance: the same day when applied on a working day before
    17:00, else on a later working day; a few cases applied on a non-working day are
    accepted that day (duty)."""
    n = len(day)
    working = wd.is_working(day)
    base = wd.position(day) + (working & (tod >= 17 * 3600)).astype(np.int64)
    delay = rng.choice(3, size=n, p=(0.85, 0.12, 0.03))
    accept_day = wd.days[base + delay]
    duty = ~working & (rng.random(n) < DUTY_DAY_RATE)
    accept_day = np.where(duty, day, accept_day)
    same_day = accept_day == day
    room = np.maximum(17.5 * 3600 - tod, 60)
    accepted = np.where(
        same_day,
        np.minimum(applied + (60 + rng.random(n) * np.minimum(room, 7200)).astype(np.int64),
                   day * DAY + DAY - 1),
        accept_day * DAY + _time_of_day(rng, n, 8.5, 17.0),
    )
    return accept_day, accepted


def completion(rng: np.random.Generator, promised: np.ndarray, accept_day: np.ndarray,
               accepted: np.ndarray, wd: WorkingDays) -> np.ndarray:
    """The moment of completion: ``elapsed`` working days after the day of acceptance,
    mostly within the promise, a few late (即办件 a day or two)."""
    n = len(promised)
    u = rng.random(n)
    late = rng.random(n)
    instant_elapsed = np.where(late < 0.99, 0, np.where(late < 0.998, 1, 2))
    promise_elapsed = np.where(
        late < 0.94, (promised * u * u).astype(np.int64),
        np.where(late < 0.996, promised, promised + 1 + rng.geometric(0.5, n)))
    elapsed = np.where(promised > 0, promise_elapsed, instant_elapsed)
    pos = wd.position(accept_day)
    accept_working = wd.is_working(accept_day)
    done_pos = np.where(accept_working, pos + elapsed, pos + np.maximum(elapsed - 1, 0))
    done_day = np.where(elapsed == 0, accept_day, wd.days[done_pos])
    return np.where(
        done_day == accept_day,
        np.minimum(accepted + (60 + rng.random(n) * 3 * 3600).astype(np.int64),
                   accept_day * DAY + DAY - 1),
        done_day * DAY + _time_of_day(rng, n, 8.5, 17.5),
    )


def spellings(rng: np.random.Generator, online: np.ndarray, unit: np.ndarray,
              units: Units) -> tuple[np.ndarray, np.ndarray]:
    """The channel in the platform's words, and the unit's name, sometimes an alias."""
    n = len(unit)
    channel = np.where(online, _choice_words(rng, n, ONLINE_WORDS),
                       _choice_words(rng, n, OFFLINE_WORDS))
    spelling_pick = rng.random(n)
    n_spell = np.array([len(s) for s in units.spellings])
    use_alias = (n_spell[unit] > 1) & (spelling_pick < ALIAS_RATE)
    alias_index = 1 + (spelling_pick / ALIAS_RATE * np.maximum(n_spell[unit] - 1, 1)) \
        .astype(np.int64)
    spelling_index = np.where(use_alias, np.minimum(alias_index, n_spell[unit] - 1), 0)
    flat = [s for ss in units.spellings for s in ss]
    starts = np.cumsum([0] + [len(s) for s in units.spellings])[:-1]
    return channel, np.array(flat)[starts[unit] + spelling_index]


def personal_columns(rng: np.random.Generator, n: int) -> list[pl.Series]:
    """Fake names, 18-digit ID numbers with a valid check digit, and mobile numbers."""
    surname = np.array(list(SURNAMES))[rng.integers(0, len(SURNAMES), n)]
    given1 = np.array(list(GIVEN))[rng.integers(0, len(GIVEN), n)]
    given2 = np.array(list(GIVEN))[rng.integers(0, len(GIVEN), n)]
    two = rng.random(n) < 0.7
    name = np.char.add(np.char.add(surname, given1), np.where(two, given2, ""))
    area = np.array(ID_AREAS)[rng.integers(0, len(ID_AREAS), n)]
    birth = (np.datetime64("1950-01-01") + rng.integers(0, 19_700, n).astype("timedelta64[D]"))
    birth_text = np.char.replace(np.datetime_as_string(birth, unit="D"), "-", "")
    seq = np.char.zfill(rng.integers(0, 1000, n).astype(str), 3)
    body = np.char.add(np.char.add(area, birth_text), seq)
    digits = np.frombuffer("".join(body.tolist()).encode(), dtype=np.uint8).reshape(n, 17) - 48
    weights = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])
    check = np.array(list("10X98765432"))[(digits * weights).sum(axis=1) % 11]
    id_number = np.char.add(body, check)
    prefix = np.array(PHONE_PREFIXES)[rng.integers(0, len(PHONE_PREFIXES), n)]
    phone = np.char.add(prefix, np.char.zfill(rng.integers(0, 100_000_000, n).astype(str), 8))
    return [pl.Series("name", name), pl.Series("id_number", id_number), pl.Series("phone", phone)]


def month_evaluations(rng: np.random.Generator, cases: pl.DataFrame, units: Units,
                      export_end: int, serial0: int) -> pl.DataFrame:
    done = cases.filter(pl.col("completed_s") >= 0)
    n = done.height
    unit = done["unit_index"].to_numpy()
    completed = done["completed_s"].to_numpy()
    u = rng.random(n)
    active = u < units.active_rate[unit]
    follow_up = ~active & (u < units.active_rate[unit] + FOLLOW_UP_RATE)
    evaluated = np.where(active, completed + (rng.random(n) * 3 * DAY).astype(np.int64),
                         completed + ((1 + rng.random(n) * 9) * DAY).astype(np.int64))
    level = rng.choice(len(LEVELS), size=n, p=LEVEL_P)
    rectified = evaluated + ((1 + rng.random(n) * 6) * DAY).astype(np.int64)
    rectify = (level >= 3) & (rng.random(n) < 0.9) & (rectified <= export_end)
    keep = (active | follow_up) & (evaluated <= export_end)
    m = int(keep.sum())
    frame = pl.DataFrame({
        "serial": serial0 + np.arange(m, dtype=np.int64),
        "case_id": done["case_id"].to_numpy()[keep],
        "unit": np.array(units.names)[unit[keep]],
        "evaluated_s": evaluated[keep],
        "level": np.array(LEVELS)[level[keep]],
        "kind": np.where(active[keep], "主动评价", "回访评价"),
        "rectified_s": np.where(rectify, rectified, -1)[keep],
    })
    return frame.select(
        pl.concat_str(pl.lit("PJ"), pl.col("serial").cast(pl.String).str.zfill(10))
        .alias("evaluation_id"),
        "case_id", "unit",
        pl.from_epoch("evaluated_s", time_unit="s").alias("evaluated_at"),
        "level", "kind",
        pl.when(pl.col("rectified_s") >= 0).then(pl.from_epoch("rectified_s", time_unit="s"))
        .alias("rectified_at"),
    )

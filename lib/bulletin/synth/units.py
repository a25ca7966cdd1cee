"""The synthetic units and their items: each unit of the registry with its monthly volume
and 承诺件, 线上 and 主动评价 shares from seed 000's annexes, and the 承诺件 and 即办件 items
of every unit with their legal and promised limits (drawn from the generator)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from bulletin.synth.tables import ANNEX, ITEM_NAMES, REGISTRY, ZERO_UNIT_VOLUME


@dataclass(frozen=True)
class Units:
    names: list[str]
    spellings: list[list[str]]  # the unit and its aliases
    weight: np.ndarray  # cases a month at scale 1
    promise_share: np.ndarray
    online_share: np.ndarray
    active_rate: np.ndarray


def load_units(registry: Path = REGISTRY) -> Units:
    frame = pl.read_csv(registry, infer_schema=False)
    names = frame["单位名称"].to_list()
    aliases = [[a for a in (s or "").split(";") if a] for s in frame["别名"].to_list()]
    annex = {row[0]: row[1:] for row in ANNEX}
    weight, promise, online, active = [], [], [], []
    for i, name in enumerate(names):
        applied, completed, promise_completed, online_applied, evals = annex.get(name, (0,) * 5)
        weight.append(applied if applied else (ZERO_UNIT_VOLUME if i % 2 else 0.0))
        promise.append(promise_completed / completed if completed else 0.3)
        online.append(online_applied / applied if applied else 0.42)
        active.append(min(evals / completed, 0.95) if completed else 0.32)
    return Units(names, [[n, *a] for n, a in zip(names, aliases)], np.array(weight),
                 np.clip(np.array(promise), 0.02, 0.98), np.array(online), np.array(active))


@dataclass(frozen=True)
class Items:
    """The items (事项) of every unit: flat arrays, with per-unit index ranges."""

    code: np.ndarray  # str
    name: np.ndarray  # str
    legal: np.ndarray  # int, -1 = none
    promised: np.ndarray  # int, 0 = 即办件
    promise_start: np.ndarray  # per unit: first 承诺件 item
    promise_count: np.ndarray
    instant_start: np.ndarray
    instant_count: np.ndarray


def make_items(rng: np.random.Generator, units: Units) -> Items:
    code, name, legal, promised = [], [], [], []
    ps, pc, is_, ic = [], [], [], []
    for u, unit in enumerate(units.names):
        n_promise = 2 + int(min(8, np.log1p(units.weight[u])))
        n_instant = 1 + int(min(4, np.log1p(units.weight[u]) / 2))
        ps.append(len(code))
        pc.append(n_promise)
        for j in range(n_promise + n_instant):
            if j == n_promise:
                is_.append(len(code))
                ic.append(n_instant)
            code.append(f"5117{u + 1:03d}{j + 1:04d}000{(u * 7 + j) % 10}")
            name.append(ITEM_NAMES[(u * 5 + j) % len(ITEM_NAMES)])
            if j < n_promise:
                lg = int(rng.choice([5, 10, 15, 20, 20, 30, 60]))
                cut = rng.uniform(0.3, 0.85)
                legal.append(lg)
                promised.append(max(1, round(lg * (1 - cut))))
            else:
                lg = int(rng.choice([-1, 0, 1, 5, 10, 20]))
                legal.append(lg)
                promised.append(0)
    return Items(np.array(code), np.array(name), np.array(legal), np.array(promised),
                 np.array(ps), np.array(pc), np.array(is_), np.array(ic))

"""Following a month down: every call from one of our modules into another goes to the
same layer or a lower one (core → ingest → facts → indicators → report → publish → cli).

The import contracts (.importlinter) forbid importing upwards; a call can still come back
up through a function handed down: a callback, or a decorator of a lower layer wrapping an
upper layer's function. Each sample dataset's first month is followed here as
``bulletin publish`` runs it: the parent's check (publish.preflight, then the personal data
typed into the inputs) and what the notebook's kernel runs (report.pipeline's steps: the
month opened, every section, the review, meta.json and the downloads), with
``sys.setprofile`` seeing every Python call.
Generators are data, not calls: a lower layer consuming an upper layer's generator (rows
streamed into a check) resumes it without crossing back, and is not counted.
"""

from __future__ import annotations

import inspect
import sys
import types
from collections import Counter
from pathlib import Path

import pytest

from bulletin.publish.personal import typed_in_inputs
from bulletin.publish.preflight import check_inputs
from bulletin.report import fmt
from bulletin.report.loader import available_months
from support.notebook_steps import run_notebook_steps
from support.paths import DATA

LAYERS = ["core", "ingest", "facts", "indicators", "report", "publish", "cli"]
DATASETS = sorted(p for p in DATA.iterdir() if (p / "units.csv").is_file())
NOT_CALLS = inspect.CO_GENERATOR | inspect.CO_COROUTINE | inspect.CO_ASYNC_GENERATOR


def layer(frame) -> int | None:
    name = frame.f_globals.get("__name__", "") if frame is not None else ""
    parts = name.split(".")
    if parts[0] != "bulletin" or len(parts) < 2:
        return None
    return LAYERS.index(parts[1]) if parts[1] in LAYERS else LAYERS.index("cli")


def calls_upward(run) -> Counter:
    """(caller module.function → callee module.function): count, for each upward call."""
    found: Counter = Counter()

    def seen(frame, event, arg):
        if event != "call" or frame.f_code.co_flags & NOT_CALLS:
            return
        callee, caller = layer(frame), layer(frame.f_back)
        if callee is not None and caller is not None and caller < callee:
            back = frame.f_back
            found[f"{back.f_globals['__name__']}.{back.f_code.co_name} → "
                  f"{frame.f_globals['__name__']}.{frame.f_code.co_name}"] += 1

    sys.setprofile(seen)
    try:
        run()
    finally:
        sys.setprofile(None)
    return found


def publish_path(folder: Path, month: str, out: Path) -> None:
    """The parent's check, then what notebooks/bulletin.ipynb runs, in its order."""
    opened = {}
    check_inputs(folder, [month], accept_loss=True, opened=opened)
    typed_in_inputs(folder, month, opened[month])
    run_notebook_steps(folder, month, out)


def test_the_instrument_sees_an_upward_call():
    """A function of core calling into report is named (the check can fail)."""


    def call():
        return fmt.fmt_count(3)
    # the same code, as if defined in a module of core
    core = types.FunctionType(call.__code__, {"__name__": "bulletin.core.counting", "fmt": fmt},
                              "call")
    found = calls_upward(core)
    assert list(found) == ["bulletin.core.counting.call → bulletin.report.fmt.fmt_count"]


@pytest.mark.slow
@pytest.mark.parametrize("folder", DATASETS, ids=[f.name for f in DATASETS])
def test_a_month_goes_down_the_layers_once(tmp_path, folder):
    month = available_months(folder)[0]
    found = calls_upward(lambda: publish_path(folder, month, tmp_path))
    assert dict(found) == {}

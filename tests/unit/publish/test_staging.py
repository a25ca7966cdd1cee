"""publish.staging: a month's notebook runs ahead, in a thread, while the month before it is
typeset — one notebook at a time, in the order of the months — and a failure anywhere
removes every folder staged, once the notebook still running has ended."""

from __future__ import annotations

import itertools
import threading
import time
from pathlib import Path

import pytest

from bulletin.core.errors import PublishError
from bulletin.publish.staging import stage_all

MONTHS = ["2021-01", "2021-02", "2021-03"]


class Log:
    def __init__(self):
        self.events: list[str] = []
        self.lock = threading.Lock()

    def __call__(self, event: str) -> None:
        with self.lock:
            self.events.append(event)


def staged_run(tmp_path: Path, log: Log, fail_ahead: str = "", fail_make: str = "",
               warm=None):
    reports, site = tmp_path / "reports", tmp_path / "_site"
    started = {month: threading.Event() for month in MONTHS}

    def ahead(month: str, folder: Path, signal: threading.Event) -> str:
        log(f"ahead {month} start")
        started[month].set()
        folder.mkdir(parents=True)
        signal.set()
        time.sleep(0.05)  # a notebook still running when the month before fails
        (folder / "executed").write_text(month, encoding="utf-8")
        if month == fail_ahead:
            raise PublishError(f"{month} 没有数据")
        log(f"ahead {month} end")
        return month

    def make_month(month: str, folder: Path, run) -> None:
        assert run() == month
        log(f"make {month} start")
        following = MONTHS[MONTHS.index(month) + 1:]
        if following and not fail_ahead:
            # typesetting: the next month's notebook has started meanwhile (were it started
            # only after this month, this would wait in vain)
            assert started[following[0]].wait(timeout=120)
        if month == fail_make:
            raise PublishError(f"{month} 排版失败")
        (folder / "typeset").write_text(month, encoding="utf-8")
        log(f"make {month} end")

    def make_site(view: Path, out: Path) -> None:
        out.mkdir()
        (out / "index.html").write_text(" ".join(sorted(p.name for p in view.glob("*/*"))),
                                        encoding="utf-8")

    return stage_all(MONTHS, lambda month: reports / "city" / month, make_month, make_site,
                     reports, site, ahead=ahead, warm=warm)


def test_each_notebook_runs_while_the_month_before_is_typeset(tmp_path):
    log = Log()
    warmed = []
    pairs = staged_run(tmp_path, log, warm=lambda: warmed.append(list(log.events)))
    assert warmed == [["ahead 2021-01 start"]]  # once the first kernel is up
    events = log.events
    for before, after in itertools.pairwise(MONTHS):
        # the next notebook starts once this month's has run (and while it is typeset:
        # make_month waits for it)
        assert events.index(f"ahead {before} end") < events.index(f"ahead {after} start")
    starts = [e for e in events if e.startswith("ahead") and e.endswith("start")]
    assert starts == [f"ahead {m} start" for m in MONTHS]  # one at a time, in order
    assert [target.name for _, target in pairs] == [*MONTHS, "_site"]
    for ready, _ in pairs[:-1]:
        assert ready.name.startswith(".") and ".ready-" in ready.name
        assert (ready / "executed").is_file() and (ready / "typeset").is_file()


@pytest.mark.parametrize(("fail_ahead", "fail_make", "message"), [
    ("2021-02", "", "2021-02 没有数据"),
    ("", "2021-02", "2021-02 排版失败"),  # while 2021-03's notebook runs
    ("", "2021-01", "2021-01 排版失败"),
])
def test_a_failure_removes_every_folder_staged(tmp_path, fail_ahead, fail_make, message):
    log = Log()
    with pytest.raises(PublishError, match=message):
        staged_run(tmp_path, log, fail_ahead=fail_ahead, fail_make=fail_make)
    left = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    assert left == ["reports", "reports/city"]
    started = [e.split()[1] for e in log.events if e.endswith("start") and e[0] == "a"]
    ended = [e.split()[1] for e in log.events if e.endswith("end") and e[0] == "a"]
    # a notebook that was running when the failure came had ended before its folder went
    assert set(started) - set(ended) <= {fail_ahead}


def test_months_alone_when_there_is_no_site(tmp_path):
    """``make_site`` None (publish_many's ``site`` None, as each dataset of the demo):
    the months' pairs only, and no view of reports/ left beside anything."""
    reports = tmp_path / "reports"

    def make_month(month: str, folder: Path) -> None:
        folder.mkdir(parents=True)
        (folder / "typeset").write_text(month, encoding="utf-8")

    pairs = stage_all(MONTHS[:2], lambda month: reports / "city" / month, make_month, None,
                      reports, None)
    assert [target.name for _, target in pairs] == MONTHS[:2]
    assert [(ready / "typeset").read_text(encoding="utf-8") for ready, _ in pairs] == MONTHS[:2]
    left = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")
                  if p.name != "typeset")
    assert left == ["reports", "reports/city", *[ready.relative_to(tmp_path).as_posix()
                                                 for ready, _ in pairs]]


def test_recovery_leaves_other_datasets_staging_alone(tmp_path):
    """A run holds its own dataset's lock only: what another dataset's run is staging at
    this moment is not a leftover of it (two datasets of the demo publish at once)."""
    from bulletin.publish.staging import recover_published

    reports = tmp_path / "reports"
    mine = reports / "city" / ".2021-01.new-0123456789ab"
    theirs = reports / "town" / ".2021-01.new-ba9876543210"
    for folder in (mine, theirs):
        folder.mkdir(parents=True)
        (folder / "meta.json").write_text("{}", encoding="utf-8")
    said = recover_published(reports, None, "city")
    assert not mine.exists() and theirs.is_dir()
    assert len(said) == 1 and mine.name in said[0]
    assert recover_published(reports, tmp_path / "_site", "town") and not theirs.exists()

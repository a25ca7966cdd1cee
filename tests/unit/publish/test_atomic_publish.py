"""Publishing is all or nothing, survives a crash, and one run at a time.

publish_many runs here with months "executed" by hand (support.fake_publish) instead of
papermill, typst and Word, so that failures, crashes and races can be staged exactly; the
site is the real one. A month 2099-… fails like a month without data.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from rich.console import Console

from bulletin.core.errors import PublishError
from support.fake_publish import REPLACED, install
from support.mini_bulletin import TEMPLATE
from support.paths import ROOT


@pytest.fixture
def world(tmp_path, monkeypatch):
    """tmp/fixture (the dataset), tmp/reports, tmp/_site, and publish(months, console)."""
    from bulletin.publish import runner

    for name in REPLACED:
        monkeypatch.setattr(runner, name, getattr(runner, name))  # restored after the test
    version = {"n": 1}
    install(lambda: version["n"])
    (tmp_path / "fixture").mkdir()

    def publish(months, console=None):
        return runner.publish_many(tmp_path / "fixture", months, reports=tmp_path / "reports",
                                   site=tmp_path / "_site", notebook=TEMPLATE, use_quarto=False,
                                   console=console or Console(file=io.StringIO()))

    return tmp_path, publish, version


def leftovers(root: Path) -> list[str]:
    """Hidden entries anywhere under ``root``: staging folders, journals, locks — but the
    version of the site that ``_site`` links to."""
    from bulletin.publish.fs import current_version

    current = current_version(root / "_site")
    return sorted(str(p.relative_to(root)) for p in root.rglob(".*")
                  if current is None or not p.is_relative_to(current))


def site_months(site: Path) -> set[str]:
    index = (site / "index.html").read_text(encoding="utf-8")
    return set(re.findall(r"fixture/(\d{4}-\d{2})/index\.html", index))


def report_months(reports: Path) -> set[str]:
    return {p.name for p in (reports / "fixture").iterdir()
            if not p.name.startswith(".") and (p / "meta.json").is_file()}


def test_a_failing_month_publishes_none_of_the_run(world):
    root, publish, version = world
    publish(["2021-01"])
    january = (root / "reports" / "fixture" / "2021-01" / "bulletin.ipynb").read_bytes()
    index = (root / "_site" / "index.html").read_bytes()
    version["n"] = 2
    with pytest.raises(PublishError, match="2099-01 没有数据"):
        publish(["2021-01", "2021-02", "2099-01"])
    assert (root / "reports" / "fixture" / "2021-01" / "bulletin.ipynb").read_bytes() == january
    assert not (root / "reports" / "fixture" / "2021-02").exists()
    assert (root / "_site" / "index.html").read_bytes() == index
    assert leftovers(root) == []
    publish(["2021-01", "2021-02"])  # and a run that works publishes all of it
    assert site_months(root / "_site") == report_months(root / "reports") == {"2021-01", "2021-02"}
    assert "第 2 版" in (root / "_site" / "fixture" / "2021-01" / "index.html").read_text("utf-8")


def test_leftovers_of_interrupted_runs_are_cleaned(world):
    root, publish, _ = world
    publish(["2021-01"])
    stale = [root / "reports" / "fixture" / ".2021-03.new-1a2b3c4d",  # as the old code named them
             root / "reports" / "fixture" / ".2021-01.ready-0123456789ab",  # never committed
             root / "reports" / "fixture" / ".2021-01.old-0123456789ab",
             root / "._site.new-deadbeef", root / "._site.old-deadbeef",
             root / "._site-reports.new-0123456789ab"]
    for folder in stale:
        (folder / "sub").mkdir(parents=True)
        (folder / "sub" / "index.html").write_text("half", encoding="utf-8")
    os.symlink(root / "reports" / "fixture", stale[-1] / "fixture")
    log = io.StringIO()
    publish(["2021-02"], Console(file=log, width=300))
    assert leftovers(root) == []
    assert (root / "reports" / "fixture" / "2021-01" / "meta.json").is_file()  # kept
    assert log.getvalue().count("上次运行中断") == len(stale)


CRASH = '''
import os
import pathlib
import sys

from support.fake_publish import install

real = pathlib.Path.rename
calls = {"n": 0}


def rename(self, target):
    calls["n"] += 1
    if calls["n"] == int(sys.argv[2]):
        os._exit(7)  # the process dies here: no handler, no clean-up runs
    return real(self, target)


pathlib.Path.rename = rename
root = pathlib.Path(sys.argv[1])
if sys.argv[3] == "site":
    from bulletin.publish.fs import replace_dir

    def build(out):
        out.mkdir()
        (out / "index.html").write_text("new", encoding="utf-8")

    replace_dir(root / "_site", build)
else:
    from bulletin.publish import runner

    install(lambda: 2)
    runner.publish_many(root / "fixture", ["2021-02", "2021-03"], reports=root / "reports",
                        site=root / "_site", notebook=pathlib.Path(sys.argv[4]),
                        use_quarto=False)
'''


def crash_at(root: Path, rename: int, what: str) -> int:
    """Run ``what`` in a process that dies at its ``rename``-th rename; its exit status."""
    script = root / "crash.py"
    script.write_text(CRASH, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "tests"), str(ROOT / "lib")])}
    return subprocess.run([sys.executable, str(script), str(root), str(rename), what, str(TEMPLATE)],
                          env=env, capture_output=True, text=True, timeout=600,
                          check=False).returncode


@pytest.mark.slow  # a Python started for each rename (make check leaves it out)
def test_a_crash_between_renames_never_loses_the_site(tmp_path):
    from bulletin.publish.fs import replace_dir

    def broken(out: Path) -> None:
        raise RuntimeError("the next build fails too")

    site, missing = tmp_path / "_site", 0
    for rename in range(1, 10):
        site.mkdir(exist_ok=True)
        (site / "index.html").write_text("old", encoding="utf-8")
        status = crash_at(tmp_path, rename, "site")
        if status == 0:
            break
        assert status == 7
        missing += not site.exists()
        with pytest.raises(RuntimeError):  # the next run recovers first, whatever happens next
            replace_dir(site, broken)
        assert (site / "index.html").read_text(encoding="utf-8") in ("old", "new"), rename
        assert leftovers(tmp_path) == [], rename
    assert rename > 2 and not missing, "the site is a link swapped in one step: never missing"


@pytest.mark.slow  # a Python started for each rename (make check leaves it out)
def test_a_crash_in_the_commit_is_completed_by_the_next_run(world):
    root, publish, _ = world
    publish(["2021-01"])
    for rename in range(1, 20):
        status = crash_at(root, rename, "publish")
        if status == 0:
            break
        assert status == 7
        with pytest.raises(PublishError):
            publish(["2099-01"])  # recovers, then fails: recovery alone decides the state
        reports, site = report_months(root / "reports"), site_months(root / "_site")
        assert reports == site, (rename, reports, site)  # the site shows exactly what exists
        assert reports in ({"2021-01"}, {"2021-01", "2021-02", "2021-03"}), rename
        assert leftovers(root) == [], rename
    else:
        pytest.fail("the publish never got through")
    assert site_months(root / "_site") == {"2021-01", "2021-02", "2021-03"}


def test_two_publishes_at_once_keep_both_months(world, monkeypatch):
    root, publish, _ = world
    from bulletin.publish import runner

    real_build = runner.build_site
    a_building, b_moved = threading.Event(), threading.Event()

    def build_site(reports, out, *args, **kwargs):
        real_build(reports, out, *args, **kwargs)
        if threading.current_thread().name == "A":
            a_building.set()
            b_moved.wait(timeout=120)  # B publishes now, or waits for A and says so

    class Told(Console):
        def print(self, *objects, **kwargs):
            if "等待其完成" in " ".join(map(str, objects)):
                b_moved.set()
            super().print(*objects, **kwargs)

    def run_b():
        try:
            publish(["2021-02"], Told(file=io.StringIO()))
        finally:
            b_moved.set()

    monkeypatch.setattr(runner, "build_site", build_site)
    errors: list[BaseException] = []

    def thread(name, action):
        def run():
            try:
                action()
            except Exception as error:  # noqa: BLE001 — reported below, not lost in the thread
                errors.append(error)
        return threading.Thread(target=run, name=name)

    a, b = thread("A", lambda: publish(["2021-01"])), thread("B", run_b)
    a.start()
    assert a_building.wait(timeout=120)
    b.start()
    a.join(timeout=300)
    b.join(timeout=300)
    assert errors == []
    assert site_months(root / "_site") == report_months(root / "reports") == {"2021-01", "2021-02"}
    assert leftovers(root) == []

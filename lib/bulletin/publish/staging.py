"""Every month of a run and the site built beside their targets, ready to be swapped in
together (``fs.commit``); on failure everything built is removed and nothing else changed.

A month's notebook runs in its own kernel (another process), while this process waits
for it; so ``stage_all`` runs each month's ``ahead`` part (executing the notebook) in a
thread, the next month's as soon as this month's has executed — while this month is
typeset here — and ``warm`` work (loading the fonts, typst's first compile) while
the first month executes. Each month's folder is made by its own ``ahead`` part and then
its ``make_month``, in that order; only one notebook runs at a time.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

from bulletin.core.months import is_month
from bulletin.publish.fs import mark_ready, new_token, recover, remove, staged
from bulletin.publish.notebook import find_reports


class Ahead:
    """``action(signal)`` run in a thread from now: ``wait()`` gives its value or raises its
    exception; ``elapsed`` is how long it ran (or has run so far). ``signal`` (an Event the
    action may set early: its kernel is launched) is set when it ends at the latest."""

    def __init__(self, action: Callable[[threading.Event], object], name: str = "ahead"):
        self._action = action
        self._value: object = None
        self._error: BaseException | None = None
        self.signal = threading.Event()
        self.started = time.perf_counter()
        self.finished: float | None = None
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._action(self.signal)
        except BaseException as error:  # noqa: BLE001 — handed to whoever waits for it
            self._error = error
        finally:
            self.finished = time.perf_counter()
            self.signal.set()

    def wait(self) -> object:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value

    @property
    def elapsed(self) -> float:
        return (self.finished or time.perf_counter()) - self.started

    def done(self) -> bool:
        return not self._thread.is_alive()


class AheadRuns:
    """The ``ahead`` parts of a run's months, one at a time: month ``i + 1``'s starts when
    month ``i``'s has been waited for (``joined(i)()``), the first at once."""

    def __init__(self, months: list[str], ahead, folder_of: Callable[[str], Path]):
        self.months, self.ahead, self.folder_of = months, ahead, folder_of
        self.running: dict[str, Ahead] = {}
        self.launch(0)

    def launch(self, index: int) -> None:
        if index < len(self.months):
            month = self.months[index]
            self.running[month] = Ahead(
                lambda signal: self.ahead(month, self.folder_of(month), signal), f"ahead {month}")

    def joined(self, index: int) -> Callable[[], object]:
        """Waits for month ``index``'s part (its value, or its exception), then starts the
        next month's; ``.elapsed()`` is the part's own time."""
        run = self.running[self.months[index]]

        def wait() -> object:
            value = run.wait()
            self.launch(index + 1)
            return value

        wait.elapsed = lambda: run.elapsed  # type: ignore[attr-defined]
        return wait

    def settle(self) -> None:
        """Wait for every part still running (a notebook writes into its folder); their
        errors are not the one being raised."""
        for run in self.running.values():
            try:
                run.wait()
            except KeyboardInterrupt:
                break  # asked again to stop: what it leaves, ``recover`` removes next time
            except BaseException:  # noqa: BLE001, S110 — see above
                pass


def stage_all(months: list[str], target_of, make_month, make_site, reports: Path,
              site: Path | None, ahead: Callable[[str, Path, threading.Event], object] | None = None,
              warm: Callable[[], object] | None = None) -> list[tuple[Path, Path]]:
    """Build every month and then the site beside their targets; (ready, target) pairs for
    ``commit``, the site last (no site when ``make_site`` is None: the months alone). On
    failure everything built is removed and nothing else was touched.

    ``make_month(month, folder)`` builds a month; with ``ahead``, ``ahead(month, folder,
    signal)`` runs first, in a thread (the module's notes), and ``make_month(month, folder,
    run)`` gets it as ``run``: ``run()`` waits for it (its value, or its exception),
    ``run.elapsed()`` is its time. ``warm()`` runs here once the first ``ahead`` part has
    set its ``signal`` (its kernel launched: it starts in its own process meanwhile; the
    renderers loading here hold the interpreter, which the thread needs only once the
    kernel answers) or ended.
    """
    token = new_token()
    pairs: list[tuple[Path, Path]] = []
    folders: dict[str, Path] = {}
    overlay = staged(overlay_target(site), "new", token) if make_site is not None else None

    def folder_of(month: str) -> Path:
        if month not in folders:
            target = target_of(month)
            target.parent.mkdir(parents=True, exist_ok=True)
            folders[month] = staged(target, "new", token)
        return folders[month]

    runs = AheadRuns(months, ahead, folder_of) if ahead is not None and months else None
    try:
        if warm is not None and runs is not None:
            runs.running[months[0]].signal.wait()
            warm()
        for index, month in enumerate(months):
            fresh = folder_of(month)
            try:
                make_month(month, fresh, *([runs.joined(index)] if runs else []))
            except BaseException:
                remove(fresh)
                raise
            pairs.append((mark_ready(fresh), target_of(month)))
        if overlay is not None:
            pairs.append(_stage_site(reports, pairs, overlay, make_site, site, token))
    except BaseException:
        if runs is not None:
            runs.settle()
        for fresh in folders.values():  # a month's own, not yet ready (no-op once it is)
            remove(fresh)
        for ready, _ in pairs:
            remove(ready)
        raise
    finally:
        if overlay is not None:
            remove(overlay)
    return pairs


def _stage_site(reports: Path, pairs: list[tuple[Path, Path]], overlay: Path, make_site,
                site: Path, token: str) -> tuple[Path, Path]:
    """The site built from the view ``overlay`` of reports/ with the months of ``pairs``."""
    reports_view(reports, pairs, overlay)
    fresh = staged(site, "new", token)
    try:
        make_site(overlay, fresh)
    except BaseException:
        remove(fresh)
        raise
    return mark_ready(fresh), site


def overlay_target(site: Path) -> Path:
    """The name the view of reports/ for a site build is staged under (``recover`` removes
    a leftover one like any unfinished build)."""
    return site.with_name(f"{site.name}-reports")


def reports_view(reports: Path, pairs: list[tuple[Path, Path]], view: Path) -> Path:
    """reports/ as it will be once ``pairs`` are swapped in: <dataset>/<month> links to the
    month folders (a copy where links are not allowed), the staged ones for the new months."""
    months = {folder.resolve(): folder.resolve() for folder in find_reports(reports)}
    months |= {target.resolve(): ready for ready, target in pairs}
    for target, source in months.items():
        link = view / target.parent.name / target.name
        link.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.symlink(source, link, target_is_directory=True)
        except OSError:
            shutil.copytree(source, link)
    view.mkdir(parents=True, exist_ok=True)
    return view


def recover_published(reports: Path, site: Path | None, dataset: str) -> list[str]:
    """What an interrupted run left beside the site and in reports/<dataset>/, put right
    (the site's first: its journal may complete month swaps). Only this dataset's folder,
    whose lock the run holds: another dataset's months may be staged at this moment by a
    run of its own."""
    done = []
    if site is not None:
        names = {site.name, overlay_target(site).name}
        done = recover(site.parent, lambda name: name in names)
    folder = Path(reports) / dataset
    if folder.is_dir():
        done += recover(folder, is_month)
    return done

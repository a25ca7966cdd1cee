"""``bulletin demo``: every sample dataset published, two at a time, then one site.

Each dataset's months are published by ``publish_many`` without a site (executed,
typeset, scanned, committed under that dataset's own lock), in one of ``workers``
processes (a spawned interpreter each: typst and vl-convert hold the interpreter lock, and
polars' thread pool does not survive a fork); the site of every dataset is built once,
from reports/, when all are done — the same pages as a publish per dataset building it in
turn (``site.reuse``: a page is made from its inputs only). On 2 cores the months of two
datasets are made at the same time. Each worker's progress lines are its dataset's,
prefixed with its name.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bulletin.core.errors import BulletinError, PublishError
from bulletin.publish.fs import replace_dir, resolved_beside


class _Prefixed:
    """A text stream writing each complete line to ``stream`` at once, after ``prefix``
    (two workers' lines interleave whole, each saying whose it is)."""

    def __init__(self, stream, prefix: str):
        self.stream, self.prefix, self.pending = stream, prefix, ""

    def write(self, text: str) -> int:
        self.pending += text
        *lines, self.pending = self.pending.split("\n")
        if lines:
            self.stream.write("".join(f"{self.prefix}{line}\n" for line in lines))
            self.stream.flush()
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return False  # no status spinner, no colours: lines only


def _publish_dataset(folder: Path, months: list[str], number: str, reports: Path,
                     root: Path | None) -> tuple[list[Path], str | None]:
    """One dataset's months published (in a worker): their folders, or the error said."""
    from rich.console import Console

    from bulletin.publish.kernel import EarlyKernel

    kernel = EarlyKernel()  # starts while this worker imports the renderers (the first time)
    from bulletin.publish.runner import publish_many

    console = Console(file=_Prefixed(sys.stderr, f"[{folder.name}] "), highlight=False,
                      soft_wrap=True)
    console.print(f"({number}) {folder.name}：{len(months)} 个月 {months[0]}—{months[-1]}")
    try:
        with kernel:
            result = publish_many(folder, months, reports=reports, site=None,
                                  console=console, root=root, kernel=kernel)
    except BulletinError as error:
        return [], str(error)
    return result.folders, None


def publish_demo(datasets: list[Path], months: dict[Path, list[str]], reports: Path,
                 site: Path, root: Path | None, console, workers: int | None = None) -> list[Path]:
    """Publish ``months[d]`` of each dataset ``d``, ``workers`` datasets at a time (default
    as many as there are cores, at most 2), the most months first; then build the site of
    every dataset under ``reports``. The month folders published, in the datasets' order.
    A dataset that fails leaves the others published; its error is raised once the site
    holds those (``console`` has said which failed)."""
    from bulletin.publish.runner import Steps, checked_site

    def say(line: str) -> None:
        console.print(line, highlight=False)

    reports, site = Path(reports).resolve(), resolved_beside(site)
    count = len(datasets)
    order = sorted(range(count), key=lambda i: -len(months[datasets[i]]))  # longest first
    workers = workers or max(1, min(2, os.cpu_count() or 1))
    context = multiprocessing.get_context("spawn")
    results: dict[int, tuple[list[Path], str | None]] = {}
    with ProcessPoolExecutor(max_workers=min(workers, count), mp_context=context) as pool:
        futures = {i: pool.submit(_publish_dataset, datasets[i], months[datasets[i]],
                                  f"{i + 1}/{count}", reports, root) for i in order}
        for i in order:
            results[i] = futures[i].result()
    failed = [(datasets[i].name, results[i][1]) for i in range(count) if results[i][1]]
    for name, error in failed:
        say(f"[bold red]{name} 发布失败：其他数据集已发布，本数据集未改动。[/]")
    published = [folder for i in range(count) for folder in results[i][0]]
    if published:  # the months this run scanned (each with its month): not scanned again
        scanned = {f"{folder.parent.name}/{folder.name}" for folder in published}
        Steps(console)("重建网站（目录、趋势、各月页面）…", "site", lambda: replace_dir(
            site, lambda fresh: checked_site(reports, fresh, None, previous=site,
                                             scanned=scanned), say))
    if failed:
        raise PublishError("；".join(f"{name}：{error}" for name, error in failed))
    return published

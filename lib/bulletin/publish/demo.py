"""``bulletin demo``: every sample dataset published, two at a time, then one site.

Each dataset's months are published by ``publish_many`` without a site (executed,
typeset, scanned, committed under that dataset's own lock), in one of ``workers``
processes (a spawned interpreter each: typst and vl-convert hold the interpreter lock, and
polars' thread pool does not survive a fork); the site of every dataset is built once,
from reports/, when all are done — the same pages as a publish per dataset building it in
turn (``site.reuse``: a page is made from its inputs only). On 2 cores the months of two
datasets are made at the same time. Every line a worker prints — its progress, and
whatever its notebook kernels print to their stderr — is prefixed with its dataset's name.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Self

from bulletin.core.errors import BulletinError, PublishError
from bulletin.publish.fs import replace_dir, resolved_beside


class _Prefixed:
    """Every line written to this process's stdout or stderr — by Python, by a C library,
    or by a process started here that inherits them (the notebook's kernel: its own log,
    a Rust panic, a library's warning) — passed on to the stderr it had, after ``prefix``,
    while in use (``with``). The two descriptors are pointed at a pipe read by a thread,
    which writes each complete line at once (two workers' lines interleave whole, each
    saying whose it is); leaving, they are restored and the rest of the pipe is passed on
    (a line without its end ends where the pipe does)."""

    def __init__(self, prefix: str):
        self.prefix = prefix.encode()

    def __enter__(self) -> Self:
        sys.stdout.flush()
        sys.stderr.flush()
        self.out = os.dup(2)  # where the lines go: the stderr this worker was given
        read, write = os.pipe()
        self.saved = {fd: os.dup(fd) for fd in (1, 2)}
        for fd in (1, 2):
            os.dup2(write, fd)
        os.close(write)  # the pipe ends once 1, 2 and every child's copies are closed
        self.reader = threading.Thread(target=self._pass_on, args=(read,), daemon=True)
        self.reader.start()
        return self

    def _pass_on(self, read: int) -> None:
        pending = b""
        while chunk := os.read(read, 65536):
            *lines, pending = (pending + chunk).split(b"\n")
            if lines:
                os.write(self.out, b"".join(self.prefix + line + b"\n" for line in lines))
        if pending:
            os.write(self.out, self.prefix + pending + b"\n")
        os.close(read)
        os.close(self.out)

    def __exit__(self, *_) -> None:
        sys.stdout.flush()
        sys.stderr.flush()
        for fd, saved in self.saved.items():
            os.dup2(saved, fd)
            os.close(saved)
        # a kernel still holding the pipe (not stopped yet): its lines keep the prefix,
        # the thread ends with it
        self.reader.join(timeout=5)


def _publish_dataset(folder: Path, months: list[str], number: str, reports: Path,
                     root: Path | None) -> tuple[list[Path], str | None]:
    """One dataset's months published (in a worker): their folders, or the error said.
    Everything the worker and its kernels print carries the dataset's name."""
    with _Prefixed(f"[{folder.name}] "):
        return _publish_prefixed(folder, months, number, reports, root)


def _publish_prefixed(folder: Path, months: list[str], number: str, reports: Path,
                      root: Path | None) -> tuple[list[Path], str | None]:
    from rich.console import Console

    from bulletin.publish.kernel import EarlyKernel

    # starts while this worker imports the renderers (the first time)
    kernel = EarlyKernel(dataset=folder)
    from bulletin.publish.runner import publish_many

    # lines only: no status spinner, no colours (the stream is a pipe)
    console = Console(file=sys.stderr, highlight=False, soft_wrap=True, force_terminal=False)
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

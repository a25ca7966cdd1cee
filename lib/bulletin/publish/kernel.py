"""A month's notebook executed by papermill in its kernel (``execute_month``); the first
month's kernel launched as a run starts, not once its month folder exists.

A kernel takes a second of CPU before it runs the month's own work: IPython starting
(~0.5 s) and the bulletin's library imported by the notebook's first cell (~0.6 s). The
first month of a run otherwise launches it only after ``bulletin publish`` has imported
its renderers, checked the inputs and taken its locks; launched at the start, the kernel
starts and imports the library (IPython's ``exec_lines``, run before the kernel answers,
outside the notebook: no cell, no output, no execution count) while this process does
that. papermill then executes the notebook in it (``km``) as in a kernel of its own, after
a silent ``os.chdir`` into the month folder (where a kernel papermill launches starts).
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import threading
from functools import cache
from pathlib import Path
from typing import Self

from bulletin.core.errors import PublishError

# What the template's first cell imports (notebooks/bulletin.ipynb), imported at start-up.
PRELOAD = ("bulletin.report.pipeline", "bulletin.report.sections")


class EarlyKernel:
    """A python3 kernel launched now (IPC sockets in a folder of its own), to be adopted by
    one notebook run (``adopt``) and shut down after it, or unused (``shutdown``)."""

    def __init__(self, preload: tuple[str, ...] = PRELOAD):
        from jupyter_client import AsyncKernelManager

        self.sockets = Path(tempfile.mkdtemp(prefix="bulletin-kernel-"))
        self.km = AsyncKernelManager(kernel_name="python3", transport="ipc",
                                     ip=str(self.sockets / "kernel"))
        # as nbclient starts a kernel (history in memory), with the library imported
        arguments = ["--HistoryManager.hist_file=:memory:",
                     *[f"--IPKernelApp.exec_lines=import {module}" for module in preload]]
        asyncio.run(self.km.start_kernel(extra_arguments=arguments, cwd=str(self.sockets)))
        self.taken = self.stopped = False

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_) -> None:
        self.shutdown()

    def adopt(self, folder: Path):
        """The kernel manager for papermill's ``km``, its kernel moved into ``folder``;
        None when it was taken already or is no longer alive (papermill launches one)."""
        if self.taken:
            return None
        self.taken = True
        Path(folder).mkdir(parents=True, exist_ok=True)
        km = asyncio.run(self._moved(Path(folder)))
        if km is None:
            self.shutdown()
        return km

    async def _moved(self, folder: Path):
        if not await self.km.is_alive():
            return None
        client = self.km.client()
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=60)
            reply = await client.execute_interactive(
                f"import os as _os; _os.chdir({str(folder)!r}); del _os", silent=True,
                store_history=False, timeout=60)
        except (RuntimeError, TimeoutError):  # it died, or never answered: papermill's own
            return None
        finally:
            client.stop_channels()
        return self.km if reply["content"]["status"] == "ok" else None

    def shutdown(self) -> None:
        """Stop the kernel (once the notebook ran in it, or when it was never used); again,
        nothing."""
        if self.stopped:
            return
        self.stopped = True
        try:
            asyncio.run(self._stopped())
        finally:
            shutil.rmtree(self.sockets, ignore_errors=True)

    async def _stopped(self) -> None:
        try:
            if await self.km.is_alive():
                await self.km.shutdown_kernel()
        finally:
            await self.km.cleanup_resources()


# This thread's ``ahead`` part of publish_many (runner._ahead): ``started``, the Event to
# set once the notebook's kernel process is launched (publish.staging then loads the
# renderers here, while the kernel starts, not while it waits for the next cell), and
# ``early``, the run's EarlyKernel (or None).
AHEAD = threading.local()


@cache
def _launch_signalling():
    """papermill's kernel manager, setting ``AHEAD.started`` once the kernel is launched."""
    from jupyter_client import AsyncKernelManager

    class LaunchSignalling(AsyncKernelManager):
        async def _async_launch_kernel(self, kernel_cmd, **kw) -> None:
            await super()._async_launch_kernel(kernel_cmd, **kw)
            started = getattr(AHEAD, "started", None)
            if started is not None:
                started.set()

    return LaunchSignalling


def execute_month(dataset: Path, month: str, folder: Path, notebook: Path) -> Path:
    """papermill the template into ``folder`` (parameters dataset, month, out_dir=folder).

    The kernel runs in the folder, with absolute paths: papermill's own, or the one the run
    launched as it started (``AHEAD.early``, this thread's: the first month's), stopped
    once the notebook ran. A failed run's notebook is kept beside the month folder as
    <month>.failed.ipynb, for the analyst to read.
    """
    import papermill as pm
    from traitlets.config import Config

    from bulletin.publish.notebook import NOTEBOOK_NAME  # not before the kernel is launched
    from bulletin.publish.quarto import front_matter

    folder = Path(folder).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    early: EarlyKernel | None = getattr(AHEAD, "early", None)
    km = early.adopt(folder) if early is not None else None
    if km is not None and getattr(AHEAD, "started", None) is not None:
        AHEAD.started.set()  # launched already
    sockets = Path(tempfile.mkdtemp(prefix="bulletin-kernel-"))
    try:
        pm.execute_notebook(
            str(notebook), str(folder / NOTEBOOK_NAME), kernel_name="python3",
            parameters={"dataset": str(Path(dataset).resolve()), "month": month,
                        "out_dir": str(folder)},
            progress_bar=False,
            # The kernel is started in the folder (nbclient's resources path), not this
            # process moved there: publish runs the notebook in a thread (publish.staging).
            resources={"metadata": {"path": str(folder)}},
            kernel_manager_class=_launch_signalling(),
            # The kernel talks over local IPC sockets: no TCP port opens on the analyst's
            # machine (and ipykernel has nothing to warn about in the progress output).
            # Their path is absolute: the kernel's working folder is not this process's.
            config=Config({"KernelManager": {"transport": "ipc", "ip": str(sockets / "kernel")}}),
            **({"km": km} if km is not None else {}))
    except pm.PapermillExecutionError as error:
        kept = folder.parent / f"{month}.failed.ipynb"
        shutil.copy2(folder / NOTEBOOK_NAME, kept)
        raise PublishError(f"执行笔记本 {notebook}（{month}）第 {error.exec_count} 个单元格出错："
                           f"{error.ename}: {error.evalue}；出错的笔记本见 {kept}") from error
    finally:
        shutil.rmtree(sockets, ignore_errors=True)
        if km is not None:
            early.shutdown()
    if not (folder / "meta.json").is_file():
        raise PublishError(f"笔记本执行完毕但没有写出 meta.json（{month}）")
    front_matter(folder)
    return folder

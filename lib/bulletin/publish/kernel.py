"""A month's notebook executed by papermill in its kernel (``execute_month``); the first
month's kernel launched as a run starts, not once its month folder exists.

A kernel takes a second of CPU before it runs the month's own work: IPython starting
(~0.5 s) and the bulletin's library imported by the notebook's first cell (~0.6 s). The
first month of a run otherwise launches it only after ``bulletin publish`` has imported
its renderers, checked the inputs and taken its locks; launched at the start, the kernel
starts and imports the library (IPython's ``exec_lines``, run before the kernel answers,
outside the notebook: no cell, no output, no execution count) while this process does
that. papermill then executes the notebook in it (``km``) as in a kernel of its own, after
a silent ``os.chdir`` into the month folder (where a kernel papermill launches starts),
sent once its client finds the kernel ready: papermill reads and prepares the notebook
while the kernel starts.

That kernel is not stopped once the notebook ran: it has the library and the chart engine
loaded, and makes the month's Word file (``EarlyKernel.word``: ``make_docx``, silently,
outside the notebook, whose outputs are written by then) while this process makes its
PDF — on the other core. Then it is stopped without this process waiting for it to exit
(``shutdown(wait=False)``); the run waits for that at its very end.

What a kernel costs beside the month's own work, cut here: the client's wait for IOPub
to be quiet before the first cell (0.2 s, ``_ready_client``), the notebook written after
every cell (papermill's ``request_save_on_cell_execute``), a kernel papermill launched
asked to exit and waited for (it is stopped at once).
"""

from __future__ import annotations

import asyncio
import json
import queue
import shutil
import tempfile
import threading
import time
from functools import cache
from pathlib import Path
from typing import Self

from bulletin.core.errors import PublishError

# What the template's first cell imports (notebooks/bulletin.ipynb), imported at start-up.
PRELOAD = ("bulletin.report.pipeline", "bulletin.report.sections")


def warm(dataset: str | None = None) -> None:
    """Run in the kernel as it starts (``EarlyKernel``): in threads of their own, beside
    the cells, what they would otherwise wait for — vl-convert's engine (the charts,
    ``report.charts.warm_engine``), and once the first cell has run, the font families of
    ``dataset``'s folders (the review's font line, ``core.fonts.find_faces``: typst scans
    every font file; before, it held up the kernel's start). Both let go of the
    interpreter while they work. Only a head start: what fails here is met again, and
    reported, where it is needed."""
    from IPython import get_ipython

    from bulletin.core.fonts import dataset_font_folders, find_faces
    from bulletin.report.charts import warm_engine

    warm_engine()
    shell = get_ipython()
    if dataset is None or shell is None:
        return

    def fonts() -> None:
        try:
            find_faces(dataset_font_folders(Path(dataset)))
        except Exception:  # noqa: BLE001, S110 — see above
            pass

    def after_first_cell(*_) -> None:
        shell.events.unregister("post_run_cell", after_first_cell)
        threading.Thread(target=fonts, name="warm fonts", daemon=True).start()

    shell.events.register("post_run_cell", after_first_cell)


def _warm_line(dataset: Path | None) -> str:
    """``warm`` as the kernel's last start-up line: statements, which show nothing."""
    where = str(Path(dataset).resolve()) if dataset is not None else None
    return f"from bulletin.publish.kernel import warm as _w; _w({where!r}); del _w"


class EarlyKernel:
    """A python3 kernel launched now (IPC sockets in a folder of its own), to be adopted by
    one notebook run (``adopt``), then to make that month's Word file (``word``) and stop,
    or stopped unused (``shutdown``)."""

    def __init__(self, preload: tuple[str, ...] = PRELOAD, dataset: Path | None = None):
        from jupyter_client import AsyncKernelManager

        self.sockets = Path(tempfile.mkdtemp(prefix="bulletin-kernel-"))
        self.km = AsyncKernelManager(kernel_name="python3", transport="ipc",
                                     ip=str(self.sockets / "kernel"))
        # as nbclient starts a kernel (history in memory), with the library imported
        arguments = ["--HistoryManager.hist_file=:memory:",
                     *[f"--IPKernelApp.exec_lines=import {module}" for module in preload],
                     f"--IPKernelApp.exec_lines={_warm_line(dataset)}"]
        self.km.client_factory = _ready_client()
        asyncio.run(self.km.start_kernel(extra_arguments=arguments, cwd=str(self.sockets)))
        self.taken = False
        self.ran: Path | None = None  # the month folder whose notebook ran in it (``word``)
        self._lock = threading.Lock()
        self._stopper: threading.Thread | None = None
        self._stop_error: BaseException | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_) -> None:
        self.shutdown()

    def adopt(self, folder: Path) -> dict:
        """papermill's arguments to run a notebook in this kernel — its manager (``km``)
        and, once its client finds the kernel ready, a silent ``os.chdir`` into ``folder``
        before the first cell (``on_notebook_start``) — so papermill reads and prepares the
        notebook while the kernel is still starting. Nothing ({}: papermill launches one)
        when it was taken already or is no longer alive."""
        if self.taken:
            return {}
        self.taken = True
        if not asyncio.run(self.km.is_alive()):
            self.shutdown()
            return {}
        Path(folder).mkdir(parents=True, exist_ok=True)
        code = f"import os as _os; _os.chdir({str(Path(folder).resolve())!r}); del _os"

        async def moved(**_) -> None:
            status = await silently(self.km, code, timeout=60)
            if status != "ok":
                raise PublishError(f"无法在笔记本的内核中进入月份文件夹 {folder}（{status}）")

        return {"km": self.km, "on_notebook_start": moved}

    def word(self, folder: Path, rendered: dict[str, str] | None = None) -> InKernel | None:
        """``make_docx(folder)`` started in the kernel, which then stops: None unless the
        notebook of ``folder`` ran in it (``execute_month`` says so) and it was not stopped
        since. The caller makes the Word file itself when this gives None or fails.
        ``rendered``: the month's texts rendered here (``notebook.rendered_html``), which
        the kernel then need not load nbconvert to render."""
        folder = Path(folder).resolve()
        with self._lock:
            if self.ran != folder or self._stopper is not None:
                return None
            self.ran = None  # one Word file
        texts = json.dumps(rendered or {}, ensure_ascii=False)
        code = ("import json as _json\n"
                "from bulletin.publish.notebook import remember_html as _bulletin_html\n"
                "from bulletin.publish.word import make_docx as _bulletin_docx\n"
                f"_bulletin_html(_json.loads({texts!r}))\n"
                f"_bulletin_docx({str(folder)!r})\n"
                "del _json, _bulletin_html, _bulletin_docx\n"
                # its work done: it exits without its last collection (as cli.published)
                "import gc as _gc\n_gc.freeze()")
        return InKernel(self.km, code, then=lambda: self.shutdown(wait=False))

    def shutdown(self, wait: bool = True) -> None:
        """Stop the kernel (once it has done its work, or when it was never used), in a
        thread; ``wait``: until it has exited and its sockets are removed (an error doing
        so raised here). Again, nothing more."""
        with self._lock:
            if self._stopper is None:
                self._stopper = threading.Thread(target=self._stop, name="kernel stop")
                self._stopper.start()
        if wait:
            self._stopper.join()
            error, self._stop_error = self._stop_error, None
            if error is not None:
                raise error

    def _stop(self) -> None:
        try:
            asyncio.run(self._stopped())
        except BaseException as error:  # noqa: BLE001 — raised by the shutdown that waits
            self._stop_error = error
        finally:
            shutil.rmtree(self.sockets, ignore_errors=True)

    async def _stopped(self) -> None:
        try:
            if await self.km.is_alive():
                await self.km.shutdown_kernel()
        finally:
            await self.km.cleanup_resources()


async def silently(km, code: str, timeout: float | None = None) -> str:
    """``code`` run in the kernel of ``km`` as a silent request (no output, no execution
    count, no history), waiting for its reply: "ok", "error" (it raised), "dead" (the
    kernel is gone) or "timeout" (no reply within ``timeout`` seconds). Its own client: the
    reply alone is read (no kernel_info first: its reply waits 0.2 s for IOPub).

    The client's session is its own: the manager's copy would number its messages from 0
    again, as papermill's client, connected at the same time, does — the kernel's replies
    and outputs would answer both (papermill then waits for its cell in vain)."""
    from jupyter_client.session import new_id

    deadline = None if timeout is None else time.monotonic() + timeout
    session = km.session.clone()
    session.session = new_id()
    client = km.client(session=session)
    client.start_channels(iopub=False, stdin=False, hb=False, control=False)
    try:
        msg_id = client.execute(code, silent=True, store_history=False, allow_stdin=False)
        while True:
            try:
                reply = await client.get_shell_msg(timeout=1)
            except queue.Empty:
                if not await km.is_alive():
                    return "dead"
                if deadline is not None and time.monotonic() > deadline:
                    return "timeout"
                continue
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply["content"]["status"]
    finally:
        client.stop_channels()


class InKernel:
    """``code`` run silently in the kernel of ``km`` (``silently``) from a thread of
    this process, then ``then()``; ``wait()`` is True once it ran without error, False
    when it raised or the kernel died; ``elapsed()`` is how long it took."""

    def __init__(self, km, code: str, then=None):
        self.ok = False
        self.started, self.finished = time.perf_counter(), None
        self.done = threading.Event()
        threading.Thread(target=self._run, args=(km, code, then), name="in kernel",
                         daemon=True).start()

    def _run(self, km, code: str, then) -> None:
        try:
            self.ok = asyncio.run(silently(km, code)) == "ok"
        except Exception:  # noqa: BLE001, S110 — not ok: the caller does it itself
            pass
        finally:
            self.finished = time.perf_counter()
            self.done.set()
            if then is not None:
                then()

    def wait(self) -> bool:
        self.done.wait()
        return self.ok

    def elapsed(self) -> float:
        return (self.finished or time.perf_counter()) - self.started


# This thread's ``ahead`` part of publish_many (runner._ahead): ``started``, the Event to
# set once the notebook's kernel process is launched (publish.staging then loads the
# renderers here, while the kernel starts, not while it waits for the next cell), and
# ``early``, the run's EarlyKernel (or None).
AHEAD = threading.local()


@cache
def _ready_client():
    """The kernel client papermill's gets (from the kernel managers here): jupyter_client's,
    but ready once the kernel has answered kernel_info and IOPub is connected — without then
    reading IOPub until it has been quiet for 0.2 s. nbclient reads, of IOPub, only the
    messages of the cell it runs; what was left is skipped as it was."""
    from jupyter_client.asynchronous import AsyncKernelClient

    class ReadyClient(AsyncKernelClient):
        async def wait_for_ready(self, timeout: float | None = None) -> None:
            deadline = None if timeout is None else time.monotonic() + timeout
            while True:
                self.kernel_info()
                try:
                    msg = await self.shell_channel.get_msg(timeout=1)
                except queue.Empty:
                    pass
                else:
                    if msg["msg_type"] == "kernel_info_reply":
                        try:  # IOPub connected: the kernel's status of that request
                            await self.iopub_channel.get_msg(timeout=0.2)
                        except queue.Empty:
                            pass
                        else:
                            self._handle_kernel_info_reply(msg)
                            return
                if not await self._async_is_alive():
                    raise RuntimeError("Kernel died before replying to kernel_info")
                if deadline is not None and time.monotonic() > deadline:
                    raise RuntimeError(f"Kernel didn't respond in {timeout:g} seconds")

    return ReadyClient


@cache
def _launch_signalling():
    """papermill's kernel manager, setting ``AHEAD.started`` once the kernel is launched;
    its client ready without waiting for IOPub to be quiet (``_ready_client``)."""
    from jupyter_client import AsyncKernelManager

    class LaunchSignalling(AsyncKernelManager):
        def __init__(self, **kw) -> None:
            super().__init__(**kw)
            self.client_factory = _ready_client()

        async def _async_launch_kernel(self, kernel_cmd, **kw) -> None:
            await super()._async_launch_kernel(kernel_cmd, **kw)
            started = getattr(AHEAD, "started", None)
            if started is not None:
                started.set()

    return LaunchSignalling


def execute_month(dataset: Path, month: str, folder: Path, notebook: Path) -> Path:
    """papermill the template into ``folder`` (parameters dataset, month, out_dir=folder).

    The kernel runs in the folder, with absolute paths: papermill's own, or the one the run
    launched as it started (``AHEAD.early``, this thread's: the first month's), kept once
    the notebook ran for the month's Word file (``EarlyKernel.word``), stopped when it
    failed. A failed run's notebook is kept beside the month folder as
    <month>.failed.ipynb, for the analyst to read.
    """
    import papermill as pm
    from traitlets.config import Config

    from bulletin.publish.notebook import NOTEBOOK_NAME  # not before the kernel is launched
    from bulletin.publish.quarto import front_matter

    folder = Path(folder).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    early: EarlyKernel | None = getattr(AHEAD, "early", None)
    if early is not None and not early.taken and getattr(AHEAD, "started", None) is not None:
        AHEAD.started.set()  # launched already: the renderers load while it starts
    adopted = early.adopt(folder) if early is not None else {}
    sockets = Path(tempfile.mkdtemp(prefix="bulletin-kernel-"))
    ran = False
    try:
        pm.execute_notebook(
            str(notebook), str(folder / NOTEBOOK_NAME), kernel_name="python3",
            parameters={"dataset": str(Path(dataset).resolve()), "month": month,
                        "out_dir": str(folder)},
            progress_bar=False,
            # written once, when it has run (or failed), not after every cell
            request_save_on_cell_execute=False,
            # papermill's own kernel stopped at once once the notebook ran (its files are
            # written and closed by then): not asked to exit and waited for (0.3–0.5 s)
            shutdown_kernel="immediate",
            # The kernel is started in the folder (nbclient's resources path), not this
            # process moved there: publish runs the notebook in a thread (publish.staging).
            resources={"metadata": {"path": str(folder)}},
            kernel_manager_class=_launch_signalling(),
            # The kernel talks over local IPC sockets: no TCP port opens on the analyst's
            # machine (and ipykernel has nothing to warn about in the progress output).
            # Their path is absolute: the kernel's working folder is not this process's.
            config=Config({"KernelManager": {"transport": "ipc", "ip": str(sockets / "kernel")}}),
            **adopted)
        ran = True
    except pm.PapermillExecutionError as error:
        kept = folder.parent / f"{month}.failed.ipynb"
        shutil.copy2(folder / NOTEBOOK_NAME, kept)
        raise PublishError(f"执行笔记本 {notebook}（{month}）第 {error.exec_count} 个单元格出错："
                           f"{error.ename}: {error.evalue}；出错的笔记本见 {kept}") from error
    finally:
        shutil.rmtree(sockets, ignore_errors=True)
        if adopted:
            if ran:
                early.ran = folder  # kept for the month's Word file (``EarlyKernel.word``)
            else:
                early.shutdown()
    if not (folder / "meta.json").is_file():
        raise PublishError(f"笔记本执行完毕但没有写出 meta.json（{month}）")
    front_matter(folder)
    return folder

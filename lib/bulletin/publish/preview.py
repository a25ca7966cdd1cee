"""``bulletin preview``: a month's page on this machine while the analyst writes.

Like ``quarto preview``: the month is built, served on 127.0.0.1 and built again whenever a
file of the dataset folder (notes, dataset.yml, units.csv, the input tables, …) or the
notebook template is saved; the open page reloads itself. Beside the draft stands the
month's review (核查清单), for the analyst only: everything is built in a temporary folder,
removed when the preview stops — never in reports/ nor in a site.

The month is built in this process, without a kernel: the template's cells run in an IPython
shell of its own (``NotebookShell``), their outputs kept as a kernel's would be; the executed
notebook, meta.json and review.md then go through the site build of ``bulletin publish``, so
the page is what readers would get (no PDF, no Word file). A loss of the inputs that publish
would refuse (publish.gates) does not stop the draft: it heads the review pane and the
notices, as not accepted. A build that fails (a bad input)
leaves the last good draft on the page, the error above it as the library words it (file,
row, column).
"""

from __future__ import annotations

import io
import json
import mimetypes
import os
import shutil
import tempfile
import threading
import time
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import nbformat
from jinja2 import Environment, FileSystemLoader, select_autoescape
from rich.markup import escape

from bulletin.core.errors import BulletinError, PublishError
from bulletin.publish.gates import NOT_ACCEPTED, unaccepted
from bulletin.publish.notebook import NOTEBOOK_NAME, read_report
from bulletin.publish.personal import leaks
from bulletin.publish.site import REVIEW_PAGE, build_site, write_review_page

TEMPLATES = Path(__file__).parent / "templates" / "preview"

# How often the dataset folder is looked at (seconds), and how long a save must have been
# quiet before the month is built (an editor writing a file in several steps).
INTERVAL = 0.2
SETTLE = 0.15


class NotebookShell:
    """The notebook template executed in this process: one IPython shell, kept between
    runs (the library stays imported), its namespace emptied before each run. Displays and
    a cell's last value are kept as the kernel's display_data and execute_result outputs;
    printed text is not (the published outputs leave it out too)."""

    def __init__(self) -> None:
        from IPython.core.displayhook import DisplayHook
        from IPython.core.displaypub import DisplayPublisher
        from IPython.core.interactiveshell import InteractiveShell
        from traitlets.config import Config

        outputs: list = []

        class Publisher(DisplayPublisher):
            def publish(self, data, metadata=None, source=None, *, transient=None,
                        update=False, **kwargs) -> None:
                outputs.append(nbformat.v4.new_output(
                    "display_data", data=data, metadata=metadata or {}))

        class Results(DisplayHook):
            def write_output_prompt(self) -> None:
                pass

            def write_format_data(self, format_dict, md_dict=None) -> None:
                outputs.append(nbformat.v4.new_output(
                    "execute_result", data=format_dict, metadata=md_dict or {},
                    execution_count=self.shell.execution_count))

            def finish_displayhook(self) -> None:
                self._is_active = False

        # no history file written: nothing of the preview outlives it
        config = Config({"HistoryManager": {"hist_file": ":memory:"}})
        self.shell = InteractiveShell.instance(config=config)
        self.shell.display_pub = Publisher(shell=self.shell)
        # no Out[] cache: results are not kept between runs (nor collected at each reset)
        self.shell.displayhook = Results(shell=self.shell, cache_size=0)
        self.shell.display_trap.hook = self.shell.displayhook
        self.outputs = outputs

    def run(self, template: Path, parameters: dict, target: Path) -> None:
        """Execute ``template`` with ``parameters`` (injected after its ``parameters`` cell,
        as papermill does) and write it with its outputs to ``target``; a cell that fails
        stops the run with a PublishError naming it (a BulletinError is its own message)."""
        nb = nbformat.read(template, as_version=4)
        injected = nbformat.v4.new_code_cell(
            "\n".join(f"{key} = {value!r}" for key, value in parameters.items()),
            metadata={"tags": ["injected-parameters"]})
        at = next((i + 1 for i, c in enumerate(nb.cells)
                   if "parameters" in c.metadata.get("tags", [])), 0)
        nb.cells.insert(at, injected)
        self.shell.reset(new_session=False)
        number = 0
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            number += cell is not injected  # the template's own cells are counted
            self.outputs.clear()
            with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
                result = self.shell.run_cell(cell.source, store_history=True)
            cell.outputs, cell.execution_count = list(self.outputs), self.shell.execution_count - 1
            error = result.error_before_exec or result.error_in_exec
            if isinstance(error, KeyboardInterrupt):
                raise error
            if error is not None:
                if isinstance(error, BulletinError):
                    raise PublishError(str(error)) from error
                raise PublishError(f"通报笔记本 {template} 的第 {number} 个代码单元格出错："
                                   f"{type(error).__name__}: {error}") from error
        nbformat.write(nb, target)


@dataclass
class Draft:
    """A month built: its site (the month page under ``page``) and its review page."""

    site: Path
    page: str
    review: Path
    notices: list[str]


def build_draft(shell: NotebookShell, dataset: Path, month: str, template: Path,
                work: Path) -> Draft:
    """The month built into the empty folder ``work``: reports/<dataset>/<month>/ as the
    notebook writes it (out_dir), the review page beside it, and a site of that month alone."""
    name = dataset.name
    folder = work / "reports" / name / month
    folder.mkdir(parents=True)
    shell.run(template, {"dataset": str(dataset), "month": month, "out_dir": str(folder)},
              folder / NOTEBOOK_NAME)
    read_report(folder)  # what publish checks of an executed month (meta.json, outputs)
    losses = unaccepted(dataset, month, folder)  # the gates of publish: a draft may have them
    site = build_site(work / "reports", work / "site", datasets=[name])
    review = write_review_page(folder, losses, NOT_ACCEPTED)
    if review is None:
        review = folder / REVIEW_PAGE
        review.write_text("<p>笔记本没有写出核查清单（review.md）。</p>", encoding="utf-8")
    found = leaks(site / month, documents=False, shown=Path(name) / month)  # its own site
    notices = [f"{NOT_ACCEPTED}：{text}" for text in losses]
    notices += [f"发布时将被拒绝：页面中含有个人信息 {line}" for line in found]
    return Draft(site, f"{month}/index.html", review, notices)


def snapshot(paths: list[Path]) -> dict[str, tuple[int, int]]:
    """Every file under ``paths`` (folders walked, hidden entries and editors' lock files
    skipped) with its modification time and size: two snapshots differ once a file was
    saved, added or removed."""
    found = {}
    for root in paths:
        files = [root] if root.is_file() else root.rglob("*")
        for path in files:
            parts = path.relative_to(root).parts if path != root else (path.name,)
            if any(p.startswith((".", "~$", "#")) or p.endswith("~") for p in parts):
                continue
            try:
                stat = path.stat()
            except OSError:  # removed while walking
                continue
            if path.is_file():
                found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


@dataclass
class State:
    """What the server shows: the last good draft, the error of the last build if it
    failed; ``version`` counts the good builds (the page reloads when it changes)."""

    name: str
    month: str
    version: int = 0
    draft: Draft | None = None
    error: str = ""
    building: bool = True
    seconds: float = 0.0
    built: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def status(self) -> dict:
        with self.lock:
            draft = self.draft
            return {"version": self.version, "error": self.error, "building": self.building,
                    "seconds": round(self.seconds, 1), "built": self.built,
                    "draft": f"draft/{quote(draft.page)}" if draft else "",
                    "notices": draft.notices if draft else []}


def page_html(state: State) -> str:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    return env.get_template("preview.html").render(name=state.name, month=state.month)


def make_server(state: State, port: int) -> ThreadingHTTPServer:
    """The preview's server on 127.0.0.1 (``port`` 0: a free one). It answers a request
    naming this machine only (no other site can reach it through its own name), and serves
    the page, its status, the draft's site and the review; nothing else of the disk."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # http.server names it
            host = self.headers.get("Host", "")
            if host not in {f"127.0.0.1:{self.server.server_port}",
                            f"localhost:{self.server.server_port}"}:
                return self.refuse(403, "只接受本机地址（127.0.0.1、localhost）的访问")
            path = unquote(urlsplit(self.path).path)
            with state.lock:
                draft = state.draft
            if path == "/":
                return self.reply(page_html(state).encode(), "text/html; charset=utf-8")
            if path == "/status":
                return self.reply(json.dumps(state.status(), ensure_ascii=False).encode(),
                                  "application/json; charset=utf-8")
            if draft is not None and path == f"/{REVIEW_PAGE}":
                return self.file(draft.review)
            if draft is not None and path.startswith("/draft/"):
                target = (draft.site / path.removeprefix("/draft/")).resolve()
                if target.is_relative_to(draft.site.resolve()):
                    return self.file(target / "index.html" if target.is_dir() else target)
            self.refuse(404, "没有这个页面")

        def file(self, path: Path) -> None:
            try:
                body = path.read_bytes()
            except OSError:  # gone with an older draft, or never there
                return self.refuse(404, "没有这个文件（稿件已重新生成，请刷新页面）")
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            self.reply(body, kind + ("; charset=utf-8" if kind.startswith("text/") else ""))

        def refuse(self, code: int, text: str) -> None:
            self.reply(f"<!DOCTYPE html><meta charset=utf-8><p>{text}</p>".encode(),
                       "text/html; charset=utf-8", code)

        def reply(self, body: bytes, kind: str, code: int = 200) -> None:
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args) -> None:  # the console stays quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    return server


class Preview:
    """A month of a dataset, built into ``work`` whenever its inputs change."""

    def __init__(self, state: State, dataset: Path, template: Path, work: Path, say) -> None:
        self.dataset, self.month, self.template, self.work = dataset, state.month, template, work
        self.say, self.state = say, state
        self.shell = NotebookShell()
        self.builds = 0

    def watched(self) -> dict:
        return snapshot([self.dataset, self.template])

    def rebuild(self) -> None:
        """Build the month into a fresh folder; on success it becomes the draft shown (the
        one before is removed), on failure the draft stays and the error is shown."""
        with self.state.lock:
            self.state.building = True
        self.builds += 1
        folder = self.work / f"build-{self.builds}"
        started = time.perf_counter()
        try:
            draft = build_draft(self.shell, self.dataset, self.month, self.template, folder)
        except Exception as error:  # noqa: BLE001 - the server outlives any bad input
            message = str(error) if isinstance(error, BulletinError | OSError) \
                else f"{type(error).__name__}: {error}"
            shutil.rmtree(folder, ignore_errors=True)
            with self.state.lock:
                self.state.error, self.state.building = message, False
            self.say(f"[bold red]生成失败[/]（页面仍显示上次成功生成的稿件）：{escape(message)}")
            return
        seconds = time.perf_counter() - started
        with self.state.lock:
            old = self.state.draft
            self.state.draft, self.state.error, self.state.building = draft, "", False
            self.state.version += 1
            self.state.seconds, self.state.built = seconds, time.strftime("%H:%M:%S")
        if old is not None:  # a request still reading it gets a 404 and the page reloads
            shutil.rmtree(old.site.parent, ignore_errors=True)
        self.say(f"[green]✓[/] 已更新 {self.state.built}（生成 {seconds:.1f} 秒）")
        for notice in draft.notices:
            self.say(f"[yellow]注意[/]：{escape(notice)}")


def serve(dataset: Path, month: str, template: Path, port: int = 0, say=print,
          on_ready=None, stop: threading.Event | None = None) -> None:
    """Serve the preview of ``month`` until Ctrl-C (or ``stop``): build it, then build it
    again after each save. ``on_ready(url, work)`` is called once the server listens."""
    dataset = Path(dataset).resolve()
    if not dataset.is_dir():
        raise PublishError(f"找不到数据集文件夹 {dataset}")
    if not Path(template).is_file():
        raise PublishError(f"找不到通报笔记本模板 {template}")
    stop = stop or threading.Event()
    state = State(dataset.name, month)
    try:
        server = make_server(state, port)
    except OSError as error:
        raise PublishError(f"无法在本机端口 {port} 上启动预览（{os.strerror(error.errno or 0)}）："
                           "该端口可能已被占用；换一个 --port，或不给 --port 自动选择") from error
    threading.Thread(target=server.serve_forever, daemon=True).start()
    work = Path(tempfile.mkdtemp(prefix="bulletin-preview-"))
    try:
        if on_ready is not None:
            on_ready(f"http://127.0.0.1:{server.server_port}/", work)
        _watch(Preview(state, dataset, Path(template).resolve(), work, say), stop)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(work, ignore_errors=True)


def _watch(preview: Preview, stop: threading.Event) -> None:
    """Build now, then whenever the watched files change (once they have been quiet for
    ``SETTLE`` seconds), until ``stop`` is set."""
    seen = preview.watched()
    preview.rebuild()
    while not stop.wait(INTERVAL):
        now = preview.watched()
        if now == seen:
            continue
        while not stop.wait(SETTLE):
            later = preview.watched()
            if later == now:
                break
            now = later
        seen = now
        preview.say(f"文件已改动，重新生成 {preview.month}…")
        preview.rebuild()

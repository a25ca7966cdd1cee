"""notebooks/explore.ipynb run the way an explorer runs it: a real JupyterLab server
(the command of ``make lab``, headless on 127.0.0.1 with a token), the notebook read
through its contents API, a python3 kernel started through its sessions API, and every
cell executed over the kernel's websocket. Its answers are checked against sums worked
out here with plain polars; the notebook in git carries no outputs.

Everything the server, the kernel and IPython write goes under tmp_path (a copy of the
notebook in a throwaway project whose data/ links to the repo's data/). The server's root
is notebooks/, as with ``make lab``.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import time
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pytest

from support.notebook_tables import printed, table
from support.paths import DATA, ROOT
from support.units_csv import busiest_county, units_with_county

websocket = pytest.importorskip("websocket")  # websocket-client, a jupyter-server dependency
nbformat = pytest.importorskip("nbformat")

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
VENV = ROOT / ".venv"
JUPYTER = VENV / "bin" / "jupyter"  # $(BIN)/jupyter of the Makefile
KERNEL = "python3"
DEPARTMENT = "市级部门"
START_TIMEOUT, CELL_TIMEOUT = 90, 180


# ---------------------------------------------------------------- the server


@dataclass
class Server:
    url: str  # http://127.0.0.1:port/
    token: str
    project: Path

    def request(self, method: str, path: str, body: dict | None = None) -> dict | None:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path.lstrip("/"), data=data, method=method,
                                     headers={"Authorization": f"token {self.token}",
                                              "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as resp:
            text = resp.read()
        return json.loads(text) if text else None


def start_server(tmp: Path) -> tuple[subprocess.Popen, Server]:
    project = tmp / "project"
    (project / "notebooks").mkdir(parents=True)
    (project / "_quarto.yml").write_text("")  # a project root, as bulletin finds it
    (project / "data").symlink_to(DATA, target_is_directory=True)
    shutil.copy(NOTEBOOK, project / "notebooks" / NOTEBOOK.name)
    runtime = tmp / "runtime"
    env = {**os.environ,
           "JUPYTER_RUNTIME_DIR": str(runtime), "JUPYTER_CONFIG_DIR": str(tmp / "config"),
           "JUPYTER_DATA_DIR": str(tmp / "jupyter-data"), "IPYTHONDIR": str(tmp / "ipython"),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "workspaces"),
           "JUPYTER_PREFER_ENV_PATH": "1", "JUPYTER_PLATFORM_DIRS": "1"}
    env.pop("JUPYTER_PATH", None)
    token = secrets.token_hex(24)
    log = open(tmp / "server.log", "wb")  # noqa: SIM115 - closed with the server
    # make lab's command, run from the project root, headless on a free local port
    proc = subprocess.Popen(
        [str(JUPYTER), "lab", "--notebook-dir=notebooks", "--no-browser",
         "--ip=127.0.0.1", "--port=0", f"--IdentityProvider.token={token}",
         *(["--allow-root"] if os.geteuid() == 0 else [])],
        cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    proc.log = log
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"jupyter lab exited: {(tmp / 'server.log').read_text()}")
        infos = list(runtime.glob("jpserver-*.json"))
        if infos:
            info = json.loads(infos[0].read_text())
            server = Server(f"http://127.0.0.1:{info['port']}{info['base_url']}", token, project)
            try:
                server.request("GET", "api/status")
                return proc, server
            except OSError:
                pass
        time.sleep(0.2)
    stop_server(proc, None)
    raise AssertionError(f"jupyter lab did not start: {(tmp / 'server.log').read_text()}")


def stop_server(proc: subprocess.Popen, server: Server | None) -> None:
    try:
        if server is not None:
            server.request("POST", "api/shutdown")
        proc.wait(timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    finally:
        proc.log.close()


# ---------------------------------------------------------------- a kernel over its websocket


class Kernel:
    def __init__(self, server: Server, kernel_id: str):
        ws_url = server.url.replace("http://", "ws://", 1)
        self.session = uuid.uuid4().hex
        self.ws = websocket.create_connection(
            f"{ws_url}api/kernels/{kernel_id}/channels?session_id={self.session}",
            header=[f"Authorization: token {server.token}"], timeout=CELL_TIMEOUT)

    def execute(self, code: str) -> tuple[dict, list]:
        """Run code; the execute_reply's content and the cell's outputs (nbformat)."""
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "username": "test", "session": self.session,
                       "msg_type": "execute_request", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "buffers": [], "channel": "shell",
            "content": {"code": code, "silent": False, "store_history": True,
                        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
        }))
        outputs, reply, idle = [], None, False
        while reply is None or not idle:
            msg = json.loads(self.ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["header"]["msg_type"]
            if msg["channel"] == "shell" and kind == "execute_reply":
                reply = msg["content"]
            elif kind == "status":
                idle = msg["content"]["execution_state"] == "idle"
            elif kind in ("stream", "display_data", "execute_result", "error"):
                outputs.append(nbformat.v4.output_from_msg(msg))
        return reply, outputs

    def close(self) -> None:
        self.ws.close()


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """The notebook executed through the server: (executed notebook, kernel facts)."""
    if not JUPYTER.exists():
        pytest.skip(f"{JUPYTER} is missing: run make setup")
    tmp = tmp_path_factory.mktemp("explore")
    proc, server = start_server(tmp)
    try:
        specs = server.request("GET", "api/kernelspecs")
        assert KERNEL in specs["kernelspecs"], specs
        model = server.request("GET", "api/contents/explore.ipynb?content=1")
        nb = nbformat.from_dict(model["content"])
        session = server.request("POST", "api/sessions", {
            "path": "explore.ipynb", "type": "notebook", "name": "explore.ipynb",
            "kernel": {"name": KERNEL}})
        kernel = Kernel(server, session["kernel"]["id"])
        try:
            reply, out = kernel.execute("import os, sys; print(sys.prefix); print(os.getcwd())")
            prefix, cwd = "".join(o["text"] for o in out).split("\n")[:2]
            failures = []
            for cell in nb.cells:
                if cell.cell_type != "code":
                    continue
                reply, cell.outputs = kernel.execute(cell.source)
                cell.execution_count = reply.get("execution_count")
                if reply["status"] != "ok":
                    failures.append((cell.id, reply.get("ename"), reply.get("evalue")))
        finally:
            kernel.close()
            server.request("DELETE", f"api/sessions/{session['id']}")
        # the executed copy, saved through the server beside the copy it ran
        server.request("PUT", "api/contents/explore.executed.ipynb",
                       {"type": "notebook", "format": "json", "content": nb})
    finally:
        stop_server(proc, server)
    assert proc.returncode is not None
    return nb, {"prefix": prefix, "cwd": cwd, "failures": failures, "project": server.project}


# ---------------------------------------------------------------- reading the outputs


def facts_with_units(name: str, month: str) -> pl.DataFrame:
    """The unit_month facts with units.csv's level, order and county, joined here."""
    from bulletin import open_month

    units = units_with_county(DATA / name)
    return open_month(DATA / name, month).facts.join(units, on="unit", how="left")


LATEST = "2021-04"  # the last month of data/synthetic, which the notebook opens


@pytest.fixture(scope="module")
def synthetic() -> pl.DataFrame:
    return facts_with_units("synthetic", LATEST)


# ---------------------------------------------------------------- the tests


def test_every_cell_runs_in_the_projects_kernel(run):
    nb, got = run
    assert got["failures"] == []
    errors = [(c.id, o) for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o["output_type"] == "error"]
    assert errors == []
    assert all(c.execution_count for c in nb.cells if c.cell_type == "code")
    # the kernel is the .venv's python (what make lab gives), in notebooks/ of the project
    assert Path(got["prefix"]).resolve() == VENV.resolve()
    assert Path(got["cwd"]).resolve() == (got["project"] / "notebooks").resolve()
    # the executed copy was written through the server, inside tmp_path
    assert (got["project"] / "notebooks" / "explore.executed.ipynb").is_file()


def test_top_completed_departments(run, synthetic):
    nb, _ = run
    expected = (synthetic.filter((pl.col("month") == LATEST) & (pl.col("level") == DEPARTMENT))
                .sort(["completed", "order"], descending=[True, False]).head(5))
    rows = table(nb, "q4-top-completed")
    assert [(r["名次"], r["单位"], r["办结件"]) for r in rows] == [
        (str(i), u, str(c)) for i, (u, c) in
        enumerate(expected.select("unit", "completed").rows(), start=1)]


def test_county_series_over_every_month(run, synthetic):
    nb, _ = run
    county = busiest_county(synthetic, LATEST)  # the notebook's example, from the data
    assert printed(nb, "q2-county-series").strip() == county
    by_hand = (synthetic.filter(pl.col("county") == county).group_by("month")
               .agg(pl.col("completed", "completed_overdue").sum()).sort("month"))
    rows = table(nb, "q2-county-series")
    assert [(r["月份"], r["办结件"], r["超时办结件"]) for r in rows] == [
        (m, str(c), str(o)) for m, c, o in by_hand.rows()]
    assert len(rows) == 7  # 2020-10 … 2021-04


def test_departments_whose_on_time_rate_fell(run, synthetic):
    nb, _ = run

    def rates(month):
        rows = synthetic.filter((pl.col("month") == month) & (pl.col("level") == DEPARTMENT)
                                & (pl.col("completed") > 0))
        return {u: 1 - o / c for u, c, o in rows.select("unit", "completed",
                                                         "completed_overdue").rows()}

    now, before = rates(LATEST), rates("2021-03")
    fell = sorted((now[u] - before[u], u) for u in now if u in before and now[u] < before[u])
    rows = table(nb, "q1-on-time-fell")
    assert [r["单位"] for r in rows] == [u for _, u in fell]
    assert [float(r["增减"]) for r in rows] == pytest.approx([d for d, _ in fell], abs=1e-6)


def test_overdue_share_and_online_share(run, synthetic):
    nb, _ = run
    month = synthetic.filter(pl.col("month") == LATEST)
    overdue = month.filter(pl.col("completed_overdue") > 0)
    rows = table(nb, "q3-overdue-share")
    assert {r["单位"]: (int(r["办结件"]), int(r["超时办结件"])) for r in rows} == {
        u: (c, o) for u, c, o in overdue.select("unit", "completed", "completed_overdue").rows()}
    shares = [float(r["超时办结件占比"]) for r in rows]
    assert shares == sorted(shares, reverse=True)
    online = (month.filter(pl.col("county").is_not_null()).group_by("county")
              .agg(pl.col("applied", "online_applied").sum()))
    rows = table(nb, "q6-online-share")
    assert {r["范围"]: (int(r["申请件"]), int(r["线上申请"])) for r in rows} == {
        c: (a, o) for c, a, o in online.rows()}


def test_no_stated_totals_in_the_default_dataset(run):
    """data/synthetic states no totals: the check lists none (seed 000's: test_explore_anywhere)."""
    nb, _ = run
    assert table(nb, "q5-stated-totals") == []
    findings = table(nb, "q5-findings")
    assert {r["类别"] for r in findings} == {"overdue", "active_evaluation_low_units"}


def test_the_notebook_in_git_has_no_outputs():
    """Committed as nbstripout leaves it: no outputs, no execution counts (HEAD and the
    index, so that a notebook staged with outputs fails before it is committed)."""
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    rel = NOTEBOOK.relative_to(ROOT).as_posix()
    for rev in ("HEAD", ""):
        text = subprocess.run([git, "-C", str(ROOT), "show", f"{rev}:{rel}"],
                              capture_output=True, text=True, check=True).stdout
        nb = nbformat.reads(text, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert code and all(c.outputs == [] and c.execution_count is None for c in code), rev
        assert nb.metadata.kernelspec.name == KERNEL


def test_the_notebook_asks_its_questions_in_chinese():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    questions = [c.source for c in nb.cells
                 if c.cell_type == "markdown" and c.source.startswith("## 问题")]
    assert len(questions) >= 5

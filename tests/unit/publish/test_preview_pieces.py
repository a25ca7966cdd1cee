"""The pieces of `bulletin preview` (publish.preview) that need no browser: the notebook
template run in-process keeps the outputs a kernel would (display_data, execute_result, in
order; printed text and hidden cells as the published outputs treat them), and stops at a
failing cell naming it; the file watch sees a save, a new file and a removed one but not an
editor's lock file; the server answers this machine's name only and serves the draft and
the review, nothing else of the disk. (tests/e2e/test_preview.py runs the command whole.)
"""

from __future__ import annotations

import http.client
import json
import os
import sys
import threading
from pathlib import Path

import nbformat
import pytest

from bulletin.core.errors import PublishError
from bulletin.publish.notebook import notebook_error
from bulletin.publish.preview import Draft, NotebookShell, State, make_server, snapshot


@pytest.fixture
def shell():
    """The in-process shell, and afterwards the process as it was: IPython's shell stands in
    for __main__ and is a singleton other tests must not find."""
    from IPython.core.interactiveshell import InteractiveShell

    main = sys.modules["__main__"]
    yield NotebookShell()
    sys.modules["__main__"] = main
    InteractiveShell.clear_instance()


def template(path: Path, *cells: tuple[str, list[str]]) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source, metadata={"tags": tags})
                for source, tags in cells]
    nbformat.write(nb, path)
    return path


PARAMETERS = ('dataset = "x"\nmonth = "2000-01"', ["parameters"])


def test_the_template_runs_in_process_with_a_kernels_outputs(shell, tmp_path):
    source = template(
        tmp_path / "t.ipynb", PARAMETERS,
        (("from IPython.display import HTML, Markdown, display\n"
          "display(Markdown(f'**{dataset}** {month}'))\nprint('printed')\n"
          "HTML('<table><tr><td>1</td></tr></table>')"), []),
        ("display(Markdown('hidden'))", ["review"]),
        ("Markdown('quiet');", []),
        ("month + '!'", []))
    target = tmp_path / "out.ipynb"
    shell.run(source, {"dataset": "数据集", "month": "2021-02"}, target)
    nb = nbformat.read(target, as_version=4)
    assert [c.metadata["tags"] for c in nb.cells] == \
        [["parameters"], ["injected-parameters"], [], ["review"], [], []]
    assert nb.cells[1].source == "dataset = '数据集'\nmonth = '2021-02'"
    display, result = nb.cells[2].outputs
    assert display.output_type == "display_data"
    assert display.data["text/markdown"] == "**数据集** 2021-02"  # the injected values
    assert result.output_type == "execute_result" and "<td>1</td>" in result.data["text/html"]
    assert nb.cells[4].outputs == []  # a trailing semicolon shows nothing, as in Jupyter
    assert nb.cells[5].outputs[0].data["text/plain"] == "'2021-02!'"
    assert notebook_error(target) is None  # what publish reads of the notebook: it ran clean


def test_each_run_starts_from_an_empty_namespace(shell, tmp_path):
    first = template(tmp_path / "a.ipynb", PARAMETERS, ("left = 1", []))
    shell.run(first, {}, tmp_path / "a-out.ipynb")
    second = template(tmp_path / "b.ipynb", PARAMETERS, ("left", []))
    with pytest.raises(PublishError, match=r"b\.ipynb 的第 2 个代码单元格出错：NameError"):
        shell.run(second, {}, tmp_path / "b-out.ipynb")


def test_a_failing_cell_stops_the_run_with_its_message(shell, tmp_path):
    source = template(
        tmp_path / "t.ipynb", PARAMETERS,
        (("from bulletin.core.errors import InputError, Problem\n"
          "raise InputError(Problem('units.csv', 3, '单位名称', None, '非空的单位名称'))"), []),
        ("never = 1", []))
    with pytest.raises(PublishError) as raised:
        shell.run(source, {}, tmp_path / "out.ipynb")
    assert str(raised.value) == "文件 units.csv 第 3 行「单位名称」列：非空的单位名称"
    assert not (tmp_path / "out.ipynb").exists()  # nothing half-run is shown
    syntax = template(tmp_path / "s.ipynb", PARAMETERS, ("1 +", []))
    with pytest.raises(PublishError, match="的第 2 个代码单元格出错：SyntaxError"):
        shell.run(syntax, {}, tmp_path / "out.ipynb")


def test_the_watch_sees_saves_new_and_removed_files_not_lock_files(tmp_path):
    dataset, notebook = tmp_path / "ds", tmp_path / "bulletin.ipynb"
    (dataset / "notes").mkdir(parents=True)
    notes = dataset / "notes" / "2021-02.md"
    notes.write_text("一", encoding="utf-8")
    notebook.write_text("{}", encoding="utf-8")
    first = snapshot([dataset, notebook])
    assert set(first) == {str(notes), str(notebook)}
    for name in (".#2021-02.md", "~$units.xlsx", "2021-02.md~", "#2021-02.md#", ".swp"):
        (dataset / "notes" / name).write_text("x", encoding="utf-8")
    (dataset / ".git").mkdir()
    (dataset / ".git" / "index").write_text("x", encoding="utf-8")
    assert snapshot([dataset, notebook]) == first
    os.utime(notes, ns=(first[str(notes)][0] + 10**9,) * 2)  # saved, same size
    assert snapshot([dataset, notebook]) != first
    added = dataset / "tables" / "2021-02" / "01_表.csv"
    added.parent.mkdir(parents=True)
    added.write_text("a\n1\n", encoding="utf-8")
    assert str(added) in snapshot([dataset, notebook])
    notes.unlink()
    assert str(notes) not in snapshot([dataset, notebook])


@pytest.fixture
def server(tmp_path):
    site = tmp_path / "build" / "site"
    (site / "ds" / "2021-02").mkdir(parents=True)
    (site / "ds" / "2021-02" / "index.html").write_text("<p>通报稿</p>", encoding="utf-8")
    (site / "assets").mkdir()
    (site / "assets" / "style.css").write_text("body {}", encoding="utf-8")
    review = tmp_path / "build" / "review.html"
    review.write_text("<p>核查清单</p>", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("不可读", encoding="utf-8")
    state = State("ds", "2021-02", version=1, building=False)
    state.draft = Draft(site, "ds/2021-02/index.html", review, [])
    server = make_server(state, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def get(server, path: str, host: str | None = None) -> tuple[int, str, dict]:
    connection = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=10)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", f"127.0.0.1:{server.server_port}" if host is None else host)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read().decode("utf-8")
    connection.close()
    return response.status, body, dict(response.getheaders())


def test_the_server_serves_the_page_the_draft_and_the_review(server):
    assert server.server_address[0] == "127.0.0.1"  # this machine only
    status, body, headers = get(server, "/")
    assert status == 200 and "通报稿（读者所见）" in body and "核查清单（仅供分析人员）" in body
    assert headers["Cache-Control"] == "no-store"
    status, body, _ = get(server, "/status")
    assert json.loads(body) | {"built": ""} == {
        "version": 1, "error": "", "building": False, "seconds": 0.0, "built": "",
        "draft": "draft/ds/2021-02/index.html", "notices": []}
    assert get(server, "/draft/ds/2021-02/index.html?v=1")[:2] == (200, "<p>通报稿</p>")
    assert get(server, "/draft/ds/2021-02/")[:2] == (200, "<p>通报稿</p>")
    status, _, headers = get(server, "/draft/assets/style.css")
    assert status == 200 and headers["Content-Type"].startswith("text/css")
    assert get(server, "/review.html?v=1")[:2] == (200, "<p>核查清单</p>")
    localhost = get(server, "/review.html", host=f"localhost:{server.server_port}")
    assert localhost[0] == 200


@pytest.mark.parametrize("path", ["/draft/../../secret.txt", "/draft/%2e%2e/%2e%2e/secret.txt",
                                  "/draft/..%2f..%2fsecret.txt", "/secret.txt", "/draft/nothing",
                                  "/../secret.txt", "/draft//etc/passwd"])
def test_the_server_serves_nothing_else_of_the_disk(server, path):
    status, body, _ = get(server, path)
    assert status == 404 and "不可读" not in body and "root:" not in body


@pytest.mark.parametrize("host", ["evil.example", "evil.example:80", "127.0.0.1", "",
                                  "127.0.0.1:1.evil.example"])
def test_the_server_answers_this_machines_name_only(server, host):
    """Another site whose name was pointed at 127.0.0.1 (DNS rebinding) is refused."""
    status, body, _ = get(server, "/status", host=host)
    assert status == 403 and "只接受本机地址" in body and "version" not in body


def test_the_command_stops_at_once_on_what_it_cannot_serve(tmp_path, monkeypatch):
    """No dataset folder, no notebook template, a port taken: a Chinese message, exit 2,
    before anything is built (and the process's SIGTERM handling as it was)."""
    import signal
    import socket

    from typer.testing import CliRunner

    from bulletin.cli import app
    from support.paths import DATA, ROOT

    monkeypatch.chdir(tmp_path)
    handler = signal.getsignal(signal.SIGTERM)

    def preview(*more: str):
        return CliRunner().invoke(app, ["preview", "--month", "2021-02", "--no-browser",
                                        *more], env={"COLUMNS": "400"})

    missing = preview("--dataset", "nothing", "--root", str(ROOT))
    assert missing.exit_code == 2 and f"找不到数据集文件夹 {tmp_path / 'nothing'}" in missing.output
    template = preview("--dataset", str(DATA / "seed000"), "--notebook", "none.ipynb")
    assert template.exit_code == 2 and "找不到通报笔记本模板 none.ipynb" in template.output
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = preview("--dataset", str(DATA / "seed000"), "--root", str(ROOT),
                       "--port", str(port))
    assert busy.exit_code == 2, busy.output
    assert f"无法在本机端口 {port} 上启动预览" in busy.output and "该端口可能已被占用" in busy.output
    assert "预览地址" not in busy.output and "Traceback" not in busy.output
    assert signal.getsignal(signal.SIGTERM) is handler
    assert list(tmp_path.iterdir()) == []

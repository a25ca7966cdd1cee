"""OSErrors on the output side of the CLI (docs: README, 「Where it writes」): ``bulletin
facts --out`` to a place it cannot write, and an OSError of ``publish`` before its lock is
taken, end with a Chinese error naming the path and exit code 2 — no traceback."""

from __future__ import annotations

import errno

import pytest
from typer.testing import CliRunner

from bulletin.cli import app
from support.hostile import case, make_dataset

ROWS = [case(f"C{i}", "2021-02-03 09:00:00", "2021-02-03 10:00:00", "2021-02-05 10:00:00")
        for i in range(1, 5)]


def facts(folder, out, *more):
    return CliRunner().invoke(app, ["facts", "--dataset", str(folder), "--month", "2021-02",
                                    "--out", str(out), *more])


def refused(result) -> str:
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    return result.output.replace("\n", "")


@pytest.fixture
def dataset(tmp_path):
    return make_dataset(tmp_path / "ds", {"a.csv": ROWS})


def test_facts_out_under_a_file_names_the_file(tmp_path, dataset):
    (tmp_path / "a-file").write_text("x")
    text = refused(facts(dataset, tmp_path / "a-file" / "f.parquet"))
    assert f"无法读写 {tmp_path / 'a-file'}：是一个文件，不是文件夹" in text


def test_facts_out_that_is_a_folder_names_it(tmp_path, dataset):
    (tmp_path / "out").mkdir()
    text = refused(facts(dataset, tmp_path / "out"))
    assert f"无法读写 {tmp_path / 'out'}：应为文件，却是文件夹" in text


def test_facts_quarantine_report_under_a_file_names_it(tmp_path):
    folder = make_dataset(tmp_path / "ds", {"a.csv": [*ROWS, case("B1", "21-2-3")]})
    (tmp_path / "a-file").write_text("x")
    text = refused(facts(folder, tmp_path / "f.parquet", "--quarantine",
                         str(tmp_path / "a-file" / "q.csv")))
    assert f"无法读写 {tmp_path / 'a-file'}：是一个文件，不是文件夹" in text
    assert not (tmp_path / "f.parquet").exists()


def test_facts_into_a_missing_folder_makes_it(tmp_path, dataset):
    result = facts(dataset, tmp_path / "new" / "deeper" / "f.parquet")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "new" / "deeper" / "f.parquet").is_file()


def test_an_oserror_of_publish_before_its_lock_names_the_path(tmp_path, dataset, monkeypatch):
    from bulletin.publish import runner

    def read_only(*args, **kwargs):  # what a read-only reports/ gives before the lock
        raise PermissionError(errno.EROFS, "Read-only file system", str(tmp_path / "reports"))

    monkeypatch.setattr(runner, "publish_many", read_only)
    result = CliRunner().invoke(app, ["publish", "--dataset", str(dataset), "--month", "2021-02",
                                      "--reports", str(tmp_path / "reports")])
    text = refused(result)
    assert f"无法读写 {tmp_path / 'reports'}：所在的文件系统只读" in text and "发布失败" in text

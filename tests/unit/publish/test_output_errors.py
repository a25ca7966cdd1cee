"""Every OSError on the output side — a read-only folder, a full disk, a folder that is not
there — is a Chinese PublishError naming the path: ``bulletin site`` prints it and exits
with code 2, no traceback; ``publish`` says the same and leaves the old site as it was.
The tests run as root too, where chmod stops no write: the system calls are made to fail
as the kernel would (same errno, same path)."""

from __future__ import annotations

import errno
import io
import os
import pathlib
import shutil
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from bulletin.cli import app
from bulletin.core.errors import PublishError
from support.executed import markdown, write_month
from support.fake_publish import REPLACED, install
from support.mini_bulletin import TEMPLATE


def read_only(monkeypatch, folder: Path) -> None:
    """``folder`` as a read-only folder: nothing can be made inside it (EACCES)."""
    real_mkdir, real_open = pathlib.Path.mkdir, pathlib.Path.open

    def inside(path: Path) -> bool:
        return Path(os.path.abspath(path)).is_relative_to(folder) and Path(path) != folder

    def mkdir(self, *args, **kwargs):
        if inside(self) and not self.exists():
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_mkdir(self, *args, **kwargs)

    def open_(self, mode="r", *args, **kwargs):
        if inside(self) and any(c in mode for c in "wax+"):
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_open(self, mode, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "mkdir", mkdir)
    monkeypatch.setattr(pathlib.Path, "open", open_)


def site_cli(reports: Path, out: Path):
    return CliRunner().invoke(app, ["site", "--reports", str(reports), "--site", str(out)])


@pytest.fixture
def reports(tmp_path) -> Path:
    write_month(tmp_path / "reports", "2021-02", [markdown("二月的正文")])
    return tmp_path / "reports"


def test_a_read_only_folder_is_named(tmp_path, reports, monkeypatch):
    folder = tmp_path / "只读"
    folder.mkdir()
    read_only(monkeypatch, folder)
    result = site_cli(reports, folder / "_site")
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)  # no traceback: the CLI's own exit
    assert f"{folder}" in result.output and "没有写入权限" in result.output
    assert "Traceback" not in result.output


def test_a_full_disk_is_named_and_the_old_site_kept(tmp_path, reports, monkeypatch):
    site = tmp_path / "_site"
    assert site_cli(reports, site).exit_code == 0
    before = (site / "index.html").read_text(encoding="utf-8")

    def copy2(src, dst, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(dst))

    monkeypatch.setattr(shutil, "copy2", copy2)
    (reports / "mini" / "2021-02" / "bulletin.pdf").write_bytes(b"%PDF-1.7")
    result = site_cli(reports, site)
    assert result.exit_code == 2, result.output
    assert "磁盘空间已满" in result.output and "bulletin.pdf" in result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    assert (site / "index.html").read_text(encoding="utf-8") == before


def test_a_folder_that_is_not_there_is_named(tmp_path, reports):
    (tmp_path / "报表.txt").write_text("a file where a folder should be", encoding="utf-8")
    out = tmp_path / "报表.txt" / "_site"
    result = site_cli(reports, out)
    assert result.exit_code == 2, result.output
    assert "报表.txt" in result.output and "不是文件夹" in result.output
    assert isinstance(result.exception, SystemExit)


@pytest.fixture
def publish(tmp_path, monkeypatch):
    from bulletin.publish import runner

    for name in REPLACED:
        monkeypatch.setattr(runner, name, getattr(runner, name))
    install(lambda: 1)
    (tmp_path / "fixture").mkdir()

    def run(reports: Path, site: Path):
        return runner.publish_many(tmp_path / "fixture", ["2021-01"], reports=reports, site=site,
                                   notebook=TEMPLATE, use_quarto=False,
                                   console=Console(file=io.StringIO()))
    return run


def test_publish_into_a_read_only_reports_folder(tmp_path, publish, monkeypatch):
    folder = tmp_path / "reports"
    folder.mkdir()
    read_only(monkeypatch, folder)
    with pytest.raises(PublishError, match=r"无法读写 .*reports.*没有写入权限"):
        publish(folder, tmp_path / "_site")


def test_publish_on_a_full_disk(tmp_path, publish, monkeypatch):
    publish(tmp_path / "reports", tmp_path / "_site")
    before = (tmp_path / "_site" / "index.html").read_text(encoding="utf-8")
    real = pathlib.Path.write_text

    def write_text(self, *args, **kwargs):
        if self.name == "trends.html":
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "write_text", write_text)
    with pytest.raises(PublishError, match=r"重建网站.*失败：无法读写 .*trends\.html：磁盘空间已满"):
        publish(tmp_path / "reports", tmp_path / "_site")
    assert (tmp_path / "_site" / "index.html").read_text(encoding="utf-8") == before

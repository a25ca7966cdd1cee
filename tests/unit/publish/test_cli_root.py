"""`bulletin publish` and `bulletin demo` run from outside the project when told where it is
(--root), and the error without it names an option that exists."""

from __future__ import annotations

import shutil

from typer.testing import CliRunner

from bulletin.cli import app
from support.paths import DATA


def run(args, cwd, monkeypatch):
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(app, args)


def test_without_a_project_root_the_error_names_the_root_option(tmp_path, monkeypatch):
    result = run(["publish", "--dataset", str(DATA / "seed000"), "--month", "2021-02"],
                 tmp_path, monkeypatch)
    assert result.exit_code == 2
    assert "找不到项目根目录" in result.output and "--root" in result.output
    assert "发布失败，原网站未改动" in result.output
    help_text = run(["publish", "--help"], tmp_path, monkeypatch).output
    assert "--root" in help_text  # the option the message names


def test_publish_takes_the_notebook_from_the_root_given(tmp_path, monkeypatch):
    root = tmp_path / "project"
    (root / "notebooks").mkdir(parents=True)
    (root / "_quarto.yml").write_text("project: {}\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run(["publish", "--dataset", str(DATA / "seed000"), "--month", "2021-02",
                  "--root", str(root), "--reports", "r", "--site", "s"], elsewhere, monkeypatch)
    # the project has no template: the message names the root's notebooks/ folder
    assert result.exit_code == 2
    assert f"找不到通报笔记本模板 {root / 'notebooks' / 'bulletin.ipynb'}" in result.output
    assert not (elsewhere / "s").exists() and not (elsewhere / "r").exists()


def test_demo_takes_its_data_folder_from_the_root_given(tmp_path, monkeypatch):
    root = tmp_path / "project"
    (root / "notebooks").mkdir(parents=True)
    (root / "_quarto.yml").write_text("project: {}\n", encoding="utf-8")
    missing = run(["demo", "--root", str(root)], tmp_path, monkeypatch)
    assert missing.exit_code == 2
    assert f"找不到样例数据文件夹 {root / 'data'}" in missing.output
    (root / "data" / "notes").mkdir(parents=True)  # a folder, but no dataset in it
    empty = run(["demo", "--root", str(root)], tmp_path, monkeypatch)
    assert empty.exit_code == 2
    assert f"{root / 'data'} 中没有数据集（含 units.csv 的文件夹）" in empty.output


def test_demo_skips_a_dataset_without_months_and_says_so(tmp_path, monkeypatch):
    """A dataset folder with its registry but no month's inputs yet: said and left out
    (it used to end the demo with an IndexError); with only such datasets, refused."""
    root = tmp_path / "project"
    (root / "notebooks").mkdir(parents=True)
    (root / "_quarto.yml").write_text("project: {}\n", encoding="utf-8")
    new = root / "data" / "newcity"
    new.mkdir(parents=True)
    shutil.copy(DATA / "seed000" / "units.csv", new / "units.csv")
    result = run(["demo", "--root", str(root)], tmp_path, monkeypatch)
    assert result.exit_code == 2, result.output
    assert "数据集 newcity 没有任何月份的输入数据，演示中跳过" in result.output
    assert f"{root / 'data'} 中的数据集都没有月份的输入数据" in result.output
    assert isinstance(result.exception, SystemExit)  # said, not a traceback
    (new / "units.csv").write_text("unit_id\nU1\n", encoding="utf-8")  # a registry unreadable
    broken = run(["demo", "--root", str(root)], tmp_path, monkeypatch)
    assert broken.exit_code == 2 and isinstance(broken.exception, SystemExit)
    assert "units.csv 第 1 行" in broken.output

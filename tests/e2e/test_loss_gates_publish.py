"""`bulletin publish` as the analyst runs it (a subprocess, the project's own notebook) on a
small case-level dataset whose March lost data four ways (support.losses.every_loss): the
publish is refused with each loss named and nothing written; with --accept-loss the month
is published — executed, PDF, Word, site — and its review (review.md, review.html) says
what was accepted. A month without data is refused before papermill starts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support.losses import every_loss
from support.paths import ROOT

MONTH = "2021-03"

# The losses of every_loss, worked out in its docstring.
LOSSES = [
    ("单位名录中没有的单位「市甲局分局」：1 行（ds/cases/2021-03.csv 1 行），已隔离，不计入任何数字；"
     "名录中最相近的：市甲局、市乙局"),
    ("ds/cases/2021-03.csv 缺少上月文件 ds/cases/2021-02.csv 中有的列「受理时间」；本文件未使用的列中"
     "与之最相近的是「受理日期」"),
    ("ds/cases/2021-03.csv 缺少上月文件 ds/cases/2021-02.csv 中有的列「法定时限」；本文件未使用的列中"
     "没有与之相近的"),
    "ds/cases/2021-03.csv：隔离 5 行，占读取的 90 行的 5.56%，超过 1%",
    "全市申请件 85 件，较上月（2021-02）200 件减少 115 件（-57.5%），增减超过 50%",
]


def bulletin(root: Path, *args: str) -> subprocess.CompletedProcess:
    command = [str(Path(sys.executable).parent / "bulletin"), "publish",
               "--dataset", str(root / "ds"), "--reports", str(root / "reports"),
               "--site", str(root / "_site"), "--root", str(ROOT), *args]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=1200,
                          env=os.environ | {"COLUMNS": "400"}, check=False)


@pytest.fixture(scope="module")
def refused_then_accepted(tmp_path_factory):
    root = tmp_path_factory.mktemp("losses")
    every_loss(root / "ds")
    refused = bulletin(root, "--month", MONTH)
    listing = sorted(p.name for p in root.iterdir())
    accepted = bulletin(root, "--month", MONTH, "--accept-loss")
    return root, refused, listing, accepted


def test_the_publish_is_refused_with_every_loss_named_and_nothing_written(refused_then_accepted):
    _, refused, listing, _ = refused_then_accepted
    assert refused.returncode == 2
    for loss in LOSSES:
        assert loss in refused.stderr
    assert "加 --accept-loss 重新运行" in refused.stderr and "执行笔记本" not in refused.stderr
    assert listing == ["ds"]  # no reports/, no _site/, no failed notebook


def test_with_accept_loss_the_month_is_published(refused_then_accepted):
    root, _, _, accepted = refused_then_accepted
    assert accepted.returncode == 0, accepted.stderr
    folder = root / "reports" / "ds" / MONTH
    for name in ("bulletin.ipynb", "bulletin.pdf", "bulletin.docx", "review.md"):
        assert (folder / name).is_file(), name
    assert (root / "_site" / MONTH / "index.html").is_file()
    record = json.loads((folder / "accepted_losses.json").read_text(encoding="utf-8"))
    assert [loss["gate"] for loss in record["losses"]] == [
        "unit", "column", "column", "quarantine", "change"]
    assert not (root / "_site" / MONTH / "accepted_losses.json").exists()  # not for readers


def test_the_review_says_what_was_accepted(refused_then_accepted):
    root, _, _, _ = refused_then_accepted
    review = (root / "reports" / "ds" / MONTH / "review.md").read_text(encoding="utf-8")
    page = root / "reports" / "ds" / MONTH / "review.html"
    items = [li.get_text() for li in
             BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("ol > li")]
    accepted = [i for i in items if i.startswith("已接受的数据损失（发布时使用 --accept-loss）：")]
    assert len(accepted) == len(LOSSES)
    for loss, item in zip(LOSSES, accepted, strict=True):
        assert loss in item
    assert "拒绝发布本月" not in review
    # the grouping: the unknown unit once, the unused column with the column it resembles,
    # the full-list command with the real dataset and months
    # (and once more in 签发前核实, as a loss that blocks issuing until acknowledged)
    inputs = [i for i in items if not i.startswith(("未核实", "已核实"))]
    assert sum("市甲局分局" in i for i in inputs) == 1
    assert sum(i.startswith("未核实，阻止印发") and "市甲局分局" in i for i in items) == 1
    assert any(i.startswith("ds/cases/2021-03.csv：未使用的列 「受理日期」（最相近的标准列「受理时间」")
               for i in items)
    assert any(f"bulletin facts --dataset {root / 'ds'} --month 2021-02 --to 2021-03 "
               "--out ds-2021-03.parquet" in i for i in items)


def test_a_month_without_data_is_refused_before_papermill(tmp_path):
    every_loss(tmp_path / "ds")
    done = bulletin(tmp_path, "--month", "2021-07")
    assert done.returncode == 2
    assert (f"数据集文件夹 {tmp_path / 'ds'}：值「2021-07」不符合要求，应为数据集中已有数据的月份"
            "（已有：2021-02 至 2021-03）") in done.stderr
    assert "执行笔记本" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ds"]  # no executed notebook anywhere


@pytest.fixture(scope="module")
def by_hand(refused_then_accepted):
    """The route by hand on the same dataset: papermill into hand/ds/2021-03/, then
    `bulletin render` without, then with --accept-loss."""
    root = refused_then_accepted[0]
    folder = root / "hand" / "ds" / MONTH
    folder.mkdir(parents=True)
    papermill = [str(Path(sys.executable).parent / "papermill"),
                 str(ROOT / "notebooks" / "bulletin.ipynb"), str(folder / "bulletin.ipynb"),
                 "-p", "dataset", str(root / "ds"), "-p", "month", MONTH,
                 "-p", "out_dir", str(folder)]
    subprocess.run(papermill, cwd=root, capture_output=True, text=True, timeout=1200,
                   check=True)
    executed = sorted(p.name for p in folder.iterdir())

    def render(*args: str) -> subprocess.CompletedProcess:
        command = [str(Path(sys.executable).parent / "bulletin"), "render", str(folder),
                   "--site", str(root / "hand_site"), "--root", str(ROOT), *args]
        return subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=1200,
                              env=os.environ | {"COLUMNS": "400"}, check=False)

    refused = render()
    after_refusal = sorted(p.name for p in folder.iterdir()), (root / "hand_site").exists()
    return folder, executed, refused, after_refusal, render("--accept-loss")


def test_render_refuses_the_hand_executed_month_as_publish_does(refused_then_accepted, by_hand):
    _, published_refusal, _, _ = refused_then_accepted
    _, executed, refused, after_refusal, _ = by_hand
    assert refused.returncode == 2
    message = refused.stderr[refused.stderr.index("输入数据有损失"):]
    assert message == published_refusal.stderr[published_refusal.stderr.index("输入数据有损失"):]
    for loss in LOSSES:
        assert loss in refused.stderr
    assert after_refusal == (executed, False) and "bulletin.pdf" not in executed  # no site


def test_render_with_accept_loss_writes_the_review_publish_writes(refused_then_accepted, by_hand):
    root = refused_then_accepted[0]
    folder, _, _, _, accepted = by_hand
    assert accepted.returncode == 0, accepted.stderr
    assert (folder / "bulletin.pdf").read_bytes().startswith(b"%PDF")
    published = root / "reports" / "ds" / MONTH
    for name in ("review.md", "accepted_losses.json"):
        assert (folder / name).read_text(encoding="utf-8") == \
            (published / name).read_text(encoding="utf-8"), name
    counts = [json.loads((f / "meta.json").read_text(encoding="utf-8"))["review"]
              for f in (folder, published)]
    assert counts[0] == counts[1] and counts[0]["blocking"] >= len(LOSSES)

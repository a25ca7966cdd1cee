"""`bulletin verify --dataset … --month …`: the month recomputed from its inputs against the
published one. Identical on every published demo month; on a small hand-made month
(support.losses.two_months) identical as published, then, after one cell of its case file
is edited, the figures that changed are named — table, row, column, old, new, worked out
below — with the input file whose hash changed, and exit code 1. It writes nothing into
reports/ or the site."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from bulletin.publish.compare import FigureChange
from bulletin.publish.runner import publish_many
from bulletin.publish.verify import verify_month
from support.losses import two_months
from support.paths import DATA

MONTH = "2021-03"
ANNEX = "附件1_市级部门运行情况表"


def verify(root: Path) -> subprocess.CompletedProcess:
    command = [str(Path(sys.executable).parent / "bulletin"), "verify", "--dataset",
               str(root / "ds"), "--month", MONTH, "--reports", str(root / "reports")]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=600,
                          env=os.environ | {"COLUMNS": "400"}, check=False)


def files(root: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``root`` but the dataset: (size, mtime) by path."""
    out = {}
    for top, _, names in os.walk(root):
        for name in names:
            path = Path(top) / name
            if "ds" not in path.relative_to(root).parts[:1]:
                out[str(path.relative_to(root))] = (path.stat().st_size, path.stat().st_mtime_ns)
    return out


@pytest.fixture(scope="module")
def verified(tmp_path_factory):
    """Published March (200 cases, 100 市甲局 and 100 市乙局), verified; then case M2 moved
    from 市乙局 to 市甲局 in cases/2021-03.csv, verified again."""
    root = tmp_path_factory.mktemp("verify")
    two_months(root / "ds")
    publish_many(root / "ds", [MONTH], reports=root / "reports", site=root / "_site",
                 use_quarto=False, console=Console(file=io.StringIO(), width=400))
    before = files(root)
    same = verify(root)
    case_file = root / "ds" / "cases" / f"{MONTH}.csv"
    text = case_file.read_text(encoding="utf-8")
    assert text.count("\nM2,市乙局,") == 1
    case_file.write_text(text.replace("\nM2,市乙局,", "\nM2,市甲局,"), encoding="utf-8")
    changed = verify(root)
    return root, before, same, changed


def test_a_month_as_published_is_identical(verified):
    _, _, same, _ = verified
    assert same.returncode == 0, same.stdout + same.stderr
    assert "结果：一致。" in same.stdout
    assert "输入文件：与发布时相同（3 个数据文件" in same.stdout  # units.csv and two case files


def test_after_one_cell_is_edited_the_changed_figures_are_named(verified):
    _, _, _, changed = verified
    assert changed.returncode == 1, changed.stdout + changed.stderr
    lines = changed.stdout.splitlines()
    # 市甲局 100 → 101 cases applied, accepted and completed (each case is all three);
    # 市乙局 100 → 99; 合计 200 and every headline figure unchanged.
    for column in ("申请", "受理", "办结"):
        assert f"  {ANNEX}｜市甲局｜办件情况（件）/{column}：100 → 101" in lines
        assert f"  {ANNEX}｜市乙局｜办件情况（件）/{column}：100 → 99" in lines
    listed = [line for line in lines if line.startswith("  ")]
    assert not [line for line in listed if "合计" in line or "主要指标" in line]
    assert ("  正文｜（二）市本级运行情况：市甲局、市乙局办结件较多，分别为 100 件、100 件。"
            " → 市甲局、市乙局办结件较多，分别为 101 件、99 件。") in lines
    assert "发布以来已改变的输入文件：" in lines
    assert [line for line in lines if line.startswith("  cases/")] == [
        next(line for line in lines if line.startswith("  cases/2021-03.csv：内容已改变（SHA-256 "))]


def test_the_changes_are_the_ones_worked_out_by_hand(verified):
    root, _, _, _ = verified
    result = verify_month(root / "ds", MONTH, root / "reports")
    # each unit's 申请, 受理 and 办结 (every case is all three), then 较上月/办结 against
    # February's 100: 101 is ↑1, 99 is ↓1; nothing else of the annex moved
    expected = []
    for unit, count, change in (("市甲局", "101", "↑1"), ("市乙局", "99", "↓1")):
        expected += [FigureChange(ANNEX, unit, f"办件情况（件）/{c}", "100", count)
                     for c in ("申请", "受理", "办结")]
        expected.append(FigureChange(ANNEX, unit, "较上月/办结", "持平", change))
    assert [c for c in result.changes if c.table == ANNEX] == expected
    assert len(result.changes) == 9  # and the sentence naming both units
    assert [c.path for c in result.inputs] == [f"cases/{MONTH}.csv"]


def test_verify_writes_nothing_into_reports_or_the_site(verified):
    root, before, _, _ = verified
    assert files(root) == before


def test_a_month_never_published_cannot_be_verified(verified):
    root, _, _, _ = verified
    command = [str(Path(sys.executable).parent / "bulletin"), "verify", "--dataset",
               str(root / "ds"), "--month", "2021-02", "--reports", str(root / "reports")]
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=600,
                          env=os.environ | {"COLUMNS": "400"}, check=False)
    assert done.returncode == 2
    assert f"找不到已发布的月份：{root / 'reports' / 'ds' / '2021-02'} 中没有 meta.json" in done.stderr


def test_every_published_demo_month_is_identical(published_demo):
    folders = sorted(p.parent for p in (published_demo / "reports").glob("*/*/meta.json"))
    assert len(folders) >= 7  # a month of every sample dataset
    for folder in folders:
        result = verify_month(DATA / folder.parent.name, folder.name, published_demo / "reports")
        assert result.changes == [], (folder, [c.line() for c in result.changes])
        assert result.inputs == [], folder
        assert result.compared["表格单元格"] > 0 and result.compared["正文句子"] > 0
        assert result.published.provenance.inputs  # recorded when published

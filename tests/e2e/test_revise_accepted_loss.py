"""``bulletin issue --revise`` of a month published with ``--accept-loss``, end to end (the
real notebook, PDF, Word file and site, each command a process of its own): the loss
accepted at publish stays accepted through the revision, which is issued without asking
for ``--accept-loss`` again; a new loss in the revised data is refused until
``issue --revise … --accept-loss``.

The dataset: support.losses.unknown_units — March with one row of 「市甲局分局」, a unit the
registry does not know (its loss's words do not depend on the month's size); the second
export adds two 即办件 of 市乙局 (全市申请件 199 → 201)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bulletin.core.meta import META_NAME, read_meta
from support import losses as made
from support.handmade import CONFIG, write
from support.paths import ROOT

MARCH = "2021-03"
GIVEN = CONFIG + 'issue_numbers:\n  "2021-03": 5\nissue_dates:\n  "2021-03": 2021-04-12\n'
UNKNOWN = made.GATES["unit"][1][0]
NOTES = ("## 工作动态\n\n本月开展窗口培训。\n\n## 存在的问题\n\n个别单位办件超时。\n\n## 已核实\n\n"
         "- 「单位名录中没有的单位「市甲局分局」」：已与数据源核实，该单位已撤并\n")


def bulletin(root: Path, command: str, *args: str) -> subprocess.CompletedProcess:
    line = [str(Path(sys.executable).parent / "bulletin"), command, "--dataset", str(root / "ds"),
            "--month", MARCH, "--reports", str(root / "reports"), "--site", str(root / "_site"),
            *args]
    return subprocess.run(line, cwd=root, capture_output=True, text=True, timeout=1200,
                          env=os.environ | {"COLUMNS": "400"}, check=False)


@pytest.fixture(scope="module")
def issued(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("revise_loss")
    write(made.unknown_units(root / "ds", config=GIVEN), f"notes/{MARCH}.md", NOTES)
    assert bulletin(root, "publish", "--root", str(ROOT)).returncode == 2
    done = bulletin(root, "publish", "--root", str(ROOT), "--accept-loss")
    assert done.returncode == 0, done.stderr
    done = bulletin(root, "issue")
    assert done.returncode == 0, done.stderr
    return root


def export_again(root: Path, *extra: str) -> None:
    made.cases_file(root / "ds", MARCH, made.rows("M", "2021-03-03", 199)
                    + made.rows("U", "2021-03-04", 1, "市甲局分局")
                    + made.rows("N", "2021-03-05", 2, "市乙局") + list(extra))


def test_a_new_loss_refuses_the_revision_until_accepted_then_the_accepted_one_carries(issued):
    folder = issued / "reports" / "ds" / MARCH
    pdf = (folder / "bulletin.pdf").read_bytes()
    export_again(issued, *made.rows("V", "2021-03-04", 1, "市乙局分局"))
    refused = bulletin(issued, "issue", "--revise", "补报", "--root", str(ROOT))
    assert refused.returncode == 2
    said = refused.stderr.replace("\n", "")
    assert "「市乙局分局」" in said and "加 --accept-loss 重新运行" in said and UNKNOWN not in said
    assert (folder / "bulletin.pdf").read_bytes() == pdf and not (folder / "issued").exists()
    # without the new loss, the revision passes on the loss accepted at publish
    export_again(issued)
    done = bulletin(issued, "issue", "--revise", "市乙局补报 2 件办件", "--root", str(ROOT))
    assert done.returncode == 0, done.stderr
    assert f"已接受的数据损失（--accept-loss）{MARCH}：{UNKNOWN}" in done.stderr.replace("\n", "")
    meta = read_meta(folder / META_NAME)
    assert meta.status == "issued" and meta.correction == "市乙局补报 2 件办件"
    changed = {(c.table, c.row, c.column): (c.old, c.new) for c in meta.revisions[0].changes}
    assert changed[("主要指标", "全市", "申请件")] == ("199", "201")
    record = json.loads((folder / "accepted_losses.json").read_text(encoding="utf-8"))
    assert [loss["text"] for loss in record["losses"]] == [UNKNOWN]
    review = (folder / "review.md").read_text(encoding="utf-8")
    assert f"已接受的数据损失（发布时使用 --accept-loss）：{UNKNOWN}" in review
    assert (folder / "issued" / "1" / "bulletin.pdf").read_bytes() == pdf
    assert (folder / "bulletin.pdf").read_bytes()[:5] == b"%PDF-"

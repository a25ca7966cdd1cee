"""Issued means frozen: ``bulletin publish`` refuses an issued month and leaves every byte
of it (and of the site) as it was; ``bulletin issue --revise "更正说明"`` after a second
export issues the corrected bulletin, keeps the earlier issue under issued/1/, and logs
exactly the printed figures that changed (on the month page and in the review).

Publishing runs in-process: the notebook is replaced by what it writes (``write_outputs``
and a notebook of one Markdown output, as in test_issue), PDF and Word by markers; the
input check, staging, commit and site are the real ones.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from typer.testing import CliRunner

from bulletin.cli import app
from bulletin.core.meta import META_NAME, read_meta
from bulletin.report.loader import open_month
from bulletin.report.outputs import write_outputs
from bulletin.report.sections.registry import profile_blocks
from support import losses as made
from support.executed import write_notebook
from support.handmade import CONFIG, write
from support.paths import ROOT

MARCH = "2021-03"
GIVEN = CONFIG + 'issue_numbers:\n  "2021-03": 5\nissue_dates:\n  "2021-03": 2021-04-12\n'
NOTES = "## 工作动态\n\n本月开展窗口培训。\n\n## 存在的问题\n\n个别单位办件超时。\n"


@pytest.fixture(autouse=True)
def in_process(monkeypatch):
    from bulletin.publish import runner

    def execute(dataset, month, folder, notebook):
        b = open_month(dataset, month)
        write_outputs(b, folder, profile_blocks(b, skip=("title",)))
        write_notebook(Path(folder), [f"{month} 的正文"])
        (Path(folder) / "review.md").write_text("# 核查清单：示例\n\n本月未发现需要核实的事项。\n",
                                                encoding="utf-8")

    def pdf(folder):
        status = read_meta(Path(folder) / META_NAME).status
        (Path(folder) / "bulletin.pdf").write_bytes(f"%PDF-1.7 {status}".encode())

    def docx(folder):
        with zipfile.ZipFile(Path(folder) / "bulletin.docx", "w") as z:
            z.writestr("word/document.xml", "<w:document/>")

    monkeypatch.setattr(runner, "execute_month", execute)
    monkeypatch.setattr(runner, "make_pdf", pdf)  # publish's and render's typesetting
    monkeypatch.setattr(runner, "make_docx", docx)


def cli(tmp_path: Path, *args: str):
    return CliRunner().invoke(app, [*args, "--dataset", str(tmp_path / "ds"), "--month", MARCH,
                                    "--reports", str(tmp_path / "reports"),
                                    "--site", str(tmp_path / "site")])


def publish(tmp_path: Path):
    return cli(tmp_path, "publish", "--root", str(ROOT))


def hashes(*folders: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in folders for p in sorted(folder.rglob("*")) if p.is_file()}


def issued_month(tmp_path: Path) -> Path:
    dataset = made.two_months(tmp_path / "ds", config=GIVEN)
    write(dataset, f"notes/{MARCH}.md", NOTES)
    assert publish(tmp_path).exit_code == 0
    result = cli(tmp_path, "issue")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "reports" / "ds" / MARCH
    assert read_meta(folder / META_NAME).status == "issued"
    return folder


def second_export(tmp_path: Path) -> None:
    """March exported again: two more 即办件 of 市乙局 (100 → 102; 全市 200 → 202)."""
    made.cases_file(tmp_path / "ds", MARCH, made.rows("M", "2021-03-03", 200)
                    + made.rows("N", "2021-03-05", 2, "市乙局"))


def test_publish_refuses_an_issued_month_and_changes_no_byte(tmp_path):
    folder = issued_month(tmp_path)
    second_export(tmp_path)
    before = hashes(folder.parent, tmp_path / "site")
    result = publish(tmp_path)
    assert result.exit_code == 2, result.output
    output = result.output.replace("\n", "")
    assert str(folder) in output and "已正式印发" in output and "--revise" in output
    assert hashes(folder.parent, tmp_path / "site") == before
    again = cli(tmp_path, "issue")  # nor is it issued again without --revise
    assert again.exit_code == 2 and "已正式印发" in again.output
    assert hashes(folder.parent, tmp_path / "site") == before


def test_revise_keeps_the_earlier_issue_and_logs_exactly_what_changed(tmp_path):
    folder = issued_month(tmp_path)
    first = {p.relative_to(folder): h for p, h in
             ((Path(k), v) for k, v in hashes(folder).items())}
    old_meta = read_meta(folder / META_NAME)
    second_export(tmp_path)
    result = cli(tmp_path, "issue", "--revise", "市乙局补报 2 件办件，相关数字更正")
    assert result.exit_code == 0, result.output
    kept = folder / "issued" / "1"
    assert {p.relative_to(kept): h for p, h in ((Path(k), v) for k, v in hashes(kept).items())} \
        == first  # the earlier issue, byte for byte
    meta = read_meta(folder / META_NAME)
    assert meta.status == "issued" and meta.correction == "市乙局补报 2 件办件，相关数字更正"
    assert (folder / "bulletin.pdf").read_bytes() == b"%PDF-1.7 issued"
    [revision] = meta.revisions
    assert revision.number == 1
    changed = {(c.table, c.row, c.column): (c.old, c.new) for c in revision.changes}
    applied = old_meta.figure("applied")
    assert applied.display == "200"
    assert changed[("主要指标", "全市", applied.label)] == ("200", "202")
    # the two added cases are 即办件 applied, accepted and completed on 03-05: 全市 and 市乙局
    # each count 2 more of each; 市乙局 completed 100 in February, so 持平 becomes ↑2; every
    # rate stays (all cases 即办, on time), 市甲局 and the counties are untouched
    table = "示例市一体化政务服务平台市级部门运行情况表（2021年3月）"
    assert changed == {
        ("主要指标", "全市", "申请件"): ("200", "202"),
        ("主要指标", "全市", "受理件"): ("200", "202"),
        ("主要指标", "全市", "办结件"): ("200", "202"),
        (table, "市乙局", "办件情况（件）/申请"): ("100", "102"),
        (table, "市乙局", "办件情况（件）/受理"): ("100", "102"),
        (table, "市乙局", "办件情况（件）/办结"): ("100", "102"),
        (table, "市乙局", "较上月/办结"): ("持平", "↑2"),
    }
    page = BeautifulSoup((tmp_path / "site" / MARCH / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    log = page.select_one(".revisions").get_text(" ", strip=True)
    assert "第 1 次更正：市乙局补报 2 件办件，相关数字更正" in log
    assert f"主要指标｜全市｜{applied.label}：200 → 202" in log
    assert page.select_one(".correction").get_text() == "更正：市乙局补报 2 件办件，相关数字更正"
    assert not page.select(".draft-badge")
    review = (folder / "review.md").read_text(encoding="utf-8")
    assert "## 更正记录" in review and f"主要指标｜全市｜{applied.label}：200 → 202" in review
    logged = [line for line in review.splitlines() if " → " in line]
    assert len(logged) == len(revision.changes) and all(line.startswith("- ") for line in logged)


# A unit the registry does not know: a loss whose words do not depend on the month's size
# (support.losses.GATES["unit"]), accepted at publish and acknowledged in the notes.
UNKNOWN = made.GATES["unit"][1][0]
ACKNOWLEDGED = (NOTES + "\n## 已核实\n\n- 「单位名录中没有的单位「市甲局分局」」：已与数据源核实，"
                "该单位已撤并\n- 「单位名录中没有的单位「市乙局分局」」：已核实\n")


def issued_with_a_loss(tmp_path: Path) -> Path:
    """March with one row of 「市甲局分局」, published with --accept-loss, then issued."""
    dataset = made.unknown_units(tmp_path / "ds", config=GIVEN)
    write(dataset, f"notes/{MARCH}.md", ACKNOWLEDGED)
    assert publish(tmp_path).exit_code == 2  # refused without the flag
    result = cli(tmp_path, "publish", "--root", str(ROOT), "--accept-loss")
    assert result.exit_code == 0, result.output
    assert cli(tmp_path, "issue").exit_code == 0
    return tmp_path / "reports" / "ds" / MARCH


def exported_again(tmp_path: Path, *extra: str) -> None:
    """March again: 199 good rows, the row of 「市甲局分局」, two more of 市乙局 (the
    revision's change: 全市申请件 199 → 201), and ``extra`` rows."""
    made.cases_file(tmp_path / "ds", MARCH, made.rows("M", "2021-03-03", 199)
                    + made.rows("U", "2021-03-04", 1, "市甲局分局")
                    + made.rows("N", "2021-03-05", 2, "市乙局") + list(extra))


def test_revise_keeps_the_loss_accepted_at_publish(tmp_path):
    folder = issued_with_a_loss(tmp_path)
    exported_again(tmp_path)
    result = cli(tmp_path, "issue", "--revise", "市乙局补报 2 件办件")
    assert result.exit_code == 0, result.output
    assert f"已接受的数据损失（--accept-loss）{MARCH}：{UNKNOWN}" in result.output.replace("\n", "")
    record = json.loads((folder / "accepted_losses.json").read_text(encoding="utf-8"))
    assert [loss["text"] for loss in record["losses"]] == [UNKNOWN]
    assert (folder / "issued" / "1" / "accepted_losses.json").is_file()  # the earlier issue's
    [revision] = read_meta(folder / META_NAME).revisions
    changed = {(c.table, c.row, c.column): (c.old, c.new) for c in revision.changes}
    assert changed[("主要指标", "全市", "申请件")] == ("199", "201")


def test_revise_refuses_a_new_loss_unless_accepted(tmp_path):
    folder = issued_with_a_loss(tmp_path)
    exported_again(tmp_path, *made.rows("V", "2021-03-04", 1, "市乙局分局"))
    before = hashes(folder.parent, tmp_path / "site")
    refused = cli(tmp_path, "issue", "--revise", "补报")
    assert refused.exit_code == 2, refused.output
    said = refused.output.replace("\n", "")
    new = "单位名录中没有的单位「市乙局分局」：1 行（ds/cases/2021-03.csv 1 行）"
    assert new in said and "加 --accept-loss 重新运行" in said and "未印发" in said
    assert UNKNOWN not in said  # the loss accepted at publish is not asked again
    assert hashes(folder.parent, tmp_path / "site") == before
    result = cli(tmp_path, "issue", "--revise", "补报", "--accept-loss")
    assert result.exit_code == 0, result.output
    record = json.loads((folder / "accepted_losses.json").read_text(encoding="utf-8"))
    texts = sorted(loss["text"] for loss in record["losses"])  # every loss of the month
    assert len(texts) == 2 and UNKNOWN in texts and any(t.startswith(new) for t in texts)


def test_a_newly_accepted_loss_blocks_the_revision_until_acknowledged(tmp_path):
    folder = issued_with_a_loss(tmp_path)
    write(tmp_path / "ds", f"notes/{MARCH}.md", ACKNOWLEDGED.split("- 「单位名录中没有的单位「市乙局分局」")[0])
    exported_again(tmp_path, *made.rows("V", "2021-03-04", 1, "市乙局分局"))
    before = hashes(folder.parent, tmp_path / "site")
    result = cli(tmp_path, "issue", "--revise", "补报", "--accept-loss")
    assert result.exit_code == 2 and "不能印发" in result.output, result.output
    assert "市乙局分局" in result.output.split("不能印发")[1]
    assert hashes(folder.parent, tmp_path / "site") == before


def test_accept_loss_without_revise_is_refused(tmp_path):
    folder = issued_with_a_loss(tmp_path)
    before = hashes(folder.parent, tmp_path / "site")
    result = cli(tmp_path, "issue", "--accept-loss")
    assert result.exit_code == 2
    assert "--accept-loss 只用于 --revise" in result.output.replace("\n", "")
    assert hashes(folder.parent, tmp_path / "site") == before

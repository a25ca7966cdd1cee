"""`bulletin issue`: the final of a published draft, refused (exit 2, each blocking review
item named) until the month's notes acknowledge every blocker under ``## 已核实``, and
refused when the inputs changed since the draft. One test per blocking kind on a hand-made
dataset, and seed 002's text-versus-table disagreements.

A draft is "published" in-process as the notebook writes it (``write_outputs``: meta.json
with the inputs' hashes; a notebook of one Markdown output), the PDF and Word steps of
render are replaced by markers; the site is the real one.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bulletin.cli import app
from bulletin.core.meta import META_NAME, read_meta
from bulletin.report.loader import open_month
from bulletin.report.losses import ACCEPTED_NAME
from bulletin.report.outputs import write_outputs
from bulletin.report.sections.registry import profile_blocks
from bulletin.report.sections.signoff import acknowledgements
from support import losses as made
from support.executed import write_notebook
from support.handmade import CONFIG, write
from support.paths import DATA

MARCH = "2021-03"
GIVEN = CONFIG + 'issue_numbers:\n  "2021-03": 5\nissue_dates:\n  "2021-03": 2021-04-12\n'
NOTES = "## 工作动态\n\n本月开展窗口培训。\n\n## 存在的问题\n\n个别单位办件超时。\n"


@pytest.fixture(autouse=True)
def documents(monkeypatch):

    def docx(folder: Path) -> None:
        with zipfile.ZipFile(folder / "bulletin.docx", "w") as z:
            z.writestr("word/document.xml", "<w:document/>")

    monkeypatch.setattr("bulletin.publish.runner.make_pdf", lambda f: (f / "bulletin.pdf").write_bytes(b"%PDF-1.7"))
    monkeypatch.setattr("bulletin.publish.runner.make_docx", docx)


def draft(tmp_path: Path, dataset: Path, month: str = MARCH, accepted: list[str] = ()) -> Path:
    """reports/<dataset>/<month>/ as publish writes a draft of it."""
    folder = tmp_path / "reports" / dataset.name / month
    b = open_month(dataset, month)
    write_outputs(b, folder, profile_blocks(b, skip=("title",)))
    write_notebook(folder, [f"{month} 的正文"])
    if accepted:
        (folder / ACCEPTED_NAME).write_text(json.dumps({
            "month": month, "accepted_with": "--accept-loss",
            "losses": [{"gate": "change", "text": text} for text in accepted]},
            ensure_ascii=False), encoding="utf-8")
    return folder


def issue(tmp_path: Path, dataset: Path, month: str = MARCH):
    return CliRunner().invoke(app, ["issue", "--dataset", str(dataset), "--month", month,
                                    "--reports", str(tmp_path / "reports"),
                                    "--site", str(tmp_path / "site")])


def acknowledge(dataset: Path, lines: list[str], month: str = MARCH, notes: str = NOTES) -> None:
    write(dataset, f"notes/{month}.md", notes + "\n## 已核实\n\n" + "".join(f"- {x}\n" for x in lines))


def status(folder: Path) -> str:
    return read_meta(folder / META_NAME).status


def refused_naming(result, *texts: str) -> None:
    assert result.exit_code == 2, result.output
    output = result.output.replace("\n", "")
    assert "不能印发" in output or "输入已改变" in output
    for text in texts:
        assert text in output, text


def test_a_clean_month_is_issued_without_draft_marks(tmp_path):
    dataset = made.two_months(tmp_path / "ds", config=GIVEN)
    write(dataset, f"notes/{MARCH}.md", NOTES)
    folder = draft(tmp_path, dataset)
    result = issue(tmp_path, dataset)
    assert result.exit_code == 0, result.output
    assert status(folder) == "issued"
    page = (tmp_path / "site" / MARCH / "index.html").read_text(encoding="utf-8")
    assert "征求意见稿" not in page
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "最新印发" in index and "2021 年第 5 期" in index
    again = issue(tmp_path, dataset)  # issued is final: a second issue is refused
    assert again.exit_code == 2 and "已正式印发" in again.output


@pytest.mark.slow  # the month drafted and issued again and again
@pytest.mark.parametrize(("config", "named", "ack"), [
    (CONFIG + 'issue_dates:\n  "2021-03": 2021-04-12\n', "期号：2021 年第 3 期系按月份推定", "期号"),
    (CONFIG + 'issue_numbers:\n  "2021-03": 5\n', "印发日期：2021 年 4 月 10 日系推定", "印发日期"),
])
def test_a_defaulted_issue_number_or_date_blocks_until_acknowledged(tmp_path, config, named, ack):
    dataset = made.two_months(tmp_path / "ds", config=config)
    write(dataset, f"notes/{MARCH}.md", NOTES)
    folder = draft(tmp_path, dataset)
    refused_naming(issue(tmp_path, dataset), named)
    assert status(folder) == "draft"
    acknowledge(dataset, [ack])
    # the notes are an input: acknowledged after the draft, the draft is out of date
    refused_naming(issue(tmp_path, dataset), f"notes/{MARCH}.md：内容已改变", "请重新发布")
    draft(tmp_path, dataset)
    result = issue(tmp_path, dataset)
    assert result.exit_code == 0, result.output
    assert status(folder) == "issued"


@pytest.mark.slow  # the month drafted and issued again and again
def test_an_accepted_loss_blocks_until_acknowledged(tmp_path):
    dataset = made.fewer_cases(tmp_path / "ds", config=GIVEN)
    write(dataset, f"notes/{MARCH}.md", NOTES)
    loss = ("全市申请件 90 件，较上月（2021-02）200 件减少 110 件（-55%），增减超过 50%"
            "（dataset.yml 的 loss_gates.applied_change_max）")
    draft(tmp_path, dataset, accepted=[loss])
    refused_naming(issue(tmp_path, dataset), f"已接受的数据损失：{loss}")
    acknowledge(dataset, ["「全市申请件 90 件，较上月」：已与数据源核实，本月确少"])
    draft(tmp_path, dataset, accepted=[loss])
    assert issue(tmp_path, dataset).exit_code == 0


@pytest.mark.slow  # the month drafted and issued again and again
def test_a_missing_notes_section_blocks_until_acknowledged(tmp_path):
    dataset = made.two_months(tmp_path / "ds", config=GIVEN)
    write(dataset, f"notes/{MARCH}.md", "## 工作动态\n\n本月开展窗口培训。\n")
    draft(tmp_path, dataset)
    refused_naming(issue(tmp_path, dataset), "分析说明：本月未提供存在的问题")
    assert "工作动态" not in issue(tmp_path, dataset).output.split("不能印发")[1].split("核实后")[0]
    acknowledge(dataset, ["本月"], notes="## 工作动态\n\n本月开展窗口培训。\n")  # too short: no quote
    draft(tmp_path, dataset)
    refused_naming(issue(tmp_path, dataset), "分析说明：本月未提供存在的问题")
    acknowledge(dataset, ["本月未提供存在的问题"], notes="## 工作动态\n\n本月开展窗口培训。\n")
    draft(tmp_path, dataset)
    assert issue(tmp_path, dataset).exit_code == 0


def test_the_review_shows_each_blocker_and_its_acknowledgement(tmp_path):
    from bulletin.report.sections.review import review_markdown

    dataset = made.two_months(tmp_path / "ds", config=CONFIG + 'issue_numbers:\n  "2021-03": 5\n')
    acknowledge(dataset, ["印发日期"])
    review = review_markdown(open_month(dataset, MARCH), []).replace("\\", "")
    assert "## 签发前核实" in review
    assert "已核实（印发日期）：印发日期：2021 年 4 月 10 日系推定" in review
    assert "期号：" not in review  # given in dataset.yml: nothing to acknowledge
    assert "「已核实」一节" not in review  # the sign-off list is no unused notes text


def test_acknowledgements_read_list_items_under_the_heading_only(tmp_path):
    path = write(tmp_path, "n.md", "## 工作动态\n\n- 不是核实\n\n## 已核实\n\n- 期号\n"
                                   "2. 「本月未提供存在的问题」：已知\n* “印发日期”\n\n正文\n\n## 存在的问题\n\n- 也不是\n")
    text = path.read_text(encoding="utf-8")
    assert acknowledgements(text) == ["期号", "本月未提供存在的问题", "印发日期"]
    assert acknowledgements(None) == []


@pytest.mark.slow
def test_seed002_text_and_table_disagreements_block_until_acknowledged(tmp_path):
    dataset = tmp_path / "seed002"
    shutil.copytree(DATA / "seed002", dataset)
    month = "2020-12"
    draft(tmp_path, dataset, month)
    result = issue(tmp_path, dataset, month)
    refused_naming(result, "数据核对：政务服务事项不见面审批事项占比：正文写达到 98.9%，而目标表为 97.2%",
                   "数据核对：行政许可事项即办件占比：正文写达到 51.8%，而目标表为 57.9%")
    notes = (dataset / "notes" / f"{month}.md").read_text(encoding="utf-8")
    acknowledge(dataset, ["「政务服务事项不见面审批事项占比：正文写达到 98.9%」：原文如此，以表为准",
                          "「行政许可事项即办件占比：正文写达到 51.8%」：原文如此，以表为准", "期号"],
                month, notes=notes)
    draft(tmp_path, dataset, month)
    result = issue(tmp_path, dataset, month)
    assert result.exit_code == 0, result.output


@pytest.mark.slow
def test_seed003_stated_totals_block_until_acknowledged(tmp_path):
    dataset = tmp_path / "seed003"
    shutil.copytree(DATA / "seed003", dataset)
    month = "2022-09"
    draft(tmp_path, dataset, month)
    refused_naming(issue(tmp_path, dataset, month),
                   "数据核对：各单位已认领事项：各单位合计为 6660，而原文为 6669，相差 9。",
                   "数据核对：各单位办件量：各单位合计为 4290，而原文为 4288，相差 -2；按声明的数值计，"
                   "主动评价率为 95.24%（4084 / 4288），按各单位合计为 95.19%。",
                   "数据核对：各单位主动评价率：按各单位合计计算为 95.19%，而原文为 97.86%。",
                   "数据核对：便民服务中心（正文）申请：各行合计为 4904，而原文为 5331，相差 427。",
                   "期号：2022 年第 9 期系按月份推定", "印发日期：2022 年 10 月 10 日系推定")
    notes = (dataset / "notes" / f"{month}.md").read_text(encoding="utf-8")
    acknowledge(dataset, ["「各单位已认领事项：各单位合计为 6660」：原文如此",
                          "「各单位办件量：各单位合计为 4290」：原文如此"], month, notes=notes)
    draft(tmp_path, dataset, month)
    result = issue(tmp_path, dataset, month)  # two of six acknowledged: the other four remain
    refused_naming(result, "各单位主动评价率", "便民服务中心（正文）申请", "期号：", "印发日期：")
    assert "有 4 项未核实" in result.output and "各单位已认领事项" not in result.output
    acknowledge(dataset, ["「各单位已认领事项：各单位合计为 6660」：原文如此",
                          "「各单位办件量：各单位合计为 4290」：原文如此",
                          "「各单位主动评价率：按各单位合计计算」：原文如此",
                          "便民服务中心（正文）申请：各行合计", "期号", "印发日期"], month, notes=notes)
    draft(tmp_path, dataset, month)
    result = issue(tmp_path, dataset, month)
    assert result.exit_code == 0, result.output


TARGETS = ("序号,指标,基期年份,基期水平,目标年份,目标,达到水平,国内前沿水平,说明\n"
           "1,网上可办率,2020,70%,2021,80%,85%,,\n")


def test_a_figure_the_text_states_differently_blocks_until_acknowledged(tmp_path):
    """The text says 网上可办率 reached 86% where the target table (the input) has 85%."""
    dataset = tmp_path / "ds"
    config = ("region: 示例市\nauthority: 示例市政务服务管理局\ntitle: 指标整改情况通报\n"
              'issue_numbers:\n  "2021-03": 5\nissue_dates:\n  "2021-03": 2021-04-12\n'
              "profile:\n  title: 指标整改情况通报\n  sections: [title, targets]\n"
              "targets:\n  stated_in_text:\n    网上可办率: 86%\n")
    write(dataset, "dataset.yml", config)
    write(dataset, "units.csv", "单位名称,别名,层级,上级单位,考核分组,序号\n市级,,市级部门,,,1\n")
    write(dataset, f"targets/{MARCH}.csv", TARGETS)
    draft(tmp_path, dataset)
    refused_naming(issue(tmp_path, dataset), "有 1 项未核实",
                   "数据核对：网上可办率：正文写达到 86%，而目标表为 85%。")
    acknowledge(dataset, ["「网上可办率：正文写达到 86%」：正文笔误，以表为准"], notes="")
    draft(tmp_path, dataset)
    result = issue(tmp_path, dataset)
    assert result.exit_code == 0, result.output

"""The loss gates on the hand route and in the preview (publish.gates).

`bulletin render` of a month executed by hand refuses a month whose inputs lose data with
publish's message and publish's --accept-loss; with the flag the month is rendered, the
losses recorded in its folder (accepted_losses.json) and its review rewritten to say they
were accepted and that they block `bulletin issue`; a month recorded as accepted renders
again without the flag. The preview's review page heads with the losses not accepted.

The months are "executed" by hand (support.executed) with the dataset they name as the
notebook records it (meta.json's parameters); the datasets are support.losses' (worked by
hand there); PDF and Word are replaced by markers, the gates and the site are the real ones.
"""

from __future__ import annotations

import json
import zipfile

import pytest
from bs4 import BeautifulSoup
from typer.testing import CliRunner

from bulletin.cli import app
from bulletin.core.meta import META_NAME, read_meta, write_meta
from bulletin.core.provenance import Provenance
from bulletin.publish.gates import NOT_ACCEPTED
from bulletin.publish.site import write_review_page
from bulletin.report.losses import ACCEPTED_NAME
from support import losses as made
from support.executed import markdown, month_meta, write_month

LOSSES = made.GATES

MONTH = "2021-03"


@pytest.fixture
def documents(monkeypatch):
    """render's PDF and Word steps write a marker."""
    def docx(folder):
        with zipfile.ZipFile(folder / "bulletin.docx", "w") as z:
            z.writestr("word/document.xml", "<w:document/>")

    monkeypatch.setattr("bulletin.publish.runner.make_pdf",
                        lambda folder: (folder / "bulletin.pdf").write_bytes(b"%PDF-1.7"))
    monkeypatch.setattr("bulletin.publish.runner.make_docx", docx)


def executed(tmp_path, dataset):
    """reports/ds/2021-03/ as a notebook run by hand on ``dataset`` leaves it."""
    folder = write_month(tmp_path / "reports", MONTH, [markdown("三月的正文")], dataset="ds")
    meta = read_meta(folder / META_NAME).model_copy(update={"provenance": Provenance(
        parameters={"dataset": str(dataset), "month": MONTH, "out_dir": str(folder)})})
    write_meta(meta, folder)
    return folder


def render(tmp_path, monkeypatch, *options):
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(app, ["render", f"reports/ds/{MONTH}", "--site",
                                    str(tmp_path / "site"), *options], env={"COLUMNS": "400"})


def files(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@pytest.mark.parametrize("gate", list(LOSSES))
def test_render_refuses_a_loss_as_publish_does(gate, tmp_path, monkeypatch, documents):
    build, said = LOSSES[gate]
    folder = executed(tmp_path, build(tmp_path / "ds"))
    before = files(folder)
    result = render(tmp_path, monkeypatch)
    assert result.exit_code == 2, result.output
    assert "生成失败，原文件和网站未改动。" in result.output
    assert "错误：第 1 步「检查输入数据」失败：输入数据有损失，未发布" in result.output
    assert f"{MONTH}：" in result.output
    for text in said:
        assert text in result.output
    assert "核实后确认按此发布的，加 --accept-loss 重新运行" in result.output
    assert files(folder) == before and not (tmp_path / "site").exists()


def test_with_accept_loss_render_records_the_losses_and_rewrites_the_review(
        tmp_path, monkeypatch, documents):
    build, said = LOSSES["change"]
    folder = executed(tmp_path, build(tmp_path / "ds"))
    result = render(tmp_path, monkeypatch, "--accept-loss")
    assert result.exit_code == 0, result.output
    assert f"已接受的数据损失（--accept-loss）{MONTH}：{said[0]}" in result.output
    assert (folder / "bulletin.pdf").is_file()
    assert (tmp_path / "site" / MONTH / "index.html").is_file()
    record = json.loads((folder / ACCEPTED_NAME).read_text(encoding="utf-8"))
    assert record["accepted_with"] == "--accept-loss"
    assert [(x["gate"], x["text"]) for x in record["losses"]] == [("change", said[0])]
    review = (folder / "review.md").read_text(encoding="utf-8").replace("\\", "")
    assert f"已接受的数据损失（发布时使用 --accept-loss）：{said[0]}" in review
    assert f"未核实，阻止印发（bulletin issue）：已接受的数据损失：{said[0]}" in review
    assert "拒绝发布本月" not in review
    # meta.json counts the review as written: each 未核实 line is one blocker
    counts = read_meta(folder / META_NAME).review
    assert counts.blocking == review.count("未核实，阻止印发") >= 1
    assert counts.items == sum(line[:1].isdigit() for line in review.splitlines())
    # accepted once, the month renders again without the flag; the record is kept
    again = render(tmp_path, monkeypatch)
    assert again.exit_code == 0, again.output
    assert "已接受的数据损失（--accept-loss）" not in again.output
    assert json.loads((folder / ACCEPTED_NAME).read_text(encoding="utf-8")) == record


def test_a_new_loss_beside_an_accepted_one_is_refused(tmp_path, monkeypatch, documents):
    """The record accepts the texts it holds, nothing else: another loss since is refused."""
    build, said = LOSSES["change"]
    folder = executed(tmp_path, build(tmp_path / "ds"))
    (folder / ACCEPTED_NAME).write_text(json.dumps({
        "month": MONTH, "accepted_with": "--accept-loss",
        "losses": [{"gate": "unit", "text": "单位名录中没有的单位「别的」"}]}), encoding="utf-8")
    result = render(tmp_path, monkeypatch)
    assert result.exit_code == 2 and said[0] in result.output
    assert "别的" not in result.output  # accepted before: not listed again


def test_a_clean_month_renders_without_the_flag(tmp_path, monkeypatch, documents):
    folder = executed(tmp_path, made.two_months(tmp_path / "ds"))
    result = render(tmp_path, monkeypatch)
    assert result.exit_code == 0, result.output
    assert "检查输入数据" in result.output and not (folder / ACCEPTED_NAME).exists()


def test_a_month_whose_dataset_is_gone_is_refused_naming_it(tmp_path, monkeypatch, documents):
    executed(tmp_path, tmp_path / "gone")
    result = render(tmp_path, monkeypatch)
    assert result.exit_code == 2
    assert f"执行时的数据集文件夹 {tmp_path / 'gone'} 不存在" in result.output


def test_a_month_that_names_no_dataset_renders_saying_it_was_not_checked(
        tmp_path, monkeypatch, documents):
    write_month(tmp_path / "reports", MONTH, [markdown("三月的正文")], dataset="ds")
    result = render(tmp_path, monkeypatch)
    assert result.exit_code == 0, result.output
    assert "未记录执行时的数据集文件夹（笔记本的 dataset 参数），无法检查输入数据有无损失" in result.output


def test_the_preview_review_page_heads_with_the_losses_not_accepted(tmp_path):
    folder = write_month(tmp_path / "reports", MONTH, [markdown("三月的正文")], dataset="ds")
    (folder / "review.md").write_text("# 核查清单\n\n1. 其他\n", encoding="utf-8")
    texts = [LOSSES["change"][1][0], "单位名录中没有的单位「<b>市甲局分局</b>」"]
    page = write_review_page(folder, texts, NOT_ACCEPTED)
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    alert = soup.select_one("article.review > section.review-losses[role=alert]")
    assert alert.h2.get_text() == f"{NOT_ACCEPTED}：2 项"
    assert [li.get_text() for li in alert.select("li")] == texts  # escaped, shown as typed
    assert alert.find("b") is None
    # before the review's own text; a month without losses has no alert
    assert soup.select("article.review > section")[0] is alert
    plain = BeautifulSoup(write_review_page(folder).read_text(encoding="utf-8"), "html.parser")
    assert plain.select_one(".review-losses") is None
    assert month_meta(MONTH).title in soup.title.get_text()

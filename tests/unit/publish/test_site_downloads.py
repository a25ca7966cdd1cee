"""The site copies only files the month's build wrote: a ``downloads`` entry of meta.json
is a plain XLSX or CSV file name inside the month folder; anything else (an absolute path,
``..``, a subfolder, a link out of the folder, the notebook or the review) is a
PublishError naming the key, and nothing of it reaches the site."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bulletin.core.errors import PublishError
from bulletin.publish.site.build import build_site
from support.executed import markdown, write_month


def month_with(tmp_path: Path, downloads: list[str]) -> Path:
    reports = tmp_path / "reports"
    folder = write_month(reports, "2021-02", [markdown("正文")])
    (folder / "附件1_表.xlsx").write_bytes(b"PK xlsx")
    (folder / "附件1_表.csv").write_text("a,b\n", encoding="utf-8")
    (folder / "review.md").write_text("# 核查清单\n", encoding="utf-8")
    (reports / "mini" / "notes.txt").write_text("secret beside the month", encoding="utf-8")
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    meta["downloads"] = downloads
    (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return reports


def test_the_files_the_build_wrote_are_copied_and_linked(tmp_path):
    reports = month_with(tmp_path, ["附件1_表.xlsx", "附件1_表.csv"])
    site = build_site(reports, tmp_path / "site")
    month = site / "mini" / "2021-02"
    assert (month / "附件1_表.xlsx").read_bytes() == b"PK xlsx"
    assert (month / "附件1_表.csv").read_text(encoding="utf-8") == "a,b\n"
    page = (month / "index.html").read_text(encoding="utf-8")
    assert 'href="附件1_表.xlsx"' in page and 'href="附件1_表.csv"' in page


@pytest.mark.parametrize("entry", [
    "/etc/passwd",                       # absolute
    "../notes.txt",                      # beside the month folder
    "../../../../../../../../etc/passwd",
    "sub/../附件1_表.xlsx",               # a path, not a file name
    "..",
    "review.md",                         # the analyst's review is never published
    "bulletin.ipynb",                    # nor the executed notebook
    "meta.json",
    "C:\\Windows\\win.ini",
])
def test_an_entry_outside_the_builds_files_is_refused(tmp_path, entry):
    reports = month_with(tmp_path, ["附件1_表.xlsx", entry])
    with pytest.raises(PublishError, match=r"downloads\[1\]") as caught:
        build_site(reports, tmp_path / "site")
    assert "meta.json" in str(caught.value)
    assert not list(tmp_path.glob("site/**/passwd")) and not list(tmp_path.glob("site/**/notes.txt"))


def test_a_link_out_of_the_month_folder_is_refused(tmp_path):
    reports = month_with(tmp_path, ["附件2_表.csv"])
    os.symlink(reports / "mini" / "notes.txt", reports / "mini" / "2021-02" / "附件2_表.csv")
    with pytest.raises(PublishError, match=r"downloads\[0\]"):
        build_site(reports, tmp_path / "site")
    assert not (tmp_path / "site" / "mini" / "2021-02" / "附件2_表.csv").exists()


def test_downloads_are_named_apart_and_gathered_one_line_per_annex():
    from bulletin.publish.site.entries import download_groups, download_label

    # seed 004: two annexes numbered 附件2, each in two formats — four names, all distinct
    names = ["附件1_办件情况反馈表.xlsx", "附件1_办件情况反馈表.csv", "附件2_各部门事项指标情况.xlsx",
             "附件2_各部门事项指标情况.csv", "附件2_各镇（街道）事项指标情况.xlsx",
             "附件2_各镇（街道）事项指标情况.csv"]
    labels = [download_label(n) for n in names]
    assert labels[2:4] == ["附件2 各部门事项指标情况（XLSX）", "附件2 各部门事项指标情况（CSV）"]
    assert len(set(labels)) == len(labels)
    assert download_label("说明") == "说明"
    groups = download_groups(names)
    assert [g["title"] for g in groups] == ["附件1 办件情况反馈表", "附件2 各部门事项指标情况",
                                            "附件2 各镇（街道）事项指标情况"]
    assert [[f["format"] for f in g["files"]] for g in groups] == [["XLSX", "CSV"]] * 3
    assert groups[2]["files"][1] == {"href": "附件2_各镇（街道）事项指标情况.csv", "format": "CSV",
                                     "label": "附件2 各镇（街道）事项指标情况（CSV）"}


def test_the_month_page_names_its_files_after_its_text(tmp_path):
    reports = month_with(tmp_path, ["附件1_表.xlsx", "附件1_表.csv"])
    page = (build_site(reports, tmp_path / "site") / "mini" / "2021-02" / "index.html").read_text(
        encoding="utf-8")
    top = page.index('class="downloads"')
    end = page.index('id="annex-files"')
    assert page.index('class="imprint"') < end and top < page.index('<section class="text">')
    assert 'href="附件1_表.xlsx"' not in page[:end]  # only a pointer to them above the text
    assert "附表数据文件（1 个附表，见文末）" in page[top:end]
    assert 'aria-label="附件1 表（XLSX）">XLSX</a>' in page[end:]

"""The summary `bulletin publish` ends with: for each month published, how many findings its
review holds (as meta.json counts them: ``MonthMeta.review``), where review.md and
review.html are (both in the month folder, not the site)."""

from __future__ import annotations

from pathlib import Path

from bulletin.core.blocks import ReviewCounts
from bulletin.core.meta import write_meta
from bulletin.publish.runner import PublishResult, review_summary
from support.executed import month_meta

REVIEW = """# 核查清单：示例市一体化政务服务平台运行情况通报（2021 年第 2 期）

> 供分析人员核实，不随通报印发。下列内容由数据核对自动整理，通报正文中不出现。

## 数据核对

输入数据之间或与原文声明的合计不一致，请核实后更正输入或在通报中采用正确数值。

1. 全市申请件：各单位合计为 249679，而输入中声明为 249682。
2. 市本级主动评价数：各单位合计为 4415，而输入中声明为 3100。

## 问题线索

1. 万源市主动评价率 24.58%，低于 30%。
"""

NOTHING = """# 核查清单：示例市一体化政务服务平台运行情况通报（2021 年第 3 期）

> 供分析人员核实，不随通报印发。下列内容由数据核对自动整理，通报正文中不出现。

本月未发现需要核实的事项。
"""


COUNTS = {REVIEW: ReviewCounts(topics={"数据核对": 2, "问题线索": 1}), NOTHING: ReviewCounts()}


def month(root: Path, name: str, review: str | None, counted: bool = True) -> Path:
    """A month folder with its review.md and the meta.json that counts it."""
    folder = root / "reports" / "示例" / name
    folder.mkdir(parents=True)
    meta = month_meta(name)
    if review is not None:
        (folder / "review.md").write_text(review, encoding="utf-8")
        meta = meta.model_copy(update={"review": COUNTS[review] if counted else None})
    write_meta(meta, folder)
    return folder


def test_summary_names_each_month_its_findings_and_both_files(tmp_path):
    folders = [month(tmp_path, "2021-02", REVIEW), month(tmp_path, "2021-03", NOTHING),
               month(tmp_path, "2021-04", None)]
    reports = tmp_path / "reports" / "示例"
    assert review_summary(folders) == [
        "核查清单（供分析人员核实，不随通报印发，不在网站中）：",
        (f"  示例 2021-02：3 条待核实；{reports}/2021-02/review.md；"
        f"{reports}/2021-02/review.html"),
        (f"  示例 2021-03：没有待核实的事项；{reports}/2021-03/review.md；"
        f"{reports}/2021-03/review.html"),
        f"  示例 2021-04：没有核查清单（{reports}/2021-04/review.md 不存在）",
    ]
    old = month(tmp_path, "2021-05", REVIEW, counted=False)  # meta.json of an older bulletin
    assert review_summary([old])[1] == (f"  示例 2021-05：meta.json 未记录核查清单的条数（由旧版"
                                          f"写出，请重新发布）；{reports}/2021-05/review.md")
    result = PublishResult("route", folders[:1], tmp_path / "_site", {})
    assert result.review_summary() == review_summary(folders[:1])

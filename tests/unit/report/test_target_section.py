"""The 目标跟踪 section computes a target from the items when it can."""

from __future__ import annotations

import shutil

from bulletin.report.blocks import table_gt
from bulletin.report.loader import open_month
from bulletin.report.sections.common import for_readers, review_items
from bulletin.report.sections.targets import section_targets
from support.paths import DATA


def test_section_computes_from_items(tmp_path):
    folder = tmp_path / "ds"
    shutil.copytree(DATA / "seed002", folder, ignore=shutil.ignore_patterns("*.py"))
    (folder / "items").mkdir()
    (folder / "items" / "2020-12.csv").write_text(
        "序号,部门名称,事项数,承诺时限压缩比,即办件占比\n1,市级,10,50%,20%\n", encoding="utf-8")
    blocks = section_targets(open_month(folder, "2020-12"))
    html = table_gt(for_readers(blocks)[-1]).as_raw_html()
    assert "未达标" in html and "计算" not in html and "来源" not in html
    assert "承诺办结时限平均压缩比例（差距 -15.00 个百分点）" in blocks[0]
    sources = [item.text for item in review_items(blocks)]  # where values come from: review
    assert any("承诺办结时限平均压缩比例" in s and "计算" in s for s in sources)
    assert any("统一受理事项覆盖度" in s and "取自目标表" in s for s in sources)

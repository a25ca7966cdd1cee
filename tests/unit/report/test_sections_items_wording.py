"""The items section's sentences read as a person writes them: thresholds without padding
zeros (低于 80%、超过 0.3 次、均为 100%), no ≥ / ≤ in the text, and one sentence for the
indicators every unit meets alike."""

from __future__ import annotations

import bulletin
from bulletin.report.blocks import table_gt
from bulletin.report.sections.items import items_table, month_items, section_items
from support.paths import DATA


def test_seed004_thresholds_as_written():
    text = section_items(bulletin.open_month(DATA / "seed004", "2021-09"))[0]
    # seed 004's annex 3: 承诺时限压缩比 ≥ 80%, 平均到现场次数 ≤ 0.3, 即办件占比 ≥ 40%,
    # 全程网办占比 ≥ 80%; the figures are annex 2's (区规划自然资源局 73.37%, 0.58)
    assert "承诺时限压缩比低于 80% 的单位有 7 个：区规划自然资源局（73.37%）" in text
    assert "平均到现场次数超过 0.3 次的单位有 5 个：区规划自然资源局（0.58）" in text
    assert "即办件占比低于 40% 的单位有 9 个" in text
    assert "全程网办占比低于 80% 的单位有 5 个" in text
    assert "≥" not in text and "≤" not in text and "80.00%" not in text


def test_seed003_one_sentence_for_what_every_unit_meets():
    b = bulletin.open_month(DATA / "seed003", "2022-09")
    text = section_items(b)[0]
    assert text.count("均为 100%") == 1
    assert "各单位认领率、发布率、办事指南准确率、梳理完成率均为 100%。" in text
    # the seed: 「…的主动评价率未达到100%」, five units
    assert "主动评价率未达到 100% 的单位有 5 个" in text
    html = table_gt(items_table(b, month_items(b), "部门", "表")).as_raw_html()
    assert "目标：认领率为 100%；发布率为 100%；办事指南准确率为 100%；梳理完成率为 100%；主动评价率为 100%。" in html

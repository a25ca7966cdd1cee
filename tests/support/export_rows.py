"""The two header rows of the platform's 运行情况表 (unit_stats/, docs/inputs.md section 9)
as a test writes them with ``support.aggregated.write_csv``: 序号, 单位 and the 19 columns
under their spanners (in an XLSX the blanks of row 1 would be merged cells)."""

from __future__ import annotations

UNIT_STATS_HEADER = [
    ["序号", "单位", "办件情况（件）", "", "", "", "承诺件办件情况（件）", "", "承诺件办件效率（%）", "",
     "", "线上办件情况（件）", "", "", "线上承诺件办件情况（件）", "", "线上承诺办件效率", "", "",
     "办件主动评价", ""],
    ["", "", "申请", "受理", "办结", "超时办结", "办结", "提前办结", "承诺提速", "办理提速", "提前办结",
     "申请", "受理", "办结", "办结", "提前办结", "网上办理", "办理提速", "提前办结", "主动评价数",
     "主动评价率"],
]

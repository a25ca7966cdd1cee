"""事项指标 from an item list written by hand, and the zero-case items section."""

from __future__ import annotations

import pytest

from bulletin.indicators.items import rollup_items, with_indicators
from bulletin.ingest.items import read_items
from bulletin.report.blocks import table_gt
from bulletin.report.loader import open_month
from bulletin.report.sections.items import section_zero_case_items


def test_item_list_form_and_zero_case_items(tmp_path, write):
    write("ds/units.csv", "单位名称,层级,序号\n区交通局,市级部门,1\n区教委,市级部门,2\n")
    write("ds/items/2021-09.csv",
          "事项编码,事项名称,部门,法定时限,承诺时限,到现场次数,全程网办,已认领,已发布,办事指南准确,办件量\n"
          "A1,道路运输许可,区交通局,20,5,0,是,是,是,是,12\n"
          "A2,出租车证,区交通局,10,0,1,否,是,是,否,0\n"
          "B1,办学许可,区教委,20,10,1,否,是,否,否,0\n")
    b = open_month(tmp_path / "ds", "2021-09")
    frame = with_indicators(read_items(b.dataset.folder, "2021-09", b.registry))
    jt = frame.row(0, named=True)
    assert jt["promise_speedup"] == pytest.approx((15 / 20 + 10 / 10) / 2)
    assert (jt["instant_share"], jt["visits_avg"], jt["case_coverage"]) == (0.5, 0.5, 0.5)
    assert jt["guide_accuracy"] == 0.5
    total = rollup_items(frame, "合计")
    assert total["publish_rate"] == pytest.approx(2 / 3) and total["full_online_share"] == pytest.approx(1 / 3)
    blocks = section_zero_case_items(b)
    text = "\n".join(x for x in blocks if isinstance(x, str))
    assert "共 2 项" in text and "1 项事项办件量为 0" in text
    assert "出租车证" in table_gt(blocks[2]).as_raw_html()

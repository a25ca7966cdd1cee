"""大厅与便民服务中心 inputs written by hand: a wrong printed 小计 is a finding, a bad count an error."""

from __future__ import annotations

import pytest

from bulletin.core.errors import InputError
from bulletin.ingest.hall import read_hall
from bulletin.report.findings import hall_findings


def test_wrong_subtotal_is_a_finding_and_bad_count_an_error(tmp_path, write):
    write("ds/units.csv", "单位名称,层级,序号\n甲镇,乡镇（街道）,1\n")
    write("ds/hall/2022-09_centres.csv",
          "便民服务中心,,咨询(件),申请(件),受理(件),办结(件)\n甲镇,甲镇中心,5,4,4,4\n,乙村中心,1,1,1,1\n"
          ",小计,6,5,5,6\n总计,,6,5,5,5\n")
    found = hall_findings(read_hall(tmp_path / "ds", "2022-09"))
    assert [(f.figures["where"], f.figures["computed"], f.figures["stated"]) for f in found] == [
        ("甲镇（表中）", 5, 6)]
    write("ds/hall/2022-09_centres.csv",
          "便民服务中心,,咨询(件),申请(件),受理(件),办结(件)\n甲镇,甲镇中心,5,4,4.5,4\n")
    with pytest.raises(InputError, match="第 2 行「受理」列：值「4.5」"):
        read_hall(tmp_path / "ds", "2022-09")

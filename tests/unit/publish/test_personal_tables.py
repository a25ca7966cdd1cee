"""bulletin publish tells the analyst where an ID or mobile number was typed into the free
text of a month's aggregated tables (the readers have masked it), by file, row and column."""

from __future__ import annotations

import pytest

from bulletin.core.errors import InputError
from bulletin.publish.personal import typed_in_inputs
from bulletin.publish.preflight import check_inputs


def test_the_analyst_is_told_where_the_tables_hold_numbers(tmp_path, write):
    write("ds/units.csv", "单位名称,层级,序号\n区交通局,市级部门,1\n")
    write("ds/items/2021-09.csv",
          "事项编码,事项名称,部门,法定时限,承诺时限,到现场次数,全程网办,已认领,已发布,办事指南准确,办件量\n"
          "A2,出租车证（咨询 13812345678）,区交通局,10,0,1,否,是,是,否,0\n")
    write("ds/targets/2021-09.csv", "序号,指标,目标,达到水平,说明\n1,一窗分类受理率,80%,85%,\n"
          "2,即办件占比,25%,57.9%,联系人 110101199003071234\n")
    write("ds/hall/2021-09_windows.csv", "序号,部门,大厅窗口办件数,备注\n1,婚姻登记处,12,电话 13912345678\n")
    write("ds/hall/2021-08_windows.csv", "序号,部门,大厅窗口办件数,备注\n1,婚姻登记处,12,电话 13712345678\n")
    found = [str(p) for p in typed_in_inputs(tmp_path / "ds", "2021-09")]
    # targets, hall, then items; August's hall file is another month's
    assert found == [
        "ds/targets/2021-09.csv 第 3 行「说明」列：身份证号 ［身份证号已隐去］",
        "ds/hall/2021-09_windows.csv 第 2 行「备注」列：手机号码 139＊＊＊＊5678",
        "ds/items/2021-09.csv 第 2 行「事项名称」列：手机号码 138＊＊＊＊5678",
    ]


def test_a_table_that_cannot_be_read_is_refused_by_the_check(tmp_path, write):
    """The month is read once, by publish's check, which refuses a table it cannot read
    (naming it); the numbers typed in are then not listed, as nothing is published."""
    write("ds/units.csv", "单位名称,层级,序号\n区交通局,市级部门,1\n")
    write("ds/targets/2021-09.csv", "序号,指标,说明\n1,一窗分类受理率,电话 13912345678\n")  # no 目标
    write("ds/hall/2021-09_windows.csv", "序号,部门,大厅窗口办件数,备注\n1,婚姻登记处,12,电话 13712345678\n")
    assert typed_in_inputs(tmp_path / "ds", "2021-09") == []
    with pytest.raises(InputError, match="targets/2021-09.csv 第 1 行：缺少列：目标"):
        check_inputs(tmp_path / "ds", ["2021-09"])

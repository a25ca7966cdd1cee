"""Aggregated inputs: an ID or mobile number typed into free text (an item name, a window
or centre name, a note, a printed score cell) is masked as the file is read, and the
reader reports file, row and column of each one (as notes, units.csv and dataset.yml are
treated, core.privacy).
"""

from __future__ import annotations

from openpyxl import load_workbook

from bulletin.core.config import load_config
from bulletin.core.privacy import PersonalData
from bulletin.ingest.hall import read_hall
from bulletin.ingest.items import read_items
from bulletin.ingest.registry import read_registry
from bulletin.ingest.scores import read_scores
from bulletin.ingest.targets import read_targets
from support.aggregated import copy_seed

ITEM_HEADER = "事项编码,事项名称,部门,法定时限,承诺时限,到现场次数,全程网办,已认领,已发布,办事指南准确,办件量\n"


def test_a_mobile_number_in_an_item_name_is_masked_and_reported(tmp_path, write):
    write("ds/units.csv", "单位名称,层级,序号\n区交通局,市级部门,1\n")
    write("ds/items/2021-09.csv", ITEM_HEADER
          + "A1,道路运输许可,区交通局,20,5,0,是,是,是,是,12\n"
          + "A2,出租车证（咨询 13812345678）,区交通局,10,0,1,否,是,是,否,0\n")
    found: list[PersonalData] = []
    frame = read_items(tmp_path / "ds", "2021-09", read_registry(tmp_path / "ds"), found)
    # 13812345678 → first three and last four digits kept: 138＊＊＊＊5678
    assert frame["zero_case_items"].to_list() == [["出租车证（咨询 138＊＊＊＊5678）"]]
    assert found == [PersonalData("ds/items/2021-09.csv", 3, "手机号码", "138＊＊＊＊5678", "事项名称")]
    assert str(found[0]) == "ds/items/2021-09.csv 第 3 行「事项名称」列：手机号码 138＊＊＊＊5678"


def test_an_item_code_is_not_taken_for_an_id_number(tmp_path, write):
    """事项编码 is not free text: a 15-digit code that looks like an old ID stays as typed."""
    write("ds/units.csv", "单位名称,层级,序号\n区交通局,市级部门,1\n")
    write("ds/items/2021-09.csv", ITEM_HEADER
          + "510302900101123,,区交通局,10,0,1,否,是,是,否,0\n")
    found: list[PersonalData] = []
    frame = read_items(tmp_path / "ds", "2021-09", read_registry(tmp_path / "ds"), found)
    assert frame["zero_case_items"].to_list() == [["510302900101123"]]
    assert found == []


def test_id_and_mobile_numbers_in_hall_names_and_notes(tmp_path, write):
    write("ds/hall/2022-09_windows.csv",
          "序号,部门,大厅窗口办件数,备注\n"
          "1,市民中心窗口 13912345678,12,联系人 110101199003071234\n"
          "总计,,12,\n")
    write("ds/hall/2022-09_centres.csv",
          "便民服务中心,,咨询,申请,受理,办结\n"
          "格里坪镇,金林社区 137-1234-5678,5,4,4,4\n"
          ",小计,5,4,4,4\n"
          "总计,,5,4,4,4\n")
    hall = read_hall(tmp_path / "ds", "2022-09")
    # spaces inside a window or centre name are dropped as it is read (市民中心窗口139…)
    assert hall.windows.row(0) == (1, "市民中心窗口139＊＊＊＊5678", 12, "联系人 ［身份证号已隐去］")
    assert hall.centres["centre"].to_list() == ["金林社区137＊＊＊＊5678"]
    assert [str(p) for p in hall.personal] == [
        "ds/hall/2022-09_windows.csv 第 2 行「部门」列：手机号码 139＊＊＊＊5678",
        "ds/hall/2022-09_windows.csv 第 2 行「备注」列：身份证号 ［身份证号已隐去］",
        "ds/hall/2022-09_centres.csv 第 2 行「便民服务中心」列：手机号码 137＊＊＊＊5678",
    ]


def test_a_mobile_number_in_a_target_note(tmp_path, write):
    write("ds/targets/2020-12.csv",
          "序号,指标,目标,达到水平,说明\n"
          "1,一窗分类受理率,80%,85%,联系电话 +86 136 1234 5678\n")
    found: list[PersonalData] = []
    frame = read_targets(tmp_path / "ds", "2020-12", found)
    assert frame["note"].to_list() == ["联系电话 136＊＊＊＊5678"]
    assert frame["achieved_value"].to_list() == [0.85]
    assert [str(p) for p in found] == [
        "ds/targets/2020-12.csv 第 2 行「说明」列：手机号码 136＊＊＊＊5678"]


def test_a_mobile_number_in_a_printed_score_cell(tmp_path):
    ds = copy_seed("seed001", tmp_path)
    workbook = ds / "scores" / "2023-06.xlsx"
    wb = load_workbook(workbook)
    wb["A组"]["K3"] = "—（13512345678）"  # 差评按期整改率 of 市城管执法局 (printed "—")
    wb.save(workbook)
    found: list[PersonalData] = []
    scores = read_scores(ds, "2023-06", load_config(ds), read_registry(ds), found)
    rows = scores.group("A组").rows
    cells = rows.filter(rows["unit"] == "市城管执法局")["cells"].item().to_list()
    # printed cells C…R without 综合得分: K is the ninth (C D E F G H I J K)
    assert cells[8] == "—（135＊＊＊＊5678）"
    assert [str(p) for p in found] == [
        "seed001/scores/2023-06.xlsx 工作表「A组」 第 3 行「差评按期整改率」列：手机号码 135＊＊＊＊5678"]


def test_the_seed_tables_hold_no_personal_data(tmp_path):
    """No figure, code or name of the seeds is taken for an ID or mobile number."""
    found: list[PersonalData] = []
    seed1 = copy_seed("seed001", tmp_path)
    read_scores(seed1, "2023-06", load_config(seed1), read_registry(seed1), found)
    read_targets(copy_seed("seed002", tmp_path), "2020-12", found)
    seed3 = copy_seed("seed003", tmp_path)
    read_items(seed3, "2022-09", read_registry(seed3), found)
    assert read_hall(seed3, "2022-09").personal == []
    seed4 = copy_seed("seed004", tmp_path)
    read_items(seed4, "2021-09", read_registry(seed4), found)
    assert found == []

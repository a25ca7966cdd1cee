"""A mobile or ID number typed into units.csv (a unit's, a parent's or a group's name) is
masked in the registry, since names are published; the name as typed still matches the
inputs that spell it so, and the registry says where it was (file and row)."""

from __future__ import annotations

import polars as pl

import bulletin
from bulletin.ingest.registry import read_registry
from support.hostile import copy_synthetic, write

UNITS = """单位名称,别名,层级,上级单位,考核分组,序号
市公安局（联系人 138 1234 5678）,公安局,市级部门,,A组 13912345678,1
通川区,,县（市、区）,,,1
北山镇 510722199001011234,,乡镇（街道）,通川区,,1
西外镇,,村（社区）,北山镇 510722199001011234,,2
"""


def test_names_are_masked_and_still_match_as_typed(tmp_path):
    write(tmp_path, "units.csv", UNITS)
    registry = read_registry(tmp_path)
    assert registry.names == ["市公安局（联系人 138＊＊＊＊5678）", "通川区",
                              "北山镇 ［身份证号已隐去］", "西外镇"]
    rows = {r["unit"]: r for r in registry.units.iter_rows(named=True)}
    assert rows["西外镇"]["parent"] == "北山镇 ［身份证号已隐去］"
    assert rows["市公安局（联系人 138＊＊＊＊5678）"]["group"] == "A组 139＊＊＊＊5678"
    assert registry.county_of("西外镇") == "通川区"
    for typed in ("市公安局（联系人 138 1234 5678）", "公安局"):
        assert registry.unit_map[typed] == "市公安局（联系人 138＊＊＊＊5678）"
    assert [str(p).split("：", 1)[1] for p in registry.personal] == [
        "手机号码 138＊＊＊＊5678", "手机号码 139＊＊＊＊5678", "身份证号 ［身份证号已隐去］",
        "身份证号 ［身份证号已隐去］"]
    assert [p.line for p in registry.personal] == [2, 2, 4, 5]


def test_figures_of_a_unit_renamed_with_a_phone_are_kept(tmp_path):
    folder = copy_synthetic(tmp_path)
    path = folder / "units.csv"
    units = pl.read_csv(path, infer_schema=False, encoding="utf8")
    units = units.with_columns(
        pl.when(pl.col("单位名称") == "市公安局").then(pl.lit("市公安局（13812345678）"))
        .otherwise(pl.col("单位名称")).alias("单位名称"),
        pl.when(pl.col("单位名称") == "市公安局").then(pl.lit("市公安局"))
        .otherwise(pl.col("别名")).alias("别名"))
    units.write_csv(path)
    before = bulletin.open_month("data/synthetic", "2021-02").units_of()
    after = bulletin.open_month(folder, "2021-02").units_of()
    row = after.filter(pl.col("unit") == "市公安局（138＊＊＊＊5678）")
    assert row["applied"].to_list() == before.filter(pl.col("unit") == "市公安局")["applied"].to_list()
    assert not after["unit"].str.contains("13812345678").any()

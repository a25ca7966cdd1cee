"""units.csv as a tree: five levels, each 上级单位 of the level its unit's level takes, every
problem named by row at once; and the tree's helpers (children, subtree, areas, the annexes'
order) on a registry with a county's own departments, towns and a community."""

from __future__ import annotations

import polars as pl
import pytest

from bulletin.core.errors import InputError
from bulletin.indicators.rollups import own_rows, rollup, scopes, unit_rows, unit_scopes
from bulletin.ingest.registry import read_registry

HEADER = "单位名称,别名,层级,上级单位,考核分组,序号\n"

TREE = HEADER + """市甲局,,市级部门,,,1
甲县,,县（市、区）,,,1
乙区,,县（市、区）,,,2
甲县人社局,,县级部门,甲县,,1
乙区人社局,,县级部门,乙区,,2
甲县一镇,,乡镇（街道）,甲县,,1
乙区街道,,乡镇（街道）,乙区,,2
一镇一村,,村（社区）,甲县一镇,,1
"""


def registry_of(tmp_path, text):
    (tmp_path / "units.csv").write_text(text, encoding="utf-8")
    return read_registry(tmp_path)


def problems_of(tmp_path, text) -> list[tuple[int, str, str]]:
    with pytest.raises(InputError) as caught:
        registry_of(tmp_path, text)
    return [(p.row, p.column, str(p)) for p in caught.value.problems]


def test_the_tree_s_helpers(tmp_path):
    r = registry_of(tmp_path, TREE)
    assert r.children["甲县"] == ["甲县人社局", "甲县一镇"]  # registry order: level, then 序号
    assert r.subtree("甲县") == ["甲县", "甲县人社局", "甲县一镇", "一镇一村"]
    assert r.subtree("市甲局") == ["市甲局"]
    assert r.areas == ["甲县", "乙区"]
    assert [r.area_of(u) for u in ("市甲局", "甲县人社局", "一镇一村", "乙区")] == \
        [None, "甲县", "甲县", "乙区"]
    assert r.county_of("一镇一村") == "甲县"
    assert r.tree_order == ["市甲局", "甲县", "甲县人社局", "甲县一镇", "一镇一村",
                            "乙区", "乙区人社局", "乙区街道"]


def test_a_district_s_towns_without_a_county_are_its_areas(tmp_path):
    r = registry_of(tmp_path, HEADER + "甲街道,,乡镇（街道）,,,1\n乙镇,,乡镇（街道）,,,2\n"
                              "乙镇一村,,村（社区）,乙镇,,1\n")
    assert r.areas == ["甲街道", "乙镇"]
    assert r.county_of("乙镇一村") is None and r.area_of("乙镇一村") == "乙镇"
    assert [s.name for s in scopes(r)] == ["全市", "市本级", "各县（市、区）", "甲街道", "乙镇"]


@pytest.mark.parametrize(("row", "expected"), [
    ("甲县人社局,,县级部门,,,1", "县级部门的上级单位（县（市、区）的名称）"),  # missing
    ("甲县人社局,,县级部门,市甲局,,1", "县（市、区）（「市甲局」是市级部门）"),  # wrong level
    ("一村,,村（社区）,,,1", "村（社区）的上级单位（乡镇（街道）的名称）"),
    ("一村,,村（社区）,甲县,,1", "乡镇（街道）（「甲县」是县（市、区））"),  # a village under a county
    ("一镇,,乡镇（街道）,市甲局,,1", "县（市、区）（「市甲局」是市级部门）"),
    ("一镇,,乡镇（街道）,一镇二,,1", "县（市、区）（「一镇二」是乡镇（街道））"),  # town under a town
    ("市乙局,,市级部门,甲县,,2", "空白（市级部门没有上级单位）"),
    ("乙县,,县（市、区）,甲县,,2", "空白（县（市、区）没有上级单位）"),
    ("一镇,,乡镇（街道）,丙县,,1", "名录中的单位"),  # unknown
])
def test_each_wrong_parent_is_named_by_row(tmp_path, row, expected):
    text = HEADER + "市甲局,,市级部门,,,1\n甲县,,县（市、区）,,,1\n一镇二,,乡镇（街道）,甲县,,2\n" + row + "\n"
    found = problems_of(tmp_path, text)
    assert len(found) == 1, found
    line, column, message = found[0]
    assert (line, column) == (5, "上级单位")  # the header is row 1
    assert expected in message, message


def test_every_parent_problem_is_listed_at_once(tmp_path):
    text = HEADER + "甲县,,县（市、区）,,,1\n人社局,,县级部门,,,1\n一村,,村（社区）,甲县,,1\n" \
                    "市甲局,,市级部门,甲县,,1\n"
    assert [(row, column) for row, column, _ in problems_of(tmp_path, text)] == [
        (3, "上级单位"), (4, "上级单位"), (5, "上级单位")]


def facts(registry) -> pl.DataFrame:
    """applied = a power of two per unit, so that any sum names its members."""
    values = {u: 2 ** i for i, u in enumerate(registry.names)}
    return pl.DataFrame({"month": ["2024-06"] * len(values), "unit": list(values),
                         "applied": list(values.values())})


def test_every_scope_and_unit_is_one_roll_up(tmp_path):
    r = registry_of(tmp_path, TREE)
    f = facts(r)
    # registry order: 市甲局 1, 甲县 2, 乙区 4, 甲县人社局 8, 乙区人社局 16, 甲县一镇 32,
    # 乙区街道 64, 一镇一村 128
    rolled = dict(rollup(f, scopes(r)).select("scope", "applied").iter_rows())
    assert rolled == {"全市": 255, "市本级": 1, "各县（市、区）": 254,
                      "甲县": 2 + 8 + 32 + 128, "乙区": 4 + 16 + 64}
    units = dict(unit_rows(f, r).select("unit", "applied").iter_rows())
    assert units["甲县"] == rolled["甲县"] and units["乙区"] == rolled["乙区"]
    assert units["甲县一镇"] == 32 + 128 and units["一镇一村"] == 128
    assert rolled["全市"] == rolled["市本级"] + rolled["各县（市、区）"]
    own = own_rows(f, r)
    assert own["applied"].sum() == rolled["全市"]  # each case once
    assert dict(own.select("name", "applied").iter_rows())["甲县本级"] == 2
    assert [s.members for s in unit_scopes(r) if s.name == "甲县一镇"] == [("甲县一镇", "一镇一村")]


def test_a_given_rate_is_kept_for_a_unit_alone_and_computed_for_a_sum(tmp_path):
    """An aggregated export's own rate (its rounding) is printed for a unit without units
    under it; a county with units under it gets the rate of the summed counts."""
    r = registry_of(tmp_path, TREE)
    f = facts(r).with_columns(pl.lit(0.5).alias("given_online_share"))
    rolled = rollup(f, unit_scopes(r))
    given = dict(rolled.select("scope", "given_online_share").iter_rows())
    assert given["一镇一村"] == 0.5 and given["乙区街道"] == 0.5
    assert given["甲县"] is None and given["甲县一镇"] is None

"""units.csv as the bulletins number it: 序号 per annex (departments 1–41, then counties 1–8),
or rows not sorted by 序号. The registry is ordered by (层级, 序号), file order breaking
ties, and every unit keeps its own figures."""

from __future__ import annotations

import polars as pl
import pytest

import bulletin
from bulletin.core.units import COUNTY, DEPARTMENT
from bulletin.ingest.registry import read_registry
from support.hostile import UNITS, copy_synthetic, write
from support.scopes import shared


@pytest.fixture(scope=shared)
def original():
    """data/synthetic's 2021-02 as committed: (its units' figures, its departments)."""
    b = bulletin.open_month("data/synthetic", "2021-02")
    units = b.units_of().select("unit", "applied", "completed", "active_evaluations")
    return units, b.registry.departments


def renumber(folder, how: str):
    path = folder / "units.csv"
    units = pl.read_csv(path, infer_schema=False, encoding="utf8")
    if how == "per annex":
        units = units.with_columns(pl.int_range(1, pl.len() + 1).over("层级").cast(pl.String)
                                   .alias("序号"))
    elif how == "reversed rows":
        units = units.reverse()
    elif how == "shuffled rows":
        units = units.sample(fraction=1.0, shuffle=True, seed=3)
    elif how == "per annex, counties first":
        units = units.with_columns(pl.int_range(1, pl.len() + 1).over("层级").cast(pl.String)
                                   .alias("序号")).sort("层级")
    units.write_csv(path)
    return folder


@pytest.mark.parametrize("how", ["per annex", "reversed rows", "shuffled rows",
                                 "per annex, counties first"])
def test_every_unit_keeps_its_figures_whatever_the_numbering(tmp_path, original, how):
    units, departments = original
    folder = renumber(copy_synthetic(tmp_path), how)
    b = bulletin.open_month(folder, "2021-02")
    got = b.units_of().select(units.columns)
    assert got.sort("unit").equals(units.sort("unit"))
    registry = b.registry
    assert registry.departments == departments
    assert registry.names == [*registry.departments, *registry.counties]


def test_registry_order_is_level_then_serial_then_file_order(tmp_path):
    write(tmp_path, "units.csv", """单位名称,层级,上级单位,序号
乙县,县（市、区）,,2
市乙局,市级部门,,2
甲县,县（市、区）,,1
甲县镇,乡镇（街道）,甲县,1
市甲局,市级部门,,1
市丙局,市级部门,,1
""")
    registry = read_registry(tmp_path)
    assert registry.names == ["市甲局", "市丙局", "市乙局", "甲县", "乙县", "甲县镇"]
    assert registry.of_level(DEPARTMENT) == ["市甲局", "市丙局", "市乙局"]
    assert registry.of_level(COUNTY) == ["甲县", "乙县"]
    # the unit Enum of the inputs is in the same order as the registry
    assert list(dict.fromkeys(registry.unit_map.values())) == registry.names


def test_aliases_still_map_after_reordering(tmp_path):
    lines = UNITS.strip().splitlines()
    write(tmp_path, "units.csv", "\n".join([lines[0], *reversed(lines[1:])]) + "\n")
    registry = read_registry(tmp_path)
    assert registry.unit_map["市住房城乡建设局"] == "市住房和城乡建设局"
    assert registry.names == ["市公安局", "市住房和城乡建设局", "通川区", "北山镇"]

"""The levels of the unit registry and the names of the roll-up scopes.

The registry is a tree: 市级部门 and 县（市、区） have no 上级单位; a 县级部门 belongs to its
county; a 乡镇（街道） to its county (or to none, in a district's or a county-less city's
registry, where the towns are the areas); a 村（社区） to its town.
"""

from __future__ import annotations

UNIT_LEVELS = ("市级部门", "县（市、区）", "县级部门", "乡镇（街道）", "村（社区）")


DEPARTMENT, COUNTY, COUNTY_DEPARTMENT, TOWN, VILLAGE = UNIT_LEVELS


# The levels a unit's 上级单位 may have (none: the unit has no 上级单位); a town's 上级单位
# may be left blank (the towns are then the areas, as in a district's own registry).
PARENT_LEVELS: dict[str, tuple[str, ...]] = {
    DEPARTMENT: (),
    COUNTY: (),
    COUNTY_DEPARTMENT: (COUNTY,),
    TOWN: (COUNTY,),
    VILLAGE: (TOWN,),
}


# Levels whose 上级单位 must be given.
PARENT_REQUIRED = (COUNTY_DEPARTMENT, VILLAGE)


CITY = "全市"


COUNTIES = "各县（市、区）"


# The own cases of a unit that has units under it, as a row of its own (「西岭县本级」).
OWN_SUFFIX = "本级"

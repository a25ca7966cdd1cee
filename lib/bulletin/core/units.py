"""The levels of the unit registry and the names of the roll-up scopes.
"""

from __future__ import annotations

UNIT_LEVELS = ("市级部门", "县（市、区）", "乡镇（街道）", "村（社区）")


DEPARTMENT, COUNTY = UNIT_LEVELS[0], UNIT_LEVELS[1]


CITY = "全市"


COUNTIES = "各县（市、区）"

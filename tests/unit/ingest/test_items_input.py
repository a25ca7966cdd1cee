"""事项指标 input errors name file, row, column and value."""

from __future__ import annotations

import pytest

from bulletin.core.errors import InputError
from bulletin.ingest.dataset import Dataset
from bulletin.ingest.items import read_items


def test_bad_cell_names_file_row_column(tmp_path, write):
    write("ds/units.csv", "单位名称,层级,序号\n区交通局,市级部门,1\n")
    write("ds/items/2021-09.csv", "序号,部门名称,事项数,即办件占比\n1,区交通局,十,50%\n2,区交警,3,1%\n")
    d = Dataset.open(tmp_path / "ds")
    with pytest.raises(InputError) as err:
        read_items(d.folder, "2021-09", d.registry)
    message = str(err.value)
    assert "第 2 行「事项数」列：值「十」" in message and "第 3 行「部门名称」列：值「区交警」" in message

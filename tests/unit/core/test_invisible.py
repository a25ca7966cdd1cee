"""Invisible format characters (Unicode Cf) in input text are refused where it is read —
units.csv, the aggregated tables, the notes, dataset.yml — with a Chinese error naming the
file, row and column and showing the character (core.invisible)."""

from __future__ import annotations

import pytest

from bulletin.core.config import load_config
from bulletin.core.errors import InputError
from bulletin.core.invisible import invisible_at, visible
from bulletin.ingest.registry import read_registry
from bulletin.ingest.sheets import read_sheets
from bulletin.report.notes import read_notes
from support.hostile import UNITS, write

CF = ["\u202e", "\u202a", "\u2066", "\u2069", "\u200b", "\u200d", "\u200e", "\u200f", "\ufeff",
      "\u00ad", "\u2060", "\u061c"]


@pytest.mark.parametrize("char", CF)
def test_each_kind_is_found_and_shown(char):
    assert invisible_at(f"市公安{char}局") == 3
    assert visible(f"市{char}局") == f"市〈U+{ord(char):04X}〉局"
    assert invisible_at("市公安局（一）　A-1") is None


def test_a_right_to_left_override_in_a_unit_name(tmp_path):
    write(tmp_path, "units.csv", UNITS.replace("市公安局", "市公安局\u202e部门"))
    with pytest.raises(InputError) as caught:
        read_registry(tmp_path)
    message = str(caught.value)
    assert "units.csv 第 2 行「单位名称」列" in message
    assert "市公安局〈U+202E〉部门" in message and "从右到左覆盖" in message
    assert "\u202e" not in message  # the message itself never prints reversed


def test_in_an_alias_of_an_xlsx_registry(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    for row in [r.split(",") for r in UNITS.strip().splitlines()]:
        book.active.append(row)
    book.active["B3"] = "住建\u200b局"
    book.save(tmp_path / "units.xlsx")
    with pytest.raises(InputError, match=r"units\.xlsx 第 3 行「别名」列.*U\+200B（零宽空格）"):
        read_registry(tmp_path)


def test_in_a_cell_of_an_aggregated_table(tmp_path):
    path = write(tmp_path, "hall/2021-02.csv", "大厅,受理件\n市民中心\ufeff,12\n")
    with pytest.raises(InputError, match=r"2021-02\.csv 第 2 行「A」列.*U\+FEFF"):
        read_sheets(path)


def test_in_the_notes_the_line_is_named(tmp_path):
    path = write(tmp_path, "notes/2021-02.md", "## 工作动态\n\n推进\u2066“一网通办”\u2069。\n")
    with pytest.raises(InputError, match=r"2021-02\.md 第 3 行.*第 3 个字符是 U\+2066"):
        read_notes(path)
    # a byte-order mark that starts the file marks its encoding: read as ever
    write(tmp_path, "notes/2021-03.md", "\ufeff## 工作动态\n\n推进。\n".encode("utf-8"))
    assert read_notes(tmp_path / "notes" / "2021-03.md").sections == {"工作动态": "推进。"}


def test_in_dataset_yml(tmp_path):
    write(tmp_path, "dataset.yml", "region: 达州市\nauthority: 达州市政务服务\u202e管理局\n")
    with pytest.raises(InputError, match=r"dataset\.yml 第 2 行.*U\+202E"):
        load_config(tmp_path)


def test_the_ranges_are_every_format_character_of_this_python():
    """The Cf set read from ranges (Unicode 14, no scan at import) is the one found by
    looking at every code point: none missing, none extra; another Unicode is scanned."""
    import unicodedata

    from bulletin.core import invisible

    found = invisible.scanned_cf()
    assert sorted(invisible._SET) == found
    if unicodedata.unidata_version == "14.0.0":
        listed = [chr(c) for low, high in invisible.CF_RANGES_14 for c in range(low, high + 1)]
        assert listed == found and len(found) == 163
    assert "\u202e" in found and "\u00ad" in found and "a" not in found and "\u3000" not in found

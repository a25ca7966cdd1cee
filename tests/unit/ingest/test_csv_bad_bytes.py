"""A byte the CSV's encoding cannot read (docs/inputs.md, section 3): the file is refused, and
the error names each row and column holding such bytes, with the bytes shown as 〈FF〉 —
instead of 「无法识别文件编码」 with a byte position in GBK. A file that is really GBK is read."""

from __future__ import annotations

import pytest

from bulletin.core.errors import InputError
from bulletin.facts.build import case_facts
from bulletin.ingest.dataset import Dataset, Ingestion
from support.hostile import case, case_csv, make_dataset, write

ROWS = [case(f"C{i}", "2021-02-03 09:00:00", "2021-02-03 10:00:00", "2021-02-05 10:00:00")
        for i in range(1, 40)]  # rows 2..40 of the file


def facts_of(folder):
    ing = Ingestion()
    return case_facts(Dataset.open(folder), "2021-02", "2021-02", ing), ing


def refused(folder) -> list[tuple[int | None, str | None, str | None, str]]:
    with pytest.raises(InputError) as err:
        facts_of(folder)
    assert "无法识别文件编码" not in str(err.value)
    return [(p.row, p.column, p.value, p.expected) for p in err.value.problems]


def in_row(data: bytes, row: int, old: bytes, new: bytes) -> bytes:
    """``data`` with the first ``old`` of its row ``row`` (1 = the header) made ``new``."""
    lines = data.split(b"\n")
    assert old in lines[row - 1]
    lines[row - 1] = lines[row - 1].replace(old, new, 1)
    return b"\n".join(lines)


UTF8 = case_csv(ROWS).encode("utf-8")


@pytest.mark.parametrize("row,old,new,column,shown", [
    (5, "市公安局".encode(), "市公".encode() + b"\xff" + "安局".encode(), "B", "市公〈FF〉安局"),
    (1, "事项名称".encode(), "事项".encode() + b"\xc3" + "名称".encode(), "D", "事项〈C3〉名称"),
    (40, "线上".encode(), "线".encode() + b"\x80", "J", "线〈80〉"),
], ids=["data-cell", "header", "last-row"])
def test_a_bad_byte_in_a_utf8_file_is_named_by_row_and_column(tmp_path, row, old, new, column,
                                                               shown):
    folder = make_dataset(tmp_path)
    write(folder, "cases/a.csv", in_row(UTF8, row, old, new))
    [(r, c, value, expected)] = refused(folder)
    assert (r, c, value) == (row, column, shown)
    assert expected.startswith("UTF-8 文字：此文件的其余部分是 UTF-8")


def test_a_cell_pasted_from_a_gbk_file_is_named_with_what_it_reads_as(tmp_path):
    folder = make_dataset(tmp_path)
    gbk = "市公安局".encode("gbk")  # CA D0 B9 AB B0 B2 BE D6: D0 B9 happens to be UTF-8 «й»
    write(folder, "cases/a.csv", in_row(UTF8, 4, "市公安局".encode(), gbk))
    [(row, column, value, _)] = refused(folder)
    assert (row, column) == (4, "B")
    assert value == "〈CA〉й〈AB〉〈B0〉〈B2〉〈BE〉〈D6〉（按 GBK 读作「市公安局」）"


def test_a_gbk_file_is_read_as_gbk(tmp_path):
    folder = make_dataset(tmp_path)
    write(folder, "cases/a.csv", case_csv(ROWS).encode("gbk"))
    table, ing = facts_of(folder)
    assert ing.files[0].used == 39 and not ing.problems
    assert table.filter(table["unit"] == "市公安局")["applied"].to_list() == [39]


def test_a_bad_byte_in_a_gbk_file_is_named_by_row_and_column(tmp_path):
    folder = make_dataset(tmp_path)
    data = in_row(case_csv(ROWS).encode("gbk"), 3, "户口迁移".encode("gbk"),
                  "户口".encode("gbk") + b"\xff")
    write(folder, "cases/a.csv", data)
    [(row, column, value, expected)] = refused(folder)
    assert (row, column, value) == (3, "D", "户口〈FF〉")
    assert expected.startswith("GBK/GB18030 文字：此文件不是 UTF-8")


def test_every_bad_row_is_named(tmp_path):
    folder = make_dataset(tmp_path)
    data = UTF8
    for row in (7, 9):
        data = in_row(data, row, "户口".encode(), b"\xfe")
    write(folder, "cases/a.csv", data)
    assert [(r, c, v) for r, c, v, _ in refused(folder)] == [(7, "D", "〈FE〉迁移"),
                                                             (9, "D", "〈FE〉迁移")]

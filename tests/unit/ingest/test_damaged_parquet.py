"""Parquet files whose footer is intact but a data page was damaged (docs/inputs.md, section
2): bytes flipped inside a page found through the file's own metadata offsets.

* No page checksums, uncompressed: the page decodes to other values (承诺时限 + 2^24 days);
  the range rule quarantines those rows, and no figure counts them.
* Page checksums (pyarrow ``write_page_checksum=True``): a Chinese InputError naming the
  file, the row group and the column before any figure is computed.
* A compressed page: a Chinese InputError naming the file and row group, in place of the
  polars traceback; ``bulletin facts`` exits 2 without a traceback.
"""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from bulletin.core.errors import InputError
from bulletin.facts.build import case_facts, months_in
from bulletin.ingest.dataset import Dataset, Ingestion
from bulletin.ingest.parquet import has_page_checksums
from support.hostile import make_dataset

ROWS = 40
DAMAGED = 10  # the last ten 承诺时限 values get their high byte changed


def cases_table(rows: int = ROWS) -> pa.Table:
    """Cases of 市公安局 applied, accepted and completed in February 2021 (承诺时限 5 days,
    法定时限 20), one per row, as an export writes them typed."""
    day = dt.datetime(2021, 2, 3, 9)
    return pa.table({
        "办件编号": [f"C{i:03d}" for i in range(1, rows + 1)],
        "办理单位": ["市公安局"] * rows,
        "事项编码": ["X1"] * rows,
        "事项名称": ["户口迁移"] * rows,
        "申请时间": pa.array([day] * rows, pa.timestamp("us")),
        "受理时间": pa.array([day + dt.timedelta(hours=1)] * rows, pa.timestamp("us")),
        "办结时间": pa.array([day + dt.timedelta(days=2)] * rows, pa.timestamp("us")),
        "法定时限": pa.array([20] * rows, pa.int32()),
        "承诺时限": pa.array([5] * rows, pa.int32()),
        "申请方式": ["线上"] * rows,
    })


def write_cases(folder, **options) -> object:
    path = folder / "cases" / "a.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(cases_table(), path, use_dictionary=False, **options)
    return path


def chunk_of(path, column: str):
    meta = pq.ParquetFile(path).metadata
    names = [meta.schema.column(i).name for i in range(meta.num_columns)]
    return meta.row_group(0).column(names.index(column))


def flip_last_values(path, column: str = "承诺时限", count: int = DAMAGED) -> None:
    """Add 2^24 to each of the last ``count`` int32 values of the column's (plain,
    uncompressed) data page, by setting the low bit of each value's high byte. The values
    end the column chunk; the footer is left as it was."""
    chunk = chunk_of(path, column)
    end = chunk.data_page_offset + chunk.total_compressed_size
    data = bytearray(path.read_bytes())
    for k in range(1, count + 1):
        data[end - 4 * k + 3] ^= 0x01
    path.write_bytes(bytes(data))


def spoil_middle(path, column: str = "办件编号") -> None:
    """Overwrite 16 bytes in the middle of the column's (compressed) data page."""
    chunk = chunk_of(path, column)
    middle = chunk.data_page_offset + chunk.total_compressed_size // 2
    data = bytearray(path.read_bytes())
    data[middle:middle + 16] = bytes(0xFF - b for b in data[middle:middle + 16])
    path.write_bytes(bytes(data))


def facts_of(folder):
    ing = Ingestion()
    table = case_facts(Dataset.open(folder), "2021-02", "2021-02", ing)
    return table.filter(table["unit"] == "市公安局").row(0, named=True), ing


def test_the_flipped_bytes_change_the_values_and_leave_the_footer_readable(tmp_path):
    path = write_cases(tmp_path, compression="none")
    flip_last_values(path)
    values = pq.read_table(path)["承诺时限"].to_pylist()
    assert values == [5] * 30 + [5 + 2 ** 24] * 10  # 16 777 221 days, as the issue saw


def test_an_uncompressed_page_decoded_to_other_values_is_quarantined(tmp_path):
    folder = make_dataset(tmp_path)
    flip_last_values(write_cases(folder, compression="none"))
    row, ing = facts_of(folder)
    (count,) = ing.files
    assert (count.read, count.used, count.quarantined) == (40, 30, 10)
    # The 30 intact cases, each a 承诺件 completed on time: nothing of the other ten.
    assert (row["applied"], row["completed"], row["promise_applied"]) == (30, 30, 30)
    assert [(p.row, p.column, p.value) for p in ing.problems] == \
        [(r, "承诺时限", "16777221") for r in range(31, 41)]
    assert all("不大于 365 的整数（工作日）" in p.expected and "文件损坏" in p.expected
               for p in ing.problems)


def test_the_statutory_maximum_is_read_from_dataset_yml(tmp_path):
    folder = make_dataset(tmp_path, config="limit_days_max: 4\n")
    write_cases(folder, compression="none")  # 承诺时限 5 > 4 and 法定时限 20 > 4 everywhere
    ing = Ingestion()
    assert case_facts(Dataset.open(folder), "2021-02", "2021-02", ing).height == 0
    assert ing.files[0].quarantined == 40
    assert {(p.column, p.expected.split("（")[0]) for p in ing.problems} == \
        {("承诺时限", "不大于 4 的整数"), ("法定时限", "不大于 4 的整数")}


def test_a_page_whose_checksum_does_not_match_is_an_error_naming_file_group_and_column(tmp_path):
    folder = make_dataset(tmp_path)
    path = write_cases(folder, compression="none", write_page_checksum=True)
    assert has_page_checksums(path)
    flip_last_values(path)
    with pytest.raises(InputError) as err:
        facts_of(folder)
    (problem,) = err.value.problems
    assert problem.file.endswith("cases/a.parquet") and (problem.row, problem.column) == \
        (1, "承诺时限")
    assert "第 1 个行组（第 1—40 行）" in problem.expected and "校验和不符" in problem.expected


def test_files_of_polars_and_of_pyarrow_by_default_have_no_page_checksums(tmp_path):
    import polars as pl

    plain = write_cases(tmp_path / "pa", compression="snappy")
    by_polars = tmp_path / "pl.parquet"
    pl.from_arrow(cases_table()).write_parquet(by_polars)
    assert not has_page_checksums(plain) and not has_page_checksums(by_polars)


def test_a_checked_file_intact_reads_every_row(tmp_path):
    folder = make_dataset(tmp_path)
    write_cases(folder, compression="zstd", write_page_checksum=True)
    row, ing = facts_of(folder)
    assert (ing.files[0].used, row["applied"]) == (40, 40)


@pytest.mark.parametrize("compression", ["snappy", "zstd"])
@pytest.mark.parametrize("read", [facts_of, lambda folder: months_in(Dataset.open(folder))])
def test_a_compressed_page_that_fails_to_decode_is_an_error_naming_file_and_group(
        tmp_path, compression, read):
    folder = make_dataset(tmp_path)
    spoil_middle(write_cases(folder, compression=compression))
    with pytest.raises(InputError) as err:
        read(folder)
    (problem,) = err.value.problems
    assert problem.file.endswith("cases/a.parquet") and (problem.row, problem.column) == \
        (1, "办件编号")
    assert "第 1 个行组（第 1—40 行）的「办件编号」列数据页无法解码" in problem.expected


def test_bulletin_facts_on_a_damaged_page_exits_2_without_a_traceback(tmp_path):
    from typer.testing import CliRunner

    from bulletin.cli import app

    folder = make_dataset(tmp_path / "ds")
    spoil_middle(write_cases(folder, compression="snappy"))
    result = CliRunner().invoke(app, ["facts", "--dataset", str(folder), "--month", "2021-02",
                                      "--out", str(tmp_path / "f.parquet")])
    assert result.exit_code == 2, result.output
    assert "cases/a.parquet" in result.output and "无法解码" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (tmp_path / "f.parquet").exists()

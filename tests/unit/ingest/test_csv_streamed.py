"""A CSV read in pieces (ingest.encoding, ingest.grid): the same text, the same refusals and
the same rows as reading the whole file at once (support.whole_file, the reading the pieces
replaced), wherever a piece ends — inside a GBK or a four-byte GB18030 character, inside
the byte-order mark, inside a "\\r\\n", inside a bad byte's cell."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin.core.errors import InputError
from bulletin.facts.build import case_facts
from bulletin.ingest import encoding, grid
from bulletin.ingest.dataset import Dataset, Ingestion
from bulletin.ingest.encoding import as_utf8, decode_csv, lines, mostly_utf8
from bulletin.ingest.grid import csv_grid
from support import whole_file
from support.hostile import case, case_csv, make_dataset, write

ROWS = [case(f"C{i}", "2021-02-03 09:00:00", "2021-02-03 10:00:00", "2021-02-05 10:00:00",
             unit="市住房和城乡建设局" if i % 3 else "北山镇")
        for i in range(1, 12)]


def streamed(path: Path, chunk: int) -> str | list[str]:
    with tempfile.TemporaryDirectory() as folder:
        try:
            out, filled = as_utf8(path, Path(folder), chunk)
        except InputError as err:
            return whole_file.summary(err.problems)
        # the file itself (its BOM is skipped by every reader) or a UTF-8 copy of GB18030
        text = out.read_bytes().decode("utf-8-sig" if out == path else "utf-8")
        assert filled == bool(text.strip())
        if out != path:
            out.unlink()
        assert list(Path(folder).iterdir()) == []
        return text


# ------------------------------------------------------------------ generated files

PIECES = [b"a", b"7", b",", b" ", b"\n", b"\r\n", b"\r", b'"',
          "市公安局".encode(), "线上".encode(), "𠀀".encode(),  # UTF-8, 3 and 4 bytes
          "市公安局".encode("gbk"), "线上".encode("gbk"),  # GBK, 2 bytes a character
          "𠀀".encode("gb18030"), "㐀".encode("gb18030"),  # GB18030, 4 bytes
          b"\xff", b"\x80", b"\xc3", b"\xe5\xb8"]  # never valid, or cut short
assert len("𠀀".encode("gb18030")) == len("㐀".encode("gb18030")) == 4

files = st.tuples(st.booleans(), st.lists(st.sampled_from(PIECES), max_size=40)) \
    .map(lambda t: (b"\xef\xbb\xbf" if t[0] else b"") + b"".join(t[1]))


def decoded(path: Path, chunk: int) -> str | list[str]:
    """decode_csv: the small inputs' reading, their bytes read once, then in pieces."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(encoding, "CHUNK", chunk)
        try:
            return decode_csv(path)
        except InputError as err:
            return whole_file.summary(err.problems)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=files, chunk=st.integers(1, 9), suffix=st.sampled_from([".csv", ".txt"]))
def test_a_file_read_in_pieces_reads_or_is_refused_as_read_whole(data, chunk, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"cases{suffix}"
        path.write_bytes(data)
        assert streamed(path, chunk) == whole_file.text_of(path) == decoded(path, chunk)


def streamed_grid(path: Path):
    try:
        grid = csv_grid(path)
    except InputError as err:
        if err.problems[0].expected.startswith(("CSV 格式错误", "不多于表头")):
            return whole_file.structure(err.problems)
        return whole_file.summary(err.problems)
    return "blank" if grid is None else grid.frame.collect().rows()


FIELDS = st.lists(st.sampled_from(["a", "市", "线上", '"', " ", "7", "\n", "\r\n", ""]),
                  max_size=3).map("".join)
TABLES = st.lists(st.lists(FIELDS, min_size=1, max_size=4).map(",".join), max_size=7) \
    .map("\n".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TABLES, enc=st.sampled_from(["utf-8", "utf-8-sig", "gbk"]),
       bad=st.sampled_from([b"", b"\xff", "市".encode("gbk"), "市".encode()[:2]]),
       at=st.floats(0, 1), chunk=st.sampled_from([1, 2, 3, 5, 1 << 20]))
def test_a_csv_read_in_pieces_is_the_grid_of_the_whole_file(text, enc, bad, at, chunk):
    data = text.encode(enc)
    cut = int(at * len(data))
    data = data[:cut] + bad + data[cut:]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.csv"
        path.write_bytes(data)
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(encoding, "CHUNK", chunk)
            mp.setattr(grid, "BATCH", 2)
            assert streamed_grid(path) == whole_file.grid_of(path)


@settings(max_examples=400, deadline=None)
@given(data=st.lists(st.sampled_from(PIECES), max_size=60).map(b"".join),
       chunk=st.integers(1, 9))
def test_lines_are_told_utf8_or_not_as_in_the_whole_file(data, chunk):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.csv"
        path.write_bytes(data)
        assert mostly_utf8(path, chunk) == whole_file.mostly_utf8(data)


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(["a", "市", "\n", "\r", "\r\n", "\x0b", "\x1c", "\x85",
                                      "\u2028", " "]), max_size=40).map("".join),
       chunk=st.integers(1, 6))
def test_lines_read_in_pieces_are_the_lines_of_the_whole_text(text, chunk):
    assert list(lines(io.StringIO(text, newline=""), chunk)) == text.splitlines()


# ------------------------------------------------------------------ named cases

def test_a_gbk_character_split_between_pieces_is_read_whole(tmp_path):
    text = case_csv(ROWS).replace("户口迁移", "户口迁移𠀀㐀")  # two- and four-byte characters
    path = write(tmp_path, "a.csv", text.encode("gb18030"))
    for chunk in range(1, 10):  # every piece boundary falls inside some character
        assert streamed(path, chunk) == text


@pytest.mark.parametrize("chunk", [1, 2, 3, 4, 7])
def test_a_bad_byte_is_named_by_its_record_wherever_the_piece_ends(tmp_path, chunk):
    rows = [*ROWS[:2], ROWS[2].replace("户口迁移", '"户口\n迁移"'), *ROWS[3:]]  # row 4: 2 lines
    data = case_csv(rows).encode("gbk")
    data = data.replace(b"C6,", b"C\xff6,")  # row 7 (line 8), column A
    path = write(tmp_path, "a.csv", data)
    assert streamed(path, chunk) == ["7|A|C〈FF〉6|GBK"] == whole_file.text_of(path)


@pytest.mark.parametrize("chunk", [1, 2, 3, 5])
def test_a_byte_order_mark_split_between_pieces_is_skipped(tmp_path, chunk):
    text = case_csv(ROWS)
    path = write(tmp_path, "a.csv", b"\xef\xbb\xbf" + text.encode())
    assert streamed(path, chunk) == text


@pytest.mark.parametrize("chunk", [1, 2, 4])
def test_a_byte_order_mark_makes_a_bad_byte_a_utf8_error(tmp_path, chunk):
    data = b"\xef\xbb\xbf" + case_csv(ROWS).encode("gbk")  # mostly GBK, but the BOM says UTF-8
    path = write(tmp_path, "a.csv", data)
    found = streamed(path, chunk)
    assert found == whole_file.text_of(path)
    assert len(found) == 20 and found[0].startswith("1|A|") and found[0].endswith("|UTF-8")


@pytest.mark.parametrize("chunk", [1, 2, 3, 64])
def test_a_last_character_cut_short_is_a_truncated_file(tmp_path, chunk):
    path = write(tmp_path, "a.csv", case_csv(ROWS).encode() + "线".encode()[:2])
    assert streamed(path, chunk) == ["truncated"]
    # a bad byte earlier is named instead: the file is not merely cut short
    path.write_bytes(path.read_bytes().replace(b"C3,", b"C\xff3,"))
    found = streamed(path, chunk)
    assert found == whole_file.text_of(path) and found[0] == "4|A|C〈FF〉3|UTF-8" and len(found) == 2


# ------------------------------------------------------------------ through the readers

def facts_of(folder: Path) -> tuple[pl.DataFrame, Ingestion]:
    ing = Ingestion()
    return case_facts(Dataset.open(folder), "2021-02", "2021-02", ing), ing


@pytest.fixture
def tiny_pieces(monkeypatch):
    """Pieces of 3 bytes and batches of 2 rows: every boundary is exercised."""
    monkeypatch.setattr(encoding, "CHUNK", 3)
    monkeypatch.setattr(grid, "BATCH", 2)


def test_a_gbk_export_read_in_tiny_pieces_gives_the_facts_of_its_utf8_twin(tmp_path,
                                                                           tiny_pieces):
    rows = [*ROWS[:4], ROWS[4].replace("2021-02-03 10:00:00", "2021-02-0x"), *ROWS[5:]]
    text = "青岚市办件明细表\n" + case_csv(rows)  # a title row above the header
    results = []
    for name, data in (("utf8", text.encode()), ("gbk", text.encode("gbk")),
                       ("bom", b"\xef\xbb\xbf" + text.encode())):
        folder = make_dataset(tmp_path / name)
        write(folder, "cases/a.csv", data)
        facts, ing = facts_of(folder)
        results.append((facts, [(p.row, p.column, p.value) for p in ing.problems],
                        [(f.read, f.used, f.quarantined, f.shape) for f in ing.files]))
    assert results[0][1] == [(7, "受理时间", "2021-02-0x")]  # title row 1, header row 2
    assert results[0][2] == [(11, 10, 1, "表头上方的第 1 行「青岚市办件明细表」不是数据，已跳过，表头为第 2 行")]
    for facts, problems, files in results[1:]:
        assert facts.equals(results[0][0]) and problems == results[0][1]
        assert files == results[0][2]


def test_quotes_inside_values_are_read_in_batches_with_their_rows(tmp_path, tiny_pieces):
    rows = [r.replace("户口迁移", f'{i}"照片') for i, r in enumerate(ROWS)]  # polars refuses
    rows[5] = rows[5].replace("2021-02-05 10:00:00", "明天")
    folder = make_dataset(tmp_path, {"a.csv": rows})
    facts, ing = facts_of(folder)
    assert [(p.row, p.column, p.value) for p in ing.problems] == [(7, "办结时间", "明天")]
    validated, _ = Dataset.open(folder).validated("cases")
    names = validated.frame.select("item_name").collect()["item_name"].to_list()
    assert names == [f'{i}"照片' for i in range(len(ROWS))]
    assert facts["applied"].sum() == len(ROWS) - 1


def test_a_quote_never_closed_after_several_batches_names_its_row(tmp_path, tiny_pieces):
    rows = [r.replace("户口迁移", f'{i}"照片') for i, r in enumerate(ROWS)]
    rows[8] = rows[8].replace('8"照片', '"照片')
    folder = make_dataset(tmp_path, {"a.csv": rows})
    with pytest.raises(InputError) as err:
        facts_of(folder)
    assert [(p.file.endswith("cases/a.csv"), p.row) for p in err.value.problems] == [(True, 10)]
    assert "引号未配对" in str(err.value)


def test_a_file_rewritten_within_a_clock_tick_is_read_again(tmp_path):
    folder = make_dataset(tmp_path, {"a.csv": ROWS})
    path = folder / "cases" / "a.csv"
    first, _ = facts_of(folder)
    stat = path.stat()
    path.write_bytes(path.read_bytes().replace("北山镇".encode(), "通川区".encode()))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same time
    second, _ = facts_of(folder)
    applied = {u: [t.filter(pl.col("unit") == u)["applied"].item() for t in (first, second)]
               for u in ("北山镇", "通川区")}
    assert applied == {"北山镇": [3, 0], "通川区": [0, 3]}  # C3, C6, C9


def test_a_gbk_copy_is_removed_once_parsed(tmp_path):
    folder = make_dataset(tmp_path)
    write(folder, "cases/a.csv", case_csv(ROWS).encode("gbk"))
    facts_of(folder)
    assert [p.suffix for p in grid.scratch().iterdir()].count(".csv") == 0

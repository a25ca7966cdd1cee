"""A workbook read in pieces (ingest.workbook): the same sheets, rows and cell texts as
fastexcel reading each sheet whole (``whole_grids``, the reading the pieces replaced),
wherever a piece ends — random small workbooks written by openpyxl (inline strings) and
xlsxwriter (shared strings): text, numbers, booleans, dates and times under date, time,
duration and other formats, formulas with and without a cached value, errors, blank
styled cells, merged cells, hidden rows and sheets. A workbook the pieces do not expect is
read whole, with the same result or the same error."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin.core.errors import InputError
from bulletin.ingest import readers, workbook
from bulletin.ingest.workbook import NotStreamable, streamed_grids, whole_grids

TEXTS = st.sampled_from(["市公安局", "线上", " 前后空格 ", "", "_x000D_换行", "a\nb", "001", "1,234",
                         "2021-02-03 09:00:00", "#N/A", "合计", "𠀀", "<&>\"'"])
FLOATS = st.one_of(st.sampled_from([0.0, -0.0, 0.5, 1 / 3, 1 / 1024, 2.5e-7, 1e15, 1e20,
                                    44201.5, 44201.395833333336, 60.0, 61.0, -1.5, 2 ** 53 + 1.0]),
                   st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False))
VALUES = st.one_of(
    st.tuples(st.just("text"), TEXTS),
    st.tuples(st.just("int"), st.integers(-10**6, 10**12)),
    st.tuples(st.just("float"), FLOATS),
    st.tuples(st.just("bool"), st.booleans()),
    st.tuples(st.just("datetime"), st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(2099, 1, 1))),
    st.tuples(st.just("formula"), st.sampled_from([("=1+1", None), ("=A1", 7), ("=B2&\"x\"", "x")])),
    st.tuples(st.just("error"), st.sampled_from(["#N/A", "#DIV/0!", "#VALUE!"])),
    st.tuples(st.just("blank"), st.none()),
)
FORMATS = st.sampled_from([None, "yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss", "h:mm", "[h]:mm:ss",
                           "0.00%", "@", "0.00", "m/d/yy", "\"年\"0"])
CELLS = st.lists(st.tuples(st.integers(0, 14), st.integers(0, 6), VALUES, FORMATS), max_size=30)
SHEETS = st.lists(st.tuples(CELLS, st.booleans(), st.lists(st.integers(0, 14), max_size=3)),
                  min_size=1, max_size=3)


def with_xlsxwriter(path: Path, sheets) -> None:
    import xlsxwriter

    with xlsxwriter.Workbook(path) as wb:
        styles = {}
        for i, (cells, hidden, hidden_rows) in enumerate(sheets):
            ws = wb.add_worksheet(f"表{i}")
            for r in hidden_rows:
                ws.set_row(r, None, None, {"hidden": True})
            for r, c, (kind, value), fmt in cells:
                style = styles.setdefault(fmt, wb.add_format({"num_format": fmt}) if fmt else None)
                if kind == "text":
                    ws.write_string(r, c, value, style)
                elif kind in ("int", "float"):
                    ws.write_number(r, c, value, style)
                elif kind == "bool":
                    ws.write_boolean(r, c, value, style)
                elif kind == "datetime":
                    ws.write_datetime(r, c, value, style or styles.setdefault(
                        "dt", wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})))
                elif kind == "formula":
                    ws.write_formula(r, c, value[0], style, value[1])
                elif kind == "error":
                    ws.write_formula(r, c, "=NA()", style, value)
                else:
                    ws.write_blank(r, c, None, style or styles.setdefault(
                        "border", wb.add_format({"border": 1})))
            if len(cells) > 2 and cells[0][:2] != cells[1][:2]:
                (r1, c1), (r2, c2) = sorted([cells[0][:2], cells[1][:2]])
                if (r1, c1) != (r2, c2) and c1 <= c2:
                    ws.merge_range(r1, c1, r2, c2, "合并", None)
            if hidden and i:
                ws.hide()


def with_openpyxl(path: Path, sheets) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for i, (cells, hidden, hidden_rows) in enumerate(sheets):
        ws = wb.create_sheet(f"表{i}")
        for r in hidden_rows:
            ws.row_dimensions[r + 1].hidden = True
        for r, c, (kind, value), fmt in cells:
            cell = ws.cell(r + 1, c + 1)
            cell.value = value[0] if kind == "formula" else value
            if fmt:
                cell.number_format = fmt
        if hidden and i:
            ws.sheet_state = "hidden"
    wb.save(path)


def whole(path: Path):
    """The sheets as fastexcel reads them whole (rows), or the error's type."""
    try:
        return [(name, frame.height, frame.width, frame.rows()) for name, frame in whole_grids(path)]
    except Exception as err:  # noqa: BLE001 (fastexcel raises errors of its own types)
        return type(err).__name__


def streamed(path: Path, folder: Path):
    """The sheets as read in pieces, in the same terms; None when read whole instead."""
    try:
        grids = streamed_grids(path, folder)
    except NotStreamable as err:
        return f"not streamed: {err}"
    return [(name, grid.height, len(grid.columns), grid.frame.collect().rows())
            for name, grid, _ in grids]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(sheets=SHEETS, writer=st.sampled_from([with_xlsxwriter, with_openpyxl]),
       piece=st.sampled_from([1, 60, 300, 8 << 20]))
def test_a_workbook_read_in_pieces_is_the_workbook_read_whole(tmp_path_factory, sheets, writer,
                                                              piece):
    folder = tmp_path_factory.mktemp("x")
    path = folder / "a.xlsx"
    writer(path, sheets)
    expected = whole(path)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(workbook, "PIECE", piece)
        got = streamed(path, folder)
    assert got == expected
    if got == expected and isinstance(expected, list):
        # what the readers keep: the sheets with any text, as before
        kept = [(name, rows) for name, _, _, rows in expected
                if any(v is not None for row in rows for v in row)]
        for whole_max in (-1, workbook.WHOLE_MAX):  # read in pieces; read whole (small)
            with pytest.MonkeyPatch.context() as mp:
                mp.setattr(workbook, "PIECE", piece)
                mp.setattr(workbook, "WHOLE_MAX", whole_max)
                readers._workbooks.clear()
                assert [(name, grid.frame.collect().rows())
                        for name, grid in readers.xlsx_grids(path)] == kept


def rewritten(path: Path, change) -> Path:
    """A copy of the workbook with its first sheet's XML changed by ``change``."""
    out = path.with_name("changed.xlsx")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            dst.writestr(item, data)
    return out


def sample(tmp_path: Path) -> Path:
    path = tmp_path / "a.xlsx"
    with_xlsxwriter(path, [([(0, 0, ("text", "办件编号"), None), (0, 1, ("text", "办理单位"), None),
                             (1, 0, ("text", "C1"), None), (1, 1, ("text", "市公安局"), None),
                             (2, 0, ("text", "C2"), None), (2, 1, ("float", 3.0), None)],
                            False, [])])
    return path


@pytest.mark.parametrize("change", [
    lambda x: x.replace(b' r="A2"', b""),  # a cell that does not name its place
    lambda x: x.replace(b'r="A2"', b'r="A9"').replace(b'r="B2"', b'r="B9"'),  # rows out of order
    lambda x: x.replace(b"<sheetData>", b"<sheetData><!-- </row> -->"),  # a comment
], ids=["no place", "out of order", "comment"])
def test_a_sheet_the_pieces_do_not_expect_is_read_whole_with_the_same_rows(tmp_path, change):
    path = rewritten(sample(tmp_path), change)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(workbook, "PIECE", 1)
        assert streamed(path, tmp_path).startswith("not streamed")
        expected = [(name, frame.rows()) for name, frame in whole_grids(path)]
        assert [(name, grid.frame.collect().rows()) for name, grid in readers.xlsx_grids(path)] \
            == expected
    assert ("C1", "市公安局") in expected[0][1] or ("C1", "市公安局") in [
        tuple(v for v in r if v is not None) for r in expected[0][1]]


def test_a_piece_with_a_row_of_rows_below_is_placed_at_its_rows(tmp_path):
    """Rows far apart (1, 5000) in different pieces: the rows between are blank, the
    columns start at the first with a value (C), as fastexcel reads the sheet."""
    import xlsxwriter

    path = tmp_path / "a.xlsx"
    with xlsxwriter.Workbook(path) as wb:
        ws = wb.add_worksheet("表0")
        ws.write_string(0, 2, "表头")
        ws.write_number(4999, 3, 2.5)
        ws.write_formula(4999, 5, "=NA()", None, "#N/A")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(workbook, "PIECE", 1)
        [(name, grid, filled)] = streamed_grids(path, tmp_path)
    rows = grid.frame.collect().rows()
    assert (name, grid.height, len(grid.columns), filled) == ("表0", 5000, 4, True)
    assert rows[0] == ("表头", None, None, None) and rows[-1] == (None, "2.5", None, None)
    assert set(rows[1:-1]) == {(None, None, None, None)}
    assert whole(path) == [("表0", 5000, 4, rows)]


def test_a_damaged_workbook_is_refused_as_before(tmp_path):
    path = sample(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError) as err:
        readers.xlsx_grids(path)
    assert "无法读取文件" in str(err.value)


def test_shared_strings_are_those_of_the_cells_wherever_the_pieces_end(tmp_path):
    """Many shared strings, cells using them out of order: every piece's strings table
    holds what its cells name."""
    import xlsxwriter

    path = tmp_path / "a.xlsx"
    with xlsxwriter.Workbook(path) as wb:
        ws = wb.add_worksheet()
        for r in range(400):
            ws.write_row(r, 0, [f"s{(r * 37) % 101}", f"单位{r % 7}", r])
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(workbook, "PIECE", 500)
        [(_, grid, _)] = streamed_grids(path, tmp_path)
    frame = grid.frame.collect()
    assert frame.rows() == [(f"s{(r * 37) % 101}", f"单位{r % 7}", str(r)) for r in range(400)]
    assert frame.equals(pl.DataFrame(whole_grids(path)[0][1].rows(), orient="row",
                                     schema=frame.columns))


def test_a_piece_workbook_is_a_workbook_fastexcel_reads(tmp_path):
    """The parts a piece copies (styles, the date system) are the file's: a 1904 workbook's
    dates read as in the file."""
    import xlsxwriter

    path = tmp_path / "a.xlsx"
    with xlsxwriter.Workbook(path, {"date_1904": True}) as wb:
        ws = wb.add_worksheet()
        ws.write_datetime(0, 0, dt.datetime(2021, 2, 3, 9, 0), wb.add_format({"num_format": "yyyy-mm-dd hh:mm"}))
        ws.write_number(1, 0, 1000, wb.add_format({"num_format": "yyyy-mm-dd"}))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(workbook, "PIECE", 1)
        [(_, grid, _)] = streamed_grids(path, tmp_path)
    rows = grid.frame.collect().rows()
    assert rows == [("2021-02-03 09:00:00",), ("1906-09-27 00:00:00",)]
    assert rows == whole(path)[0][3]


def test_a_small_workbook_is_read_whole_and_a_larger_one_in_pieces(tmp_path, monkeypatch):
    """The readers' choice (``workbook.WHOLE_MAX``: the sheets' and shared strings' XML):
    at the bound read whole, one byte under it in pieces — each way alone, the other
    refused here, with the same sheets."""
    path = sample(tmp_path)
    with zipfile.ZipFile(path) as archive:
        size = sum(i.file_size for i in archive.infolist()
                   if i.filename.startswith("xl/worksheets/") or i.filename.endswith("sharedStrings.xml"))
    expected = [(name, frame.rows()) for name, frame in whole_grids(path)]

    def refused(*_):
        raise AssertionError("not this way")

    for whole_max, other in ((size, "streamed_grids"), (size - 1, "whole_grids")):
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(workbook, "WHOLE_MAX", whole_max)
            mp.setattr(workbook, other, refused)
            readers._workbooks.clear()
            assert workbook.small(path) is (other == "streamed_grids")
            assert [(name, grid.frame.collect().rows())
                    for name, grid in readers.xlsx_grids(path)] == expected
    (tmp_path / "not.xlsx").write_bytes(b"PK not a zip")
    assert workbook.small(tmp_path / "not.xlsx") is False


# ------------------------------------------------------------------ bounded memory

CHILD = """
import sys
from pathlib import Path
import polars as pl
from bulletin.ingest import readers, workbook
path, how = Path(sys.argv[1]), sys.argv[2]
if how == "streamed":
    [(_, grid)] = readers.xlsx_grids(path)
    print(grid.height, grid.frame.select(pl.len()).collect().item(),
          grid.frame.tail(1).collect().row(0)[0])
elif how == "whole":
    [(_, frame)] = workbook.whole_grids(path)
    print(frame.height, frame.height, frame.row(-1)[0])
"""


def peak_of(*args: str) -> tuple[int, str]:
    """The peak RSS (bytes) of a Python reading the workbook, as the kernel counts it
    (``/usr/bin/time``: the process it starts is small, so the mark is the reader's own)."""
    import os
    import subprocess
    import sys
    import tempfile

    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        done = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", tf.name, sys.executable, "-c",
                               CHILD, *args], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
        return int(tf.read().split()[-1]) * 1024, done.stdout.strip()


@pytest.mark.slow  # writes a 300,000-row workbook and reads it three times in a Python of its own
@pytest.mark.skipif(not Path("/usr/bin/time").exists(), reason="needs /usr/bin/time")
def test_a_sheet_larger_than_a_small_memory_budget_is_read_within_it(tmp_path):
    """A sheet whose XML is ~1.6 × the budget: read in pieces, the reader's peak RSS stays
    within the budget above a Python that read a one-row workbook; read whole (the reading
    replaced), it does not."""
    import xlsxwriter

    rows, budget = 300_000, 96 << 20
    big, small = tmp_path / "big.xlsx", tmp_path / "small.xlsx"
    for path, n in ((big, rows), (small, 1)):
        with xlsxwriter.Workbook(path, {"constant_memory": True}) as wb:
            ws = wb.add_worksheet("办件")
            ws.write_row(0, 0, ["办件编号", "办理单位", "事项名称", "申请时间", "办结时间",
                                "法定时限", "承诺时限", "申请方式", "备注", "序号"])
            for r in range(1, n + 1):
                ws.write_row(r, 0, [f"C{r:08d}", f"单位{r % 97}", f"事项{r % 1013}名称较长一些",
                                    "2021-02-03 09:00:00", "2021-02-05 10:00:00", 20, 5,
                                    "线上" if r % 3 else "窗口", f"备注{r}", r])
    with zipfile.ZipFile(big) as archive:
        xml = archive.getinfo("xl/worksheets/sheet1.xml").file_size
    assert xml > budget
    base, _ = peak_of(str(small), "streamed")
    streamed_peak, out = peak_of(str(big), "streamed")
    assert out == f"{rows + 1} {rows + 1} C{rows:08d}"
    whole_peak, out = peak_of(str(big), "whole")
    assert out == f"{rows + 1} {rows + 1} C{rows:08d}"
    assert streamed_peak - base < budget < whole_peak - base, (base, streamed_peak, whole_peak)

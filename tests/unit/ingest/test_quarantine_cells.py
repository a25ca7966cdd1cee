"""The quarantine report (``bulletin facts`` → *.quarantine.csv), which the docs tell the
analyst to open in Excel: a bad cell that would start a formula is written as text, with
a leading "'" as in the downloads, and an ID or mobile number in it is masked."""

from __future__ import annotations

import csv

from support.cases import GOOD, ingest

ROW = ("C{n},{unit},X9,事项,2021-02-10 09:00:00,2021-02-10 09:30:00,2021-02-18 10:00:00,20,5,"
       "{channel},张三,510101199001011234,13800000000")


def quarantine_rows(dataset, tmp_path, bad_rows: list[str]) -> list[list[str]]:
    _, ingestion = ingest(dataset([*GOOD, *bad_rows]))
    path = ingestion.write_quarantine(tmp_path / "out" / "facts.quarantine.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_formulas_in_bad_cells_come_out_inert(dataset, tmp_path):
    rows = quarantine_rows(dataset, tmp_path, [
        ROW.format(n=11, unit='"=HYPERLINK(""http://x"",""y"")"', channel="线上"),
        ROW.format(n=12, unit="市公安局", channel="@SUM(1+1)"),
        ROW.format(n=13, unit='"-2+3+cmd|\' /C calc\'!A0"', channel="线上"),
        ROW.format(n=14, unit='"\tcmd"', channel="线上"),
    ])
    assert rows[0] == ["文件", "行号", "列", "值", "问题"]
    cells = [(row[1], row[2], row[3]) for row in rows[1:]]
    assert cells == [
        ("5", "办理单位", "'=HYPERLINK(\"http://x\",\"y\")"),
        ("6", "申请方式", "'@SUM(1+1)"),
        ("7", "办理单位", "'-2+3+cmd|' /C calc'!A0"),
        ("8", "办理单位", "'\tcmd"),
    ]
    # no cell of the report starts a formula
    assert not [c for row in rows for c in row if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_personal_numbers_in_bad_cells_are_masked(dataset, tmp_path):
    rows = quarantine_rows(dataset, tmp_path, [
        ROW.format(n=15, unit="市公安局 139-1234-5678", channel="线上"),
        ROW.format(n=16, unit="市公安局", channel="身份证１１０１０１１９９００１０１１２３７"),
    ])
    assert [row[3] for row in rows[1:]] == ["市公安局 139＊＊＊＊5678", "身份证［身份证号已隐去］"]
    text = (tmp_path / "out" / "facts.quarantine.csv").read_text(encoding="utf-8-sig")
    assert "1234-5678" not in text and "１２３７" not in text

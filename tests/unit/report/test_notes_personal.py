"""ID and mobile numbers typed into the analyst's notes are masked as the notes are read:
in the sections the bulletin prints and in what it lists as unused."""

from __future__ import annotations

from bulletin.report.notes import read_notes

NOTES = """前言：联系人 13812345678

## 工作动态

（一）联系人：张三，身份证号 510722199001011234，手机 139-1234-5678。

### 联系 +86 150 1234 5678

## 其他 13712345678

本节不用。
"""


def test_notes_are_masked_where_they_are_read(tmp_path):
    path = tmp_path / "2021-02.md"
    path.write_text(NOTES, encoding="utf-8")
    notes = read_notes(path)
    text = notes.sections["工作动态"] + " ".join(notes.unused)
    assert "身份证号 ［身份证号已隐去］，手机 139＊＊＊＊5678" in text
    assert "**联系 150＊＊＊＊5678**" in text
    assert "138＊＊＊＊5678" in text and "137＊＊＊＊5678" in text
    for number in ("13812345678", "510722199001011234", "1234-5678", "150 1234", "13712345678"):
        assert number not in text


def test_notes_in_gbk_are_masked_too(tmp_path):
    path = tmp_path / "2021-02.md"
    path.write_bytes(NOTES.encode("gbk"))
    assert "139＊＊＊＊5678" in read_notes(path).sections["工作动态"]

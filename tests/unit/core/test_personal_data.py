"""Personal data typed by hand (core.privacy): ID numbers (18 digits, X, 15 digits) and mobile
numbers (spaces, dashes, +86) are masked where text is read and found in published text,
while what a bulletin prints (counts, rates, dates, codes, decimals) is left alone."""

from __future__ import annotations

import pytest

from bulletin.core.config import load_config
from bulletin.core.privacy import find_lines, redact, scan

ID = "［身份证号已隐去］"


@pytest.mark.parametrize(("typed", "masked"), [
    ("身份证号510722199001011234。", f"身份证号{ID}。"),
    ("身份证 51072219900101123X", f"身份证 {ID}"),
    ("身份证 51072219900101123x，", f"身份证 {ID}，"),
    ("510722 19900101 1234", ID),
    ("510722-19900101-1234", ID),
    ("旧证 510722900101123", f"旧证 {ID}"),
    ("电话13812345678", "电话138＊＊＊＊5678"),
    ("电话：138 1234 5678", "电话：138＊＊＊＊5678"),
    ("138-1234-5678", "138＊＊＊＊5678"),
    ("+86 138 1234 5678", "138＊＊＊＊5678"),
    ("+8613812345678", "138＊＊＊＊5678"),
    ("0086-13812345678", "138＊＊＊＊5678"),
    ("8613812345678", "138＊＊＊＊5678"),
    ("（联系人张三13812345678，李四19987654321）", "（联系人张三138＊＊＊＊5678，李四199＊＊＊＊4321）"),
])
def test_hand_typed_numbers_are_masked(typed, masked):
    assert redact(typed) == masked


@pytest.mark.parametrize("text", [
    "全市申请 249682 件，办结 243986 件，占比 42.55%，较上月增加 1315 件（+3.45%）。",
    "2021-02-01 至 2021-02-28，第 2 期，发布率为97.0%。",
    "事项编码 511704500120009；事项编码：511704600150009",
    "办件编号 SC20210101000015401",
    "0.13548387096774192,10.321000000000009h67.0967741935484v249.679",
    "12345678901", "1234567890123456789", "28123456789",  # not a mobile, not an ID
    "电话 0818-2381234",  # an office landline: published by offices on purpose
])
def test_what_bulletins_print_is_left_alone(text):
    assert redact(text) == text
    assert scan(text) == []


def test_scan_ignores_hashes_and_codes():
    text = ('"id": "a13812345678b", "kernel": "5f3e-138123456789", "x": 1.3812345678,'
            ' 事项编码 511704500120009')
    assert scan(text) == []
    assert scan("身份证号码：510722900101123") == [("身份证号", ID)]


def test_scan_of_pdf_text_ignores_cells_spaces_apart():
    # a table row in pdftotext: 152 | 1234 | 5678 in three cells
    assert scan("市公安局 152 1234 5678", separators=False) == []
    assert scan("电话 13812345678", separators=False) == [("手机号码", "138＊＊＊＊5678")]


def test_find_lines_names_the_line_and_never_the_number():
    found = find_lines("# 标题\n\n联系人 13812345678\n身份证 510722199001011234", "notes/2021-02.md")
    assert [str(f) for f in found] == ["notes/2021-02.md 第 3 行：手机号码 138＊＊＊＊5678",
                                       f"notes/2021-02.md 第 4 行：身份证号 {ID}"]


def test_dataset_yml_strings_are_masked(tmp_path):
    (tmp_path / "dataset.yml").write_text(
        "region: 达州市\nauthority: 达州市政务服务管理局（值班电话 138-1234-5678）\n"
        "distribution:\n  报:\n    - 省大数据中心（联系人 13912345678）；\n", encoding="utf-8")
    config = load_config(tmp_path)
    assert config.authority == "达州市政务服务管理局（值班电话 138＊＊＊＊5678）"
    assert config.distribution.model_dump(by_alias=True)["报"] == ["省大数据中心（联系人 139＊＊＊＊5678）；"]

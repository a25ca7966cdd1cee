"""dataset.yml's document: a 简报 (期号) or a 公文 under GB/T 9704 (发文字号 per month),
and the keys that go with each kind, refused with the file and the key named."""

from __future__ import annotations

import pytest

from bulletin.core.config import load_config
from bulletin.core.document import number_problem
from bulletin.core.errors import ConfigError

OFFICIAL = ("document:\n  kind: 公文\n  numbers:\n    \"2021-09\": {number}\n"
            "profile:\n  sections: [title, doc_title, preface, annex_list, signature]\n")


def test_a_brief_by_default(tmp_path):
    config = load_config(tmp_path)
    assert config.document.kind == "简报" and not config.document.official
    assert config.document.numbers == {}


def test_an_official_document_with_its_numbers(write, tmp_path):
    write("dataset.yml", OFFICIAL.format(number="江北政务〔2021〕45号"))
    doc = load_config(tmp_path).document
    assert doc.official
    assert doc.numbers == {"2021-09": "江北政务〔2021〕45号"}
    assert doc.mark is None and doc.signature is None and doc.note is None


@pytest.mark.parametrize("number,told", [
    ("江北政务[2021]45号", "六角括号〔〕"),
    ("江北政务【2021】45号", "六角括号〔〕"),
    ("江北政务（2021）45号", "六角括号〔〕"),
    ("江北政务〔2021〕045号", "不编虚位"),
    ("江北政务〔2021〕45", "应以「号」结尾"),
    ("江北政务〔21〕45号", "年份四位"),
    ("〔2021〕45号", "机关代字"),
])
def test_a_number_not_in_the_standard_form_names_file_key_and_fix(write, tmp_path, number, told):
    write("dataset.yml", OFFICIAL.format(number=number))
    with pytest.raises(ConfigError) as error:
        load_config(tmp_path)
    text = str(error.value)
    assert str(tmp_path / "dataset.yml") in text
    assert "配置项「document.numbers」" in text and f"「{number}」" in text and told in text


@pytest.mark.parametrize("number", ["江北政务〔2021〕45号", "渝府办发〔2022〕1号", "国办函〔2019〕120号"])
def test_numbers_in_the_standard_form(number):
    assert number_problem(number) is None


def test_a_month_key_that_is_not_a_month(write, tmp_path):
    write("dataset.yml", OFFICIAL.replace('"2021-09"', '"2021-9"').format(number="江北政务〔2021〕45号"))
    with pytest.raises(ConfigError, match="配置项「document.numbers」.*键「2021-9」应为月份 YYYY-MM"):
        load_config(tmp_path)


def test_an_unknown_kind(write, tmp_path):
    write("dataset.yml", "document:\n  kind: 通知\n")
    with pytest.raises(ConfigError, match="配置项「document.kind」.*'通知'"):
        load_config(tmp_path)


@pytest.mark.parametrize("extra,key,told", [
    ("document:\n  numbers:\n    \"2021-09\": 江北政务〔2021〕45号\n", "document.numbers", "只用于公文"),
    ("document:\n  note: 联系人：张三\n", "document.note", "只用于公文"),
    ("profile:\n  sections: [title, preface, annex_list, signature]\n", "profile.sections",
     "只用于公文"),
])
def test_a_brief_refuses_what_only_an_official_document_has(write, tmp_path, extra, key, told):
    write("dataset.yml", extra)
    with pytest.raises(ConfigError) as error:
        load_config(tmp_path)
    assert error.value.key == key and error.value.file == str(tmp_path / "dataset.yml")
    assert f"配置项「{key}」" in str(error.value) and told in str(error.value)


@pytest.mark.parametrize("sections,told", [
    ("[title, doc_title, preface, annex_list]", "缺少 signature"),
    ("[title, contents, doc_title, preface, annex_list, signature]", "不印要目"),
    ("[title, doc_title, preface, signature, annex_list]", "signature 应排在 annex_list 之后"),
])
def test_an_official_document_s_sections(write, tmp_path, sections, told):
    write("dataset.yml", "document:\n  kind: 公文\nprofile:\n  sections: " + sections + "\n")
    with pytest.raises(ConfigError, match=f"配置项「profile.sections」.*{told}"):
        load_config(tmp_path)


def test_an_official_document_has_no_issue_numbers(write, tmp_path):
    write("dataset.yml", OFFICIAL.format(number="江北政务〔2021〕45号")
          + "issue_numbers:\n  \"2021-09\": 9\n")
    with pytest.raises(ConfigError, match="配置项「issue_numbers」不适用于公文.*document.numbers"):
        load_config(tmp_path)


def test_the_printed_strings_of_an_official_document_are_typeset(write, tmp_path):
    write("dataset.yml", OFFICIAL.format(number="江北政务〔2021〕45号").replace(
        "  numbers:", "  note: 联系人:张三,联系电话:67560907\n  numbers:"))
    config = load_config(tmp_path)
    assert config.document.note == "联系人：张三，联系电话：67560907"
    assert {fix.key for fix in config.typeset_fixes} == {"document.note"}
    assert config.document.numbers["2021-09"] == "江北政务〔2021〕45号"  # checked, not typeset


@pytest.mark.parametrize("section", ["signature", "addressees"])
def test_an_outline_does_not_number_the_addressees_or_the_signature(write, tmp_path, section):
    write("dataset.yml", OFFICIAL.format(number="江北政务〔2021〕45号").replace(
        "title, doc_title, preface, annex_list, signature",
        "title, doc_title, addressees, preface, annex_list, signature")
          + f"  outline:\n    - {{title: 通知, sections: [{section}]}}\n")
    with pytest.raises(ConfigError, match=f"profile.*章节 {section} 不能编入层次.*主送机关、署名不编号"):
        load_config(tmp_path)

"""The strings of dataset.yml the bulletin prints are typeset as the notes are
(core.config_print), each change kept with its key and line for the review; the names the
input is matched against are left as typed."""

from __future__ import annotations

from bulletin.core.config import load_config
from bulletin.core.typography import Fix

CONFIG = """\
region: 示例市
authority: 示例市政务服务管理局(政务服务中心)
title: 一体化政务服务平台运行情况通报
city_level_name: 市本级(部门)
distribution:
  报: ["市政府办公室,市委办公室"]
  发: [各县（市、区）政务服务管理局]
scores:
  groups:
    - name: A组(市级)
      title: 市级部门(单位)甲组
"""


def test_printed_strings_are_typeset_and_each_change_kept(write, tmp_path):
    write("ds/dataset.yml", CONFIG)
    config = load_config(tmp_path / "ds")
    assert config.authority == "示例市政务服务管理局（政务服务中心）"
    assert config.distribution.report_to == ["市政府办公室，市委办公室"]  # quoted: one string
    assert config.scores.groups[0].title == "市级部门（单位）甲组"
    # a name the inputs are matched against (sheet name, scope) is not the bulletin's text
    assert config.city_level_name == "市本级(部门)" and config.scores.groups[0].name == "A组(市级)"
    assert [(c.key, c.fix) for c in config.typeset_fixes] == [
        ("authority", Fix(2, "理局(政务服务中心)", "理局（政务服务中心）")),
        ("distribution.report_to", Fix(6, "公室,市委", "公室，市委")),
        ("scores.groups.0.title", Fix(11, "部门(单位)甲组", "部门（单位）甲组")),
    ]


def test_a_comma_between_chinese_in_a_list_item(write, tmp_path):
    write("ds/dataset.yml", "distribution:\n  送:\n    - 市委办公室,市政府办公室\n")
    config = load_config(tmp_path / "ds")
    assert config.distribution.copy_to == ["市委办公室，市政府办公室"]
    assert [(c.key, c.fix.line, str(c.fix)) for c in config.typeset_fixes] == [
        ("distribution.copy_to", 3, "「公室,市政」→「公室，市政」")]


def test_nothing_to_change_nothing_kept(tmp_path):
    assert load_config(tmp_path).typeset_fixes == []  # no dataset.yml: the defaults

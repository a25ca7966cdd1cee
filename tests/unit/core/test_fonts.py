"""core.fonts: the folders searched for the 公文 faces ($BULLETIN_FONTS, dataset.yml's
``fonts``, the system's), a folder that is not there named in Chinese, and the sentence the
publish summary and the review print about the faces used or stood in for.

That a face found in a folder is the one typst sets is tested where a font file can be
made (tests/e2e/test_print_layout.py: an open font renamed 仿宋_GB2312 with fontTools)."""

from __future__ import annotations

import os

import pytest

from bulletin.core.config import load_config
from bulletin.core.errors import ConfigError
from bulletin.core.fonts import (
    FONTS_ENV,
    ROLES,
    SANS,
    SERIF,
    Face,
    dataset_font_folders,
    font_dirs,
    font_folders,
    substitution_line,
    typst_faces,
)

ROLE = {role.key: role for role in ROLES}


def test_the_roles_are_gb_t_9704_s():
    assert [(r.label, r.faces[0], r.open_face) for r in ROLES] == [
        ("标题", "方正小标宋简体", SERIF), ("正文", "仿宋_GB2312", SERIF),
        ("一级标题", "黑体", SANS), ("二级标题", "楷体_GB2312", SERIF)]


def test_the_environment_s_folders_come_first_then_the_dataset_s(tmp_path, monkeypatch):
    office, other, dataset = tmp_path / "office", tmp_path / "other", tmp_path / "ds"
    for folder in (office, other, dataset / "字体"):
        folder.mkdir(parents=True)
    monkeypatch.setenv(FONTS_ENV, os.pathsep.join([str(office), str(other)]))
    found = font_folders(dataset, "字体")
    assert found[:3] == [str(office), str(other), str(dataset / "字体")]
    assert found[3:] == font_dirs()


def test_a_missing_folder_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv(FONTS_ENV, str(tmp_path / "无此文件夹"))
    with pytest.raises(ConfigError, match=f"环境变量 {FONTS_ENV} 中的字体文件夹 .*无此文件夹 不存在"):
        font_folders()
    monkeypatch.delenv(FONTS_ENV)
    with pytest.raises(ConfigError, match="dataset.yml：配置项「fonts」的字体文件夹 .*gongwen 不存在"):
        font_folders(tmp_path, "gongwen")


def test_dataset_yml_names_the_folder(tmp_path, monkeypatch):
    monkeypatch.delenv(FONTS_ENV, raising=False)
    (tmp_path / "fonts").mkdir()
    (tmp_path / "dataset.yml").write_text("region: 达州市\nfonts: fonts\n", encoding="utf-8")
    assert load_config(tmp_path).fonts == "fonts"
    assert dataset_font_folders(tmp_path)[0] == str(tmp_path / "fonts")
    # a month executed elsewhere (its dataset folder gone): the system's folders alone
    assert dataset_font_folders(tmp_path / "gone") == font_dirs()


def faces(*official: str) -> dict[str, Face]:
    """Faces as find_faces returns them, the roles in ``official`` found under their first
    name (without a bold weight of their own), the others stood in for."""
    return {r.key: Face(r, r.faces[0], True, False) if r.key in official
            else Face(r, r.open_face, False, True) for r in ROLES}


def test_the_substitution_is_named_role_by_role():
    assert substitution_line(faces("title", "body", "hei", "kai")) == (
        "排版字体：公文字体齐全（标题 方正小标宋简体，正文 仿宋_GB2312，一级标题 黑体，"
        "二级标题 楷体_GB2312），未作替代。")
    line = substitution_line(faces("body"))
    assert line.startswith("排版字体：本机没有 方正小标宋简体（标题）、黑体（一级标题）、楷体_GB2312（二级标题），"
                           "PDF 中以开源字体 Noto Serif CJK SC、Noto Sans CJK SC 代替；")
    assert "仿宋_GB2312" not in line and FONTS_ENV in line and "dataset.yml 的 fonts" in line


def test_what_the_template_reads():
    got = typst_faces(faces("body"))
    # the 公文 face first, the open one for the glyphs it lacks; its own weight; bold drawn
    assert got["body"] == {"font": ["仿宋_GB2312", SERIF], "weight": "regular", "bold": False}
    # stood in for: the open face alone, in bold for the heavy faces
    assert got["title"] == {"font": [SERIF], "weight": "bold", "bold": True}
    assert got["hei"] == {"font": [SANS], "weight": "bold", "bold": True}
    assert got["kai"] == {"font": [SERIF], "weight": "bold", "bold": True}

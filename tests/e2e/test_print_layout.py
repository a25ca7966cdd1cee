"""Every sample bulletin as an office prints it (GB/T 9704).

Pages: every page of every sample's PDF is rendered (pdftoppm) and none holds print over
less than a quarter of its text block's height — no page carrying only a few rows of a
table or lines of its notes — but for what the standard asks for: the 版记 alone on the last
(even) page, and the blank page before it. The 附件说明 of every sample that has annexes is
in the standard's form (tests/support/print_layout.py reads it back from the PDF's words).

Fonts: with stand-ins of the 公文 faces (open fonts renamed with fontTools) in the folder of
$BULLETIN_FONTS, a published PDF sets its body in 仿宋_GB2312 and its review says nothing was
stood in for; without them, the review names what was."""

from __future__ import annotations

import re
import subprocess

import pytest

from bulletin.core.fonts import find_faces, font_dirs
from support.paths import DATA
from support.print_layout import MM, annex_note_problems, short_pages

MONTHS = ["seed000/2021-02", "seed001/2023-06", "seed002/2020-12", "seed003/2022-09",
          "seed004/2021-09", "synthetic/2021-01", "synthetic/2021-02", "qinglan/2024-05",
          "qinglan/2024-06"]


def pdf_of(published_demo, month: str):
    return published_demo / "reports" / month / "bulletin.pdf"


@pytest.mark.slow
@pytest.mark.parametrize("month", MONTHS)
def test_no_page_holds_only_a_few_lines(published_demo, month):
    assert short_pages(pdf_of(published_demo, month)) == []


def has_annexes(pdf) -> bool:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return bool(re.search(r"^\f?附件\s*1\s*$", text, re.MULTILINE))  # (a page starts \f)


@pytest.mark.slow
@pytest.mark.parametrize("month", MONTHS)
def test_the_annex_note_is_in_the_standard_s_form(published_demo, month):
    pdf = pdf_of(published_demo, month)
    problems = annex_note_problems(pdf, lambda page: (28 if page % 2 else 26) * MM)
    if not has_annexes(pdf):
        assert problems is None, f"{month}: a 附件说明 without annexes"
        return
    assert problems == [], month


def test_the_samples_have_annexes_to_check(published_demo):
    # the check above means something: all samples but seed 002 list their annexes
    with_annexes = [m for m in MONTHS if has_annexes(pdf_of(published_demo, m))]
    assert {m.split("/")[0] for m in with_annexes} >= {"seed000", "seed001", "seed003",
                                                      "seed004", "synthetic"}


# ------------------------------------------------------------------------------ fonts


def review_line(folder) -> str:
    return next(line for line in (folder / "review.md").read_text(encoding="utf-8").splitlines()
                if line.startswith("排版字体："))


def fonts_of(pdf, page: int) -> list[str]:
    """The PostScript names of the fonts a page of ``pdf`` uses (pdffonts, subset tag off)."""
    out = subprocess.run(["pdffonts", "-f", str(page), "-l", str(page), str(pdf)],
                         capture_output=True, text=True, check=True).stdout
    return [line.split()[0].split("+")[-1].removesuffix("-Identity-H")
            for line in out.splitlines()[2:] if line.strip()]


def test_without_the_gongwen_faces_the_review_names_the_substitution(published_demo):
    missing = [f.role.faces[0] for f in find_faces(font_dirs()).values() if not f.official]
    if not missing:
        pytest.skip("this machine has the 公文 faces: nothing is stood in for")
    line = review_line(published_demo / "reports" / "seed002" / "2020-12")
    assert line.startswith("排版字体：本机没有 ")
    assert all(face in line for face in missing) and "Noto Serif CJK SC" in line
    assert not any("FangSong" in name for name in fonts_of(
        pdf_of(published_demo, "seed002/2020-12"), 2))


@pytest.mark.slow
def test_with_the_gongwen_faces_the_pdf_sets_them(tmp_path, monkeypatch):
    pytest.importorskip("fontTools", reason="fontTools (the test extra) renames the stand-ins")
    from bulletin.publish.runner import publish_many
    from support.standin_fonts import write_standins

    folder = write_standins(tmp_path / "公文字体")
    monkeypatch.setenv("BULLETIN_FONTS", str(folder))  # the kernel inherits it
    result = publish_many(DATA / "seed002", ["2020-12"], reports=tmp_path / "reports",
                          site=tmp_path / "site")
    month = result.folders[0]
    assert review_line(month) == (
        "排版字体：公文字体齐全（标题 方正小标宋简体，正文 仿宋_GB2312，一级标题 黑体，"
        "二级标题 楷体_GB2312），未作替代。")
    assert result.fonts == review_line(month)  # the publish summary says the same
    # page 2 is body text: set in 仿宋_GB2312 (the stand-in's PostScript name); the title
    # on page 1 in 方正小标宋简体, the 一级标题 in 黑体
    assert "FangSong_GB2312" in fonts_of(month / "bulletin.pdf", 2)
    assert {"FZXiaoBiaoSong-B05S", "SimHei"} <= set(fonts_of(month / "bulletin.pdf", 1))
    assert not any(name.startswith("NotoSerifCJK") and "Bold" in name
                   for name in fonts_of(month / "bulletin.pdf", 2))

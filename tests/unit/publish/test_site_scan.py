"""`bulletin site` rebuilds the site from executed months without executing them: it makes
the same last scan as `bulletin publish` — an executed notebook, a Word file or a download
edited to hold an ID or mobile number (in any typed form) is refused with the file named,
and the site already published is left as it was."""

from __future__ import annotations

import zipfile

from typer.testing import CliRunner

from bulletin.cli import app
from support.executed import markdown, write_month


def run_site(cwd, monkeypatch):
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(app, ["site"], env={"COLUMNS": "400"})


def test_site_refuses_a_tampered_notebook_and_keeps_the_old_site(tmp_path, monkeypatch):
    folder = write_month(tmp_path / "reports", "2021-02", [markdown("全市申请 249679 件。")])
    assert run_site(tmp_path, monkeypatch).exit_code == 0
    page = tmp_path / "_site" / "mini" / "2021-02" / "index.html"
    before = page.read_text(encoding="utf-8")
    assert "249679" in before
    # the executed notebook edited by hand: a mobile number typed full-width, in groups
    write_month(tmp_path / "reports", "2021-02",
                [markdown("全市申请 249679 件。值班电话 １３９ １２３４ ５６７８")])
    result = run_site(tmp_path, monkeypatch)
    assert result.exit_code == 2, result.output
    assert "生成网站失败，原网站未改动" in result.output
    assert "reports/mini/2021-02/bulletin.ipynb：手机号码 139＊＊＊＊5678" in result.output
    assert "１２３４" not in result.output and "1234" not in result.output
    assert page.read_text(encoding="utf-8") == before  # the old site, unchanged
    assert folder.name == "2021-02"


def test_site_refuses_a_number_split_over_word_runs(tmp_path, monkeypatch):
    folder = write_month(tmp_path / "reports", "2021-02", [markdown("全市申请 249679 件。")])
    # 139 1234 5678 in two runs, the second bold
    with zipfile.ZipFile(folder / "bulletin.docx", "w") as z:
        z.writestr("word/document.xml", "<w:p><w:r><w:t>联系 139 </w:t></w:r><w:r><w:rPr>"
                                        "<w:b/></w:rPr><w:t>1234 5678</w:t></w:r></w:p>")
    result = run_site(tmp_path, monkeypatch)
    assert result.exit_code == 2, result.output
    assert "bulletin.docx：手机号码 139＊＊＊＊5678" in result.output
    assert not (tmp_path / "_site" / "mini").exists()

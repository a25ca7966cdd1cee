"""The last check before anything is published: a personal datum in any file about to be
published (page, notebook, meta.json, XLSX, CSV) fails the publish, naming the file and
masking the number; the analyst is told where numbers were typed into the inputs."""

from __future__ import annotations

import pytest

from bulletin.core.errors import PublishError
from bulletin.publish.personal import check_published, leaks, typed_in_inputs
from support.executed import markdown, write_month


def test_a_leaked_number_fails_the_publish_and_names_the_file(tmp_path):
    folder = write_month(tmp_path, "2021-02", [markdown("全市申请 249682 件，办结率 99.99%。")])
    check_published(folder)  # a bulletin's figures are no personal data
    (folder / "附件1.csv").write_text("单位,申请\n市公安局 138-1234-5678,3\n", encoding="utf-8")
    with pytest.raises(PublishError, match=r"附件1\.csv：手机号码 138＊＊＊＊5678") as error:
        check_published(folder)
    assert "1234-5678" not in str(error.value)


def test_every_published_kind_of_file_is_scanned(tmp_path):
    import xlsxwriter

    folder = write_month(tmp_path, "2021-02", [markdown("联系人身份证 510722199001011234")])
    (folder / "index.html").write_text("<td>+86 13912345678</td>", encoding="utf-8")
    book = xlsxwriter.Workbook(str(folder / "附件1.xlsx"))
    book.add_worksheet().write_string(0, 0, "联系人 15012345678")
    book.close()
    (tmp_path / "mini" / "assets").mkdir()
    (tmp_path / "mini" / "assets" / "vega-bundle.js").write_text("x=13712345678", encoding="utf-8")
    found = leaks(tmp_path)
    assert [line.split("/")[-1] for line in found] == [
        "bulletin.ipynb：身份证号 ［身份证号已隐去］", "index.html：手机号码 139＊＊＊＊5678",
        "meta.json：身份证号 ［身份证号已隐去］", "附件1.xlsx：手机号码 150＊＊＊＊5678"]


def test_the_analyst_is_told_where_numbers_were_typed(tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "2021-02.md").write_text("## 工作动态\n\n联系 13812345678\n",
                                                   encoding="utf-8")
    (tmp_path / "dataset.yml").write_text("region: 达州市\nauthority: 局（13912345678）\n",
                                          encoding="utf-8")
    (tmp_path / "units.csv").write_text("单位名称,层级,序号\n市公安局 15012345678,市级部门,1\n",
                                        encoding="utf-8")
    found = [(p.file.split("/")[-1], p.line, p.masked) for p in typed_in_inputs(tmp_path, "2021-02")]
    assert found == [("2021-02.md", 3, "138＊＊＊＊5678"), ("dataset.yml", 2, "139＊＊＊＊5678"),
                     ("units.csv", 2, "150＊＊＊＊5678")]


def test_the_site_scan_leaves_the_copied_documents_to_the_month_scan(tmp_path):
    import zipfile

    with zipfile.ZipFile(tmp_path / "bulletin.docx", "w") as z:
        z.writestr("word/document.xml", "<w:t>联系人 13812345678</w:t>")
    assert [line.split("/")[-1] for line in leaks(tmp_path)] == [
        "bulletin.docx：手机号码 138＊＊＊＊5678"]
    assert leaks(tmp_path, documents=False) == []


@pytest.mark.parametrize("markup", [
    ('<td><span class="cell-phrase">市公安局（联系人 138</span>'
     '<span class="cell-phrase">12345678）</span></td>'),
    '<td><a href="u.html"><span class="phrase">1381234</span><wbr>5678</a></td>',
    "<p>身份证 5107221990<b>01011234</b></p>",
    '<svg><text><tspan>139123</tspan><tspan>45678</tspan></text></svg>',
])
def test_a_number_split_over_a_page_s_inline_tags_is_found(tmp_path, markup):
    """The site's phrase spans part a name's text (a reader sees it whole): the scan reads a
    page's text with its inline tags taken out, so a number they split is found."""
    folder = write_month(tmp_path, "2021-02", [markdown("全市申请 249682 件。")])
    (folder / "index.html").write_text(markup, encoding="utf-8")
    found = leaks(tmp_path)
    assert [line.split("/")[-1].split("：")[0] for line in found] == ["index.html"], found


@pytest.mark.parametrize("markup", [
    '<script type="application/json" id="unit-spec-0">{"单位": "联系人 13812345678"}</script>',
    '<script type="application/json">{"显示": "13812345678"}</script><p>表</p>',
    "<style>/* 13812345678 */</style>",
    '<SCRIPT>var t = "5107221990<b>01011234</b>";</SCRIPT>',
])
def test_a_number_in_a_script_or_style_is_found_as_stored(tmp_path, markup):
    """A page's scripts and styles are not its text as a reader reads it (the tag-free
    reading leaves them out), but they are read as stored: a chart's data, whose labels
    and tooltips a reader sees, is scanned whole; one split by a tag is read as stored."""
    folder = write_month(tmp_path, "2021-02", [markdown("全市申请 249682 件。")])
    (folder / "index.html").write_text(markup, encoding="utf-8")
    found = leaks(tmp_path)
    assert [line.split("/")[-1].split("：")[0] for line in found] == ["index.html"], found


def test_cells_side_by_side_are_not_read_as_one_number(tmp_path):
    """Two figures in two cells (a block tag between them) stay two figures."""
    folder = write_month(tmp_path, "2021-02", [markdown("全市申请 249682 件。")])
    (folder / "index.html").write_text("<tr><td>1381234</td><td>5678</td></tr>",
                                       encoding="utf-8")
    assert leaks(tmp_path) == []

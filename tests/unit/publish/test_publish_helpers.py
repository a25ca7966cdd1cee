"""Publishing helpers without the renderers: the atomic folder swap, the site's number
formats and 版记 lines, a missing meta.json named."""

from __future__ import annotations

from pathlib import Path

import pytest

from bulletin.publish.pdf.typeset import make_pdf


def test_missing_meta_is_named(tmp_path):
    from bulletin.core.errors import PublishError

    with pytest.raises(PublishError, match="meta.json"):
        make_pdf(tmp_path)


def test_replace_dir_keeps_old_site_on_failure(tmp_path):
    from bulletin.publish.fs import replace_dir

    target = tmp_path / "_site"
    target.mkdir()
    (target / "index.html").write_text("old")

    def broken(out: Path) -> None:
        out.mkdir()
        (out / "index.html").write_text("half")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        replace_dir(target, broken)
    assert (target / "index.html").read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["_site"]  # no temp folder left behind


def test_site_headline_rates_are_truncated_like_the_bulletin():
    from bulletin.report.outputs import headline

    shown = {f.key: f.display for f in headline(
        {"on_time_rate": 0.999988, "online_share": 0.4255904581, "completed": 243986})}
    assert shown == {"completed": "243986", "on_time_rate": "99.99%", "online_share": "42.55%"}


def test_distribution_lines_get_one_separator_each():
    from bulletin.core.config import Distribution
    from bulletin.publish.site.build import _distribution

    distribution = Distribution.model_validate(
        {"报": ["省大数据中心；", "市政府秘书长；", "市纪委（监委）。"], "送": [],
         "发": ["各县（市、区）行政审批局"]})
    assert _distribution(distribution) == [("报", "省大数据中心；市政府秘书长；市纪委（监委）。"),
                                   ("发", "各县（市、区）行政审批局。")]


def test_the_warm_page_compiles_through_the_template():
    """publish's head start (runner.warm_renderers swallows its errors: it is only a head
    start) compiles a page through the real template with the fonts and a chart SVG whose
    text is in the charts' face (pdf.WARM_SVG, as vl-convert writes a chart: not drawn by
    it, which holds the interpreter while it starts); were the template to need what the
    page lacks, this fails instead of silently warming nothing."""
    import time

    from bulletin.publish.pdf.typeset import WARM_SVG, font_paths, typst_compiler, warm_typst
    from bulletin.report.charts import FONT

    assert f'<text x="4" y="20" font-family="{FONT}"' in WARM_SVG
    folders = font_paths()
    warm_typst(folders)  # raises typst's error when the page does not compile
    started = time.process_time()
    typst_compiler(folders)  # the same compiler, kept: no fonts loaded again
    assert time.process_time() - started < 0.05


def test_a_text_is_rendered_once_and_a_kernel_takes_it_rendered(tmp_path, monkeypatch):
    """notebook.markdown_html renders a text once a process (the PDF, the Word file and the
    site's page render the same texts); the texts rendered here are what a kernel making
    the Word file uses (remember_html), not rendered there again; month_texts reads them
    from meta.json, and nothing from a meta.json it cannot read."""
    import json

    from bulletin.publish import notebook

    monkeypatch.setattr(notebook, "_RENDERED", {})
    text = "本月**办件** 12 件\n共计"
    html = notebook.markdown_html(text)
    assert html == "<p>本月<strong>办件</strong> 12 件共计</p>\n"  # the line break joined
    assert notebook._RENDERED == {text: html}
    assert notebook.rendered_html([text]) == {text: html}
    notebook.remember_html({"# 标题": "<h1>已渲染</h1>"})
    assert notebook.markdown_html("# 标题") == "<h1>已渲染</h1>"  # taken, not rendered
    monkeypatch.setattr(notebook, "_RENDERED_MAX", 2)
    notebook.markdown_html("第三段")  # full: what was rendered is forgotten, not kept growing
    assert list(notebook._RENDERED) == ["第三段"]

    blocks = [{"kind": "text", "markdown": "甲"}, {"kind": "chart", "spec": {}, "svg": ""},
              {"kind": "text", "markdown": "乙"}]
    (tmp_path / "meta.json").write_text(json.dumps({"blocks": blocks}), encoding="utf-8")
    assert notebook.month_texts(tmp_path) == ["甲", "乙"]
    (tmp_path / "meta.json").write_text("{", encoding="utf-8")
    assert notebook.month_texts(tmp_path) == []
    assert notebook.month_texts(tmp_path / "none") == []

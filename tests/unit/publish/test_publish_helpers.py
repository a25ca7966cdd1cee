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

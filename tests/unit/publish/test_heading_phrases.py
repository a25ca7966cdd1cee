"""site.phrases.heading_phrases: the headings of a month's rendered text written as phrase
spans (as the masthead's title), a heading's number kept with the phrase after it, its text
escaped again; a heading holding markup, and everything else, as rendered."""

from __future__ import annotations

from bulletin.publish.notebook import markdown_html
from bulletin.publish.site.phrases import heading_phrases


def spans(*parts: str) -> str:
    return "<wbr>".join(f'<span class="phrase">{p}</span>' for p in parts)


def test_each_heading_is_cut_at_its_phrases():
    rendered = markdown_html("## 关于“政务服务”指标整改提升情况的通报\n\n正文不变：关于“政务服务”。\n\n"
                             "#### （一）整改提升目标及成效")
    assert heading_phrases(rendered) == rendered.replace(
        "<h2>关于“政务服务”指标整改提升情况的通报</h2>",
        f"<h2>{spans('关于', '“政务服务”', '指标整改提升情况的', '通报')}</h2>").replace(
        "<h4>（一）整改提升目标及成效</h4>", f"<h4>{spans('（一）整改提升目标及', '成效')}</h4>")
    assert "<p>正文不变：关于“政务服务”。</p>" in rendered


def test_a_number_stays_with_the_phrase_after_it():
    for number in ("一、", "（二）", "3."):
        assert heading_phrases(f"<h3>{number}关于加强事项办理情况通报</h3>") == (
            f"<h3>{spans(number + '关于加强事项办理', '情况通报')}</h3>")


def test_a_heading_of_one_phrase_and_a_heading_with_markup_are_as_rendered():
    assert heading_phrases("<h3>附件1</h3>") == "<h3>附件1</h3>"
    linked = '<h3><a href="https://example.org">关于“政务服务”的通报</a></h3>'
    assert heading_phrases(linked) == linked


def test_the_text_is_escaped_again():
    rendered = markdown_html("### 关于&lt;script&gt;与“A&amp;B”的通报")
    out = heading_phrases(rendered)
    assert "<script>" not in out and "&lt;script&gt;" in out and "A&amp;B" in out
    assert out.count('<span class="phrase">') > 1

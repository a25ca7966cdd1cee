"""A 公文's own blocks on the Quarto route: quarto-text.lua writes the 主送机关, the 署名 and
成文日期 and the 附注 as calls of the template's addressees, signature and attached-note (as
blocks.lua does for the built-in route), their text escaped; the typst pandoc makes of that
Markdown compiles with the template, the 公文's 版头 and no 要目."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pypandoc
import typst

from bulletin.publish.pdf.typeset import TEMPLATES, font_paths
from bulletin.publish.quarto.cells import quarto_markdown
from bulletin.report.sections.common import addressees_note, signature_note

META = {"month": "2021-09", "dataset": "seed004", "profile_title": "重庆市江北区行政许可事项指标情况通报",
        "title_lines": ["重庆市江北区政务服务管理办公室"], "kind": "公文",
        "authority": "重庆市江北区政务服务管理办公室", "issue_label": "江北政务〔2021〕45号",
        "issue_date": "2021年9月29日", "status": "issued"}


def test_the_blocks_become_the_template_s_calls():
    text = quarto_markdown(addressees_note("各有关单位、各街镇"))
    assert "#addressees[" in text and "各有关单位、各街镇：" in text
    text = quarto_markdown(signature_note("某机关*办公室", "2021年9月29日", "联系人：张竞"))
    assert "#signature(" in text and "#attached-note[" in text
    assert r"某机关\*办公室" in text  # the name as text, never emphasis
    assert "（联系人：张竞）" in text


def test_the_quarto_markdown_compiles_with_the_template(tmp_path):
    blocks = [addressees_note("各有关单位、各街镇"), "根据要求，现将有关事项通知如下。",
              signature_note("重庆市江北区政务服务管理办公室", "2021年9月29日",
                             "区政务服务办联系人及电话：张竞  黄茜 67560907")]
    markdown = "\n\n".join(quarto_markdown(block) for block in blocks)
    body = pypandoc.convert_text(markdown, "typst", format="markdown", extra_args=["--wrap=none"])
    shutil.copy(TEMPLATES / "typst-template.typ", tmp_path / "bulletin.typ")
    (tmp_path / "meta.json").write_text(json.dumps(META, ensure_ascii=False), encoding="utf-8")
    main = tmp_path / "main.typ"
    main.write_text('#import "bulletin.typ": *\n'
                    '#show: bulletin.with(meta: json("meta.json"), contents: true)\n\n' + body,
                    encoding="utf-8")
    (tmp_path / "out.pdf").write_bytes(typst.compile(str(main), root=str(tmp_path),
                                                     font_paths=font_paths()))
    text = subprocess.run(["pdftotext", str(tmp_path / "out.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    text = re.sub(r"\s+", "", text)
    assert text.startswith("重庆市江北区政务服务管理办公室江北政务〔2021〕45号各有关单位、各街镇：")
    assert "要目" not in text and "期" not in text
    assert ("现将有关事项通知如下。重庆市江北区政务服务管理办公室2021年9月29日"
            "（区政务服务办联系人及电话：张竞黄茜67560907）") in text

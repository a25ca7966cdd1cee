"""The PDF route without Quarto: the month's blocks → HTML intermediate → pandoc → typst → PDF.

* text is Markdown rendered to HTML with nbconvert's markdown filter and cleaned
  (``notebook.markdown_html``);
* a table is written from its cells (``blocks.table_html``); pandoc 3 reads its colspan /
  rowspan header into typst ``table.cell(colspan: …)``; its title and notes are above and
  below it, and tables wider than ``WIDE_TABLE_COLUMNS`` or whose names would not fit on
  one line across the portrait page (``blocks.landscape``) go on landscape pages in small type;
* charts are the notebook's vl-convert SVG, whose text uses "Noto Sans CJK SC" — typst
  finds that family through ``font_paths`` (it applies no fallback inside SVG).

Only this module writes what templates/typst/blocks.lua turns into figures and layout calls
(``<div class="chart" data-src=…>``, the ``LAYOUT_CLASSES``): the cleaned Markdown keeps no
class but its own (``centered``) and no ``src`` or ``data-*`` attribute, each chart this
module writes carries the build's random token, and ``check_figures`` refuses an
intermediate with any other figure.

The layout (GB/T 9704-2012 as far as it applies) lives in templates/typst/bulletin.typ.
"""

from __future__ import annotations

import json
import secrets
import shutil
import tempfile
from functools import cache
from pathlib import Path

import pypandoc
import typst

from bulletin.core.blocks import Chart, Table, Text
from bulletin.core.errors import PublishError
from bulletin.core.fonts import (
    dataset_font_folders,
    find_faces,
    font_dirs,
    noto_dir,
    typst_faces,
)
from bulletin.publish.blocks import (
    figures,
    has_own_contents,
    is_caption,
    landscape,
    table_html,
)
from bulletin.publish.notebook import (
    Block,
    MonthReport,
    dataset_of,
    markdown_html,
    read_report,
    write_template_meta,
)
from bulletin.publish.titles import break_titles

TEMPLATES = Path(__file__).parent.parent / "templates" / "typst"


@cache
def _compiler(fonts: tuple[str, ...]) -> typst.Compiler:
    return typst.Compiler(font_paths=list(fonts), ignore_system_fonts=False)


def typst_compiler(folders: list[str] | None = None) -> typst.Compiler:
    """A typst compiler with the fonts of ``font_paths(folders)`` loaded (0.3–0.5 s, the
    CJK families), kept for the process: every PDF of a run after the first compiles
    without loading them again. Each ``compile`` reads its files afresh."""
    return _compiler(tuple(font_paths(folders)))


# A page through the template (title block, heading, text, a table, a chart) compiled once
# by ``warm_typst``: typst's first compile evaluates the template and loads the faces it
# sets (~0.3 s of CPU), which the first month's PDF then does not pay.
_WARM_PAGE = """#import "bulletin.typ": *
#show: bulletin.with(meta: (title_lines: ("通报",), issue_label: "第 1 期", authority: "通报",
  issue_date: "2021年1月1日"), contents: true)

= 一、通报

正文 *通报*，123。

#table(columns: 2, [单位], [件], [通报], [1])

#image("chart.svg")
"""


# The warm page's chart: text in the charts' face (what vl-convert writes: report.charts), so
# typst's SVG reader loads it as a month's charts need it — without vl-convert here, which
# holds the interpreter while it starts (runner.warm_renderers).
WARM_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" '
            'viewBox="0 0 120 40"><rect width="120" height="40" fill="white"/>'
            '<path d="M0,30h60" stroke="#4c78a8"/><text x="4" y="20" '
            'font-family="Noto Sans CJK SC" font-size="12" fill="#000">通报 12 件</text></svg>')


def warm_typst(folders: list[str], svg: str = WARM_SVG) -> None:
    """Compile a page like a month's (``_WARM_PAGE``, ``svg`` its chart) with the compiler
    of ``folders``, kept for the process (``typst_compiler``); nothing is written."""
    with tempfile.TemporaryDirectory(prefix="bulletin-typst-") as tmp:
        build = Path(tmp)
        shutil.copy(TEMPLATES / "bulletin.typ", build / "bulletin.typ")
        (build / "chart.svg").write_text(svg, encoding="utf-8")
        (build / "main.typ").write_text(_WARM_PAGE, encoding="utf-8")
        typst_compiler(folders).compile(input=str(build / "main.typ"), root=str(build),
                                        sys_inputs=typst_inputs(folders))


def font_paths(folders: list[str] | None = None) -> list[str]:
    """Font folders typst should search: ``folders`` (core.fonts.font_folders: the 公文
    fonts' folders, then the system's), else the system's (Debian's fonts-noto-cjk first).
    The open Noto CJK fonts must be there: they stand in for any 公文 face missing."""
    if noto_dir() is None:
        raise PublishError("找不到 Noto CJK 字体（fonts-noto-cjk）：请运行 scripts/setup.sh 安装，"
                           "否则 PDF 中的汉字无法显示")
    return list(folders) if folders is not None else font_dirs()


def typst_inputs(folders: list[str]) -> dict[str, str]:
    """sys.inputs of the template: each 公文 role's face found in ``folders``
    (core.fonts.typst_faces), as JSON."""
    return {"bulletin-fonts": json.dumps(typst_faces(find_faces(folders)), ensure_ascii=False)}


def _figure(build: Path, name: str, data: bytes, token: str) -> str:
    (build / name).write_bytes(data)
    return f'<div class="chart" data-src="{name}" data-token="{token}"></div>'


def check_figures(html: str, written: list[str], token: str) -> None:
    """Every figure of the intermediate is one this build wrote, in order."""
    found = figures(html)
    if found != [(name, token) for name in written]:
        raise PublishError(f"PDF 中间文件含有并非由图表生成的图片引用：{found}；不予排版")


def intermediate_html(blocks: list[Block], build: Path) -> str:
    """The HTML intermediate pandoc reads; chart SVGs are written into ``build``."""
    token = secrets.token_hex(8)
    body: list[str] = []
    written: list[str] = []
    previous = None
    for block in blocks:
        if isinstance(block, Text):
            body.append(markdown_html(block.markdown))
        elif isinstance(block, Table) and landscape(block):
            # landscape page; a caption just before it ("附件 1") goes with it
            lead = body.pop() if body and is_caption(previous) else ""
            body.append(f'<div class="wide-table">\n{lead}\n{table_html(block)}\n</div>')
        elif isinstance(block, Table):
            body.append(table_html(block))
        elif isinstance(block, Chart) and block.svg:
            written.append(f"chart-{len(written) + 1}.svg")
            body.append(_figure(build, written[-1], block.svg.encode("utf-8"), token))
        previous = block
    html = "<html><body>\n" + break_titles("\n".join(body)) + "\n</body></html>\n"
    check_figures(html, written, token)
    return html


def typst_source(report: MonthReport, build: Path) -> Path:
    """Write main.typ, the template, meta.json and the charts into ``build``; return main.typ."""
    html = intermediate_html(report.blocks, build)
    (build / "intermediate.html").write_text(html, encoding="utf-8")
    try:
        body = pypandoc.convert_text(html, "typst", format="html", extra_args=[
            "--wrap=none", f"--lua-filter={TEMPLATES / 'blocks.lua'}"])
    except RuntimeError as error:
        raise PublishError(f"pandoc 转换 {report.notebook} 失败：{error}") from error
    shutil.copy(TEMPLATES / "bulletin.typ", build / "bulletin.typ")
    write_template_meta(report, build)  # the title block and 版记 of the typst template
    contents = "false" if has_own_contents(report.blocks) else "true"
    main = build / "main.typ"
    main.write_text(
        '#import "bulletin.typ": *\n'
        f'#show: bulletin.with(meta: json("meta.json"), contents: {contents})\n\n' + body,
        encoding="utf-8")
    return main


def make_pdf(folder: Path, out: Path | None = None, keep_source: Path | None = None,
             fonts: list[str] | None = None) -> Path:
    """Render reports/<dataset>/<YYYY-MM>/ into its bulletin.pdf (or ``out``).

    ``keep_source``: a folder to keep main.typ and its inputs in, for inspection.
    ``fonts``: the font folders to search; by default those of the dataset the month was
    executed from (core.fonts.dataset_font_folders), as its review names them.
    """
    report = read_report(Path(folder))
    out = Path(out) if out else report.pdf
    folders = font_paths(fonts if fonts is not None
                         else dataset_font_folders(dataset_of(report.folder)))
    with tempfile.TemporaryDirectory(prefix="bulletin-typst-") as tmp:
        build = Path(keep_source) if keep_source else Path(tmp)
        build.mkdir(parents=True, exist_ok=True)
        main = typst_source(report, build)
        try:
            pdf = typst_compiler(folders).compile(input=str(main), root=str(build),
                                                  sys_inputs=typst_inputs(folders))
        except Exception as error:  # typst raises its own TypstError with the diagnostics
            raise PublishError(f"typst 排版 {report.month} 失败：{error}") from error
    partial = out.with_name(out.name + ".part")
    partial.write_bytes(pdf)
    partial.replace(out)
    return out

"""What every section module shares: showing blocks in a notebook, joining paragraphs,
the bulletin's title, and the small great-tables helpers of the annexes.
"""

from __future__ import annotations

import polars as pl
from great_tables import GT

from bulletin.report.annexes import TABLE_FONT
from bulletin.report.charts import bundle


def show(blocks: list) -> None:
    """Display blocks in a notebook: Markdown as text/markdown, tables as HTML, charts as
    a bundle of vega-lite spec + SVG."""
    from IPython.display import HTML, Markdown, display

    for block in blocks:
        if isinstance(block, str):
            display(Markdown(block))
        elif isinstance(block, GT):
            display(HTML(block.as_raw_html()))
        else:
            display(bundle(block), raw=True)


def paragraphs(texts: list[str]) -> str:
    return "\n\n".join(t for t in texts if t)


RED = "#c00000"


def _table(frame: pl.DataFrame, title: str) -> GT:
    return (GT(frame).tab_header(title=title).cols_align("center")
            .opt_table_font(font=TABLE_FONT)
            .tab_options(table_font_size="12px", column_labels_font_size="12px",
                         data_row_padding="2px"))


def _findings_block(findings) -> list[str]:
    if not findings:
        return []
    return ["**输入核对发现的不一致**（由数据自动生成，供分析人员核实）：\n\n"
            + "\n".join(f"{i}. {f.text}" for i, f in enumerate(findings, 1))]


def profile_title(config) -> str:
    """The bulletin's title without the region: ``profile.title``, else ``title``."""
    return config.profile.title or config.title

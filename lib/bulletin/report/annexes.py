"""The annex tables (附件1 市级部门, 附件2 县（市、区）) with seed 000's two-row header.

The values are formatted here, exactly (counts as integers, rates truncated), so that
the site, the PDF and the downloads show the same strings; great-tables lays them out.
The layout (spanners and the short column names under them) is this module's; each
column's kind and the footnotes' 口径 come from the catalogue (``core.definitions``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from great_tables import GT, loc, style

from bulletin.core.definitions import FIGURES, Figure
from bulletin.core.months import month_cn
from bulletin.core.units import COUNTIES, COUNTY, DEPARTMENT
from bulletin.indicators.rollups import NOT_COMPUTABLE
from bulletin.report.fmt import fmt_change, fmt_figure
from bulletin.report.month import MonthlyBulletin

TABLE_FONT = ["Noto Serif CJK SC", "Noto Sans CJK SC", "serif"]


@dataclass(frozen=True)
class AnnexColumn:
    key: str  # a key of the catalogue (FIGURES): a unit_month count or rate
    label: str  # the short name under its spanner (申请, 受理 …)

    @property
    def figure(self) -> Figure:
        return FIGURES[self.key]


SPANNERS: list[tuple[str, list[AnnexColumn]]] = [
    ("办件情况（件）", [AnnexColumn("applied", "申请"), AnnexColumn("accepted", "受理"),
                   AnnexColumn("completed", "办结"), AnnexColumn("completed_overdue", "超时办结")]),
    ("承诺件办件情况（件）", [AnnexColumn("promise_completed", "办结"),
                      AnnexColumn("promise_early", "提前办结")]),
    ("承诺件办件效率（%）", [AnnexColumn("promise_speedup_rate", "承诺提速"),
                      AnnexColumn("handling_speedup_rate", "办理提速"),
                      AnnexColumn("promise_early_rate", "提前办结")]),
    ("线上办件情况（件）", [AnnexColumn("online_applied", "申请"), AnnexColumn("online_accepted", "受理"),
                     AnnexColumn("online_completed", "办结")]),
    ("线上承诺件办件情况（件）", [AnnexColumn("online_promise_completed", "办结"),
                        AnnexColumn("online_promise_early", "提前办结")]),
    ("线上承诺办件效率", [AnnexColumn("online_handling_rate", "网上办理"),
                   AnnexColumn("online_handling_speedup_rate", "办理提速"),
                   AnnexColumn("online_promise_early_rate", "提前办结")]),
    ("办件主动评价", [AnnexColumn("active_evaluations", "主动评价数"),
                AnnexColumn("active_evaluation_rate", "主动评价率")]),
]


CHANGE_SPANNER = "较上月"


COLUMNS = [c for _, cols in SPANNERS for c in cols]


ANNEXES = {
    DEPARTMENT: ("附件1", "市级部门运行情况表", "单位"),
    COUNTY: ("附件2", "县（市、区）运行情况表", "地区"),
}


def definition_note(*keys: str, shared: bool = False) -> str:
    """One footnote with the catalogue 口径 of ``keys``.

    A rate's definition names itself (「提前办结率 = …」); a count's is printed after its
    label (「超时办结件：…」), several joined by 「；」. ``shared``: counts whose definitions
    differ in one word are printed once, the words listed —
    「申请件、受理件、办结件：统计时间段内申请、受理、办结的件数」.
    """
    figures = [FIGURES[k] for k in keys]
    texts = [f.definition for f in figures]
    if not all(texts):
        raise ValueError(f"no 口径 in the catalogue for {[f.key for f in figures if not f.definition]}")
    if shared:
        head = _common_prefix(texts)
        tail = _common_prefix([t[len(head):][::-1] for t in texts])[::-1]
        words = [t[len(head):len(t) - len(tail)] for t in texts]
        if not (head and tail and all(w and w.isalnum() for w in words)):
            raise ValueError(f"the 口径 of {list(keys)} differ in more than one word")
        return f"{'、'.join(f.label for f in figures)}：{head}{'、'.join(words)}{tail}。"
    parts = [t if f.is_rate else f"{f.label}：{t}" for f, t in zip(figures, texts, strict=True)]
    return "；".join(parts) + "。"


def _common_prefix(texts: list[str]) -> str:
    n = 0
    while all(len(t) > n and t[n] == texts[0][n] for t in texts):
        n += 1
    return texts[0][:n]


NOTES = [
    definition_note("applied", "accepted", "completed", shared=True),
    "办理用时按工作日计算（法定节假日不计，调休上班日计入），受理当日不计。",
    definition_note("promise_early", "completed_overdue"),
    definition_note("promise_speedup_rate"),
    definition_note("handling_speedup_rate"),
    definition_note("promise_early_rate"),
    definition_note("online_handling_rate"),
    definition_note("active_evaluation_rate"),
    "比率按两位小数截断显示（不四舍五入），100.00% 仅在恰好为 100% 时出现。",
]


def col_id(spanner_index: int, key: str) -> str:
    return f"c{spanner_index}_{key}"


def annex_rows(b: MonthlyBulletin, level: str) -> pl.DataFrame:
    """Numeric annex rows: every registry unit of the level in order, then the total."""
    units = b.units_of(level=level)
    total_scope = b.config.city_level_name if level == DEPARTMENT else COUNTIES
    total = b.rolled.filter((pl.col("month") == b.month) & (pl.col("scope") == total_scope))
    total = total.with_columns(pl.lit("合计").alias("unit"))
    keys = ["unit", *[c.key for c in COLUMNS if c.key in units.columns]]
    previous = b.units_of(b.previous, level).select("unit", pl.col("completed").alias("prev"))
    prev_total = b.rolled.filter((pl.col("month") == b.previous) & (pl.col("scope") == total_scope))
    total = total.with_columns(pl.lit(NOT_COMPUTABLE).alias(k) for k in keys
                               if k not in total.columns)
    rows = pl.concat([units.select(keys), total.select(keys)], how="vertical_relaxed")
    prev = pl.concat([previous, prev_total.select(pl.lit("合计").alias("unit"),
                                                  pl.col("completed").alias("prev"))],
                     how="vertical_relaxed")
    if not b.has(b.previous):
        prev = prev.clear()
    return rows.join(prev, on="unit", how="left")


def annex_display(b: MonthlyBulletin, level: str) -> pl.DataFrame:
    """Annex rows as display strings, keyed by stable column ids."""
    rows = annex_rows(b, level)
    zero = b.config.zero_denominator
    has_prev = b.has(b.previous)
    data: dict[str, list[str]] = {
        "order": [str(i + 1) for i in range(rows.height - 1)] + [""],
        "unit": rows["unit"].to_list(),
    }
    for si, (_, cols) in enumerate(SPANNERS):
        for c in cols:
            values = (rows[c.key].to_list() if c.key in rows.columns
                      else [NOT_COMPUTABLE] * rows.height)
            kind = c.figure.kind
            data[col_id(si, c.key)] = [fmt_figure(kind, v, zero) for v in values]
    data["change_completed"] = [fmt_change(n, p, has_prev)
                                for n, p in zip(rows["completed"], rows["prev"])]
    return pl.DataFrame(data)


def annex_title(b: MonthlyBulletin, level: str) -> tuple[str, str]:
    number, name, _ = ANNEXES[level]
    return number, f"{b.config.region}一体化政务服务平台{name}（{month_cn(b.month)}）"


def annex_table(b: MonthlyBulletin, level: str) -> GT:
    """The great-tables annex with the seed's spanner header and a 较上月 column."""
    frame = annex_display(b, level)
    _, title = annex_title(b, level)
    unit_label = ANNEXES[level][2]
    table = GT(frame).tab_header(title=title)
    labels = {"order": "序号", "unit": unit_label, "change_completed": "办结"}
    for si, (spanner, cols) in enumerate(SPANNERS):
        ids = [col_id(si, c.key) for c in cols]
        table = table.tab_spanner(spanner, columns=ids)
        labels |= {col_id(si, c.key): c.label for c in cols}
    table = (
        table.tab_spanner(CHANGE_SPANNER, columns=["change_completed"])
        .cols_label(**labels)
        .cols_align("center")
        .cols_align("left", columns=["unit"])
        .opt_table_font(font=TABLE_FONT)
        .tab_options(table_font_size="12px", column_labels_font_size="12px",
                     data_row_padding="2px")
        .tab_style(style.text(weight="bold"), loc.body(rows=pl.col("unit") == "合计"))
    )
    overdue = col_id(0, "completed_overdue")
    table = table.tab_style(style.text(color="#c00000", weight="bold"),
                            loc.body(columns=overdue, rows=pl.col(overdue) != "0"))
    for note in NOTES:
        table = table.tab_source_note(note)
    return table


def annex_download(b: MonthlyBulletin, level: str) -> pl.DataFrame:
    """The annex as a flat table for CSV: '办件情况（件）/申请' headers, display strings."""
    frame = annex_display(b, level)
    rename = {"order": "序号", "unit": ANNEXES[level][2], "change_completed": "较上月/办结"}
    for si, (spanner, cols) in enumerate(SPANNERS):
        rename |= {col_id(si, c.key): f"{spanner}/{c.label}" for c in cols}
    return frame.rename(rename)


# A cell starting with one of these is a formula to Excel and LibreOffice (OWASP "CSV
# injection"); a unit name or a region may be typed so.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


# What the bulletin prints that starts so and is not a formula: a signed count or rate.
_SIGNED_FIGURE = re.compile(r"[+-]\d+(?:\.\d+)?%?")


def spreadsheet_text(value: str) -> str:
    """``value`` safe as a spreadsheet cell: text that would start a formula gets a leading
    "'" (OWASP); figures ("-12", "-1.23%") and the bulletin's "-" stay as printed."""
    if (value.startswith(FORMULA_START) and value != "-"
            and not _SIGNED_FIGURE.fullmatch(value)):
        return "'" + value
    return value


def _write_text(sheet, row: int, col: int, value: str, plain, quoted) -> None:
    """A text cell as a string, never a formula; formula-like text with the quote prefix
    (Excel's leading "'", hidden in the cell, kept when the cell is edited)."""
    quote = spreadsheet_text(value) != value
    sheet.write_string(row, col, value, quoted if quote else plain)


def write_annex_files(b: MonthlyBulletin, folder: Path) -> list[str]:
    """附件 as CSV (UTF-8 with BOM, opens in Excel) and XLSX with the two-row header.

    Text cells are strings (never formulas): in the XLSX, formula-like text is marked with
    the quote prefix; in the CSV, which has no types, it gets a leading "'" (see
    ``spreadsheet_text``)."""
    import xlsxwriter

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for level, (number, name, unit_label) in ANNEXES.items():
        stem = f"{number}_{name}"
        flat = annex_download(b, level)
        flat = flat.with_columns(pl.col(c).map_elements(spreadsheet_text, return_dtype=pl.String)
                                 for c in flat.columns if flat[c].dtype == pl.String)
        flat.write_csv(folder / f"{stem}.csv", include_bom=True)
        display = annex_display(b, level)
        book = xlsxwriter.Workbook(str(folder / f"{stem}.xlsx"))
        sheet = book.add_worksheet(name[:31])
        head_style = {"bold": True, "align": "center", "valign": "vcenter", "border": 1,
                      "text_wrap": True}
        head = book.add_format(head_style)
        head_quoted = book.add_format(head_style | {"quote_prefix": True})
        cell = book.add_format({"border": 1, "align": "center"})
        cell_quoted = book.add_format({"border": 1, "align": "center", "quote_prefix": True})
        last = len(display.columns) - 1
        sheet.merge_range(0, 0, 0, last, "", head)
        _write_text(sheet, 0, 0, annex_title(b, level)[1], head, head_quoted)
        sheet.merge_range(1, 0, 2, 0, "", head)
        _write_text(sheet, 1, 0, "序号", head, head_quoted)
        sheet.merge_range(1, 1, 2, 1, "", head)
        _write_text(sheet, 1, 1, unit_label, head, head_quoted)
        col = 2
        for spanner, cols in [*SPANNERS, (CHANGE_SPANNER, [AnnexColumn("completed", "办结")])]:
            if len(cols) > 1:
                sheet.merge_range(1, col, 1, col + len(cols) - 1, "", head)
            _write_text(sheet, 1, col, spanner, head, head_quoted)
            for j, c in enumerate(cols):
                _write_text(sheet, 2, col + j, c.label, head, head_quoted)
            col += len(cols)
        for i, row in enumerate(display.iter_rows()):
            for j, value in enumerate(row):
                if value.lstrip("-").isdigit():
                    sheet.write_number(3 + i, j, int(value), cell)
                else:
                    _write_text(sheet, 3 + i, j, value, cell, cell_quoted)
        sheet.set_column(1, 1, 22)
        sheet.freeze_panes(3, 2)
        book.close()
        written += [f"{stem}.xlsx", f"{stem}.csv"]
    return written

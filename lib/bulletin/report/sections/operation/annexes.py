"""The annex tables of seed 000's 运行情况通报 (附件1 市级部门, 附件2 县（市、区）) with its
two-row header.

The values are formatted here, exactly (counts as integers, rates truncated), so that
the site, the PDF and the downloads show the same strings; great-tables lays them out.
The layout (spanners and the short column names under them) is this module's; each
column's kind and the footnotes' 口径 come from the catalogue (``core.definitions``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from bulletin.core.blocks import Cell, Column, Table
from bulletin.core.definitions import FIGURES, Figure, known
from bulletin.core.months import month_cn
from bulletin.core.units import COUNTIES, COUNTY, DEPARTMENT, OWN_SUFFIX
from bulletin.report.blocks import (
    change_cell,
    figure_cell,
    order_cell,
    table,
    text_cell,
    texts,
)
from bulletin.report.downloads import source_lines, write_tables
from bulletin.report.month import MonthlyBulletin

RED = "#c00000"


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
]  # the 口径 only: how rates are shown and why one can be negative is the review's (method_notes)


def col_id(spanner_index: int, key: str) -> str:
    return f"c{spanner_index}_{key}"


INDENT = "\u3000"  # a full-width space per level under an area: the same in every output


@dataclass(frozen=True)
class AnnexEntry:
    unit: str  # the registry unit whose figures the row shows
    label: str  # the name the row prints: the unit, or 「西岭县本级」 for its own cases
    depth: int  # 0 for an area or a 市级部门, 1 for what is directly under an area …
    own: bool  # the unit's own cases only (a unit with units under it)
    total: bool  # the sum of the indented rows below it (a unit with units under it)


def annex_entries(b: MonthlyBulletin, level: str) -> list[AnnexEntry]:
    """The rows of an annex before its 合计: every 市级部门; or every area (地区: a county,
    or a town without a county) with, where units are under it, its own cases
    (「西岭县本级」) and each unit under it indented below it, as the seeds show centres
    under their 镇（街道）. A row with units under it is the sum of its indented rows."""
    registry = b.registry
    if level == DEPARTMENT:
        return [AnnexEntry(u, u, 0, False, False) for u in registry.departments]

    def walk(unit: str, depth: int) -> list[AnnexEntry]:
        children = registry.children[unit]
        if not children:
            return [AnnexEntry(unit, unit, depth, False, False)]
        out = [AnnexEntry(unit, unit, depth, False, True),
               AnnexEntry(unit, f"{unit}{OWN_SUFFIX}", depth + 1, True, False)]
        for child in children:
            out += walk(child, depth + 1)
        return out

    return [entry for area in registry.areas for entry in walk(area, 0)]


def annex_rows(b: MonthlyBulletin, level: str) -> pl.DataFrame:
    """Numeric annex rows (``annex_entries``, then the 合计), with the previous month's
    办结 as ``prev``. A unit's row is its roll-up with everything under it (the figure the
    text, charts and unit pages print); 「…本级」 rows are the unit's own cases."""
    entries = annex_entries(b, level)
    total_scope = b.config.city_level_name if level == DEPARTMENT else COUNTIES
    # every fact and rate column: facts.build gives every unit every column (zeros where an
    # input has none), and the rollups compute every rate
    keys = [c.key for c in COLUMNS]

    def month_rows(month: str) -> pl.DataFrame:
        whole = b.units_of(month).select("unit", *keys)
        own = b.own_of(month).select("unit", *keys)
        total = b.rolled.filter((pl.col("month") == month) & (pl.col("scope") == total_scope))
        lookup = {False: {r["unit"]: r for r in whole.iter_rows(named=True)},
                  True: {r["unit"]: r for r in own.iter_rows(named=True)}}
        rows = [lookup[e.own].get(e.unit, {"unit": e.unit}) for e in entries]
        rows.append(total.select(*keys).row(0, named=True) if total.height else {})
        schema = {"unit": pl.String, **{k: whole.schema[k] for k in keys}}
        return pl.DataFrame([{k: r.get(k) for k in keys} for r in rows],
                            schema={k: schema[k] for k in keys})

    labels = [INDENT * e.depth + e.label for e in entries] + ["合计"]
    rows = month_rows(b.month).with_columns(pl.Series("unit", labels))
    prev = (month_rows(b.previous)["completed"] if b.has(b.previous)
            else pl.Series([None] * len(labels), dtype=rows.schema["completed"]))
    return rows.with_columns(prev.alias("prev")).select("unit", *keys, "prev")


def annex_cells(b: MonthlyBulletin, level: str) -> list[dict[str, Cell]]:
    """Annex rows as cells (each figure with the value it prints), keyed by stable column
    ids; 序号 numbers the unindented rows (市级部门, areas)."""
    rows = annex_rows(b, level)
    zero = b.config.zero_denominator
    has_prev = b.has(b.previous)
    labels = rows["unit"].to_list()
    out, count = [], 0
    for i, label in enumerate(labels):
        indented, total = label.startswith(INDENT), i == len(labels) - 1
        count += not (indented or total)
        cells = {"order": text_cell("") if indented or total else order_cell(count),
                 "unit": text_cell(label)}
        for si, (_, cols) in enumerate(SPANNERS):
            for c in cols:
                cells[col_id(si, c.key)] = figure_cell(c.figure.kind, rows[c.key][i], zero)
        if has_prev:  # no previous month: no 较上月 column
            cells["change_completed"] = change_cell(rows["completed"][i], rows["prev"][i], has_prev)
        out.append(cells)
    return out


def annex_display(b: MonthlyBulletin, level: str) -> pl.DataFrame:
    """Annex rows as display strings, keyed by stable column ids."""
    return texts(annex_table(b, level))


TREE_NOTE = ("有所属单位的地区（加粗）为该地区及其所属县级部门、乡镇（街道）、村（社区）之和，"
             "等于其下缩进各行之和；「××本级」为该单位本身办理的办件。合计为各地区之和。")


def annex_title(b: MonthlyBulletin, level: str) -> tuple[str, str]:
    number, name, _ = ANNEXES[level]
    return number, f"{b.config.region}一体化政务服务平台{name}（{month_cn(b.month)}）"


def annex_table(b: MonthlyBulletin, level: str) -> Table:
    """The annex with the seed's spanner header and, when the data has the previous month,
    a 较上月 column; the 合计 row and the areas with units under them bold, a 超时办结 other
    than 0 red."""
    rows = annex_cells(b, level)
    _, title = annex_title(b, level)
    columns = [Column(id="order", label="序号"),
               Column(id="unit", label=ANNEXES[level][2], align="left")]
    columns += [Column(id=col_id(si, c.key), label=c.label, spanners=(spanner,))
                for si, (spanner, cols) in enumerate(SPANNERS) for c in cols]
    if "change_completed" in rows[0]:
        columns.append(Column(id="change_completed", label="办结", spanners=(CHANGE_SPANNER,)))
    totals = {i for i, e in enumerate(annex_entries(b, level)) if e.total} | {len(rows) - 1}
    overdue = col_id(0, "completed_overdue")
    for i, row in enumerate(rows):
        if i in totals:
            row.update({k: cell.marked(bold=True) for k, cell in row.items()})
        if row[overdue].text != "0":
            row[overdue] = row[overdue].marked(bold=True, color=RED)
    notes = NOTES + ([TREE_NOTE] if len(totals) > 1 else [])
    return table(title, columns, rows, notes)


# Rates an annex may show out of the usual range, and what the review says of them.
UNUSUAL = {"active_evaluation_rate": (lambda v: v > 1, "超过 100%"),
           "handling_speedup_rate": (lambda v: v < 0, "为负"),
           "online_handling_speedup_rate": (lambda v: v < 0, "为负")}


def method_notes(b: MonthlyBulletin) -> list[str]:
    """For the analyst's review, not the annexes: how the annexes show rates, and each rate
    they show out of the usual range (主动评价率 above 100 %, 办理提速率 below 0) with
    the catalogue's note on why it can be (``Figure.note``)."""
    out = [("附件中的比率按两位小数截断显示（不四舍五入），100.00% 仅在恰好为 100% 时出现；"
            "合计及各汇总范围的比率由求和后的件数计算，不对各单位的比率取平均。")]
    for level, (number, _, _) in ANNEXES.items():
        rows, shown = annex_rows(b, level), annex_display(b, level)
        for key, (test, what) in UNUSUAL.items():
            cells = shown[col_id(_spanner_of(key), key)].to_list()
            units = [f"{label.strip()}（{cell}）"
                     for label, value, cell in zip(rows["unit"], rows[key], cells, strict=True)
                     if known(value) and test(value)]
            if units:
                figure = FIGURES[key]
                out.append(f"{number}中{figure.label}{what}的有：{'、'.join(units)}。"
                           f"说明：{figure.note}。")
    return out


def _spanner_of(key: str) -> int:
    return next(i for i, (_, cols) in enumerate(SPANNERS) if any(c.key == key for c in cols))


def write_annex_files(b: MonthlyBulletin, folder: Path) -> list[str]:
    """附件1 and 附件2 as XLSX and CSV (``report.downloads``), named 「附件1_市级部门运行情况表」."""
    named = [(f"{number}_{name}", name, annex_table(b, level))
             for level, (number, name, _) in ANNEXES.items()]
    return write_tables(named, Path(folder), source_lines(b))

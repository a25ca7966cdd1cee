"""实体大厅 and 便民服务中心 (seed 003): the windows and centres tables and their text.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from bulletin.core.blocks import Column, Table
from bulletin.core.definitions import HALL_COUNTS
from bulletin.core.months import month_cn
from bulletin.indicators.hall import centres_total, nested_rows
from bulletin.ingest.hall import CENTRE_COUNTS, SUBTOTAL, Hall
from bulletin.report.blocks import count_cell, order_cell, table, text_cell
from bulletin.report.findings import hall_findings
from bulletin.report.fmt import fmt_rate
from bulletin.report.month import MonthlyBulletin
from bulletin.report.sections.common import SOURCES, Review, paragraphs, reviews_of

# The scope of dataset.yml's stated_totals that holds the text's figures of the windows
# (indicators.checks.hall_differences checks them).
WINDOWS = "大厅窗口"


def windows_table(b: MonthlyBulletin, hall: Hall) -> Table:
    w = hall.windows
    columns = [Column(id="order", label="序号"), Column(id="window", label="部门", align="left"),
               Column(id="count", label=HALL_COUNTS["window_cases"].label),
               Column(id="note", label="备注")]
    rows = [{"order": order_cell(r["order"]), "window": text_cell(r["window"]),
             "count": count_cell(r["window_cases"]), "note": text_cell(r["note"])}
            for r in w.iter_rows(named=True)]
    total = {"order": text_cell("总计"), "window": text_cell(""),
             "count": count_cell(int(w["window_cases"].sum())), "note": text_cell("")}
    rows.append({k: cell.marked(bold=True) for k, cell in total.items()})
    return table(f"{b.config.region}政务服务大厅{month_cn(b.month)}部门窗口办件情况", columns, rows,
                 ["总计由各窗口办件数相加得出。"])


def centres_table(b: MonthlyBulletin, hall: Hall) -> Table:
    counts = list(CENTRE_COUNTS.values())
    # a town's name on its first row, printed merged over its centres and 小计
    columns = [Column(id="town", label="镇（街道）", spanners=("便民服务中心",), align="left",
                      merge=True),
               Column(id="centre", label="中心", spanners=("便民服务中心",), align="left")]
    columns += [Column(id=c, label=f"{HALL_COUNTS[c].label}（{HALL_COUNTS[c].unit}）")
                for c in counts]
    rows = []
    for r in nested_rows(hall.centres).iter_rows(named=True):
        row = {"town": text_cell(r["town"]), "centre": text_cell(r["centre"])}
        row |= {c: text_cell("") if r[c] is None else count_cell(r[c]) for c in counts}
        bold = r["centre"] in (SUBTOTAL, "")  # 小计 and 总计
        rows.append({k: cell.marked(bold=True) for k, cell in row.items()} if bold else row)
    return table(f"{month_cn(b.month)}{b.config.region}街道（镇）、社区（村）便民服务中心办件情况统计表",
                 columns, rows, ["小计为各镇（街道）所属中心之和，总计为各小计之和。"])


def hall_paragraphs(b: MonthlyBulletin, hall: Hall, annexes: Sequence[int] = ()) -> list[str]:
    """The windows' and the centres' totals; each names its annex (「（见附件3）」) when the
    tables are annexes: ``annexes`` holds their numbers, windows first (``annex_titles``)."""
    numbers = iter(annexes)
    texts = []
    if hall.windows is not None:
        total = int(hall.windows["window_cases"].sum())
        done = window_counts(b, hall)
        counted = ("受理 {accepted} 件，办结 {completed} 件".format(**done) if done
                   else f"办件 {total} 件")
        texts.append(f"{month_cn(b.month)}，政务服务大厅 {hall.windows.height} 个部门窗口共"
                     f"{counted}{_see(next(numbers, None))}。")
    if hall.centres is not None:
        t = centres_total(hall.centres)
        towns = hall.centres["town"].n_unique()
        texts.append(f"{towns} 个镇（街道）及所属村（社区）便民服务中心（{hall.centres.height} 个）"
                     f"咨询 {t['consult']} 件，申请 {t['applied']} 件，受理 {t['accepted']} 件，"
                     f"办结 {t['completed']} 件{_see(next(numbers, None))}。")
    return texts


def window_counts(b: MonthlyBulletin, hall: Hall) -> dict[str, int]:
    """The windows' 受理 and 办结 where the input states them (``stated_totals`` →
    大厅窗口) and both agree with the windows' 办件数 (no 数据核对 item): the windows
    table has 办件数 only. Empty otherwise."""
    stated = b.config.stated_totals.get(b.month, {}).get(WINDOWS, {})
    total = int(hall.windows["window_cases"].sum()) if hall.windows is not None else None
    done = {k: stated.get(k) for k in ("accepted", "completed")}
    return done if all(v == total for v in done.values()) else {}


def window_reviews(b: MonthlyBulletin, hall: Hall) -> list[str]:
    """Where the text's 受理 and 办结 of the windows come from, for the analyst."""
    done = window_counts(b, hall)
    if not done:
        return []
    total = int(hall.windows["window_cases"].sum())
    return [(f"大厅窗口受理 {done['accepted']} 件、办结 {done['completed']} 件：窗口表只有办件数"
             f"（合计 {total} 件，与之相符），正文所印受理、办结为 dataset.yml 的 stated_totals "
             "所载数值。")]


def _see(number: int | None) -> str:
    return "" if number is None else f"（见附件{number}）"


def overdue_paragraph(b: MonthlyBulletin) -> list[str]:
    """新增 / 累计超时件 and 超期率 from the items summary's 运行效能 columns."""
    frame = b.inputs.items
    if frame is None or frame["overdue_new"].null_count() == frame.height:
        return []
    new, total = int(frame["overdue_new"].sum()), int(frame["overdue_total"].sum())
    ytd = frame["cases_ytd"].sum()
    rate = total / ytd if ytd else None
    late = frame.filter(pl.col("overdue_total") > 0)
    text = (f"本月新增超时件 {new} 件，累计超时件 {total} 件，超期率 {fmt_rate(rate)}"
            f"（累计超时件 / 累计办件量 {int(ytd)} 件）。")
    if late.height:
        text += "有累计超时件的单位：" + "、".join(
            f"{r['unit']} {int(r['overdue_total'])} 件" for r in late.iter_rows(named=True)) + "。"
    return [text]


def section_hall(b: MonthlyBulletin, annexes: Sequence[int] = ()) -> list:
    """The hall's text and, unless they are annexes (numbers ``annexes``), its tables."""
    hall = b.inputs.hall
    if hall is None:
        return []
    blocks = ["### 实体大厅办件情况\n\n" + paragraphs(hall_paragraphs(b, hall, annexes)
                                                  + overdue_paragraph(b))]
    stated = b.config.stated_totals.get(b.month, {})
    blocks += reviews_of(hall_findings(hall, stated))
    blocks += [Review(SOURCES, text) for text in window_reviews(b, hall)]
    if "hall_annexes" in b.config.profile.sections:
        return blocks  # the tables are annexes after the body (``hall_annexes``)
    if hall.windows is not None:
        blocks += ["#### 大厅部门窗口办件情况", windows_table(b, hall)]
    if hall.centres is not None:
        blocks += ["#### 便民服务中心办件情况", centres_table(b, hall)]
    return blocks


def _hall_tables(b: MonthlyBulletin) -> list[Table]:
    hall = b.inputs.hall
    if hall is None:
        return []
    return [build(b, hall) for part, build in ((hall.windows, windows_table),
                                               (hall.centres, centres_table)) if part is not None]


def annex_titles(b: MonthlyBulletin) -> list[str]:
    """The titles of the windows and centres tables as annexes (``hall_annexes``)."""
    return [t.title for t in _hall_tables(b)]


def annex_blocks(b: MonthlyBulletin, start: int) -> list:
    """附件 start, start + 1: the windows and the centres tables after the body."""
    return [block for n, table in enumerate(_hall_tables(b), start)
            for block in (f"### 附件{n}", table)]

"""目标跟踪 (seed 002): indicator, baseline, target, achieved, frontier; status and gap.

Input: ``targets/YYYY-MM.csv|xlsx`` with 序号, 指标, 基期年份, 基期水平, 目标年份, 目标,
达到水平, 国内前沿水平 (说明 optional). Values as printed: "70.41%", "80%以上", "88%".

This module reads the table; ``indicators.targets`` evaluates it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from bulletin.core.errors import InputError, Problem
from bulletin.core.privacy import PersonalData
from bulletin.ingest.files import display_path, input_files
from bulletin.ingest.sheets import (
    first_sheet,
    header_width,
    masked,
    misaligned,
    no_rows,
    normalise_header,
    parse_rate,
)

COLUMNS = {"序号": "order", "指标": "indicator", "指标(项目)": "indicator",
           "基期年份": "baseline_year", "基期水平": "baseline", "目标年份": "target_year",
           "目标": "target", "达到水平": "achieved", "国内前沿水平": "frontier", "说明": "note"}


REQUIRED = ("indicator", "target", "achieved")


VALUE = re.compile(r"^-?\d+(?:\.\d+)?%?")


def parse_value(text: str | None) -> float | None:
    """"80%以上" → 0.8; "97.2%" → 0.972; "" or text without a number → None."""
    if not text:
        return None
    m = VALUE.match(text.strip())
    return parse_rate(m.group(0)) if m else None


@dataclass(frozen=True)
class Stated:
    """A value as a text prints it ("98.9%") and as a number (0.989; None without one)."""

    text: str
    value: float | None


def stated_values(texts: dict[str, str]) -> dict[str, Stated]:
    """Name → value as printed (``targets.stated_in_text`` of dataset.yml), each parsed as
    the targets table's values are (``parse_value``)."""
    return {name: Stated(text, parse_value(text)) for name, text in texts.items()}


def target_files(folder: Path, month: str) -> list[Path]:
    return [p for p in input_files(Path(folder) / "targets") if p.stem == month]


def read_targets(folder: Path, month: str,
                 found: list[PersonalData] | None = None) -> pl.DataFrame | None:
    """The month's targets table, values as printed; None when the month has none. ID and
    mobile numbers typed into it are masked and added to ``found``."""
    paths = target_files(folder, month)
    if not paths:
        return None
    problems, records = [], []
    found = [] if found is None else found
    for path in paths:
        shown = display_path(path)
        sheet = first_sheet(path)
        (head_no, head), *body = sheet.rows
        cols = {COLUMNS[normalise_header(h)]: i for i, h in enumerate(head)
                if normalise_header(h) in COLUMNS}
        missing = [k for k in REQUIRED if k not in cols]
        if missing:
            names = {v: k for k, v in COLUMNS.items()}
            raise InputError(Problem(shown, head_no, None, None,
                                     "缺少列：" + "、".join(names[m] for m in missing)))
        width = header_width(sheet, head)
        for number, cells in body:
            if not any(cells):
                continue
            bad = misaligned(shown, sheet, number, cells, width)
            if bad is not None:
                problems.append(bad)
                continue
            rec = {k: masked((cells[i] if i < len(cells) else None) or "", shown, number,
                             normalise_header(head[i]), found) for k, i in cols.items()}
            if not rec["indicator"]:
                if rec.get("target") or rec.get("achieved"):
                    problems.append(Problem(shown, number, normalise_header(head[cols["indicator"]]),
                                            None, "指标名称（该行有目标或达到水平但没有指标）"))
                continue  # a note below the table
            rec["row"] = number
            for key in ("baseline", "target", "achieved"):
                text = rec.get(key, "")
                rec[f"{key}_value"] = parse_value(text)
                if key != "baseline" and text and rec[f"{key}_value"] is None:
                    problems.append(Problem(shown, number, key, text, "数值，如 80% 或 80%以上"))
            records.append(rec)
        if not any(any(cells) for _, cells in body):
            problems.append(no_rows(shown))
    if problems:
        raise InputError(problems)
    schema = {"indicator": pl.String, "baseline_year": pl.String, "baseline": pl.String,
              "target_year": pl.String, "target": pl.String, "achieved": pl.String,
              "frontier": pl.String, "note": pl.String, "baseline_value": pl.Float64,
              "target_value": pl.Float64, "achieved_value": pl.Float64}
    return pl.DataFrame([{k: r.get(k) for k in schema} for r in records], schema=schema)

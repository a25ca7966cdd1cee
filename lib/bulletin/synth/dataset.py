"""The dataset folder the generator writes: units.csv and dataset.yml, the case files of
each month in the reader's formats (or one Parquet file for the benchmark), and the
evaluations; ``generate`` draws everything from one seeded generator."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import numpy as np
import polars as pl
import yaml

from bulletin.core.errors import ConfigError
from bulletin.core.paths import project_root
from bulletin.synth.cases import month_cases, month_evaluations
from bulletin.synth.days import DAY, EPOCH, WorkingDays, month_days, months_between
from bulletin.synth.tables import CASE_HEADERS, DATETIME_TEXT, EVALUATION_HEADERS, REGISTRY
from bulletin.synth.units import load_units, make_items


def case_output(frame: pl.DataFrame, personal: bool) -> pl.DataFrame:
    cols = [c for c in CASE_HEADERS if personal or c not in ("name", "id_number", "phone")]
    return frame.select(cols).rename({c: CASE_HEADERS[c] for c in cols})


def month_formats(months: list[str]) -> dict[str, str]:
    """Which format each month's case file uses: most Parquet, one of each other kind."""
    kinds = ["csv-gbk", "csv-bom", "xlsx"]
    out = {m: "parquet" for m in months}
    for month, kind in zip(months[1:], kinds):
        out[month] = kind
    return out


def _as_text(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(pl.col(pl.Datetime).dt.strftime(DATETIME_TEXT))


def write_cases(frame: pl.DataFrame, folder: Path, month: str, kind: str) -> Path:
    if kind == "parquet":
        path = folder / f"{month}.parquet"
        frame.write_parquet(path, statistics=False)
    elif kind == "csv-gbk":
        path = folder / f"{month}.csv"
        path.write_bytes(_as_text(frame).write_csv().encode("gbk"))
    elif kind == "csv-bom":
        path = folder / f"{month}.csv"
        _as_text(frame).write_csv(path, include_bom=True)
    elif kind == "xlsx":
        import xlsxwriter

        path = folder / f"{month}.xlsx"
        # A fixed creation date keeps the file byte-identical between runs.
        with xlsxwriter.Workbook(path) as wb:
            wb.set_properties({"created": dt.datetime(2021, 1, 1)})
            _as_text(frame).write_excel(wb, worksheet="办件明细", autofit=False)
    else:
        raise ValueError(kind)
    return path


def generate(out: Path | str, first: str, last: str, scale: float = 0.02, seed: int = 7,
             single_parquet: bool = False, personal: bool = True,
             registry: Path | None = None) -> dict[str, int]:
    """Write the synthetic dataset into ``out``; returns row counts.

    ``registry``: the units.csv to draw units from (default: seed 000's, under the
    project root found from the current directory)."""
    out = Path(out)
    registry = Path(registry) if registry is not None else project_root() / REGISTRY
    months = months_between(first, last)
    if not months:
        raise ConfigError(f"月份范围 {first}..{last} 为空")
    rng = np.random.default_rng(seed)
    units = load_units(registry)
    items = make_items(rng, units)
    start = dt.date(int(first[:4]), int(first[5:]), 1)
    export_end_day = month_days(last)[1]
    wd = WorkingDays(start - dt.timedelta(days=7), EPOCH + dt.timedelta(days=export_end_day + 120))
    export_end = export_end_day * DAY + DAY - 1

    for sub in ("cases", "evaluations"):
        shutil.rmtree(out / sub, ignore_errors=True)
        (out / sub).mkdir(parents=True, exist_ok=True)
    shutil.copyfile(registry, out / "units.csv")
    (out / "dataset.yml").write_text(yaml.safe_dump(
        {"region": "达州市", "authority": "达州市政务服务管理局"}, allow_unicode=True,
        sort_keys=False), encoding="utf-8")

    formats = month_formats(months)
    n_cases = n_evals = 0
    writer = None
    eval_parts = []
    try:
        for month in months:
            cases = month_cases(rng, month, scale, units, items, wd, export_end, n_cases, personal)
            evals = month_evaluations(rng, cases, units, export_end, n_evals)
            n_cases += cases.height
            n_evals += evals.height
            eval_parts.append(evals)
            table = case_output(cases, personal)
            if single_parquet:
                import pyarrow.parquet as pq

                arrow = table.to_arrow()
                if writer is None:
                    writer = pq.ParquetWriter(out / "cases" / "cases.parquet", arrow.schema,
                                              compression="zstd", write_statistics=False)
                writer.write_table(arrow, row_group_size=1 << 20)
            else:
                write_cases(table, out / "cases", month, formats[month])
            del cases, table
    finally:
        if writer is not None:
            writer.close()
    evaluations = pl.concat(eval_parts).sort("evaluated_at", "evaluation_id")
    evaluations.rename(EVALUATION_HEADERS).write_parquet(
        out / "evaluations" / "evaluations.parquet", statistics=False)
    return {"cases": n_cases, "evaluations": n_evals}

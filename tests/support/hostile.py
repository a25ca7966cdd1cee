"""A small case-level dataset for the hostile-input tests: a registry of four units and
case rows written by hand (one per month unless a test says otherwise), and copies of the
sample datasets to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[2]
SYNTHETIC = ROOT / "data" / "synthetic"

UNITS = """单位名称,别名,层级,上级单位,考核分组,序号
市公安局,,市级部门,,A组,1
市住房和城乡建设局,市住房城乡建设局,市级部门,,A组,2
通川区,,县（市、区）,,,3
北山镇,,乡镇（街道）,通川区,,4
"""

HEADER = "办件编号,办理单位,事项编码,事项名称,申请时间,受理时间,办结时间,法定时限,承诺时限,申请方式"

COLUMNS = HEADER.split(",")


def case(case_id: str, applied: str, accepted: str = "", completed: str = "",
         unit: str = "市公安局", promised: str = "5", channel: str = "线上") -> str:
    """One case row of HEADER."""
    return f"{case_id},{unit},X1,户口迁移,{applied},{accepted},{completed},20,{promised},{channel}"


def write(folder: Path, rel: str, content: str | bytes, encoding: str = "utf-8") -> Path:
    path = Path(folder) / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


def case_csv(rows: list[str]) -> str:
    return HEADER + "\n" + "".join(r + "\n" for r in rows)


def make_dataset(folder: Path, cases: dict[str, list[str]] | None = None,
                 units: str = UNITS, config: str | None = None) -> Path:
    """A dataset folder: units.csv, optional dataset.yml, and cases/<name> per entry."""
    folder = Path(folder)
    write(folder, "units.csv", units)
    if config is not None:
        write(folder, "dataset.yml", config)
    for name, rows in (cases or {}).items():
        write(folder, f"cases/{name}", case_csv(rows))
    return folder


def frame(rows: list[str]) -> pl.DataFrame:
    """Case rows as a frame of text columns (HEADER's headers)."""
    return pl.DataFrame([r.split(",") for r in rows], schema=COLUMNS, orient="row")


def copy_synthetic(folder: Path) -> Path:
    """A copy of data/synthetic to break."""
    target = Path(folder) / "synthetic"
    shutil.copytree(SYNTHETIC, target)
    return target

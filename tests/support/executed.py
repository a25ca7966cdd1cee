"""Executed months written by hand: reports/<dataset>/<month>/ with meta.json and a
bulletin.ipynb whose outputs are given (no kernel), for tests of what the publishing layer
does with a notebook's outputs — hostile ones included."""

from __future__ import annotations

import base64
import struct
import zlib
from pathlib import Path

import nbformat

from bulletin.core.config import Distribution
from bulletin.core.definitions import FIGURES
from bulletin.core.meta import HeadlineFigure, MonthMeta, write_meta


def month_meta(month: str, dataset: str = "mini") -> MonthMeta:
    return MonthMeta(
        month=month, dataset=dataset, profile_title="达州市一体化政务服务平台运行情况通报",
        title_lines=["达州市一体化政务服务平台运行", "情况通报"], authority="达州市政务服务管理局",
        issue_label=f"2021 年第 {int(month[5:])} 期", issue_date="2021 年 3 月 22 日",
        distribution=Distribution.model_validate({"报": ["省大数据中心；"], "发": ["各县（市、区）"]}),
        headline=[HeadlineFigure.of(FIGURES["applied"], 249679, "249679")], downloads=[])


def markdown(text: str) -> dict:
    return nbformat.v4.new_output("display_data", data={"text/markdown": text})


def html(text: str) -> dict:
    return nbformat.v4.new_output("display_data", data={"text/html": text})


def chart(svg: str, spec: dict | None = None) -> dict:
    data = {"image/svg+xml": svg}
    if spec is not None:
        data["application/vnd.vegalite.v5+json"] = spec
    return nbformat.v4.new_output("display_data", data=data)


def png(text: str | None = None) -> dict:
    return nbformat.v4.new_output("display_data", data={"image/png": text or tiny_png()})


def tiny_png(width: int = 4, height: int = 4) -> str:
    """A grey PNG as base64 text, as a notebook holds image/png."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    return base64.b64encode(data).decode("ascii")


def write_month(reports: Path, month: str, outputs: list[dict], dataset: str = "mini") -> Path:
    """reports/<dataset>/<month>/: meta.json and a notebook with one cell of ``outputs``."""
    return write_executed(Path(reports) / dataset / month, month, outputs, dataset)


def write_executed(folder: Path, month: str, outputs: list[dict], dataset: str = "mini") -> Path:
    """``folder`` as an executed month: meta.json and a notebook with one cell of ``outputs``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    write_meta(month_meta(month, dataset), folder)
    cell = nbformat.v4.new_code_cell("show(blocks)")
    cell.outputs = outputs
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), folder / "bulletin.ipynb")
    return folder

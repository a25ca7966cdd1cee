"""``bulletin verify --dataset DIR --month YYYY-MM``: is the published month what its
inputs give today?

The month is computed again from the dataset folder, in this process, as its notebook
computes it (``open_month``, the profile's blocks, ``write_outputs`` into a temporary
folder that is removed afterwards): nothing is written into reports/ or the site. Every
printed figure is compared with the published one (``publish.compare``: the title block,
the headline figures, each table's cells, the body text), and each input file's SHA-256
with the one meta.json recorded when the month was published.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from bulletin.core.blocks import Text
from bulletin.core.errors import PublishError
from bulletin.core.meta import META_NAME, MonthMeta, read_meta
from bulletin.core.months import parse_month
from bulletin.core.provenance import Provenance
from bulletin.publish.compare import (
    FigureChange,
    InputChange,
    MonthFigures,
    compare_inputs,
    compare_month,
    csv_tables,
    sentences,
    table_cells,
)
from bulletin.publish.notebook import NOTEBOOK_NAME, published_blocks


def published_figures(folder: Path) -> MonthFigures:
    """The printed figures of a published month folder: meta.json, its CSV downloads, the
    text blocks meta.json carries."""
    folder = Path(folder)
    if not (folder / META_NAME).is_file():
        raise PublishError(f"找不到已发布的月份：{folder} 中没有 {META_NAME}（应为 "
                           "bulletin publish 写出的 reports/<数据集>/<YYYY-MM>/）")
    meta = read_meta(folder / META_NAME)
    if not (folder / NOTEBOOK_NAME).is_file():
        raise PublishError(f"{folder} 中没有已执行的 {NOTEBOOK_NAME}，无法比对通报正文")
    text = [block.markdown for block in published_blocks(meta, folder) if isinstance(block, Text)]
    return MonthFigures(meta, csv_tables(folder, meta.downloads), text)


def recomputed_figures(dataset: Path, month: str) -> MonthFigures:
    """The month computed again from ``dataset`` as its notebook computes it, its files
    written into a temporary folder and read back (then removed)."""
    from bulletin.report.loader import open_month
    from bulletin.report.outputs import write_outputs
    from bulletin.report.sections.common import for_readers
    from bulletin.report.sections.registry import profile_blocks

    b = open_month(dataset, month)
    blocks = profile_blocks(b, skip=("title",))
    with tempfile.TemporaryDirectory(prefix="bulletin-verify-") as tmp:
        written = write_outputs(b, tmp, blocks, parameters={
            "dataset": str(Path(dataset).resolve()), "month": month, "out_dir": ""})
        meta = read_meta(written.meta)
        tables = csv_tables(Path(tmp), meta.downloads)
    return MonthFigures(meta, tables, [block for block in for_readers(blocks)
                                       if isinstance(block, str)])


@dataclass
class Verified:
    """What ``verify`` found: the month folder, the figures that differ, the inputs that
    changed since (None: the published meta.json recorded no hashes) and both provenances."""

    folder: Path
    changes: list[FigureChange]
    inputs: list[InputChange] | None
    published: MonthMeta
    now: MonthMeta
    compared: dict[str, int] = field(default_factory=dict)

    @property
    def identical(self) -> bool:
        return not self.changes

    def lines(self) -> list[str]:
        """The report, in Chinese, as ``bulletin verify`` prints it."""
        then = self.published.provenance
        when = f"（发布于 {then.created}）" if then and then.created else ""
        out = [f"核对 {self.folder}{when}：由输入数据重新计算，逐一比对通报所列的数字。",
               "已比对：" + "、".join(f"{name} {n} 项" for name, n in self.compared.items())]
        if self.identical:
            out.append("结果：一致。通报所列的每一个数字与重新计算的结果相同。")
        else:
            out.append(f"结果：不一致。{len(self.changes)} 处与已发布的不同"
                       "（表｜行｜列：已发布 → 重新计算）：")
            out += [f"  {change.line()}" for change in self.changes]
        out += self._input_lines() + _tool_lines(then, self.now.provenance)
        return out

    def _input_lines(self) -> list[str]:
        if self.inputs is None:
            return [("输入文件：该月的 meta.json 由旧版 bulletin 写出，没有记录输入文件的 SHA-256，"
                    "无法判断哪些输入文件已改变（重新发布后即有记录）。")]
        if not self.inputs:
            count = len(self.now.provenance.inputs) if self.now.provenance else 0
            return [f"输入文件：与发布时相同（{count} 个数据文件及 dataset.yml、notes 的 SHA-256 一致）。"]
        return ["发布以来已改变的输入文件：", *(f"  {change.line()}" for change in self.inputs)]


def _tool_lines(then: Provenance | None, now: Provenance | None) -> list[str]:
    """A line when the program differs from the one that published the month."""
    if then is None or now is None:
        return []
    before = (then.tool_version, then.tool_commit)
    after = (now.tool_version, now.tool_commit)
    if before == after:
        return []

    def named(version: str | None, commit: str | None) -> str:
        return f"{version or '版本不详'}（提交 {commit[:12] if commit else '不详'}）"

    return [(f"注意：发布时的 bulletin 为 {named(*before)}，现在为 {named(*after)}；"
            "数字不同也可能来自程序的改动。")]


def _compared(figures: MonthFigures) -> dict[str, int]:
    return {"文头": 4, "主要指标": len(figures.meta.headline),
            "表格单元格": sum(len(table_cells(rows)) for rows in figures.tables.values()),
            "正文句子": len(sentences(figures.text))}


def verify_month(dataset: Path, month: str, reports: Path = Path("reports")) -> Verified:
    """Recompute ``month`` of ``dataset`` and compare it with its published folder
    ``reports/<dataset name>/<month>/``; nothing is written there or to the site."""
    month = parse_month(month)
    dataset = Path(dataset)
    if not dataset.is_dir():
        raise PublishError(f"找不到数据集文件夹 {dataset}")
    folder = Path(reports) / dataset.resolve().name / month
    published = published_figures(folder)
    now = recomputed_figures(dataset, month)
    then = published.meta.provenance
    inputs = compare_inputs(then, now.meta.provenance) if then is not None else None
    return Verified(folder, compare_month(published, now), inputs, published.meta, now.meta,
                    _compared(now))


__all__ = ["Verified", "published_figures", "recomputed_figures", "verify_month"]

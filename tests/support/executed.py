"""Executed months written by hand: reports/<dataset>/<month>/ with meta.json carrying the
given blocks (text, tables, charts as values) and a bulletin.ipynb that ran (no kernel),
for tests of what the publishing layer does with a month's blocks — hostile ones included."""

from __future__ import annotations

from pathlib import Path

import nbformat

from bulletin.core.blocks import Cell, Chart, Column, Table, Text
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


def markdown(text: str) -> Text:
    return Text(markdown=text)


def chart(svg: str, spec: dict | None = None) -> Chart:
    return Chart(spec=spec or {}, svg=svg)


def table(title: str, labels: list[str], rows: list[list[str]], notes: list[str] = (),
          spanners: list[str] | None = None, left: tuple[int, ...] = (1,)) -> Table:
    """A table of printed strings (``Cell.printed``: a figure's text gives its value),
    column ``j`` under ``spanners[j]`` (「」 for none), the columns ``left`` left-aligned."""
    columns = [Column(id=f"c{j}", label=label, spanners=(spanners[j],) if spanners and spanners[j]
                      else (), align="left" if j in left else "center")
               for j, label in enumerate(labels)]
    return Table(title=title, columns=columns, rows=[[Cell.printed(x) for x in row] for row in rows],
                 notes=list(notes))


def write_month(reports: Path, month: str, blocks: list, dataset: str = "mini") -> Path:
    """reports/<dataset>/<month>/: meta.json carrying ``blocks`` and a notebook that ran."""
    return write_executed(Path(reports) / dataset / month, month, blocks, dataset)


def write_executed(folder: Path, month: str, blocks: list, dataset: str = "mini") -> Path:
    """``folder`` as an executed month: meta.json carrying ``blocks`` and a notebook that
    ran (``write_notebook``)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    write_meta(month_meta(month, dataset).model_copy(update={"blocks": list(blocks)}), folder)
    write_notebook(folder, [b.markdown for b in blocks if isinstance(b, Text)])
    return folder


def write_notebook(folder: Path, texts: list[str] = (), error: str = "") -> Path:
    """The executed bulletin.ipynb of ``folder``: one cell showing ``texts`` as Markdown,
    and, with ``error``, an error output (「名称: 说明」) as a failed cell leaves."""
    cell = nbformat.v4.new_code_cell("show(blocks)")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/markdown": text})
                    for text in texts]
    if error:
        name, _, value = error.partition(": ")
        cell.outputs.append(nbformat.v4.new_output("error", ename=name, evalue=value,
                                                   traceback=[]))
    path = Path(folder) / "bulletin.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), path)
    return path

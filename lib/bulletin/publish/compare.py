"""What changed between two versions of a month: every printed figure (table, row, column,
old, new) and every input file (by its SHA-256).

The printed figures of a month are (``MonthFigures``):

* its meta.json (``core.meta.MonthMeta``): the title block, the headline figures, each
  unit's cells in the published tables and the tracked indicators, each with the string
  it prints;
* its tables as printed, from the CSV downloads (``report.downloads``: every table the
  bulletin shows, cell by cell as the page and the PDF print it);
* its body text, paragraph by paragraph, split into sentences.

``bulletin verify`` compares the published month with the month recomputed from its
inputs; a revised issue can log what a revision changed with the same functions.
"""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from bulletin.core.meta import MonthMeta, UnitCell
from bulletin.core.provenance import HashedFile, Provenance

ABSENT = "（无）"
TITLE_BLOCK = "文头"
HEADLINE = "主要指标"
CITY_ROW = "全市"
BODY = "正文"

# Columns that number rows rather than name them: a row is named by its first other column.
_NUMBERING = ("序号", "排名", "名次", "排序")


@dataclass(frozen=True)
class FigureChange:
    """A printed figure that differs: ``old`` / ``new`` as printed, ABSENT for none."""

    table: str
    row: str
    column: str
    old: str
    new: str

    def line(self) -> str:
        where = "｜".join(part for part in (self.table, self.row, self.column) if part)
        return f"{where}：{self.old} → {self.new}"


@dataclass
class MonthFigures:
    """A month's printed figures: meta.json, its tables (CSV stem → rows, the header
    first) and its body text (the Markdown blocks)."""

    meta: MonthMeta
    tables: dict[str, list[list[str]]] = field(default_factory=dict)
    text: list[str] = field(default_factory=list)


def read_csv(path: Path) -> list[list[str]]:
    """A download's rows as printed (UTF-8 with BOM), the header first."""
    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        return [row for row in csv.reader(handle)]


def csv_tables(folder: Path, names: list[str]) -> dict[str, list[list[str]]]:
    """The CSV files among ``names`` (meta.json's downloads) in ``folder``, by stem."""
    return {Path(name).stem: read_csv(Path(folder) / name) for name in names
            if name.lower().endswith(".csv") and (Path(folder) / name).is_file()}


# ------------------------------------------------------------------------ cells


def _compare_cells(table: str, old: dict[tuple[str, str], str],
                   new: dict[tuple[str, str], str]) -> list[FigureChange]:
    """The cells of one table that differ, in the order of the new table (then the old)."""
    keys = list(dict.fromkeys([*new, *old]))
    return [FigureChange(table, row, column, old.get((row, column), ABSENT),
                         new.get((row, column), ABSENT))
            for row, column in keys if old.get((row, column)) != new.get((row, column))]


def _cells(cells: list[UnitCell]) -> dict[str, str]:
    return {cell.column: cell.display for cell in cells}


def _title_block(meta: MonthMeta) -> dict[tuple[str, str], str]:
    number = "发文字号" if meta.kind == "公文" else "期号"
    return {("", "标题"): meta.title, ("", number): meta.issue_label,
            ("", "印发日期"): meta.issue_date, ("", "发文机关"): meta.authority}


def _unit_tables(meta: MonthMeta) -> dict[str, dict[tuple[str, str], str]]:
    """table → (row, column) → display, for the units' rows and the tracked rows."""
    out: dict[str, dict[tuple[str, str], str]] = {}
    for unit in meta.units:
        for row in unit.rows:
            cells = out.setdefault(row.table, {})
            cells |= {(unit.name, column): text for column, text in _cells(row.cells).items()}
    for tracked in meta.tracked:
        cells = out.setdefault(tracked.table, {})
        cells |= {(tracked.name, column): text for column, text in _cells(tracked.cells).items()}
    return out


def compare_figures(old: MonthMeta, new: MonthMeta) -> list[FigureChange]:
    """Every figure of meta.json that prints differently: the title block (标题, 期号,
    印发日期, 发文机关), the headline figures (全市), each unit's and each tracked
    indicator's cells in the published tables."""
    changes = _compare_cells(TITLE_BLOCK, _title_block(old), _title_block(new))
    changes += _compare_cells(HEADLINE, {(CITY_ROW, f.label): f.display for f in old.headline},
                              {(CITY_ROW, f.label): f.display for f in new.headline})
    before, after = _unit_tables(old), _unit_tables(new)
    for table in dict.fromkeys([*after, *before]):
        changes += _compare_cells(table, before.get(table, {}), after.get(table, {}))
    return changes


# ------------------------------------------------------------------------ tables


def _label_column(rows: list[list[str]]) -> int:
    """The column that names a row: the first that neither numbers rows (序号, 排名) nor
    holds only whole numbers."""
    header, body = rows[0], rows[1:]
    for i, name in enumerate(header):
        values = [row[i] for row in body if i < len(row)]
        if name.strip() not in _NUMBERING and not all(v.strip().isdigit() for v in values):
            return i
    return 0


def table_cells(rows: list[list[str]]) -> dict[tuple[str, str], str]:
    """(row, column) → printed cell of a table (header first): a row is named by its label
    (the unit, the indicator), a label met again with 「（第 n 处）」, a blank one by its line."""
    if not rows:
        return {}
    label, header, out, seen = _label_column(rows), rows[0], {}, {}
    for number, row in enumerate(rows[1:], 1):
        name = row[label].strip() if label < len(row) else ""
        name = name or f"第 {number} 行"
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            name = f"{name}（第 {seen[name]} 处）"
        for i, column in enumerate(header):
            out[(name, column)] = row[i] if i < len(row) else ""
    return out


def compare_tables(old: dict[str, list[list[str]]],
                   new: dict[str, list[list[str]]]) -> list[FigureChange]:
    """Every cell of the tables (CSV stem → rows) that prints differently; a table only
    one side has is one change, its rows counted."""
    changes = []
    for name in dict.fromkeys([*new, *old]):
        if name not in old or name not in new:
            rows = len((old.get(name) or new.get(name))[1:])
            text = f"整表 {rows} 行"
            changes.append(FigureChange(name, "", "", ABSENT if name not in old else text,
                                        ABSENT if name not in new else text))
            continue
        changes += _compare_cells(name, table_cells(old[name]), table_cells(new[name]))
    return changes


# ------------------------------------------------------------------------ text

_SENTENCE_END = re.compile(r"(?<=[。；！？])|\n+")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*$")


def sentences(blocks: list[str]) -> list[tuple[str, str]]:
    """(heading above it, sentence) for each sentence of the body text's Markdown blocks."""
    out, heading = [], ""
    for block in blocks:
        for part in _SENTENCE_END.split(block):
            part = part.strip()
            if not part:
                continue
            match = _HEADING.match(part)
            if match:
                heading = match[1]
            out.append((heading, part))
    return out


def compare_text(old: list[str], new: list[str]) -> list[FigureChange]:
    """The sentences of the body text that differ, under the heading they are in."""
    a, b = sentences(old), sentences(new)
    matcher = difflib.SequenceMatcher(a=[s for _, s in a], b=[s for _, s in b], autojunk=False)
    changes = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        heading = (b[j1] if j1 < j2 else a[i1])[0]
        changes.append(FigureChange(BODY, heading, "",
                                    "".join(s for _, s in a[i1:i2]) or ABSENT,
                                    "".join(s for _, s in b[j1:j2]) or ABSENT))
    return changes


# ------------------------------------------------------------------------ month


def compare_month(old: MonthFigures, new: MonthFigures) -> list[FigureChange]:
    """Every printed figure that differs: the title block and headline figures, each
    table's cells, the body text. A unit's cell is named once, as its table prints it."""
    tables = compare_tables(old.tables, new.tables)
    named = {(c.row, c.column, c.old, c.new) for c in tables}
    figures = [c for c in compare_figures(old.meta, new.meta)
               if (c.row, c.column, c.old, c.new) not in named]
    return figures + tables + compare_text(old.text, new.text)


# ------------------------------------------------------------------------ inputs


@dataclass(frozen=True)
class InputChange:
    """An input file whose bytes differ from those recorded (``old``/``new``: SHA-256,
    None when the file was not there)."""

    path: str
    old: str | None
    new: str | None

    def line(self) -> str:
        if self.old is None:
            return f"{self.path}：新增（发布时没有此文件）"
        if self.new is None:
            return f"{self.path}：已不存在（发布时 SHA-256 {self.old[:12]}…）"
        return f"{self.path}：内容已改变（SHA-256 {self.old[:12]}… → {self.new[:12]}…）"


def _hashes(p: Provenance) -> dict[str, str]:
    files: list[HashedFile] = [f for f in (p.config, p.notes) if f is not None]
    return {f.path: f.sha256 for f in [*p.inputs, *files]}


def compare_inputs(old: Provenance, new: Provenance) -> list[InputChange]:
    """The inputs (dataset.yml and the notes included) added, removed or changed."""
    before, after = _hashes(old), _hashes(new)
    return [InputChange(path, before.get(path), after.get(path))
            for path in dict.fromkeys([*before, *after]) if before.get(path) != after.get(path)]


__all__ = ["ABSENT", "FigureChange", "InputChange", "MonthFigures", "compare_figures",
           "compare_inputs", "compare_month", "compare_tables", "compare_text", "csv_tables",
           "read_csv", "sentences", "table_cells"]

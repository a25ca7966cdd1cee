"""The downloads of a month: every table the bulletin shows, as XLSX and as CSV.

Generic: the tables are the bulletin's table blocks (``core.blocks.Table``: title, column
labels under their spanners, the cells with their values and printed strings, the red and
bold marks, the footnotes), so a table a section adds gets its two files without new code,
and a download holds what the page and the PDF print. A file is named after the
numbered heading of the part its table is in (「附件1」, 「事项指标表2」: text, tables and
deeper headings between them do not part them, so both tables under seed 004's 「附件2」
and its title are 附件2's), else 「表N」, then the table's title without the region, the
month and the platform's name: 「附件1_市级部门运行情况表.xlsx」; names keep letters, digits and a little Chinese
punctuation, nothing else from the data (``safe_name``).

The XLSX (``report.downloads_xlsx``) stores a figure as the number its cell shows, with a
format that shows it the same way (「39.14%」 → 0.3914 as 0.00%): rates sort and add up,
and the download cannot disagree with the page. The CSV keeps the printed strings (UTF-8
with BOM, so Excel opens it). Nothing from the data runs as a formula: XLSX text cells are
strings (formula-like text with Excel's quote prefix), CSV cells that would start a formula
get a leading "'" (``spreadsheet_text``).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from bulletin.core.blocks import Table, Text
from bulletin.core.months import month_cn
from bulletin.report.downloads_xlsx import write_xlsx
from bulletin.report.month import MonthlyBulletin
from bulletin.report.shown_tables import spreadsheet_text

# Every table of the seeds is about the one platform; its name adds nothing to a file name.
PLATFORM = "一体化政务服务平台"

_ALLOWED = set("_-+（）()、“”·—《》")


def safe_name(text: str, limit: int = 60) -> str:
    """``text`` as a file name on every system and in a link: letters and digits (Chinese
    included) and 「_-+（）()、“”·—《》」 kept, spaces dropped, anything else (path separators,
    dots, quotes, control characters, %, #, &) an 「_」; at most ``limit`` characters."""
    kept = "".join(ch if ch.isalnum() or ch in _ALLOWED else "_"
                   for ch in re.sub(r"\s+", "", text))
    kept = re.sub(r"_{2,}", "_", kept).strip("_-")
    return kept[:limit].rstrip("_-") or "表"


def short_title(title: str, region: str, month: str) -> str:
    """A table's title without the month (「（2021年2月）」, 「2022年9月」), the region in
    front and the platform's name: 「市级部门运行情况表」."""
    text = title.replace(f"（{month}）", "").replace(month, "").strip()
    if region and text.startswith(region):
        text = text[len(region):]
    return text.replace(PLATFORM, "") or text or "表"


# A heading that numbers its table: 附件1, 附表 2, 事项指标表1.
_NUMBERED = re.compile(r"\S{0,8}?(附件|附表|表)\s*\d{1,3}")


def name_tables(blocks: list, region: str, month: str) -> list[tuple[str, str, Table]]:
    """(file stem, sheet name, table) for each table of ``blocks``, in order; stems unique."""
    named, seen = [], set()
    label, depth = None, 0  # the numbered heading the blocks are under, and its level
    for block in blocks:
        level = _level(block)
        if level and (label is None or level <= depth):
            label, depth = _heading(block), level
        if isinstance(block, Table):
            short = short_title(block.title, region, month)
            stem = base = safe_name(f"{label or f'表{len(named) + 1}'}_{short}")
            copy = 1
            while stem in seen:
                copy += 1
                stem = f"{base}（{copy}）"
            seen.add(stem)
            named.append((stem, short, block))
    return named


def _level(block) -> int:
    """The level of a heading block (「### 附件1」: 3), 0 for anything else."""
    match = re.match(r"(#{1,6})\s", block.markdown) if isinstance(block, Text) else None
    return len(match[1]) if match else 0


def _heading(block) -> str | None:
    if not isinstance(block, Text):
        return None
    match = re.fullmatch(r"#{2,6}\s+(.+?)\s*", block.markdown)
    if match and _NUMBERED.fullmatch(match[1]):
        return re.sub(r"\s+", "", match[1])
    return None


def source_lines(b: MonthlyBulletin) -> list[str]:
    """Where the figures come from and their month, for the 口径说明 sheet."""
    c = b.config
    title = f"{c.region}{c.profile.title or c.title}"
    if c.document.official:  # a 公文 is named by its own title (the notes' 标题), if written
        written = b.notes.sections.get("标题") or ""
        title = "".join(line.strip() for line in written.splitlines()) or title
        title = title.replace("《", "〈").replace("》", "〉")  # 书名号 inside 书名号 (GB/T 15834)
    return [f"数据来源：{c.authority}《{title}》（{b.issue_label}）",
            f"统计月份：{month_cn(b.month)}"]


def write_csv(table: Table, path: Path) -> None:
    """The table as CSV, UTF-8 with BOM: one header line (「办件情况（件）/申请」), the cells
    as printed, formula-like text with a leading "'"."""
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([spreadsheet_text(c.header) for c in table.columns])
        writer.writerows([spreadsheet_text(cell.text) for cell in row] for row in table.rows)


def write_tables(named: list[tuple[str, str, Table]], folder: Path,
                 context: list[str]) -> list[str]:
    """Each (stem, sheet name, table) as <stem>.xlsx and <stem>.csv in ``folder``; the
    file names written, in order."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, sheet, table in named:
        write_xlsx(table, folder / f"{stem}.xlsx", sheet, context)
        write_csv(table, folder / f"{stem}.csv")
        written += [f"{stem}.xlsx", f"{stem}.csv"]
    return written


def write_downloads(b: MonthlyBulletin, blocks: list, folder: Path) -> list[str]:
    """Every table of the bulletin's ``blocks`` as XLSX and CSV in ``folder``."""
    named = name_tables(blocks, b.config.region, month_cn(b.month))
    return write_tables(named, Path(folder), source_lines(b))


__all__ = ["name_tables", "safe_name", "short_title", "source_lines", "spreadsheet_text",
           "write_csv", "write_downloads", "write_tables"]

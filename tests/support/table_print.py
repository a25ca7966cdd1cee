"""Tables as a printed bulletin shows them, read back from its PDF (pdftotext -bbox words,
pdftoppm -gray pixels): header lines holding one character alone, names broken across
lines, the rules of a form, a number broken across lines."""

from __future__ import annotations

import html
import json
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from bulletin.core.blocks import Table
from support.print_layout import _pgm

_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                   r"(.*?)</word>")
HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Box:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    page: int


def boxes(pdf: Path) -> list[Box]:
    """Every word of ``pdf`` with its box, in reading order."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    return [Box(html.unescape(t), float(a), float(b), float(c), float(d), number)
            for number, page in enumerate(xml.split("<page ")[1:], 1)
            for a, b, c, d, t in _WORD.findall(page)]


def tables(month: Path) -> list[Table]:
    meta = json.loads((month / "meta.json").read_text(encoding="utf-8"))
    return [Table.model_validate(b) for b in meta["blocks"] if b.get("kind") == "table"]


def header_labels(month: Path) -> set[str]:
    return {label for t in tables(month) for c in t.columns for label in (c.label, *c.spanners)}


def lone_characters(pdf: Path, labels: set[str]) -> list[str]:
    """Header lines of one Chinese character: a one-character word under (or over) the rest
    of a header label, in the same cell (its box within the other line's)."""
    found = boxes(pdf)
    problems = []
    for w in found:
        if len(w.text) != 1 or not HAN.match(w.text):
            continue
        for v in found:
            if v.page != w.page or not (v.x0 - 2 <= (w.x0 + w.x1) / 2 <= v.x1 + 2):
                continue
            gap = w.y0 - v.y0
            # (two lone characters, as a justified line spaces them: the whole label)
            above = 0 < gap < 2.2 * (w.y1 - w.y0) and any(
                label == v.text + w.text or len(v.text) > 1 and label.endswith(v.text + w.text)
                for label in labels)
            below = 0 < -gap < 2.2 * (w.y1 - w.y0) and any(
                label == w.text + v.text or len(v.text) > 1 and label.startswith(w.text + v.text)
                for label in labels)
            if above or below:
                problems.append(f"p{w.page}: {v.text} / {w.text}" if above
                                else f"p{w.page}: {w.text} / {v.text}")
    return problems


def _plain(text: str) -> str:
    """A text as pdftotext gives it back: NFKC, no blanks (it spaces CJK from digits)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _rest_of_line(found: list[Box], first: Box, name: str, start: str) -> tuple[str, Box]:
    """``start`` (``first``'s text) and the words right of ``first`` on its line, close to
    it (a cell's text, not the next cell's), while they continue ``name``; the last word."""
    text, last = start, first
    for w in sorted((w for w in found if w.page == first.page and abs(w.y0 - first.y0) < 1
                     and w.x0 > first.x0), key=lambda w: w.x0):
        gap = w.x0 - last.x1
        if gap > 0.5 * (first.y1 - first.y0) or not name.startswith(text + _plain(w.text)):
            break
        text, last = text + _plain(w.text), w
    return text, last


def printed_lines(pdf: Path, names: set[str]) -> dict[str, list[list[str]]]:
    """The lines each of ``names`` (a table's body cells) is printed in, at each place it
    is printed whole: a line is the words on one baseline that continue the name, the next
    line starts under its first word (a left-aligned cell) or centred under it."""
    found = boxes(pdf)
    wanted = {_plain(n): n for n in names if _plain(n)}
    out: dict[str, list[list[str]]] = {}
    for w in found:
        start = _plain(w.text)
        for plain, name in wanted.items():
            if not start or not plain.startswith(start):
                continue
            text, last = _rest_of_line(found, w, plain, start)
            lines, top = [text], w
            while text != plain:
                below = [v for v in found if v.page == top.page
                         and 0 < v.y0 - top.y0 < 1.6 * (top.y1 - top.y0)
                         and (abs(v.x0 - w.x0) < 2 or abs((v.x0 + v.x1) - (w.x0 + last.x1)) < 4)
                         and plain.startswith(text + _plain(v.text))]
                if not below:
                    break
                top = below[0]
                more, last = _rest_of_line(found, top, plain, text + _plain(top.text))
                lines.append(more[len(text):])
                text = more
            if text == plain:
                out.setdefault(name, []).append(lines)
    return out


def pdf_text(pdf: Path) -> str:
    """The PDF's text, laid out; NFKC (a face may map 厅 to the Kangxi radical ⼚)."""
    return unicodedata.normalize("NFKC", subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
        check=True).stdout)


def page_rules(pdf: Path, page: int, dpi: int = 100) -> tuple[float, list[tuple[float, float]]]:
    """(page width in mm, the horizontal rules of a page as (y, length) in mm): rows of the
    page's image with a run of ink longer than 40 mm."""
    pgm = subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l",
                          str(page), str(pdf)], capture_output=True, check=True).stdout
    width, height, pixels = _pgm(pgm)
    per_mm = dpi / 25.4
    rules: list[tuple[float, float]] = []
    for y in range(height):
        row = pixels[y * width:(y + 1) * width]
        longest = run = 0
        for value in row:
            run = run + 1 if value < 128 else 0
            longest = max(longest, run)
        if longest > 40 * per_mm:
            if rules and y / per_mm - rules[-1][0] < 0.6:  # a rule two pixels thick
                continue
            rules.append((y / per_mm, longest / per_mm))
    return width / per_mm, rules


def broken_numbers(pdf: Path, figures: set[str]) -> list[str]:
    """Figures of the tables (「100.00%」, 「1214」) printed in two pieces: a word over the
    rest of a figure, in the same cell (its middle within the upper word's box)."""
    found = boxes(pdf)
    problems = []
    for w in found:
        for v in found:
            if v.page != w.page or not (v.x0 - 2 <= (w.x0 + w.x1) / 2 <= v.x1 + 2):
                continue
            if 0 < w.y0 - v.y0 < 2.2 * (w.y1 - w.y0) and v.text + w.text in figures \
                    and not (v.text in figures and w.text in figures):
                problems.append(f"p{w.page}: {v.text} / {w.text}")
    return problems


# ------------------------------------------------------------------------------ checks both
# routes make of the same printed tables (test_table_print, test_quarto_tables)


def merge_groups(table: Table) -> list[tuple[str, list[str]]]:
    """A table whose first column merges its repeated labels: each label with the second
    column's texts of its rows (seed 003's 镇（街道） and their centres)."""
    groups: list[tuple[str, list[str]]] = []
    for row in table.rows:
        if row[0].text.strip():
            groups.append((row[0].text.strip(), []))
        groups[-1][1].append(row[1].text.strip())
    return groups


def check_merged_labels(pdf: Path, groups: list[tuple[str, list[str]]]) -> int:
    """Each group of three rows or more on one page prints its label once, below its first
    row (a merged cell's middle); how many groups were checked."""
    found = boxes(pdf)
    checked = 0
    for town, centres in groups:
        if len(centres) < 3 or town == "总计":
            continue
        first = next(w for w in found if w.text == centres[0])
        last = next(w for w in found if w.text == centres[-2]  # its last centre (then 小计)
                    and (w.page, w.y0) >= (first.page, first.y0))
        if last.page != first.page:  # a group over a page break: its label on each part
            continue
        label = [w for w in found if w.text == town and w.page == first.page]
        assert len(label) == 1, (town, len(label))  # printed once on its centres' page
        assert label[0].y0 > first.y1, town  # below its first row: the merged cell's middle
        checked += 1
    return checked


def check_form(pdf: Path) -> None:
    """Seed 004's 附件1 办件情况反馈表: its title above its instructions above the form, the
    form across the text block (156 mm), its rows 8 mm tall at least."""
    pages = pdf_text(pdf).split("\f")
    page = next(i for i, p in enumerate(pages, 1) if "填报单位" in p and "反馈表" in p)
    text = pages[page - 1]
    assert text.index("办件情况反馈表") < text.index("填报单位") < text.index("事项名称"), text
    _, rules = page_rules(pdf, page)
    table = [r for r in rules if r[1] > 150]  # the form's rules, across the text block
    assert len(table) >= 7, rules  # top, under the header, under each of 5 rows
    assert all(155 <= length <= 158 for _, length in table), table
    rows = [b[0] - a[0] for a, b in pairwise(table[1:])]
    assert min(rows) >= 8, rows


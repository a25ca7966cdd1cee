"""What a printed page of a bulletin shows, read back from its PDF: how much of the text block
holds print (the page rendered to a grey image by pdftoppm), its words with their boxes
(pdftotext -bbox), and the 附件说明 in GB/T 9704's form (7.3.4: 「附件：」 two characters in,
each next number under the first, a title's next lines under its first character, a
closing 「（2021年2月）」 never broken)."""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

MM = 72 / 25.4  # points

# GB/T 9704's text block on a portrait page (37 mm from the top, 35 mm from the foot), and
# the landscape annex pages' (22 mm each; lib/bulletin/publish/templates/typst/bulletin.typ)
PORTRAIT_BLOCK = (37 * MM, 35 * MM)
LANDSCAPE_BLOCK = (22 * MM, 22 * MM)

# print darker than this (0-255) counts: the draft's watermark (#e1e1e1) does not
INK = 170


@dataclass
class Page:
    number: int  # 1-based
    width: float  # points
    height: float
    printed: float  # share of the text block's height between its first and last print
    lines: list[str]  # the page's text, line by line, spaces removed


def _pgm(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and pixels of a binary PGM (P5, 8-bit) as pdftoppm -gray writes it."""
    parts, at = [], 0
    while len(parts) < 4:
        while data[at:at + 1].isspace():
            at += 1
        if data[at:at + 1] == b"#":
            at = data.index(b"\n", at) + 1
            continue
        end = at
        while not data[end:end + 1].isspace():
            end += 1
        parts.append(data[at:end])
        at = end
    assert parts[0] == b"P5" and parts[3] == b"255", parts
    width, height = int(parts[1]), int(parts[2])
    return width, height, data[at + 1:at + 1 + width * height]


def printed_share(pgm: bytes, dpi: float) -> tuple[float, float, float]:
    """(page width, page height in points, share of the text block's height from its first
    row with print to its last). The page number under the block is not in it."""
    width, height, pixels = _pgm(pgm)
    w_pt, h_pt = width * 72 / dpi, height * 72 / dpi
    top, bottom = LANDSCAPE_BLOCK if w_pt > h_pt else PORTRAIT_BLOCK
    first_row, last_row = round(top * dpi / 72), round((h_pt - bottom) * dpi / 72)
    inked = [row for row in range(first_row, last_row)
             if min(pixels[row * width:(row + 1) * width]) < INK]
    share = (inked[-1] - inked[0] + 1) / (last_row - first_row) if inked else 0.0
    return w_pt, h_pt, share


def pages(pdf: Path, dpi: int = 40) -> list[Page]:
    """Every page of ``pdf``: rendered by pdftoppm (grey), its text by pdftotext."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout.split("\f")[:-1]
    out = []
    for number, page_text in enumerate(text, 1):
        pgm = subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(number), "-l",
                              str(number), str(pdf)], capture_output=True, check=True).stdout
        width, height, share = printed_share(pgm, dpi)
        lines = [re.sub(r"\s+", "", line) for line in page_text.splitlines() if line.strip()]
        out.append(Page(number, width, height, share, lines))
    return out


PAGE_NUMBER = re.compile(r"^—\d+—$")


def imprint_only(page: Page) -> bool:
    """The page holds the 版记 and nothing else (its lines: 报：/送：/发： and the 印发 line,
    the page number)."""
    lines = [line for line in page.lines if not PAGE_NUMBER.match(line)]
    return bool(lines) and lines[-1].endswith("印发") and all(
        line.endswith("印发") or line[:2] in ("报：", "送：", "发：") or not line.startswith(
            ("报", "送", "发")) and _continued(page, line) for line in lines)


def _continued(page: Page, line: str) -> bool:
    """A line of the 版记 that goes on from the 报/送/发 line above it."""
    at = page.lines.index(line)
    return any(earlier[:2] in ("报：", "送：", "发：") for earlier in page.lines[:at])


# The least space between the text and the 版记 under it, as a share of the text block (19 pt)
GAP = 0.03


def short_pages(pdf: Path, least: float = 0.25) -> list[str]:
    """The pages of ``pdf`` whose print covers less than ``least`` of the text block's
    height, but for what GB/T 9704 asks for: the 版记 alone on the last (even) page, and a
    blank page just before it when the even page before that had no room for the 版记
    (its print and the 版记's height leave less than GAP, or it is a landscape annex page,
    which never holds the portrait 版记), and the body's end carrying its 附件说明."""
    found = pages(pdf)
    short = []
    for page in found:
        if page.printed >= least or imprint_only(page) and page.number == len(found):
            continue
        texts = [line for line in page.lines if not PAGE_NUMBER.match(line)]
        if not texts and page.printed == 0 and page.number == len(found) - 1 \
                and imprint_only(found[-1]) and page.number % 2 == 1 \
                and (found[-3].width > found[-3].height  # a landscape annex page
                     or found[-3].printed + found[-1].printed > 1 - GAP):
            continue  # the blank (odd) page before the 版记's page: the even page before had no room
        at = next((i for i, line in enumerate(texts) if line.strip().startswith("附件：")), None)
        if at is not None and at > 0:
            # the body's last lines with the 附件说明 under them: GB/T 9704 puts the list
            # right after the body and each 附件 on a page of its own, so nothing can follow
            # on this page (the 附件说明 alone on a page is still found)
            continue
        short.append(f"p{page.number} ({page.printed:.0%} of the text block): "
                     + " / ".join(texts[:4]))
    return short


# ------------------------------------------------------------------------- 附件说明


@dataclass
class Word:
    text: str
    x: float
    y: float
    page: int


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">(.*?)</word>')


def words(pdf: Path) -> list[Word]:
    """Every word of ``pdf`` with the left and top of its box, in reading order."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    out = []
    for number, page in enumerate(xml.split("<page ")[1:], 1):
        out += [Word(html.unescape(text), float(x), float(y), number)
                for x, y, text in _WORD.findall(page)]
    return out


def visual_lines(found: list[Word]) -> list[list[Word]]:
    """Words grouped by page and line (the same top, within a point), left to right."""
    lines: dict[tuple[int, int], list[Word]] = {}
    for word in found:
        lines.setdefault((word.page, round(word.y)), []).append(word)
    return [sorted(line, key=lambda w: w.x) for _, line in sorted(lines.items())]


ITEM = re.compile(r"^(附件：)?(\d+)\.")
OPENING = "（“《〔"


def annex_note_problems(pdf: Path, margin, em: float = 16.0, tolerance: float = 2.0,
                        brackets: bool = True) -> list[str] | None:
    """Where the 附件说明 of ``pdf`` is not in GB/T 9704's form (None: it has none);
    ``margin(page)`` is the left edge of the text block on a page, ``em`` a character of the
    body; ``brackets``: a closing 「（2021年2月）」 broken over two lines is a problem."""
    lines = visual_lines(words(pdf))
    start = next((i for i, line in enumerate(lines) if line[0].text.startswith("附件：")), None)
    if start is None:
        return None
    first = lines[start]
    problems = []
    x0 = first[0].x
    if abs(x0 - (margin(first[0].page) + 2 * em)) > tolerance:
        problems.append(f"「附件：」 at {x0 - margin(first[0].page):.1f} pt from the margin, "
                        f"not two characters ({2 * em:.1f} pt)")
    number_x, title_x = x0 + 3 * em, None
    numbers = []
    for line in lines[start:]:
        text = "".join(w.text for w in line)
        item = ITEM.match(text)
        if item:
            numbers.append(int(item[2]))
            if item[1] is None and abs(line[0].x - number_x) > tolerance:
                problems.append(f"「{text[:12]}」: its number is not under the first one's")
            title = next((w for w in line if not ITEM.fullmatch(w.text)), None)
            if title is None:  # the number and the title's start in one word
                continue
            title_x = title.x if title_x is None else title_x
            if abs(title.x - title_x) > tolerance:
                problems.append(f"「{text[:12]}」: its title does not start under the first's")
        elif title_x is not None and line[0].page == first[0].page and \
                abs(line[0].x - title_x) <= em + tolerance:
            # a title's next line: under the title's first character (a line opening with a
            # bracket may hang half a character out, as typst sets it)
            shift = title_x - line[0].x
            if not (abs(shift) <= tolerance or line[0].text[0] in OPENING
                    and abs(shift - em / 2) <= tolerance):
                problems.append(f"「{text[:12]}」 does not start under its title")
        else:
            break
        if brackets and re.search(r"（[^）]*$", text):
            problems.append(f"「{text[-8:]}」: a closing bracket's words broken over two lines")
    if numbers != list(range(1, len(numbers) + 1)) or not numbers:
        problems.append(f"the titles are numbered {numbers}")
    return problems

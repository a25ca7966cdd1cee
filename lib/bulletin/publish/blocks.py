"""How every output reads a block of the executed notebook: which tables are wide, which
markdown is a caption, the notebook's HTML made inert, great-tables HTML with its title and
notes lifted out. The PDF (pdf/), the Word file (word/) and the Quarto route (quarto/) share
these, so a table is wide, or a caption, the same way in each."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from bulletin.publish.notebook import Block

WIDE_TABLE_COLUMNS = 10


# The classes blocks.lua turns into typst calls (templates/typst/blocks.lua).
LAYOUT_CLASSES = {"chart", "wide-table", "table-title", "table-note"}


# What pandoc would read as a file of the build folder (an image).
MEDIA_TAGS = {"img", "image", "picture", "source", "video", "audio", "object", "embed", "iframe"}


def _column_count(table) -> int:
    row = table.find("tbody").find("tr") if table.find("tbody") else table.find("tr")
    if row is None:
        return 0
    return sum(int(cell.get("colspan", 1)) for cell in row.find_all(["td", "th"]))


def table_html(html: str) -> str:
    """great-tables HTML made ready for pandoc: title above, notes below, wide tables marked."""
    soup = BeautifulSoup(html, "html.parser")
    for style in soup.find_all("style"):
        style.decompose()
    parts = []
    for table in soup.find_all("table"):
        titles = [cell.get_text(" ", strip=True)
                  for cell in table.select(".gt_title, .gt_subtitle") if cell.get_text(strip=True)]
        for row in table.select("tr.gt_heading"):
            row.decompose()
        notes = [cell.get_text(" ", strip=True)
                 for cell in table.select(".gt_sourcenote, .gt_footnote") if cell.get_text(strip=True)]
        for foot in table.select("tfoot"):
            foot.decompose()
        # great-tables aligns a column by class; pandoc reads a cell's text-align (a unit
        # under its area is indented, which a centred cell would hide)
        for cell in table.select("td.gt_left"):
            cell["style"] = "; ".join(filter(None, [cell.get("style", "").rstrip("; "),
                                                    "text-align: left"]))
        block = ""
        if titles:
            block += '<div class="table-title"><p>' + "<br>".join(titles) + "</p></div>\n"
        block += str(table)
        if notes:
            block += '<div class="table-note">' + "".join(f"<p>{n}</p>" for n in notes) + "</div>\n"
        parts.append(block)
    return "\n".join(parts)


def is_wide(html: str) -> bool:
    """A table with more columns than fit across the portrait page."""
    table = BeautifulSoup(html, "html.parser").find("table")
    return table is not None and _column_count(table) > WIDE_TABLE_COLUMNS


def is_caption(html: str) -> bool:
    """Short markdown such as "附件 1" that belongs on the page of the table after it."""
    text = BeautifulSoup(html, "html.parser").get_text(strip=True)
    return 0 < len(text) <= 40


def inert_html(html: str) -> str:
    """The notebook's HTML with nothing pandoc or blocks.lua would make a figure or a layout
    call of: no layout class, no ``src``/``data-*`` attribute, no image (a file of the build
    folder). Text and the tables' own structure stay."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(MEDIA_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.get("class"):
            tag["class"] = [c for c in tag["class"] if c not in LAYOUT_CLASSES]
            if not tag["class"]:
                del tag["class"]
        for name in [a for a in tag.attrs if a in ("src", "href") and tag.name != "a"
                     or a.startswith("data-")]:
            del tag[name]
    return str(soup)


def has_own_contents(blocks: list[Block]) -> bool:
    """True when the notebook prints its own 要目, so the template should not add one."""
    return any(block.kind == "markdown" and re.search(r"要\s*目", block.text) for block in blocks)

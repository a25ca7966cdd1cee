"""The worksheets of an XLSX of any size as grids of text cells, in bounded memory.

fastexcel (calamine) reads a whole worksheet into memory — 1.6 GiB for a full sheet of 13
columns. Here a sheet's XML is read ``PIECE`` bytes at a time and cut after the last whole
row; each piece goes to fastexcel as a workbook of its own — the file's styles and date
system, the shared strings the piece's cells use, one sheet holding the piece's rows below
an anchor row read as the header — so every cell's text is fastexcel's own reading of it:
numbers, dates as Excel serials or dates, formulas' cached values, booleans, errors. The
cells keep their places (``r="C7"``): the anchor, one cell in column A just above the
piece's first row, makes fastexcel's grid of the piece start at that row and column. The
pieces are written to temporary Parquet files (``grid.scratch``) and scanned lazily as one
grid with the positions fastexcel gives the whole sheet: grid row i is the sheet's row
i + 1 from row 1 to the last row with a value, the columns from the first with a value to
the last.

A workbook whose cells do not all name their place, whose rows come out of order, whose
sheet holds a comment or CDATA, or which this reading cannot open, is read whole by
fastexcel as before (``whole_grids``): the same grid, or the same error; so is a workbook
of a few MiB (``WHOLE_MAX``), which fastexcel reads ~5× sooner. What is held at a time:
one piece (~20 × PIECE) and the places of the shared strings (8 bytes each); the strings
themselves are read from a temporary copy as the pieces need them (ingest.shared_strings).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path, PurePosixPath

import polars as pl

from bulletin.ingest.layout import Grid
from bulletin.ingest.shared_strings import NotStreamable, Strings

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

OPTIONS = {"header_row": None, "skip_rows": 0, "dtypes": "string"}


def whole_grids(path: Path) -> list[tuple[str, pl.DataFrame]]:
    """Every worksheet as fastexcel reads it whole (errors are fastexcel's own)."""
    import fastexcel

    reader = fastexcel.read_excel(path)
    return [(name, reader.load_sheet(name, **OPTIONS).to_polars()) for name in reader.sheet_names]


def streamed_grids(path: Path, folder: Path) -> list[tuple[str, Grid, bool]]:
    """Every worksheet as (name, grid, whether any cell has text), read piece by piece;
    NotStreamable when the workbook is not as this reading expects."""
    import shutil
    import tempfile

    own = Path(tempfile.mkdtemp(dir=folder))
    try:
        with zipfile.ZipFile(path) as archive:
            book = Book(archive)
            return [(name, *sheet_grid(archive, book, part, own)) for name, part in book.sheets]
    except Exception as err:  # a damaged archive or XML: fastexcel says what it says
        shutil.rmtree(own, ignore_errors=True)
        if isinstance(err, NotStreamable):
            raise
        raise NotStreamable(str(err)) from err


def local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


class Book:
    """What a piece's workbook copies from the file: the folder of workbook.xml, its
    workbookPr (the date system), styles and shared strings, and the sheets in order."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        from lxml import etree

        names = set(archive.namelist())
        part = "xl/workbook.xml"
        if "_rels/.rels" in names:
            for rel in etree.fromstring(archive.read("_rels/.rels")):
                if rel.get("Type", "").endswith("/officeDocument"):
                    part = rel.get("Target", part).lstrip("/")
        if part not in names:
            raise NotStreamable(part)
        self.folder = part.rsplit("/", 1)[0] + "/" if "/" in part else ""
        root = etree.fromstring(archive.read(part))
        pr = [e for e in root if local(e.tag) == "workbookPr"]
        self.workbook_pr = etree.tostring(pr[0]) if pr else b""
        rels_part = f"{self.folder}_rels/{part.rsplit('/', 1)[-1]}.rels"
        targets = {rel.get("Id"): rel.get("Target", "")
                   for rel in etree.fromstring(archive.read(rels_part))}
        self.sheets: list[tuple[str, str]] = []
        for sheet in root.iter(f"{{{MAIN}}}sheet", "sheet"):
            target = targets.get(sheet.get(f"{{{REL}}}id"), "")
            resolved = target.lstrip("/") if target.startswith("/") else \
                str(PurePosixPath(self.folder + target))
            if resolved not in names:
                raise NotStreamable(resolved)
            self.sheets.append((sheet.get("name", ""), resolved))
        self.parts = {"styles.xml": archive.read(self.folder + "styles.xml")} \
            if self.folder + "styles.xml" in names else {}
        self.strings: Strings | None = None
        if self.folder + "sharedStrings.xml" in names:
            self.strings = Strings(archive, self.folder + "sharedStrings.xml")

    def piece(self, sheet: bytes, strings: bytes | None) -> bytes:
        """A workbook of one worksheet (its XML) and the shared strings given."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
            z.writestr("[Content_Types].xml", CONTENT_TYPES)
            z.writestr("_rels/.rels", ROOT_RELS)
            z.writestr("xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="{REL}">'.encode()
                       + self.workbook_pr
                       + b'<sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>')
            z.writestr("xl/_rels/workbook.xml.rels", BOOK_RELS)
            for name, data in self.parts.items():
                z.writestr("xl/" + name, data)
            if strings is not None:
                z.writestr("xl/sharedStrings.xml", strings)
            z.writestr("xl/worksheets/sheet1.xml", sheet)
        return out.getvalue()


CONTENT_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/></Types>')
ROOT_RELS = (
    f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
BOOK_RELS = (
    f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    + "".join(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/'
              f'2006/relationships/{kind}" Target="{name}"/>'
              for i, kind, name in ((2, "styles", "styles.xml"),
                                    (3, "sharedStrings", "sharedStrings.xml")))
    + "</Relationships>")


# Bytes of a sheet's XML read at a time; a piece ends with the last row they complete.
# fastexcel and the piece's copies hold ~20 × this while a piece is read; 1 MiB pieces read
# as fast as 8 MiB ones (bench/RESULTS_INGEST.md).
PIECE = 1 << 20

# A sheet whose rows start further in than this is read whole.
HEAD_MAX = 64 << 20

# A workbook whose sheets' and shared strings' XML come to no more than this is read whole
# by fastexcel: the same grids, ~5× sooner, holding a few times this (the pieces above it).
WHOLE_MAX = 8 << 20


def small(path: Path) -> bool:
    """Whether ``path`` is a workbook to read whole (``WHOLE_MAX``); False when it cannot
    tell (not a ZIP …): the pieces' reading then says what it says."""
    try:
        with zipfile.ZipFile(path) as archive:
            return sum(item.file_size for item in archive.infolist()
                       if item.filename.startswith("xl/worksheets/")
                       or item.filename.endswith("sharedStrings.xml")) <= WHOLE_MAX
    except Exception:  # noqa: BLE001 — a damaged archive: see above
        return False


class Sheet:
    """The pieces of one sheet, as they are read: each a workbook of the sheet's rows
    between two cuts, read by fastexcel from an anchor row just above its first row (one
    cell with text in column A, read as the header): the piece's grid then starts at its
    first row and at column A, wherever its cells are."""

    def __init__(self, book: Book, folder: Path, head: bytes, prefix: bytes) -> None:
        self.book, self.folder, self.head, self.prefix = book, folder, head, prefix
        self.files: list[Path] = []
        self.next_row = 0  # the sheet row (0-based) after the last one written
        self.first_column: int | None = None
        self.last_column = -1
        self.filled = False
        self.floor = -1  # the last sheet row of the pieces read
        p = re.escape(prefix)
        self.cells = [b"<" + p + b"c" + after for after in (b" ", b"\t", b"\n", b"\r", b">", b"/")]
        # a cell's place: as writers put it, first (fast), else anywhere in the tag
        self.first_place = re.compile(rb"<" + p + rb'c r="([A-Z]{1,3})([0-9]+)"')
        self.place = re.compile(rb"<" + p + rb'c\s[^>]*?\br="([A-Z]{1,3})([0-9]+)"')
        # t="s" appears in a cell's tag only (a text holding it makes the counts differ)
        self.shared = re.compile(rb'(t="s"[^<>/]*>\s*<' + p + rb"v>)([0-9]+)(?=</" + p + rb"v>)")

    def document(self, rows: bytes, header: int, column: int) -> bytes:
        """The piece's worksheet: its rows below an anchor row (0-based ``header``) with
        one cell in ``column``."""
        p = self.prefix
        ref = f"{column_letters(column)}{header + 1}".encode()
        return (self.head + b"<" + p + b'row><' + p + b'c r="' + ref + b'" t="inlineStr"><' + p
                + b"is><" + p + b"t>a</" + p + b"t></" + p + b"is></" + p + b"c></" + p + b"row>"
                + rows + b"</" + p + b"sheetData></" + p + b"worksheet>")

    def read(self, rows: bytes, strings: bytes | None, header: int, column: int) -> pl.DataFrame:
        import fastexcel

        book = self.book.piece(self.document(rows, header, column), strings)
        return fastexcel.read_excel(book).load_sheet(0, **{**OPTIONS, "header_row": header}) \
            .to_polars()

    def add(self, rows: bytes) -> None:
        """A piece: the XML of whole rows."""
        if b"<!" in rows:  # a comment or CDATA: not cut at its tags here
            raise NotStreamable("<! in the rows")
        count = sum(rows.count(start) for start in self.cells)
        places = self.first_place.findall(rows)
        if len(places) != count:
            places = self.place.findall(rows)
        if len(places) != count:
            raise NotStreamable("a cell without its place")
        if not places:
            return
        numbers = pl.Series([n for _, n in places], dtype=pl.Binary).cast(pl.String).cast(pl.Int64)
        base, top = numbers.min() - 1, numbers.max() - 1
        if base <= self.floor:
            raise NotStreamable("rows out of order")
        self.floor = top
        leftmost = min(column_number(letters) for letters in {x for x, _ in places})
        rows, strings = self.strings_of(rows)
        shift = 0
        if base == 0:  # no row above the first for the anchor: every row one lower
            rows = self.place.sub(lambda m: m.group(0)[:m.start(2) - m.start(0)]
                                  + str(int(m.group(2)) + 1).encode() + b'"', rows)
            shift = 1
        frame = self.read(rows, strings, base - 1 + shift, 0)
        if not frame.height:
            return  # no cell with a value
        width = frame.width
        frame.columns = [f"c{j}" for j in range(width)]
        filled = [j for j in range(width) if frame.get_column(f"c{j}").null_count() < frame.height]
        first = filled[0] if filled else None
        if first != leftmost:  # a cell further left with a value that shows no text
            first = width - self.read(rows, strings, base - 1 + shift, width - 1).width
        self.filled = self.filled or bool(filled)
        self.first_column = first if self.first_column is None else min(self.first_column, first)
        self.last_column = max(self.last_column, width - 1)
        gap = base - self.next_row
        if gap:
            blank = pl.DataFrame({f"c{j}": pl.repeat(None, gap, dtype=pl.String, eager=True)
                                  for j in range(width)})
            frame = pl.concat([blank, frame])
        target = self.folder / f"{len(self.files)}.parquet"
        frame.write_parquet(target, compression="lz4", statistics=False)
        self.files.append(target)
        self.next_row = base + frame.height - gap

    def strings_of(self, rows: bytes) -> tuple[bytes, bytes | None]:
        """The rows with their shared-string cells naming their strings' places in the
        piece's strings, and those strings (in the order of their places in the file)."""
        typed = rows.count(b't="s"') - rows.count(b't="s"/>')
        if not typed:
            return rows, None
        parts = self.shared.split(rows)  # [before, cell start, index, before, …]
        if (len(parts) - 1) // 3 != typed:
            raise NotStreamable("a shared-string cell not as expected")
        strings = self.book.strings
        indices = pl.Series(parts[2::3], dtype=pl.Binary).cast(pl.String).cast(pl.Int64)
        if strings is None or indices.max() >= len(strings):
            raise NotStreamable("a shared string not in the table")
        parts[2::3] = (indices.rank("dense").cast(pl.Int64) - 1).cast(pl.String).cast(pl.Binary) \
            .to_list()
        return b"".join(parts), strings.table(indices.unique().sort().to_list())

    def grid(self) -> tuple[Grid, bool]:
        if not self.files:
            return Grid.of(pl.DataFrame()), False
        columns = range(self.first_column, self.last_column + 1)
        frame = pl.concat([pl.scan_parquet(f) for f in self.files], how="diagonal") \
            .select([pl.col(f"c{j}").alias(f"column_{k}") for k, j in enumerate(columns)])
        return Grid(frame, self.next_row), self.filled


def column_letters(j: int) -> str:
    text = ""
    j += 1
    while j:
        j, rest = divmod(j - 1, 26)
        text = LETTERS[rest] + text
    return text


def column_number(letters: bytes) -> int:
    return sum((LETTERS.index(chr(ch)) + 1) * 26 ** i for i, ch in enumerate(reversed(letters))) - 1


SHEET_DATA = re.compile(rb"<((?:[\w.-]+:)?)sheetData\b[^>]*?(/?)>")


def sheet_grid(archive: zipfile.ZipFile, book: Book, part: str, folder: Path) -> tuple[Grid, bool]:
    """One worksheet read PIECE bytes at a time, cut after the last whole row."""
    import tempfile

    with archive.open(part) as stream:
        buffer = b""
        while (found := SHEET_DATA.search(buffer)) is None:
            block = stream.read(PIECE)
            if not block or len(buffer) > HEAD_MAX:
                raise NotStreamable("no sheetData")
            buffer += block
        head, buffer = buffer[:found.end()], buffer[found.end():]
        if b"<!" in head[5:] or re.search(rb"encoding=[\"'](?!utf-8)", head, re.IGNORECASE):
            raise NotStreamable("the sheet's head")
        prefix = found.group(1)
        sheet = Sheet(book, Path(tempfile.mkdtemp(dir=folder)), head, prefix)
        if found.group(2):  # <sheetData/>
            return sheet.grid()
        row_end, data_end = b"</" + prefix + b"row>", b"</" + prefix + b"sheetData>"
        while True:
            end = buffer.find(data_end)
            if end >= 0:
                sheet.add(buffer[:end])
                return sheet.grid()
            cut = buffer.rfind(row_end)
            if cut >= 0 and len(buffer) >= PIECE:
                cut += len(row_end)
                sheet.add(buffer[:cut])
                buffer = buffer[cut:]
            block = stream.read(PIECE)
            if not block:
                raise NotStreamable("no end of sheetData")
            buffer += block

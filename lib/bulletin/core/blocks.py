"""The bulletin's published blocks as values: what the notebook hands the PDF, the Word
file, the site, the unit pages and the downloads (``MonthMeta.blocks`` in meta.json).

A block is :class:`Text` (the bulletin's Markdown), :class:`Table` (its cells as values
with the strings they print) or :class:`Chart` (a vega-lite spec with its data, and the SVG
the notebook drew of it). The renderers read these values; none of them reads HTML or a
printed string back into a number. :class:`ReviewCounts` is what the analyst's review holds.

A :class:`Cell` carries its printed ``text`` with the ``value`` that text shows and the
spreadsheet ``format`` that prints the value the same way, both set where the text is
made (``report.blocks``) — or, for a cell an input gives as printed (the province's scores,
a given table, a target), by :meth:`Cell.printed`, the one reading of printed text.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_serializer

# Marks a table prints for a figure it does not have (no denominator, no previous month).
NO_FIGURE = ("-", "—", "–")


class Cell(BaseModel):
    """One table cell: ``text`` as printed; ``value`` the number it shows, in the text's own
    unit (「42.55%」 → 42.55, 「↓2」 → −2, 「持平」 → 0; None for a mark such as 「-」 and for
    text); ``format`` the spreadsheet number format printing ``value`` as ``text`` does
    (「0.00%」, 「0」, 「+0;-0;0」), None where a spreadsheet keeps the text (「↑2」, names);
    ``bold``, ``color`` and ``fill`` its marks (the red of a figure that misses its target)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    text: str = ""
    value: int | float | None = None
    format: str | None = None
    bold: bool = False
    color: str | None = None
    fill: str | None = None

    @model_serializer(mode="wrap")
    def _without_defaults(self, handler) -> dict:
        """Only what a cell has (meta.json holds thousands): 「{"text": "-"}」."""
        return {k: v for k, v in handler(self).items()
                if k == "text" or v != type(self).model_fields[k].default}

    @property
    def is_figure(self) -> bool:
        """A number, or the mark for a figure the table does not have."""
        return self.value is not None or self.text in NO_FIGURE

    @property
    def is_percentage(self) -> bool:
        """A number printed as a percentage (its value in percent: 42.55 for 「42.55%」)."""
        return self.format is not None and self.format.endswith("%")

    @property
    def sheet_value(self) -> int | float | None:
        """The number a spreadsheet stores (a percentage as its fraction: 42.55 → 0.4255),
        None when it keeps the text."""
        if self.format is None or self.value is None:
            return None
        if self.is_percentage:
            return float(Decimal(str(self.value)) / 100)
        return self.value

    def marked(self, bold: bool | None = None, color: str | None = None,
               fill: str | None = None) -> Cell:
        """The cell with these marks added."""
        return self.model_copy(update={k: v for k, v in
                                       (("bold", bold), ("color", color), ("fill", fill))
                                       if v is not None})

    @classmethod
    def printed(cls, text: str | None) -> Cell:
        """A cell an input gives as printed (「100.00%」, 「95.5」, 「—」, 「↑2」): its value and
        format read from the text, which stays as given."""
        text = "" if text is None else text
        return cls(text=text, value=_shown_value(text), format=_sheet_format(text))


# What a printed cell reads as: a spreadsheet number (and its format), a shown value.
_PERCENT = re.compile(r"([+−-]?)(\d{1,15})(?:\.(\d+))?%")
_PLAIN = re.compile(r"([+−-]?)(0|[1-9]\d{0,14})(?:\.(\d+))?")
_SHOWN = re.compile(r"[-+\u2212]?\d+(?:\.\d+)?%?")


def _sheet_format(text: str) -> str | None:
    value = text.strip()
    match = _PERCENT.fullmatch(value)
    if match:
        return signed_format(places_format(len(match[3] or "")) + "%", value[:1] == "+")
    match = _PLAIN.fullmatch(value)
    if match and not (match[2] == "0" and match[1] and not match[3]):  # 「-0」 is text
        return signed_format(places_format(len(match[3] or "")), value[:1] == "+")
    return None


def _shown_value(text: str) -> int | float | None:
    """「42.55%」 → 42.55, 「-3」 → −3, 「↑2」 → 2, 「↓2」 → −2, 「持平」 → 0; None otherwise."""
    text = text.strip()
    if text == "持平":
        return 0
    sign = 1
    if text[:1] in ("↑", "↓"):
        sign, text = (1 if text[0] == "↑" else -1), text[1:]
    if not _SHOWN.fullmatch(text):
        return None
    number = Decimal(text.rstrip("%").replace("−", "-"))
    if "." not in text and not text.endswith("%"):
        return sign * int(number)
    return float(sign * number)


def places_format(places: int) -> str:
    """A spreadsheet format with ``places`` decimals: 0 → 「0」, 2 → 「0.00」."""
    return "0" + ("." + "0" * places if places else "")


def signed_format(code: str, plus: bool) -> str:
    """``code`` with an explicit 「+」 on positive numbers when ``plus``."""
    return f"+{code};-{code};{code}" if plus else code


class Column(BaseModel):
    """A table column: ``id`` (a catalogue key, or c<n>_<key> in the annexes, where it is a
    figure), its ``label``, the spanner over it (the bulletin's tables have one level of
    spanners at most, as every renderer draws them) and its alignment. ``merge``: a column
    of group labels (seed 003's 镇（街道）), a label written on the first row of its group
    only: the printed table (PDF, Word) merges a label with the empty cells under it into
    one cell spanning its group's rows (``merged_rows``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(min_length=1)
    label: str
    spanners: tuple[str, ...] = Field(default=(), max_length=1)
    align: Literal["left", "center", "right"] = "center"
    merge: bool = False

    @property
    def header(self) -> str:
        """The header as one line: 「办件情况（件）/申请」."""
        return "/".join([*self.spanners, self.label])


# A form's body rows are this tall at least: room to write in by hand.
FORM_ROW_MM = 9

# More columns than fit across a portrait page: the table is printed on landscape pages.
WIDE_TABLE_COLUMNS = 10


class Table(BaseModel):
    """A table as the bulletin prints it: title, columns, rows of cells and notes below.
    ``form``: a form to fill in (seed 004's 办件情况反馈表), printed across the text block
    with rows tall enough to write in (``FORM_ROW_MM``); ``intro``: lines printed between
    its title and its header (who fills the form in and what it asks)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    kind: Literal["table"] = "table"
    title: str = ""
    columns: list[Column]
    rows: list[list[Cell]] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    form: bool = False
    intro: list[str] = Field(default_factory=list)

    @property
    def wide(self) -> bool:
        return len(self.columns) > WIDE_TABLE_COLUMNS

    @property
    def depth(self) -> int:
        """Header rows above the column labels: 1 with a spanner, else 0."""
        return max((len(c.spanners) for c in self.columns), default=0)

    def merged_rows(self, j: int) -> list[int]:
        """Rows spanned by the cell of each row in column ``j``: for a ``merge`` column, a
        label's cell spans it and the empty cells under it (0 for a cell merged into the
        one above); 1 for every row of another column."""
        spans = [1] * len(self.rows)
        if not self.columns[j].merge:
            return spans
        top = None
        for i, row in enumerate(self.rows):
            if row[j].text.strip() or top is None:
                top = i
            else:
                spans[top] += 1
                spans[i] = 0
        return spans

    def column(self, id_: str) -> list[Cell]:
        at = [c.id for c in self.columns].index(id_)
        return [row[at] for row in self.rows]

    def key_column(self) -> int | None:
        """The column each row is about (the unit, the centre, the indicator): the
        left-aligned column with the most non-empty cells, the first of equals."""
        filled = {j: sum(bool(row[j].text.strip()) for row in self.rows)
                  for j, c in enumerate(self.columns) if c.align == "left"}
        if not filled:
            return None
        return max(filled, key=lambda j: (filled[j], -j))


class Text(BaseModel):
    """The bulletin's text: Markdown as the notebook shows it."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    kind: Literal["text"] = "text"
    markdown: str


class Chart(BaseModel):
    """A chart: its vega-lite spec (data inline) and the SVG the notebook drew of it."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    kind: Literal["chart"] = "chart"
    spec: dict
    svg: str = ""

    @property
    def title(self) -> str:
        """The text of the spec's title (「图1. …」), '' without one."""
        title = self.spec.get("title")
        if isinstance(title, dict):
            title = title.get("text", "")
        if isinstance(title, list):
            title = "".join(str(t) for t in title)
        return title if isinstance(title, str) else ""


Block = Annotated[Text | Table | Chart, Field(discriminator="kind")]


class ReviewCounts(BaseModel):
    """What the analyst's review lists: its items by topic, in the review's order, and how
    many of them stop ``bulletin issue`` (签发前核实 items not acknowledged)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    topics: dict[str, int] = Field(default_factory=dict)
    blocking: int = Field(default=0, ge=0)

    @property
    def items(self) -> int:
        return sum(self.topics.values())

"""What an executed notebook's cells show: a tagged cell's DataFrame (its text/html) as
rows of {column: text}, and its printed text."""

from __future__ import annotations

from html.parser import HTMLParser


class _Table(HTMLParser):
    """The header and rows of a polars DataFrame's text/html."""

    def __init__(self):
        super().__init__()
        self.header, self.rows, self._row, self._cell, self._in = [], [], None, None, ""

    def handle_starttag(self, tag, attrs):
        if tag in ("thead", "tbody"):
            self._in = tag
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._row is not None:
            self._row.append(self._cell.strip().strip('"'))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._in == "tbody":
                self.rows.append(self._row)
            elif not self.header:
                self.header = self._row
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def tagged(nb, tag: str):
    cells = [c for c in nb.cells if tag in c.metadata.get("tags", [])]
    assert len(cells) == 1, tag
    return cells[0]


def table(nb, tag: str) -> list[dict[str, str]]:
    """The DataFrame a tagged cell shows, as rows of {column: text}."""
    cell = tagged(nb, tag)
    shown = [o for o in cell.outputs if o["output_type"] == "execute_result"]
    assert len(shown) == 1, (tag, cell.outputs)
    parser = _Table()
    parser.feed(shown[0]["data"]["text/html"])
    assert "…" not in {v for r in parser.rows for v in r}, f"{tag}: rows left out"
    return [dict(zip(parser.header, r, strict=True)) for r in parser.rows]


def printed(nb, tag: str) -> str:
    """What a tagged cell printed (its stream outputs)."""
    return "".join(o.get("text", "") for o in tagged(nb, tag).outputs
                   if o["output_type"] == "stream")

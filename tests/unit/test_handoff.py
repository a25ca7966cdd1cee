"""The notebook → publish handoff is typed: the outputs print values (``core.blocks``), and
nothing reads HTML or a printed string back into a number. Scanned in the source:

* no module of ``lib/bulletin`` imports BeautifulSoup (``bs4``), and none of the report
  and publish layers has a regular expression over a table's markup (``<tr``, ``<td`` …):
  no output re-parses a table's HTML;
* in the core, report and publish layers — where printed strings are made and printed —
  no module outside ``ALLOWED`` reads a number with its 「%」 or 「件」 out of text:
  - a regular expression (a string literal given to ``re.compile``, ``re.match`` …) with
    a digit class (``\\d``, ``0-9``) and 「%」, 「％」, 「‰」 or 「件」;
  - a string method called with 「%」, 「％」, 「‰」 or 「件」 as an argument
    (``text.rstrip("%")``, ``display.endswith("%")``, ``s.replace("件", "")``);
  - ``float``, ``int`` or ``Decimal`` of a printed string (an attribute or a name
    ``text`` / ``display``);
  and the scan is shown to find each kind in a module that does it.

``ALLOWED`` names each module that may, with the reason; an entry the scan no longer
finds anything in fails the test until it is removed. The ingest layer is not scanned: it
reads the inputs, which print their numbers.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from support.paths import ROOT

LIB = ROOT / "lib" / "bulletin"

# The layers where the bulletin's strings are printed and read by the outputs.
SCANNED = ("core", "report", "publish")

# module: why it reads printed text.
ALLOWED = {
    "bulletin.core.blocks": "the typed handoff: Cell.printed reads a cell an input gives as "
                            "printed (the province's scores, a given table, a target); every "
                            "other cell is made from its number",
    "bulletin.core.config": "dataset.yml's stated figures are typed as the source prints them "
                            "(「99.37%」): an input, read once as it is loaded",
    "bulletin.core.spreadsheet": "the CSV formula guard leaves a signed figure (「-12」, "
                                 "「-1.23%」) unquoted; it reads no value",
    "bulletin.core.typography": "the proofreading of typed text keeps a number's sign and % "
                                "together; it reads no value",
}

# A number's marks: a percent sign, or 件 as a unit (附件, 证件, 文件 … are no count).
MARKS = re.compile(r"[%％‰]|(?<![附证文案事条])件")

REGEX_CALLS = {"compile", "match", "fullmatch", "search", "sub", "subn", "findall", "finditer",
               "split"}

STRING_METHODS = {"strip", "lstrip", "rstrip", "removesuffix", "removeprefix", "endswith",
                  "startswith", "replace", "split", "rsplit", "partition", "rpartition", "index",
                  "rindex", "find", "rfind", "count"}

PRINTED_NAMES = {"text", "display"}


def _constant(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


# A table's markup in a regular expression: the HTML of a table read back.
TABLE_MARKUP = re.compile(r"<\\?/?(?:table|thead|tbody|tfoot|tr|td|th)\b", re.IGNORECASE)


def _reads_printed_number(pattern: str) -> bool:
    return ("\\d" in pattern or "0-9" in pattern) and bool(MARKS.search(pattern))


def _printed(node: ast.AST) -> bool:
    """``x.text``, ``x.display``, ``text``, ``display``."""
    return (isinstance(node, ast.Attribute) and node.attr in PRINTED_NAMES) or \
        (isinstance(node, ast.Name) and node.id in PRINTED_NAMES)


def findings(source: str) -> list[str]:
    """Where ``source`` reads a number with its % or 件 out of text, or imports bs4."""
    found = []
    for node in ast.walk(ast.parse(source)):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "bs4" for a in node.names):
            found.append(f"{line}: imports bs4")
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "bs4":
            found.append(f"{line}: imports bs4")
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) \
                and func.value.id == "re" and func.attr in REGEX_CALLS and node.args:
            pattern = _constant(node.args[0])
            if pattern and _reads_printed_number(pattern):
                found.append(f"{line}: regex {pattern!r}")
            if pattern and TABLE_MARKUP.search(pattern):
                found.append(f"{line}: regex over table markup {pattern!r}")
        if isinstance(func, ast.Attribute) and func.attr in STRING_METHODS:
            marks = [a for a in map(_constant, node.args) if a and MARKS.search(a)]
            if marks:
                found.append(f"{line}: .{func.attr}({marks[0]!r})")
        if isinstance(func, ast.Name) and func.id in ("float", "int", "Decimal") and node.args \
                and _printed(node.args[0]):
            found.append(f"{line}: {func.id}() of a printed string")
    return found


def _modules(*layers: str) -> list[Path]:
    return sorted(p for layer in layers for p in (LIB / layer).rglob("*.py"))


def _name(path: Path) -> str:
    return ".".join(path.relative_to(LIB.parent).with_suffix("").parts)


def test_no_module_imports_bs4():
    found = {_name(p): f for p in sorted(LIB.rglob("*.py"))
             if (f := [x for x in findings(p.read_text(encoding="utf-8")) if "bs4" in x])}
    assert found == {}


def test_no_printed_number_is_read_back_outside_the_handoff():
    found = {_name(p): f for p in _modules(*SCANNED)
             if (f := findings(p.read_text(encoding="utf-8")))}
    assert {name: f for name, f in found.items() if name not in ALLOWED} == {}
    assert sorted(ALLOWED) == sorted(name for name in found if name in ALLOWED)  # still needed


@pytest.mark.parametrize("source", [
    "from bs4 import BeautifulSoup",
    "import bs4.element",
    'import re\n_NUMBER = re.compile(r"[-+]?\\d+(?:\\.\\d+)?%?")',
    'import re\nre.match(r"(\\d+)件", text)',
    'import re\nre.fullmatch("[0-9]+％", s)',
    'value = display.rstrip("%")',
    'rate = cell.text.endswith("%")',
    'n = s.replace("件", "")',
    "v = float(cell.display)",
    "v = Decimal(text)",
    'import re\n_CELL = re.compile(r"(<td\\b[^>]*>)([^<>]*)(</td>)")',
    'import re\nre.sub(r\'<tr class="gt_heading">.*?</tr>\', "", html)',
])
def test_the_scan_finds_each_kind(source):
    assert findings(source), source


@pytest.mark.parametrize("source", [
    'import re\nre.compile(r"附件\\s*\\d+")',  # a number, but no % or 件
    'text = f"{n} 件"',  # writing a figure is not reading one
    'label = figure.label.removesuffix(figure.unit)',
    "v = float(value)",
])
def test_the_scan_leaves_what_writes_figures(source):
    assert findings(source) == [], source

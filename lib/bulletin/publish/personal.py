"""Personal data at the publishing step (patterns and masking: core.privacy).

* ``typed_in_inputs``: where the analyst typed an ID or mobile number into what the month
  publishes — notes/YYYY-MM.md, units.csv, dataset.yml, the tables and the documents of
  attachments/ — by file and line, masked. The
  readers have already masked them; ``bulletin publish`` tells the analyst where.
* ``check_published``: the last scan of every file about to be published (site pages,
  executed notebook, meta.json, downloads, PDF text). Anything found fails the publish
  with the file named, before anything is swapped in.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

from bulletin.core.errors import BulletinError, PublishError
from bulletin.core.privacy import PersonalData, find_lines, read_text, scan
from bulletin.ingest.month import MonthInputs

# Files copied from templates/site/assets (the vendored vega bundle is minified code).
SKIPPED_DIRS = {"assets"}

BINARY = {".png", ".jpg", ".jpeg", ".gif", ".woff", ".woff2", ".ttf", ".otf", ".ico"}


def typed_in_inputs(dataset: Path, month: str, inputs: MonthInputs | None = None) \
        -> list[PersonalData]:
    """ID and mobile numbers typed into the month's notes, dataset.yml, the registry, the
    free text of its aggregated tables (items, hall, scores, targets, given tables) or its
    documents (attachments/YYYY-MM/*.md, by line):
    ``inputs``, the month as publish's check read it (ingest.month), else read here."""
    from bulletin.ingest.dataset import Dataset
    from bulletin.ingest.files import display_path
    from bulletin.ingest.month import read_month_inputs

    dataset = Path(dataset)
    found: list[PersonalData] = []
    notes = dataset / "notes" / f"{month}.md"
    if notes.is_file():
        found += find_lines(read_text(notes), display_path(notes))
    if inputs is None:
        try:
            inputs = read_month_inputs(Dataset.open(dataset), month)
        except BulletinError:
            config = dataset / "dataset.yml"  # a broken input is reported by the notebook run
            return found + (find_lines(read_text(config), display_path(config))
                            if config.is_file() else [])
    if inputs.config_source is not None:
        found += find_lines(inputs.config_source, display_path(dataset / "dataset.yml"))
    return found + inputs.personal


def _pdf_text(path: Path) -> str | None:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        return None  # the PDF is made from the notebook and meta.json, both scanned
    result = subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True,
                            check=False)
    return result.stdout if result.returncode == 0 else None


# Keys of a notebook's outputs whose values are pictures (base64), not text.
PICTURES = {"image/png", "image/jpeg", "image/gif"}


def _json_strings(value, key: str = "") -> list[str]:
    """Every string of a JSON document, escapes decoded (pictures left out)."""
    if isinstance(value, str):
        return [] if key in PICTURES else [value]
    if isinstance(value, list):
        return [s for item in value for s in _json_strings(item, key)]
    if isinstance(value, dict):
        return [s for k, item in value.items() for s in _json_strings(item, k)]
    return []


def _office_text(path: Path) -> str:
    """The XML of an XLSX or DOCX as stored and as read: entities decoded, Word's runs of
    a paragraph joined (a number may be split over runs), every other tag a line break."""
    with zipfile.ZipFile(path) as z:
        raw = "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist()
                        if n.endswith((".xml", ".rels")))
    runs = re.sub(r"</w:p>|<w:br/>|<w:cr/>|</w:tc>", "\n", raw)
    runs = re.sub(r"<w:rPr>.*?</w:rPr>|</?w:(?:r|t|proofErr|bookmark\w*)\b[^>]*>", "", runs,
                  flags=re.DOTALL)
    return raw + "\n" + html.unescape(re.sub(r"<[^>]*>", "\n", runs))


def published_text(path: Path) -> str | None:
    """The text of a published file as a reader would find it, None for images and fonts:
    PDF text, the decoded strings of a notebook or JSON file, HTML and XML with their
    entities decoded (beside the text as stored)."""
    suffix = path.suffix.lower()
    if suffix in BINARY:
        return None
    if suffix == ".pdf":
        return _pdf_text(path)
    if suffix in (".xlsx", ".docx"):
        return _office_text(path)
    text = path.read_bytes().decode("utf-8", "replace")
    if suffix in (".ipynb", ".json"):
        try:
            return "\n".join(_json_strings(json.loads(text)))
        except ValueError:
            return text
    if suffix in (".html", ".htm", ".svg", ".xml"):  # a reading the same as another once
        return "\n".join(dict.fromkeys([text, html.unescape(text), _markup_text(text)]))
    return text


# Tags inside a line of text: a page's phrase spans (a cell's 「市经济和」「信息化局」, a
# number's pieces in a cut name), links, marks. A reader sees their text joined.
_INLINE = re.compile(r"</?(?:span|a|wbr|b|strong|em|i|small|sub|sup|abbr|mark|tspan)\b[^>]*>",
                     re.IGNORECASE)


# A script's or style's body (a chart's data: most of a unit page).
_CODE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def _markup_text(raw: str) -> str:
    """The text of an HTML or SVG page as a reader reads it: inline tags taken out (a datum
    split over two spans is read whole), every other tag a line break, entities decoded.
    A script or style without an inline tag in it is left out: taking tags out of it finds
    nothing the page's entity-decoded reading does not (a tag becomes a line break, which
    joins no digits), and a unit page's chart data would be read twice."""
    kept = _CODE.sub(lambda m: m.group(0) if _INLINE.search(m.group(0), 1) else "\n", raw)
    return html.unescape(re.sub(r"<[^>]*>", "\n", _INLINE.sub("", kept)))


# The typeset documents: their text is the notebook's, which is scanned beside them.
DOCUMENTS = {".pdf", ".docx"}


def leaks(folder: Path, documents: bool = True, shown: Path | None = None,
          files: list[Path] | None = None) -> list[str]:
    """'file：kind masked' for every personal datum found in the files under ``folder``.
    ``documents=False`` skips the PDF and Word files: the site's are copies of the months'
    (scanned as each month is published), and their text is the month page's. ``shown``:
    where ``folder`` will be once published (a staged folder is named as its target).
    ``files``: only these (under ``folder``) — a site's pages made afresh, the others being
    the very bytes scanned when they were made (``site.reuse``)."""
    folder = Path(folder)
    shown = Path(shown) if shown is not None else folder
    found = []
    paths = folder.rglob("*") if files is None else (Path(p) for p in files)
    for path in sorted(p for p in paths if p.is_file()):
        if SKIPPED_DIRS & set(path.relative_to(folder).parts[:-1]):
            continue
        if not documents and path.suffix.lower() in DOCUMENTS:
            continue
        text = published_text(path)
        if text:
            hits = scan(text, separators=path.suffix.lower() != ".pdf")
            where = shown / path.relative_to(folder)
            found += [f"{where}：{kind} {masked}" for kind, masked in dict.fromkeys(hits)]
    return found


def check_published(folder: Path, documents: bool = True, shown: Path | None = None,
                    files: list[Path] | None = None) -> None:
    """PublishError when a file under ``folder`` (of ``files`` only, when given) holds an
    ID or mobile number."""
    found = leaks(folder, documents, shown, files)
    if found:
        shown = "\n".join(found[:10]) + (f"\n……共 {len(found)} 处" if len(found) > 10 else "")
        raise PublishError("待发布的文件中含有个人信息（身份证号或手机号码），不予发布：\n" + shown
                           + "\n请从输入中删去后重新发布（若在已发布的其他月份中，请重新发布该月）")

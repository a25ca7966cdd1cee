"""The Quarto route for the PDF (used when ``quarto`` is on PATH): front matter for the
executed notebook, and ``quarto render --to typst`` of the month in a build folder of its own.

What Quarto's source (quarto-cli 1.7–1.10) decides, and what this module does about it:

* A file is rendered with a project's ``_quarto.yml`` only when it is one of the project's
  input files: those of ``project.render``, less anything below a name that starts with
  ``.`` or ``_`` (relative to the project) and the output-dir; any other file gets a
  single-file render without the project's options (project/project-context.ts:
  ``projectInputFiles``, ``projectHiddenIgnoreGlob``, and ``projectContext`` returning no
  project "if the file isn't in list of input files"; command/render/render-shared.ts).
  A month is built in ``.<month>.new-…`` (hidden), and reports/ need not be inside the
  project at all. So the month is rendered in a fresh build folder that is a Quarto project
  of its own: a ``_quarto.yml`` with the typst format of the project's ``_quarto.yml`` and
  ``project.render: [bulletin.ipynb]``, the template partials copied in by name
  (command/render/template.ts: partial paths are read relative to the input's folder, and
  within a project a path starting with "/" is read as project-relative, so an absolute
  path would not do), meta.json and the notebook.
* typst writes ``<input folder>/<stem>.pdf``; ``--output NAME`` then renames it relative to
  Quarto's working directory (command/render/output-typst.ts), so no ``--output``: the PDF
  is taken from the build folder, checked (present, ``%PDF``), and copied beside the notebook.
* Quarto bundles typst 0.11 up to 1.7.18 (so in 1.6), 0.13 from 1.7.19 (the 1.7 release),
  0.14.2 from 1.9.17, 0.15.1 from 1.10.17 (``configuration``: ``TYPST=``). The template
  needs typst 0.13 (``par(spacing:)``, ``block(sticky:)``, dictionary ``first-line-indent``):
  ``quarto typst --version`` (the typst Quarto will run, ``QUARTO_TYPST`` included) is
  checked first.
* Quarto unwraps only the first ``.cell-output-display`` of a cell for typst; the others
  become ``#block[…]`` (resources/filters/quarto-post/typst.lua, ``render_typst_fixups``:
  ``quarto.utils.match(".cell/:child/.cell-output-display")`` stops at the first match).
  The notebook handed to Quarto holds the published blocks (``notebook.read_report``, the
  same ones the built-in route and the site read): text as Markdown cells, charts as raw
  typst calls of the template's ``chart``, and each table, written from its cells as
  great-tables draws it (``gt_html``; no scrolling box, which typst would draw as a
  ``#block``), as the only output of its cell.
* Quarto reads a raw HTML table of a cell's output into pandoc's table model for typst
  (resources/filters/normalize/astpipeline.lua, ``handle_raw_html_as_table``: its CSS
  inlined by juice, each ``<th>`` made a ``<td data-quarto-table-cell-role="th">``, then
  ``pandoc.read(…, "html+raw_html")``; a table marked ``data-quarto-disable-processing``
  would stay raw HTML, which typst drops, so none is). pandoc's reader keeps what the
  table's HTML carries for print, as the built-in route writes it: the columns' widths
  (``<col style="width: …%">``, by ``blocks.print_widths``), a group label's rowspan, a
  left-aligned column's ``text-align``. Around it, as the built-in route's blocks.lua
  writes them, raw typst calls of the template: ``#table-group[`` title (``#table-title``),
  a form's instructions (``#table-intro``), the table (a form in ``#form-table[…]``: across
  the text block, rows to write in), notes (``#table-note``) ``]``.
* A header's phrases and a name's (``<span class="phrase">``, ``gt_html.header_label`` and
  ``cell_label``) are kept whole by a filter of the build project,
  templates/quarto/quarto-tables.lua (``filters`` of its typst format, run by Quarto after
  it has read the tables: at its ``pre-quarto`` entry point, after the normalize filters,
  command/render/filters.ts ``resolveFilters``).
* A cell's CSS (``gt_html.cell_style``) becomes ``typst:`` attributes in quarto-post (its
  weight only from 1.8.5: typst-css-property-processing.lua), so quarto-tables.lua makes a
  bold cell ``#strong[…]`` as blocks.lua does, the weight taken out of its style.
* A title's breaks between phrases (publish/titles.py) are raw typst ``#linebreak()`` in its
  Markdown heading (quarto-text.lua): pandoc's Markdown has no line break in an ATX heading,
  and Quarto's typst filters leave a heading's inlines be (quarto-post/typst.lua).
* ``shift-heading-level-by: 0`` and ``echo: false`` are in _quarto.yml's typst format
  (format/typst/format-typst.ts shifts every heading up a level when the document has no
  level-1 heading, unless the option is set).
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import nbformat
import yaml

from bulletin.core.errors import PublishError
from bulletin.core.meta import META_NAME, read_meta
from bulletin.publish.blocks import (
    has_own_contents,
)
from bulletin.publish.notebook import (
    HIDDEN_TAGS,
    NOTEBOOK_NAME,
    PDF_NAME,
    MonthReport,
    read_report,
)
from bulletin.publish.quarto.cells import quarto_notebook

# The typst the template needs, and the first Quarto release that bundles it.
MIN_TYPST = (0, 13)
MIN_QUARTO = "1.7"

QUARTO_CONFIG = "_quarto.yml"

# The partials Quarto's typst format knows (resources/formats/typst/pandoc/quarto/; 1.8+
# adds numbering.typ and page.typ). A partial of another name would never be used.
TYPST_PARTIALS = {"definitions.typ", "typst-template.typ", "typst-show.typ", "notes.typ",
                  "biblio.typ", "numbering.typ", "page.typ"}

# Seconds Quarto may take for one month (the annexes make long typst tables).
RENDER_TIMEOUT = 600

# The build project's Lua filter (a table header's phrases kept whole), copied in by name.
TABLE_FILTER = Path(__file__).parent.parent / "templates" / "quarto" / "quarto-tables.lua"


def quarto_available() -> str | None:
    """Path of the quarto command when installed (then the PDF goes through Quarto)."""
    return shutil.which("quarto")


def _front_matter_cell(folder: Path) -> nbformat.NotebookNode:
    meta = read_meta(folder / META_NAME)
    title = MonthReport(folder, meta).title  # a 公文's own title, a 简报's masthead title
    fields = {"title": f"{title}（{meta.issue_label}）", "date": f"{meta.month}-01",
              "subtitle": f"{meta.authority}　{meta.issue_date}"}
    cell = nbformat.v4.new_raw_cell(
        "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False) + "---")
    cell.metadata["tags"] = ["front-matter"]
    return cell


def front_matter(folder: Path) -> None:
    """Give the executed notebook Quarto front matter (title, date) from its meta.json.

    A raw cell at the top: Quarto reads it; our own route ignores raw cells.
    """
    nb = nbformat.read(folder / NOTEBOOK_NAME, as_version=4)
    nb.cells = [c for c in nb.cells if "front-matter" not in c.metadata.get("tags", [])]
    for cell in nb.cells:  # Quarto understands remove-cell, not our hidden tags
        tags = cell.metadata.get("tags", [])
        if HIDDEN_TAGS & set(tags) and "remove-cell" not in tags:
            cell.metadata["tags"] = [*tags, "remove-cell"]
    nb.cells.insert(0, _front_matter_cell(folder))
    nbformat.write(nb, folder / NOTEBOOK_NAME)


# ------------------------------------------------------------------- Quarto's typst


def _version(text: str) -> tuple[int, ...] | None:
    found = re.search(r"(\d+)\.(\d+)(?:\.(\d+))?", text)
    return tuple(int(part or 0) for part in found.groups()) if found else None


@functools.lru_cache(maxsize=8)
def quarto_typst_version(quarto: str) -> str:
    """The version of the typst ``quarto`` renders with (``quarto typst --version`` runs the
    bundled typst, or $QUARTO_TYPST's); a PublishError when there is none to be had."""
    try:
        result = subprocess.run([quarto, "typst", "--version"], capture_output=True, text=True,
                                check=False, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PublishError(f"无法运行 {quarto} typst --version：{error}") from error
    found = re.search(r"typst\s+(\d+\.\d+(?:\.\d+)?)", result.stdout + "\n" + result.stderr)
    if result.returncode != 0 or not found:
        raise PublishError(f"无法得知 Quarto（{quarto}）所带 typst 的版本（quarto typst --version："
                           f"{(result.stdout + result.stderr).strip()[-300:] or result.returncode}）")
    return found.group(1)


def check_quarto(quarto: str) -> str:
    """The typst version of ``quarto``, when the template can be set with it (typst ≥ 0.13,
    i.e. Quarto ≥ 1.7); else a PublishError saying what to do."""
    version = quarto_typst_version(quarto)
    if (_version(version) or (0,)) < MIN_TYPST:
        need = ".".join(map(str, MIN_TYPST))
        raise PublishError(
            f"Quarto（{quarto}）所带 typst 为 {version}，通报模板需要 typst ≥ {need}"
            f"（Quarto ≥ {MIN_QUARTO}）：请升级 Quarto（conda install -c conda-forge "
            f"'quarto>={MIN_QUARTO}'），或把 quarto 移出 PATH 以使用内置的 pandoc → typst 路线")
    return version


# ----------------------------------------------------------------- the build folder


def _project_typst_format(root: Path) -> tuple[dict, dict]:
    """The project's _quarto.yml: (its top-level options, its typst format)."""
    path = Path(root) / QUARTO_CONFIG
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise PublishError(f"读取 {path} 失败：{error}") from error
    typst_format = (config.get("format") or {}).get("typst")
    if not isinstance(typst_format, dict):
        raise PublishError(f"{path} 中没有 format.typst（Quarto 排版 PDF 的设置）")
    return config, dict(typst_format)


def _project_filters(root: Path, filters) -> list:
    """The project's own typst filters, a file's path made absolute (the build folder is
    elsewhere); Quarto's markers (quarto, citeproc) and entry-point forms as they are."""
    listed = [filters] if isinstance(filters, str) else list(filters or [])
    return [str((root / f).resolve()) if isinstance(f, str) and f not in ("quarto", "citeproc")
            else f for f in listed]


def quarto_project(root: Path, build: Path, contents: bool) -> Path:
    """Make ``build`` a Quarto project that renders bulletin.ipynb alone with the typst format
    of ``root``'s _quarto.yml; its template partials are copied in by name.

    ``contents``: whether the template draws the 要目 (the notebook has none of its own).
    """
    root = Path(root)
    config, typst_format = _project_typst_format(root)
    partials = typst_format.get("template-partials") or []
    if isinstance(partials, str):
        partials = [partials]
    names = []
    for partial in partials:
        source = root / str(partial).lstrip("/")
        if not source.is_file():
            raise PublishError(f"{QUARTO_CONFIG} 的 template-partials 中 {partial} 不存在")
        if source.name not in TYPST_PARTIALS:
            raise PublishError(f"{QUARTO_CONFIG} 的 template-partials 中 {source.name} 不是 "
                               f"Quarto typst 格式的模板片段（{'、'.join(sorted(TYPST_PARTIALS))}）")
        shutil.copyfile(source, build / source.name)
        names.append(source.name)
    typst_format["template-partials"] = names
    fonts = typst_format.get("font-paths") or []
    typst_format["font-paths"] = [str((root / p).resolve()) for p in
                                  ([fonts] if isinstance(fonts, str) else fonts)]
    typst_format["bulletin-contents"] = bool(contents)
    shutil.copyfile(TABLE_FILTER, build / TABLE_FILTER.name)
    typst_format["filters"] = [*_project_filters(root, typst_format.get("filters")),
                               TABLE_FILTER.name]
    project = {"project": {"type": "default", "render": [NOTEBOOK_NAME]}}
    for key in ("lang", "execute", "quarto-required"):
        if key in config:
            project[key] = config[key]
    project["format"] = {"typst": typst_format}
    out = build / QUARTO_CONFIG
    out.write_text("# Written by bulletin.publish.quarto.project for one month's PDF (a temporary "
                   "folder).\n" + yaml.safe_dump(project, allow_unicode=True, sort_keys=False),
                   encoding="utf-8")
    return out


# How the text is written for Quarto (templates/quarto/quarto-text.lua).
def check_pdf(path: Path, what: str) -> Path:
    """``path`` when it holds a PDF, else a PublishError naming ``what`` made it."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(5)
    except OSError:
        raise PublishError(f"{what}结束，但没有生成 PDF（{path} 不存在）") from None
    if head != b"%PDF-":
        raise PublishError(f"{what}生成的 {path.name} 不是 PDF 文件（{len(head)} 字节开头：{head!r}）")
    return path


def pdf_with_quarto(folder: Path, quarto: str, root: Path) -> Path:
    """Render the executed month in ``folder`` to ``folder``/bulletin.pdf with Quarto's typst
    format (``root``'s _quarto.yml, our template partials), in a temporary build folder that
    is a Quarto project of its own (see the module's notes). Nothing is written into
    ``root``; the PDF is checked before it is copied into ``folder``."""
    folder = Path(folder)
    typst_version = check_quarto(quarto)
    step = f"Quarto 排版 PDF（quarto render --to typst，typst {typst_version}）"
    build = Path(tempfile.mkdtemp(prefix="bulletin-quarto-"))
    try:
        report = read_report(folder)
        quarto_project(root, build, contents=not has_own_contents(report.blocks))
        notebook = quarto_notebook(report, build)
        try:
            result = subprocess.run(
                [quarto, "render", notebook.name, "--to", "typst", "--no-execute"],
                cwd=build, capture_output=True, text=True, check=False, timeout=RENDER_TIMEOUT)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise PublishError(f"{step}失败：{error}") from error
        if result.returncode != 0:
            raise PublishError(f"{step}失败（退出码 {result.returncode}）："
                               f"{(result.stderr or result.stdout).strip()[-800:]}")
        made = check_pdf(build / (notebook.stem + ".pdf"), step)
        out = folder / PDF_NAME
        partial = out.with_name(out.name + ".part")
        shutil.copyfile(made, partial)
        partial.replace(out)
        return out
    finally:
        shutil.rmtree(build, ignore_errors=True)

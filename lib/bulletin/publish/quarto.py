"""The Quarto route for the PDF (used when ``quarto`` is on PATH): front matter for the
executed notebook and ``quarto render --to typst`` with the project's ``_quarto.yml``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import nbformat

from bulletin.core.errors import PublishError
from bulletin.core.meta import META_NAME, read_meta
from bulletin.publish.notebook import HIDDEN_TAGS, NOTEBOOK_NAME, PDF_NAME


def quarto_available() -> str | None:
    """Path of the quarto command when installed (then the PDF goes through Quarto)."""
    return shutil.which("quarto")


def front_matter(folder: Path) -> None:
    """Give the executed notebook Quarto front matter (title, date) from its meta.json.

    A raw cell at the top: Quarto reads it; our own route ignores raw cells.
    """
    meta = read_meta(folder / META_NAME)
    nb = nbformat.read(folder / NOTEBOOK_NAME, as_version=4)
    nb.cells = [c for c in nb.cells if "front-matter" not in c.metadata.get("tags", [])]
    for cell in nb.cells:  # Quarto understands remove-cell, not our hidden tags
        tags = cell.metadata.get("tags", [])
        if HIDDEN_TAGS & set(tags) and "remove-cell" not in tags:
            cell.metadata["tags"] = [*tags, "remove-cell"]
    cell = nbformat.v4.new_raw_cell(
        f'---\ntitle: "{meta.title}（{meta.issue_label}）"\ndate: "{meta.month}-01"\n'
        f'subtitle: "{meta.authority}　{meta.issue_date}"\n---')
    cell.metadata["tags"] = ["front-matter"]
    nb.cells.insert(0, cell)
    nbformat.write(nb, folder / NOTEBOOK_NAME)


def pdf_with_quarto(folder: Path, quarto: str, root: Path) -> Path:
    """Render the executed notebook's typst format (our template partials) with Quarto."""
    result = subprocess.run(
        [quarto, "render", str(folder / NOTEBOOK_NAME), "--to", "typst", "--no-execute",
         "--output", PDF_NAME], cwd=root, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise PublishError(f"quarto render（typst）失败：{result.stderr.strip()[-800:]}")
    return folder / PDF_NAME

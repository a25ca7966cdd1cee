"""Finding input files: which files of a folder are inputs, and how a path is shown in
messages (relative to the current directory when it can be).
"""

from __future__ import annotations

from pathlib import Path

from bulletin.core.errors import InputError, Problem

SUFFIXES = (".csv", ".xlsx", ".xlsm", ".parquet")


def display_path(path: Path) -> str:
    """The path as the analyst would recognise it: relative to the dataset folder's parent."""
    path = Path(path)
    parts = path.parts
    return str(Path(*parts[-3:])) if len(parts) > 3 else str(path)


def shown_as(path: Path, sheet: str | None = None) -> str:
    """A file (and its worksheet, for a workbook read sheet by sheet) as messages name it."""
    shown = display_path(path)
    return f"{shown}（工作表「{sheet}」）" if sheet else shown


def input_files(folder: Path) -> list[Path]:
    """The data files of an input folder, in a stable order; anything else is an error."""
    folder = Path(folder)
    if not folder.exists():
        return []
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "~$")))
    bad = [p for p in files if p.suffix.lower() not in SUFFIXES and p.suffix.lower() != ".md"]
    if bad:
        raise InputError([
            Problem(display_path(p), None, None, None,
                    "不支持的文件类型，应为 .csv、.xlsx 或 .parquet") for p in bad
        ])
    return [p for p in files if p.suffix.lower() in SUFFIXES]

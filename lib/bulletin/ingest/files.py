"""Finding input files: which files of a folder are inputs, which are not (and are listed
as ignored), and how a path is shown in messages.

An input folder is read recursively (``cases/2021/01.csv`` is a case file). Files that are
not inputs — hidden files and folders, Excel's ``~$`` lock files, notes and documents such
as README.txt — are ignored and listed as such; any other file that is not CSV, XLSX or
Parquet is an error, so that no data file is passed over without a word.
"""

from __future__ import annotations

import os
from pathlib import Path

from bulletin.core.errors import InputError, Problem

SUFFIXES = (".csv", ".xlsx", ".xlsm", ".parquet")


# Files that are clearly not data: listed as ignored, never read.
NOT_DATA = (".md", ".txt", ".pdf", ".doc", ".docx", ".png", ".jpg", ".jpeg", ".ini")


# The folders of a dataset that hold inputs; a path is shown from the dataset's folder on.
INPUT_FOLDERS = ("cases", "evaluations", "unit_stats", "scores", "items", "hall", "targets",
                 "notes")

# Of those, the folders of unit_month facts (case data or aggregated exports), and the
# folders whose files are named by the month they hold (the months a dataset without facts
# can publish).
FACT_FOLDERS = ("cases", "unit_stats")
MONTH_NAMED_FOLDERS = ("scores", "items", "hall", "targets")


def display_path(path: Path) -> str:
    """The path as the analyst would recognise it: relative to the dataset folder's parent."""
    parts = Path(path).parts
    at = next((i for i in range(len(parts) - 2, 0, -1) if parts[i] in INPUT_FOLDERS), None)
    if at is not None:
        return str(Path(*parts[at - 1:]))
    return str(Path(*parts[-3:])) if len(parts) > 3 else str(path)


def shown_as(path: Path, sheet: str | None = None) -> str:
    """A file (and its worksheet, for a workbook read sheet by sheet) as messages name it."""
    shown = display_path(path)
    return f"{shown}（工作表「{sheet}」）" if sheet else shown


def is_hidden(name: str) -> bool:
    return name.startswith((".", "~$"))


def _walk(folder: Path) -> tuple[list[Path], list[Path]]:
    """(candidate files, ignored files and folders) under folder, in path order."""
    files, ignored = [], []
    for top, dirs, names in os.walk(folder):
        here = Path(top)
        ignored += [here / d for d in dirs if is_hidden(d)]
        dirs[:] = sorted(d for d in dirs if not is_hidden(d))
        for name in names:
            path = here / name
            if is_hidden(name) or path.suffix.lower() in NOT_DATA:
                ignored.append(path)
            else:
                files.append(path)
    return (sorted(files, key=lambda p: p.relative_to(folder).as_posix()),
            sorted(ignored, key=lambda p: p.relative_to(folder).as_posix()))


def input_files(folder: Path) -> list[Path]:
    """The data files of an input folder and its sub-folders, in path order; a file of a
    type that cannot be read is an error (see ``ignored_files`` for what is skipped)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    files, _ = _walk(folder)
    bad = [p for p in files if p.suffix.lower() not in SUFFIXES]
    if bad:
        raise InputError([
            Problem(display_path(p), None, None, None,
                    "不支持的文件类型，应为 .csv、.xlsx 或 .parquet（.xls 请在 Excel 中另存为 .xlsx）；"
                    "不是数据的文件请移出此文件夹") for p in bad
        ])
    return files


def ignored_files(folder: Path) -> list[Path]:
    """What an input folder holds that is not read: hidden files and folders, Excel's ~$
    lock files, documents (README.txt, *.md …)."""
    folder = Path(folder)
    return _walk(folder)[1] if folder.is_dir() else []

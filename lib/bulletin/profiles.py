"""Bulletin profiles: which sections a dataset's bulletin has, in which order, under which
title (``dataset.yml`` → ``profile``), and the loader for datasets without case data.

The datasets of seeds 001-004 hold only the later inputs (scores/, items/, hall/,
targets/ — data-contract.md §5), no cases/ or unit_stats/. ``load_profile_month`` opens
such a dataset as a ``MonthlyBulletin`` whose facts are empty (one row per registry unit,
no counts), so that ``section_title`` and the sections of ``sections_extra`` work on it;
a dataset with case data or unit_stats goes through ``MonthlyBulletin.load`` as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import polars as pl

from .dataset import Dataset
from .month import MonthlyBulletin

INPUT_FOLDERS = ("scores", "items", "hall", "targets")
EXTRA_SECTIONS = ("scores", "items", "zero_case_items", "hall", "targets")
MONTH_PREFIX = re.compile(r"^(\d{4}-(?:0[1-9]|1[0-2]))(?:_.*)?$")


def profile_title(config) -> str:
    """The bulletin's title without the region: ``profile.title``, else ``title``."""
    return config.profile.title or config.title


def input_months(folder: Path) -> list[str]:
    """Months named by the files of scores/, items/, hall/ and targets/ (YYYY-MM…)."""
    months = set()
    for name in INPUT_FOLDERS:
        sub = Path(folder) / name
        if sub.is_dir():
            for path in sub.iterdir():
                m = MONTH_PREFIX.match(path.stem)
                if m and path.is_file():
                    months.add(m.group(1))
    return sorted(months)


def has_engine_input(folder: Path) -> bool:
    folder = Path(folder)
    return any((folder / name).is_dir() and any((folder / name).iterdir())
               for name in ("cases", "unit_stats"))


def load_profile_month(folder: str | Path, month: str) -> MonthlyBulletin:
    """The month's bulletin model for any dataset folder.

    Relative paths resolve from the project root (as ``sections.open_month``). With
    cases/ or unit_stats/ this is ``MonthlyBulletin.load``; otherwise the model carries
    empty facts and the months named by the files of scores/, items/, hall/, targets/.
    """
    path = Path(folder)
    if not path.is_absolute() and not path.exists():
        path = Path(__file__).resolve().parents[2] / path
    if has_engine_input(path):
        return MonthlyBulletin.load(path, month)
    dataset = Dataset.open(path)
    available = input_months(dataset.folder)
    if month not in available:
        shown = "、".join(available) if available else "无"
        raise ValueError(f"数据集 {dataset.folder.name} 没有 {month} 的数据（已有月份：{shown}）")
    names = dataset.registry.names
    facts = pl.DataFrame({"month": [month] * len(names), "unit": names},
                         schema={"month": pl.String, "unit": pl.String})
    return MonthlyBulletin(dataset, month, facts, available)


def available_months(folder: str | Path) -> list[str]:
    """Every month a dataset folder can publish, oldest first."""
    from .month import months_in

    folder = Path(folder)
    if has_engine_input(folder):
        return months_in(Dataset.open(folder))
    return input_months(folder)


def section_builders() -> dict[str, Callable[[MonthlyBulletin], list]]:
    """Profile section name → builder (``profile.sections`` in dataset.yml)."""
    from . import sections as S
    from . import sections_extra as X

    return {
        "title": S.section_title, "contents": S.section_contents,
        "operation": S.section_operation, "evaluations": S.section_evaluations,
        "overdue": S.section_overdue, "work": S.section_work, "problems": S.section_problems,
        "annexes": S.section_annexes,
    } | {name: getattr(X, f"section_{name}") for name in EXTRA_SECTIONS
         if hasattr(X, f"section_{name}")}


def profile_blocks(b: MonthlyBulletin, skip: tuple[str, ...] = ()) -> list:
    """Every block of the bulletin, section by section in the profile's order (less
    ``skip``: the notebook shows the title block in a cell of its own)."""
    builders = section_builders()
    unknown = [s for s in b.config.profile.sections if s not in builders]
    if unknown:
        raise ValueError(f"dataset.yml 的 profile.sections 中有未知章节：{'、'.join(unknown)}"
                         f"（可用：{'、'.join(builders)}）")
    blocks = []
    for name in b.config.profile.sections:
        if name not in skip:
            blocks += builders[name](b)
    return blocks

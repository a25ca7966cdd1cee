"""The month folders of a reports/ folder a site is built from, and the ones it must skip.

A month folder is reports/<dataset>/<YYYY-MM>/ with a meta.json. The site renders it from
its executed notebook (bulletin.ipynb beside meta.json); a folder with a meta.json and no
notebook — papermill told to write its output notebook somewhere else — cannot be
rendered, and is skipped with a line naming it rather than stopping every other month.
"""

from __future__ import annotations

from pathlib import Path

from bulletin.publish.notebook import NOTEBOOK_NAME, find_reports


def month_folders(reports: Path, datasets: list[str] | None = None) -> list[Path]:
    """Every month folder under ``reports`` (of ``datasets`` only, when given), sorted."""
    found = find_reports(reports)
    if datasets is not None:
        found = [folder for folder in found if folder.parent.name in datasets]
    return found


def executed(folder: Path) -> bool:
    return (Path(folder) / NOTEBOOK_NAME).is_file()


def unexecuted(reports: Path, datasets: list[str] | None = None) -> list[Path]:
    """The month folders under ``reports`` with a meta.json but no executed notebook."""
    return [folder for folder in month_folders(reports, datasets) if not executed(folder)]


def skipped_line(folder: Path) -> str:
    """What the site build says of a month folder it skips."""
    return (f"跳过 {folder}：其中没有已执行的 {NOTEBOOK_NAME}，网站不含该月。用 papermill 手工执行时，"
            f"输出笔记本须写为 {Path(folder) / NOTEBOOK_NAME}（见 README「Using it」），"
            f"再运行 bulletin render {folder}")

"""Where things are: the project root (the folder with ``_quarto.yml`` and ``notebooks/``)
and a dataset folder named relative to it.

Paths resolve from what the caller passes in, or from the current directory upward,
never from where this package happens to be installed.
"""

from __future__ import annotations

from pathlib import Path

from bulletin.core.errors import ConfigError

# A folder is the project root when it holds both of these.
ROOT_MARKERS = ("_quarto.yml", "notebooks")


def is_project_root(folder: Path) -> bool:
    return all((folder / marker).exists() for marker in ROOT_MARKERS)


def find_project_root(start: Path | str | None = None) -> Path | None:
    """The nearest folder at or above ``start`` (default: the current directory) that
    holds ``_quarto.yml`` and ``notebooks/``; None when there is none."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_project_root(folder):
            return folder
    return None


def project_root(root: Path | str | None = None) -> Path:
    """``root`` when given, else the project root found from the current directory."""
    if root is not None:
        return Path(root).resolve()
    found = find_project_root()
    if found is None:
        raise ConfigError(f"找不到项目根目录（含 {' 和 '.join(ROOT_MARKERS)} 的文件夹）："
                          f"请在项目目录（或其子目录）中运行，或用 --root 指定")
    return found


def resolve_dataset(dataset: Path | str, root: Path | str | None = None) -> Path:
    """A dataset folder as given: absolute, or relative to the current directory, or
    relative to the project root (``root``, else found upward from the current directory;
    a notebook runs in ``notebooks/`` and names ``data/seed000``)."""
    path = Path(dataset)
    if path.is_absolute() or path.exists():
        return path.resolve()
    base = Path(root) if root is not None else find_project_root()
    if base is not None and (base / path).exists():
        return (base / path).resolve()
    return path.resolve()  # Dataset.open reports the folder that does not exist

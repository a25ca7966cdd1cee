"""Where a month's figures came from: the ``provenance`` of its ``meta.json``.

Each input file the month read (its path inside the dataset folder, size, SHA-256 and,
for case and evaluation files, the rows read, used and quarantined), the hashes of
``dataset.yml`` and of the month's notes, the version and git commit of the tool, the
notebook's parameters and the time it ran. ``bulletin verify`` compares them with the
files as they are now (``publish.compare.compare_inputs``).

The tool's commit is ``git rev-parse HEAD`` in the project root: the folder the package
was installed from, as the installer recorded it (``direct_url.json`` of an editable
install, ``pip install -e .`` / ``uv pip install -e .``), else the project root found
upward from the current directory. None when there is none, it is no git checkout, or git
is missing — never an error.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import subprocess
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

from pydantic import BaseModel, ConfigDict, Field

from bulletin.core.paths import find_project_root

SHA256 = r"^[0-9a-f]{64}$"

_CHUNK = 1 << 20


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, as 64 hex digits."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class InputFile(BaseModel):
    """One input file as the month read it. ``path``: inside the dataset folder, with
    ``/`` (「cases/2021-02.csv」). ``read``/``used``/``quarantined``: its rows (read = used +
    quarantined, every worksheet together) for the inputs counted row by row (cases,
    evaluations); None for the others (registry, aggregated tables)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    path: str = Field(min_length=1)
    size: int = Field(ge=0)
    sha256: str = Field(pattern=SHA256)
    read: int | None = None
    used: int | None = None
    quarantined: int | None = None


class HashedFile(BaseModel):
    """A file that is no table (dataset.yml, the month's notes): path and SHA-256."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    path: str = Field(min_length=1)
    sha256: str = Field(pattern=SHA256)


class Provenance(BaseModel):
    """What a month was computed from, and by what (see the module's docstring)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    inputs: list[InputFile] = Field(default_factory=list)
    config: HashedFile | None = None  # dataset.yml; None when the dataset has none
    notes: HashedFile | None = None  # notes/YYYY-MM.md; None when the month has none
    tool_version: str | None = None
    tool_commit: str | None = Field(default=None, pattern=r"^[0-9a-f]{40}$")
    tool_modified: bool | None = None  # the checkout had changes not committed
    parameters: dict[str, str] = Field(default_factory=dict)
    created: str = ""  # ISO 8601, with the UTC offset


def relative_path(path: Path, folder: Path) -> str:
    """``path`` inside ``folder``, with ``/``; the path as it is when outside it."""
    try:
        return Path(path).resolve().relative_to(Path(folder).resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def hashed(path: Path, folder: Path) -> HashedFile | None:
    """The path (inside ``folder``) and hash of a file; None when it does not exist."""
    path = Path(path)
    return HashedFile(path=relative_path(path, folder), sha256=file_sha256(path)) \
        if path.is_file() else None


def tool_version() -> str | None:
    """The installed version of the ``bulletin`` package, None when it is not installed."""
    try:
        return metadata.version("bulletin")
    except metadata.PackageNotFoundError:
        return None


def installed_from() -> Path | None:
    """The project folder an editable install of ``bulletin`` was made from (the
    installer's ``direct_url.json``), None for any other install."""
    try:
        record = json.loads(metadata.distribution("bulletin").read_text("direct_url.json") or "{}")
    except (metadata.PackageNotFoundError, ValueError):
        return None
    url = urlparse(str(record.get("url", "")))
    if url.scheme != "file" or not record.get("dir_info", {}).get("editable"):
        return None
    return Path(unquote(url.path))


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                              timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None  # no git, or it hung
    return done.stdout if done.returncode == 0 else None


def tool_commit(root: Path | None = None) -> tuple[str | None, bool | None]:
    """(commit, modified) of the checkout at ``root`` (default: the project root, see the
    module's docstring); (None, None) when it is no git checkout."""
    root = Path(root) if root is not None else (installed_from() or find_project_root())
    if root is None or not (root / ".git").exists():
        return None, None
    head = (_git(root, "rev-parse", "HEAD") or "").strip()
    if not re.fullmatch(r"[0-9a-f]{40}", head):
        return None, None
    status = _git(root, "status", "--porcelain", "--untracked-files=no")
    return head, (bool(status.strip()) if status is not None else None)


def now() -> str:
    """The time, local, ISO 8601 with its UTC offset, to the second."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


__all__ = ["HashedFile", "InputFile", "Provenance", "file_sha256", "hashed", "now",
           "relative_path", "tool_commit", "tool_version"]

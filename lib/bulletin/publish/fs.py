"""Atomic replacement of a folder: build beside it, then swap it in with renames.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable
from pathlib import Path


def replace_dir(target: Path, build: Callable[[Path], object]) -> Path:
    """Build into a temp folder beside ``target``, then swap it in with two renames.

    On any failure the temp folder is removed and ``target`` is left as it was.
    """
    target = Path(target).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    token = uuid.uuid4().hex[:8]
    fresh = target.with_name(f".{target.name}.new-{token}")
    old = target.with_name(f".{target.name}.old-{token}")
    try:
        build(fresh)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    if target.exists():
        target.rename(old)
    try:
        fresh.rename(target)
    except BaseException:
        if old.exists():
            old.rename(target)  # put the previous site back
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)
    return target

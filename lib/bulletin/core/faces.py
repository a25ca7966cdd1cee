"""The lazy face of a package: the names its ``__init__`` offers, looked up in their
modules when used (each module is imported once, on first use).

Importing any module of a package runs the package's ``__init__`` first; a face that
imported its modules eagerly would make ``import bulletin.core.errors`` pay for all of
core, and ``bulletin --help`` for polars' and great-tables' start-up. So a face lists its
names and their modules once, imports them under ``TYPE_CHECKING`` for readers and type
checkers (tests/unit/test_faces.py checks that the two agree), and gets them lazily. A
face keeps no copy: what it gives is what its module holds now (a test that patches
``runner.publish_many`` patches ``bulletin.publish.publish_many`` too)::

    _EXPORTS = {"open_month": "bulletin.report.loader", ...}
    __all__ = ["open_month", ...]  # a literal list, which ruff checks against the imports
    if TYPE_CHECKING:
        from bulletin.report.loader import open_month
    __getattr__, __dir__ = lazy(__name__, _EXPORTS)
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib import import_module


def lazy(package: str, exports: dict[str, str]) -> tuple[Callable, Callable]:
    """The module-level ``__getattr__`` and ``__dir__`` of the face of ``package``: a name
    of ``exports`` (name → module) is read from its module, imported on first use."""

    def __getattr__(name: str):
        if name in exports:
            return getattr(import_module(exports[name]), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        return sorted({*vars(sys.modules[package]), *exports})

    return __getattr__, __dir__

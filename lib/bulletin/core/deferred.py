"""Start-up work a process need not do: what a dependency builds when imported that
nothing here uses until (unless) it is called.

jsonschema (imported by altair in the notebook's kernel and by nbformat and papermill in
``bulletin publish``) imports rfc3987-syntax when it is installed, and rfc3987-syntax
compiles 39 Lark grammars at import — about 0.8 s of CPU in every such process, for a
check of IRI strings ("iri" / "iri-reference" formats) that no schema we validate uses.
``defer_iri_grammar`` puts a stand-in for the package in ``sys.modules``: it offers the
same names, and the first use of any of them imports the real grammars (so a schema that
does check an IRI is checked exactly as before, only later).

``once`` is the other half: work a warm-up thread may start and the caller may need
before that thread ends (a font scan, the fonts of the chart engine), done once a process
for each argument, the second thread asking meanwhile waiting for the first.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import sys
import threading
import types

IRI_PACKAGE = "rfc3987_syntax"


def defer_iri_grammar() -> bool:
    """Install the stand-in for rfc3987-syntax unless the package is missing or already
    imported; True when installed."""
    if IRI_PACKAGE in sys.modules:
        return False
    try:
        spec = importlib.util.find_spec(IRI_PACKAGE)
    except (ImportError, ValueError):
        return False
    if spec is None or not spec.submodule_search_locations:
        return False
    stand_in = types.ModuleType(IRI_PACKAGE, __doc__)
    stand_in.__path__ = list(spec.submodule_search_locations)  # its modules import as theirs
    stand_in.__file__ = spec.origin

    def helpers() -> types.ModuleType:
        # the package's own __init__ is one line: ``from .syntax_helpers import *``
        return importlib.import_module(f"{IRI_PACKAGE}.syntax_helpers")

    def is_valid_syntax(term: str, value: str) -> bool:
        return helpers().is_valid_syntax(term, value)

    def __getattr__(name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(helpers(), name)

    stand_in.is_valid_syntax = is_valid_syntax
    stand_in.__getattr__ = __getattr__
    sys.modules[IRI_PACKAGE] = stand_in
    return True


def once(func):
    """``functools.cache`` behind a lock: ``func`` runs once a process for each argument
    tuple, and a thread asking while another computes it waits for that value instead of
    computing it again. ``cache_info`` and ``cache_clear`` are the cache's."""
    cached = functools.cache(func)
    lock = threading.Lock()

    @functools.wraps(func)
    def call(*args):
        with lock:
            return cached(*args)

    call.cache_info, call.cache_clear = cached.cache_info, cached.cache_clear
    return call

"""Every third-party package lib/bulletin imports is a declared dependency of the project
(pyproject.toml, ``[project] dependencies``), not one that only arrives through another
package's requirements and would leave with it."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from support.paths import ROOT

LIB = ROOT / "lib"


def normalised(name: str) -> str:
    """A distribution's name as packaging compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {normalised(re.split(r"[<>=!~ \[;]", spec, maxsplit=1)[0])
            for spec in project["dependencies"]}


def imported_packages(source: str) -> set[str]:
    """The top-level names of the modules ``source`` imports, absolute imports only, at any
    depth (an import inside a function counts: it runs when the function does)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def third_party() -> dict[str, list[str]]:
    """Top-level module → the lib modules importing it, for every module not in the standard
    library nor bulletin's own."""
    found: dict[str, list[str]] = {}
    for path in sorted((LIB / "bulletin").rglob("*.py")):
        for name in imported_packages(path.read_text(encoding="utf-8")):
            if name not in sys.stdlib_module_names and name != "bulletin":
                found.setdefault(name, []).append(str(path.relative_to(LIB)))
    return found


def test_the_import_scanner_sees_imports_inside_functions():
    source = ("import polars as pl\nfrom lxml import etree\nfrom . import x\n"
              "def f():\n    from IPython.display import display\n    import os.path\n")
    assert imported_packages(source) == {"polars", "lxml", "IPython", "os"}


def test_every_package_lib_imports_is_a_declared_dependency():
    distributions = packages_distributions()
    needed = third_party()
    assert {"polars", "lxml", "markupsafe"} <= set(needed)  # the scan sees them
    undeclared = {}
    for module, users in sorted(needed.items()):
        names = distributions.get(module)
        assert names, f"{module} (imported by {users}) is not installed"
        if not {normalised(n) for n in names} & declared():
            undeclared[module] = (names, users)
    assert undeclared == {}, "declare these in pyproject.toml [project] dependencies"


def test_a_dependency_is_declared_once():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = [normalised(re.split(r"[<>=!~ \[;]", s, maxsplit=1)[0])
             for s in project["dependencies"]]
    assert len(names) == len(set(names))

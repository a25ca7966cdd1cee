"""Each package of lib/bulletin has a face — its ``__init__`` names what it offers — and the
code keeps to faces and public names:

* a face's ``__all__``, its imports and (for a lazy face, core.faces) its map of names to
  modules agree, and every name resolves to the object of the module it names;
* the face of a layer lists every module of its package in its docstring (the README's
  tree points there, so the list cannot leave a module out);
* the command line (cli.py) and the notebooks import faces only;
* no module of lib uses another module's private name (``from m import _x``, ``m._x``),
  and no module imports the face of a package it belongs to (a cycle through the face).
  Tests may import a module's private helper to test it: the rule is about lib.
* ``import bulletin.cli`` (``bulletin --help``) loads none of the heavy packages: the faces
  import lazily.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from importlib import import_module
from pathlib import Path
from textwrap import dedent

import pytest

from support.paths import ROOT

LIB = ROOT / "lib"
PACKAGE = LIB / "bulletin"
# The faces the README's tree points at: each lists its package's modules.
LAYERS = ["bulletin.core", "bulletin.ingest", "bulletin.facts", "bulletin.indicators",
          "bulletin.report", "bulletin.report.sections", "bulletin.publish", "bulletin.synth"]


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(LIB).with_suffix("").parts).removesuffix(".__init__")


def faces() -> dict[str, Path]:
    """Package name → its __init__.py, for every package of lib/bulletin."""
    return {module_name(p): p for p in sorted(PACKAGE.rglob("__init__.py"))}


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    """The module an ImportFrom names, relative imports resolved from ``module``."""
    if not node.level:
        return node.module or ""
    parts = module.split(".") if is_package else module.split(".")[:-1]
    parts = parts[:len(parts) - node.level + 1]
    return ".".join(parts + ([node.module] if node.module else []))


def private_uses(source: str, module: str = "bulletin.x", is_package: bool = False) -> list[str]:
    """Where ``source`` uses a private name of another bulletin module: imported by name, or
    read as an attribute of a name bound to a bulletin module or to a name imported from one."""
    tree = ast.parse(source)
    found: list[tuple[int, str]] = []
    bound: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            origin = absolute(node, module, is_package)
            if not origin.startswith("bulletin"):
                continue
            for alias in node.names:
                if is_private(alias.name):
                    found.append((node.lineno, f"from {origin} import {alias.name}"))
                bound[alias.asname or alias.name] = f"{origin}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("bulletin"):
                    bound[alias.asname or "bulletin"] = alias.name if alias.asname else "bulletin"
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and is_private(node.attr):
            base = node.value
            while isinstance(base, ast.Attribute):  # bulletin.publish.runner._x
                base = base.value
            if isinstance(base, ast.Name) and base.id in bound:
                found.append((node.lineno, f"{ast.unparse(node)} ({bound[base.id]})"))
    return [f"line {line}: {text}" for line, text in sorted(found)]


def imported_modules(source: str, module: str = "bulletin.x",
                     is_package: bool = False) -> list[tuple[int, str]]:
    """(line, module) of every bulletin import in ``source``: ``import m`` and ``from m import
    name`` give m, ``from package import module`` gives the module."""
    known = set(modules())
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            origin = absolute(node, module, is_package)
            if origin.startswith("bulletin"):
                out += sorted({(node.lineno, f"{origin}.{a.name}" if f"{origin}.{a.name}" in known
                                else origin) for a in node.names})
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names if a.name.startswith("bulletin")]
    return sorted(out)


def notebook_code(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


# --------------------------------------------------------------------------- the scanners


def test_the_private_name_scanner_finds_each_kind_of_use():
    source = dedent("""\
        from bulletin.publish.runner import _stepper, publish_many
        from bulletin.ingest import sheets
        import bulletin.publish.fs as fs
        import bulletin.core.months
        from bulletin.report.loader import open_month
        from os import _exit
        sheets._SPACE.sub('', x)
        fs._rename(a, b)
        bulletin.core.months._PATTERN
        open_month._cache
        self._own, publish_many.__doc__, other._name, _exit
        """)  # the last line: its own, a dunder, names not from bulletin
    assert private_uses(source) == [
        "line 1: from bulletin.publish.runner import _stepper",
        "line 7: sheets._SPACE (bulletin.ingest.sheets)",
        "line 8: fs._rename (bulletin.publish.fs)",
        "line 9: bulletin.core.months._PATTERN (bulletin)",
        "line 10: open_month._cache (bulletin.report.loader.open_month)",
    ]
    relative = "from .runner import _site\nfrom . import fs\nfs._rename(a, b)"
    assert private_uses(relative, "bulletin.publish.render") == [
        "line 1: from bulletin.publish.runner import _site",
        "line 3: fs._rename (bulletin.publish.fs)"]


def test_the_import_scanner_resolves_relative_imports():
    source = ("from . import runner, publish_many\nfrom ..core.errors import PublishError\n"
              "import bulletin.cli\nfrom bulletin.report.sections import registry")
    assert imported_modules(source, "bulletin.publish.render") == [
        (1, "bulletin.publish"), (1, "bulletin.publish.runner"), (2, "bulletin.core.errors"),
        (3, "bulletin.cli"), (4, "bulletin.report.sections.registry")]
    assert imported_modules("from .faces import lazy", "bulletin.core", is_package=True) == [
        (1, "bulletin.core.faces")]


# --------------------------------------------------------------------------- the rules


def test_no_private_name_crosses_a_module():
    found = {}
    for name, path in modules().items():
        uses = private_uses(path.read_text(encoding="utf-8"), name, path.name == "__init__.py")
        if uses:
            found[name] = uses
    assert found == {}, "make these names public (no leading _) or keep them in their module"


def test_no_module_imports_the_face_of_its_own_package():
    # bulletin.report.month importing `from bulletin.report import …` would go round through
    # the face to its siblings: a module imports its siblings by their own module names.
    found = []
    for name, path in modules().items():
        if path.name == "__init__.py":
            continue
        packages = {name.rsplit(".", n)[0] for n in range(1, name.count(".") + 1)}
        found += [f"{name} line {line}: {target}"
                  for line, target in imported_modules(path.read_text(encoding="utf-8"), name)
                  if target in packages]
    assert found == []


@pytest.mark.parametrize("source", [
    PACKAGE / "cli.py", *sorted((ROOT / "notebooks").glob("*.ipynb"))],
    ids=lambda p: p.name)
def test_the_command_line_and_the_notebooks_import_faces_only(source):
    text = notebook_code(source) if source.suffix == ".ipynb" else source.read_text("utf-8")
    # report.pipeline is the month's spine (open → validate → facts → indicators → sections
    # → outputs): the notebook calls its steps by their module, a face of its own
    packages = set(faces()) | {"bulletin.report.pipeline"}
    inner = [f"line {line}: {target}" for line, target in imported_modules(text, "bulletin.cli")
             if target not in packages]
    assert inner == [], f"import these from the package's face (its __init__): {inner}"


# --------------------------------------------------------------------------- the faces


def face_parts(path: Path) -> tuple[list[str], dict[str, str] | None, dict[str, str]]:
    """``__all__``, the lazy map (None for a face that imports eagerly), and name → module
    of every name the face imports (under TYPE_CHECKING or not)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names, exports, imported = None, None, {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            if node.targets[0].id == "__all__":
                names = ast.literal_eval(node.value)
            elif node.targets[0].id == "_EXPORTS":
                exports = ast.literal_eval(node.value)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("bulletin"):
            if node.module == "bulletin.core.faces":
                continue
            imported |= {a.asname or a.name: node.module for a in node.names}
    assert names is not None, f"{path} has no literal __all__"
    return names, exports, imported


@pytest.mark.parametrize("package", list(faces()))
def test_each_face_names_what_it_offers(package):
    path = faces()[package]
    names, exports, imported = face_parts(path)
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    assert doc and len(doc.split("\n\n")[0]) > 60, f"{package}: a paragraph saying what it is"
    offered = set(names) - {"__version__"}
    assert offered, f"{package} offers nothing"
    assert len(names) == len(set(names))
    assert set(imported) == offered, f"{package}: __all__ and the face's imports differ"
    if exports is not None:
        assert exports == imported, f"{package}: _EXPORTS and the TYPE_CHECKING imports differ"
    face = import_module(package)
    for name in sorted(offered):
        assert getattr(face, name) is getattr(import_module(imported[name]), name), name
    # a submodule imported later becomes an attribute of the package: a name of the same
    # spelling would then no longer be the face's
    children = {p.stem for p in path.parent.glob("*.py")} | {
        p.parent.name for p in path.parent.glob("*/__init__.py")}
    assert offered.isdisjoint(children), f"{package}: a name spelled as one of its modules"


def test_a_lazy_face_gives_what_its_module_holds_now(monkeypatch):
    # a face keeps no copy: a test patching the module patches what the face gives
    import bulletin.publish
    from bulletin.publish import runner

    real = bulletin.publish.publish_many
    assert real is runner.publish_many

    def stand_in(*args, **kwargs):
        return "stand-in"

    monkeypatch.setattr(runner, "publish_many", stand_in)
    assert bulletin.publish.publish_many is stand_in
    monkeypatch.undo()
    assert bulletin.publish.publish_many is real
    assert "publish_many" not in vars(bulletin.publish)
    assert {"publish_many", "render_month", "runner"} <= set(dir(bulletin.publish))


@pytest.mark.parametrize("package", LAYERS)
def test_the_face_of_a_layer_lists_every_module_of_its_package(package):
    folder = faces()[package].parent
    children = [p.stem for p in folder.glob("*.py") if p.name != "__init__.py"]
    children += [f"{p.parent.name}/" for p in folder.glob("*/__init__.py")]
    doc = ast.get_docstring(ast.parse(faces()[package].read_text(encoding="utf-8")))
    listed = {line.split()[0] for line in doc.splitlines() if line.startswith("    ")
              and line.strip() and not line.startswith("     ")}
    assert sorted(set(children) - listed) == [], f"add them to {package}'s docstring"
    assert sorted(listed - set(children)) == [], f"{package}'s docstring lists modules it lacks"


def test_importing_the_command_line_loads_no_heavy_package():
    heavy = ["polars", "great_tables", "altair", "papermill", "pydantic", "jinja2", "nbformat",
             "vl_convert", "docx", "yaml", "chinese_calendar", "openpyxl", "pyarrow"]
    probe = ("import json, sys, bulletin.cli; print(json.dumps(sorted(sys.modules)))")
    loaded = json.loads(subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT,
        env={"PYTHONPATH": str(LIB)}).stdout)
    ours = [m for m in loaded if m.startswith("bulletin")]
    # core.months parses month strings with polars; everything else waits for a command
    assert [m for m in loaded if m.split(".")[0] in heavy and m.split(".")[0] != "polars"] == []
    assert ours == ["bulletin", "bulletin.cli", "bulletin.core", "bulletin.core.deferred",
                    "bulletin.core.errors",
                    "bulletin.core.faces", "bulletin.core.months", "bulletin.core.privacy"]

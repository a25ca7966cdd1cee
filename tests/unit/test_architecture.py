"""The package's architecture rules, checked like any other behaviour.

* Imports: the contracts in .importlinter (layers top to bottom, synth on core only, no
  import cycles inside a package), run with the project's ``lint-imports`` — and shown to
  fail on a copy of the package with a deliberately added upward import or cycle.
* Sizes: no module over 400 lines, no function over 60 lines, except the ones named in
  ``SIZE_ALLOWED`` with the reason (the README quotes this list).
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support.paths import ROOT

LIB = ROOT / "lib"
CONFIG = ROOT / ".importlinter"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60

# qualified name: why it is longer than the rule allows. Shrink the code, then the list:
# an entry that no longer exceeds its limit fails the test until it is removed.
SIZE_ALLOWED = {
    "bulletin.ingest.unit_stats.read_unit_stats": "one pass over a sheet's rows that finds the "
                                                  "two-row header and reads the data rows under "
                                                  "it; not yet split into row-level helpers",
}


# --------------------------------------------------------------------------- imports


def lint_imports(cwd: Path, pythonpath: Path | None = None) -> subprocess.CompletedProcess:
    """Run the contracts of .importlinter; with ``pythonpath`` first on the path, so that the
    ``bulletin`` found there is the one analysed. Writes nothing (no cache)."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    if pythonpath is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(pythonpath),
                                                          env.get("PYTHONPATH")]))
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--no-logo", str(CONFIG)], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=300, check=False)


def test_import_contracts_are_kept():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.fixture
def package_copy(tmp_path) -> Path:
    """A copy of lib/bulletin under tmp_path/lib, for a test to break."""
    shutil.copytree(LIB / "bulletin", tmp_path / "lib" / "bulletin",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path / "lib"


def add_line(lib: Path, module: str, line: str) -> None:
    path = lib.joinpath(*module.split(".")).with_suffix(".py")
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{line}\n",
                    encoding="utf-8")


def broken(lib: Path) -> str:
    """The contracts' report on the copy in ``lib``, which must fail."""
    result = lint_imports(lib.parent, pythonpath=lib)
    assert result.returncode != 0, result.stdout + result.stderr
    return result.stdout


def test_the_copy_alone_keeps_the_contracts(package_copy):
    result = lint_imports(package_copy.parent, pythonpath=package_copy)
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_upward_import_breaks_the_layers(package_copy):
    add_line(package_copy, "bulletin.core.units", "from bulletin.report import fmt  # noqa")
    report = broken(package_copy)
    assert "Layers: import only from the same layer or below BROKEN" in report
    assert "bulletin.core is not allowed to import bulletin.report" in report
    assert "bulletin.core.units -> bulletin.report.fmt" in report


def test_an_import_of_the_facade_from_below_breaks_the_layers(package_copy):
    # bulletin/__init__.py imports lazily, inside __getattr__; a core module reaching
    # for the facade still depends on the layers above through it.
    add_line(package_copy, "bulletin.core.months",
             "def _late():\n    from bulletin import open_month\n\n    return open_month")
    report = broken(package_copy)
    assert "bulletin.core is not allowed to import bulletin.report" in report
    assert "bulletin.core.months -> bulletin (" in report


def test_synth_may_not_use_the_readers(package_copy):
    add_line(package_copy, "bulletin.synth.cases", "from bulletin.ingest import readers  # noqa")
    report = broken(package_copy)
    assert "synth uses core only (not the readers it is tested against) BROKEN" in report
    assert "bulletin.synth.cases -> bulletin.ingest.readers" in report


@pytest.mark.parametrize(("module", "line", "package", "cycle"), [
    # ingest.dataset imports ingest.files: files importing dataset closes a cycle
    ("bulletin.ingest.files", "from bulletin.ingest import dataset  # noqa",
     "bulletin.ingest", [".files -> .dataset", ".dataset -> .files"]),
    # report.month imports report.findings, which imports report.fmt
    ("bulletin.report.fmt", "from bulletin.report import month  # noqa",
     "bulletin.report", [".fmt -> .month", ".month -> .findings", ".findings -> .fmt"]),
    # one level down: sections.registry imports every section, each imports sections.common
    ("bulletin.report.sections.common", "from bulletin.report.sections import registry  # noqa",
     "bulletin.report.sections", [".common -> .registry", ".registry -> .hall",
                                  ".hall -> .common", ".registry -> .items", ".items -> .common",
                                  ".registry -> .operation", ".operation -> .common",
                                  ".registry -> .scores", ".scores -> .common",
                                  ".registry -> .targets", ".targets -> .common"]),
])
def test_a_cycle_inside_a_layer_is_caught(package_copy, module, line, package, cycle):
    add_line(package_copy, module, line)
    report = broken(package_copy)
    assert "No import cycles inside a package, at any depth BROKEN" in report
    assert f"No cycles are allowed in {package}." in report
    # the contract names the imports whose removal would break the cycle: one of its edges
    named = report.split(f"No cycles are allowed in {package}.")[1].split("No cycles")[0]
    assert any(edge in named for edge in cycle), named


# --------------------------------------------------------------------------- sizes


def sizes() -> dict[str, tuple[str, int, int]]:
    """Qualified name → (kind, lines, limit) of every module and function over its limit."""
    over: dict[str, tuple[str, int, int]] = {}

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                name = f"{prefix}.{child.name}"
                lines = child.end_lineno - child.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    over[name] = ("function", lines, MAX_FUNCTION_LINES)
                visit(child, name)
            elif isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}.{child.name}")

    for path in sorted((LIB / "bulletin").rglob("*.py")):
        module = ".".join(path.relative_to(LIB).with_suffix("").parts).removesuffix(".__init__")
        text = path.read_text(encoding="utf-8")
        lines = len(text.splitlines())
        if lines > MAX_MODULE_LINES:
            over[module] = ("module", lines, MAX_MODULE_LINES)
        visit(ast.parse(text), module)
    return over


def test_module_and_function_sizes():
    over = sizes()
    unexplained = [f"{name}: {kind} of {lines} lines (limit {limit})"
                   for name, (kind, lines, limit) in sorted(over.items())
                   if name not in SIZE_ALLOWED]
    assert not unexplained, ("split these, or add them to SIZE_ALLOWED with the reason:\n"
                             + "\n".join(unexplained))
    stale = sorted(set(SIZE_ALLOWED) - set(over))
    assert not stale, f"within the limits now, remove from SIZE_ALLOWED: {stale}"


def test_test_modules_have_unique_basenames():
    # The test folders are not packages (rootdir imports): two test_x.py in different
    # folders break collection on a fresh clone ("import file mismatch").
    names: dict[str, list[str]] = {}
    for path in (ROOT / "tests").rglob("test_*.py"):
        names.setdefault(path.name, []).append(str(path.relative_to(ROOT)))
    assert {n: p for n, p in names.items() if len(p) > 1} == {}

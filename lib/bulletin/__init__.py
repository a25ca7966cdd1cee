"""bulletin: the monthly 政务服务运行情况通报, computed from the platform's exports.

The path of data is the architecture, and the subpackages are its layers (each imports
only the layers below it; ``make lint`` checks it)::

    core/        months, the catalogue of figures, config, working days, errors
    ingest/      dataset folders, files, readers, validation, the registry
    facts/       the unit_month facts (one validated pass into a small cube)
    indicators/  roll-ups, rates from summed counts, comparisons, rankings, problem
                 rules and input checks (numbers)
    report/      the pipeline (open → validate → facts → indicators → sections →
                 outputs), the month model and its one loader, formatting, the wording of
                 findings, and the sections of each kind of bulletin, one home each
    publish/     executed notebooks → PDF (pandoc + typst, or Quarto), Word and the site
    synth/       the synthetic sample dataset (uses core only)
    cli.py       the ``bulletin`` command

Each package's ``__init__`` names what it offers and lists its modules.

For exploring in Jupyter (``make lab``; notebooks/explore.ipynb has worked questions)::

    import bulletin
    b = bulletin.open_month("data/synthetic", "2021-04")
    b.unit_table()                          # units of the month, Chinese column labels
    b.unit_table("department")              # one level: 市级部门 (also county, town …)
    b.rollup_table()                        # 全市, 市本级, 各县（市、区）, each county
    b.changes("按时办结率", "department")    # this month against the previous, per unit
    b.changes("applied", by="scope")        # … per roll-up scope (earlier=b.year_ago: 同比)
    b.ranking("办结件", "county", n=5)      # the five counties that completed most
    b.series("大竹县", "办结件", "按时办结率")  # a scope or unit, every month held
    b.findings_table()                      # problem candidates and stated-total checks

Figures are named by key or by Chinese label (``bulletin.LABELS``); rates are fractions.

The names below are imported on first use, so ``import bulletin`` stays cheap for the
command line (the report layer pulls in altair and great-tables).
"""

from __future__ import annotations

import os
from importlib import import_module
from typing import TYPE_CHECKING

__version__ = "0.1.0"

# numpy's OpenBLAS starts a worker thread per core that spins after numpy is imported
# (~0.14 CPU-s a process on this project's 2-core machine, whatever the command does).
# bulletin does no linear algebra: one thread. Set before anything imports numpy; a value
# already in the environment is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

# Before anything imports jsonschema (altair in a notebook's kernel, nbformat in publish):
# its IRI grammars are built when first used, not at import (core.deferred).
import_module("bulletin.core.deferred").defer_iri_grammar()

_EXPORTS = {
    "open_month": "bulletin.report.loader",
    "available_months": "bulletin.report.loader",
    "MonthlyBulletin": "bulletin.report.month",
    "Dataset": "bulletin.ingest.dataset",
    "FIGURES": "bulletin.core.definitions",
    "LABELS": "bulletin.core.definitions",
    "Figure": "bulletin.core.definitions",
    "UNIT_LEVELS": "bulletin.core.units",
    "BulletinError": "bulletin.core.errors",
    "InputError": "bulletin.core.errors",
    "ConfigError": "bulletin.core.errors",
    "PublishError": "bulletin.core.errors",
    "Problem": "bulletin.core.errors",
    "fmt_rate": "bulletin.report.fmt",
    "publish_many": "bulletin.publish.runner",
}

__all__ = [
    "FIGURES",
    "LABELS",
    "UNIT_LEVELS",
    "BulletinError",
    "ConfigError",
    "Dataset",
    "Figure",
    "InputError",
    "MonthlyBulletin",
    "Problem",
    "PublishError",
    "__version__",
    "available_months",
    "fmt_rate",
    "open_month",
    "publish_many",
]
assert set(__all__) == {*_EXPORTS, "__version__"}

if TYPE_CHECKING:  # for type checkers and editors; at run time names load lazily
    from bulletin.core.definitions import FIGURES, LABELS, Figure
    from bulletin.core.errors import BulletinError, ConfigError, InputError, Problem, PublishError
    from bulletin.core.units import UNIT_LEVELS
    from bulletin.ingest.dataset import Dataset
    from bulletin.publish.runner import publish_many
    from bulletin.report.fmt import fmt_rate
    from bulletin.report.loader import available_months, open_month
    from bulletin.report.month import MonthlyBulletin


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'bulletin' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)

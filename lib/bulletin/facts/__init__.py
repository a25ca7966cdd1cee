"""The unit_month facts: additive counts per (month, registry unit), from case data in one
validated streaming pass or from the aggregated exports (docs/definitions.md, section 4,
lists the columns), and the same facts as SQL for a distributed engine. Imports ``core``
and ``ingest``. The names below are its face.

Modules::

    cube     the facts of case and evaluation rows: one lazy pass into a small cube
    build    the facts of a dataset over months (cases, or unit_stats exports), the
             承诺件 items beside them, and the months a dataset holds
    sql      the facts as DuckDB or Spark SQL over partitioned Parquet (docs/scale.md)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bulletin.core.faces import lazy

_EXPORTS = {
    "case_facts": "bulletin.facts.build",
    "facts_for": "bulletin.facts.build",
    "months_in": "bulletin.facts.build",
    "FACT_COLUMNS": "bulletin.facts.cube",
    "DIALECTS": "bulletin.facts.sql",
    "write_query": "bulletin.facts.sql",
}
__all__ = [
    "DIALECTS",
    "FACT_COLUMNS",
    "case_facts",
    "facts_for",
    "months_in",
    "write_query",
]

if TYPE_CHECKING:  # for readers and type checkers; at run time names load lazily
    from bulletin.facts.build import case_facts, facts_for, months_in
    from bulletin.facts.cube import FACT_COLUMNS
    from bulletin.facts.sql import DIALECTS, write_query

__getattr__, __dir__ = lazy(__name__, _EXPORTS)

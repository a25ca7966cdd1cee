"""The bottom layer: what every other layer shares and nothing of bulletin beneath it —
months, the catalogue of figures and its counting rules, ``dataset.yml``, working days,
the unit levels, ``meta.json`` and where its figures came from, personal data, the
typography of printed text, fonts, paths and the errors a user sees. It reads no input
data. The names below are its face; the layers above may also import a module directly.

Modules::

    errors         BulletinError and below it InputError (with its Problems), ConfigError,
                   PublishError (with the step that failed)
    months         YYYY-MM months, their keys, 上月 and 上年同月, months typed by people
    definitions    the catalogue of figures (FIGURES): key, label, kind, unit, 口径
    definitions_doc  docs/definitions.md, generated from the catalogue (make docs)
    counting       the counting rules that hold for many figures at once
    config         the dataset.yml model, checked at the start of every run
    config_scores  its parts for the 考核得分 annexes and the 目标跟踪 of items
    config_print   the strings of dataset.yml the bulletin prints, typeset
    document       the kind of document (简报 or 公文 under GB/T 9704) and its 发文字号
    workdays       working days of the official calendar (调休 included), as an index
    units          the levels of the unit registry and the names of the roll-up scopes
    findings       a finding: a problem candidate or an input inconsistency
    meta           meta.json: what an executed month tells the renderers
    blocks         the bulletin's blocks as values (text, tables with cells, charts), in meta.json
    provenance     the provenance of meta.json: the inputs a month read, hashed
    privacy        ID and mobile numbers recognised, masked and refused
    invisible      invisible format characters refused where text is read
    typography     the analyst's text as printed (full-width punctuation, one minus)
    phrases        where a line of Chinese text may break, and how wide text is
    cell_breaks    a table's body cell in lines: a name between its phrases, a sentence as text
    table_widths   one rule for the columns' widths of a printed table (PDF and Word)
    width_search   the search behind those widths: the fewest lines within the room
    proofread      slips an office would want to see (repeated characters, near names)
    spreadsheet    text made safe for a spreadsheet cell
    fonts          where the open CJK fonts are
    paths          the project root and a dataset folder named relative to it
    faces          the lazy face of a package (the __getattr__ of these faces)
    deferred       start-up work deferred to first use (jsonschema's IRI grammars), and
                   work done once a process, a second thread waiting for the first
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bulletin.core.faces import lazy

_EXPORTS = {
    "BulletinError": "bulletin.core.errors",
    "ConfigError": "bulletin.core.errors",
    "InputError": "bulletin.core.errors",
    "Problem": "bulletin.core.errors",
    "PublishError": "bulletin.core.errors",
    "MonthError": "bulletin.core.months",
    "month_cn": "bulletin.core.months",
    "parse_month": "bulletin.core.months",
    "previous_month": "bulletin.core.months",
    "year_ago": "bulletin.core.months",
    "FIGURES": "bulletin.core.definitions",
    "LABELS": "bulletin.core.definitions",
    "Figure": "bulletin.core.definitions",
    "DatasetConfig": "bulletin.core.config",
    "load_config": "bulletin.core.config",
    "Calendar": "bulletin.core.workdays",
    "UNIT_LEVELS": "bulletin.core.units",
    "Finding": "bulletin.core.findings",
    "MonthMeta": "bulletin.core.meta",
    "read_meta": "bulletin.core.meta",
    "project_root": "bulletin.core.paths",
    "resolve_dataset": "bulletin.core.paths",
}
__all__ = [
    "FIGURES",
    "LABELS",
    "UNIT_LEVELS",
    "BulletinError",
    "Calendar",
    "ConfigError",
    "DatasetConfig",
    "Figure",
    "Finding",
    "InputError",
    "MonthError",
    "MonthMeta",
    "Problem",
    "PublishError",
    "load_config",
    "month_cn",
    "parse_month",
    "previous_month",
    "project_root",
    "read_meta",
    "resolve_dataset",
    "year_ago",
]

if TYPE_CHECKING:  # for readers and type checkers; at run time names load lazily
    from bulletin.core.config import DatasetConfig, load_config
    from bulletin.core.definitions import FIGURES, LABELS, Figure
    from bulletin.core.errors import BulletinError, ConfigError, InputError, Problem, PublishError
    from bulletin.core.findings import Finding
    from bulletin.core.meta import MonthMeta, read_meta
    from bulletin.core.months import MonthError, month_cn, parse_month, previous_month, year_ago
    from bulletin.core.paths import project_root, resolve_dataset
    from bulletin.core.units import UNIT_LEVELS
    from bulletin.core.workdays import Calendar

__getattr__, __dir__ = lazy(__name__, _EXPORTS)

"""Reading a dataset folder (docs/inputs.md): its files, the CSV/XLSX/Parquet readers and
the shared sheet reader, row validation with quarantine, the unit registry, and the
reading halves of the scores, items, hall, targets and given-tables inputs. Imports only
``core``. The names below are its face; the layers above may also import a module
directly.

Modules::

    dataset      a dataset folder: config, registry, input files, validated once (Dataset)
    files        which files of a folder are inputs, and how a path is shown
    readers      the exports read into polars frames with canonical column names
    encoding     a CSV's bytes as text (UTF-8, BOM, GB18030), bad bytes named, in pieces
    grid         a CSV of any size as a grid of text cells (a temporary Parquet file)
    workbook     an XLSX sheet of any size read in pieces, each by fastexcel
    shared_strings  the shared strings of an XLSX, found by their places for those pieces
    parquet      damaged Parquet pages named by file, row group and column
    layout       where an export's table starts: title rows, two-row headers
    cells        cells as exports write them (full-width digits, Excel dates)
    schema       the inputs' columns: canonical names, Chinese headers, enumerations
    typed        cells typed: date-times, whole numbers, mapped spellings; has a value
    rules        every rule of a case or evaluation row, a polars expression
    validate     the typed, checked rows of an input (lazy) and their quarantine
    distinct     the duplicate-id check, in pieces on disk above a few million ids
    registry     the unit registry (单位名录), a tree, in order
    month        what one month reads besides its facts, read once (MonthInputs)
    provenance   the input files a month reads, hashed, for meta.json
    sheets       the shared sheet reader of the province's tables
    unit_stats   the aggregated 运行情况表 export and the facts it gives
    scores       考核得分 (scores/)
    items        事项清单 indicators (items/)
    hall         实体大厅 and 便民服务中心 counts (hall/)
    targets      目标跟踪 (targets/)
    tables       tables an input gives as printed (tables/YYYY-MM/)
    attachments  documents the office supplies as annexes (attachments/YYYY-MM/*.md)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bulletin.core.faces import lazy

_EXPORTS = {
    "Dataset": "bulletin.ingest.dataset",
    "Ingestion": "bulletin.ingest.dataset",
    "MonthInputs": "bulletin.ingest.month",
    "Registry": "bulletin.ingest.registry",
    "read_registry": "bulletin.ingest.registry",
}
__all__ = [
    "Dataset",
    "Ingestion",
    "MonthInputs",
    "Registry",
    "read_registry",
]

if TYPE_CHECKING:  # for readers and type checkers; at run time names load lazily
    from bulletin.ingest.dataset import Dataset, Ingestion
    from bulletin.ingest.month import MonthInputs
    from bulletin.ingest.registry import Registry, read_registry

__getattr__, __dir__ = lazy(__name__, _EXPORTS)

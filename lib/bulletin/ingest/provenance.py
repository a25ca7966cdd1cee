"""The input files a month reads, hashed, for its ``meta.json`` (``core.provenance``).

Which files a month reads:

* the registry (units.csv, units.xlsx or units.parquet);
* case-level data: every file of cases/ and evaluations/ (a case counts in the month it
  was applied, accepted or completed, whatever file it is in), each with its rows read,
  used and quarantined as the month's ingestion counted them;
* aggregated exports: the unit_stats/ files of the months the bulletin compares with (the
  year before the month up to the month: 同比, 累计);
* scores/ of the month and the month before (rank changes); items/, hall/ and targets/ of
  the month; the documents of attachments/YYYY-MM/.

dataset.yml and notes/YYYY-MM.md are recorded with their hashes beside the inputs.
"""

from __future__ import annotations

from pathlib import Path

from bulletin.core.months import file_month, previous_month, year_ago
from bulletin.core.provenance import (
    InputFile,
    Provenance,
    file_sha256,
    hashed,
    now,
    relative_path,
    tool_commit,
    tool_version,
)
from bulletin.ingest.attachments import month_folder
from bulletin.ingest.dataset import Dataset, Ingestion
from bulletin.ingest.files import input_files

REGISTRY_NAMES = ("units.csv", "units.xlsx", "units.parquet")



def _named_for(folder: Path, months: set[str] | tuple[str, str]) -> list[Path]:
    """The files of ``folder`` named by one of ``months`` (a set), or by a month in the
    range (first, last) given as a tuple."""
    out = []
    for path in input_files(folder):
        named = file_month(path.stem)
        if not named:
            continue
        month = named[0]
        inside = months[0] <= month <= months[1] if isinstance(months, tuple) else month in months
        if inside:
            out.append(path)
    return out


def files_read(ds: Dataset, month: str) -> list[Path]:
    """The input files ``month`` of ``ds`` reads (see the module's docstring), in order."""
    folder = ds.folder
    registry = next((folder / n for n in REGISTRY_NAMES if (folder / n).exists()), None)
    paths = [registry] if registry is not None else []
    if ds.case_files:
        paths += ds.case_files + ds.evaluation_files
    elif ds.unit_stats_files:
        paths += _named_for(folder / "unit_stats", (year_ago(month), month))
    paths += _named_for(folder / "scores", {previous_month(month), month})
    for name in ("items", "hall", "targets"):
        paths += _named_for(folder / name, {month})
    where = month_folder(folder, month)
    paths += sorted(where.glob("*.md")) if where.is_dir() else []
    return paths


def _counts(ingestion: Ingestion) -> dict[Path, tuple[int, int, int]]:
    """(read, used, quarantined) per file, its worksheets added up."""
    out: dict[Path, tuple[int, int, int]] = {}
    for f in ingestion.files:
        key = Path(f.path).resolve()
        read, used, quarantined = out.get(key, (0, 0, 0))
        out[key] = (read + f.read, used + f.used, quarantined + f.quarantined)
    return out


def month_inputs(ds: Dataset, month: str, ingestion: Ingestion) -> list[InputFile]:
    """Each file ``month`` reads with its size, SHA-256 and, where counted, its rows."""
    counts = _counts(ingestion)
    out = []
    for path in files_read(ds, month):
        rows = counts.get(path.resolve())
        read, used, quarantined = rows if rows is not None else (None, None, None)
        out.append(InputFile(path=relative_path(path, ds.folder), size=path.stat().st_size,
                             sha256=file_sha256(path), read=read, used=used,
                             quarantined=quarantined))
    return out


def month_provenance(ds: Dataset, month: str, ingestion: Ingestion,
                     parameters: dict[str, str]) -> Provenance:
    """The provenance of ``month``: its inputs, dataset.yml and notes hashed, the tool's
    version and commit, ``parameters`` (the notebook's) and the time."""
    commit, modified = tool_commit()
    return Provenance(
        inputs=month_inputs(ds, month, ingestion),
        config=hashed(ds.folder / "dataset.yml", ds.folder),
        notes=hashed(ds.folder / "notes" / f"{month}.md", ds.folder),
        tool_version=tool_version(), tool_commit=commit, tool_modified=modified,
        parameters={key: str(value) for key, value in parameters.items()}, created=now())


__all__ = ["files_read", "month_inputs", "month_provenance"]

"""The one way to open a month: ``open_month(dataset, month)``, the first four steps of
the pipeline (``report.pipeline``), each a function of the value the step before returns:

    open_dataset → validate → month_facts → indicators
    (Opened)       (MonthInputs) (MonthFacts) (MonthlyBulletin)

The notebook, the CLI, the tests and an explorer in Jupyter all call it. It opens the
dataset folder (config and registry), reads and validates the inputs once, and returns
the :class:`MonthlyBulletin` holding the facts of the month and of the months it is
compared with. The model itself never reads files.

A dataset with cases/ or unit_stats/ gives unit_month facts; a dataset with only the
later inputs of seeds 001-004 (scores/, items/, hall/, targets/) gives a model with empty
facts (one row per registry unit) whose sections read those inputs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from bulletin.core.errors import InputError, Problem
from bulletin.core.months import file_month, key_of, month_of, parse_month, year_ago
from bulletin.core.paths import resolve_dataset
from bulletin.facts.build import facts_for, months_in
from bulletin.ingest.dataset import Dataset, Ingestion
from bulletin.ingest.files import FACT_FOLDERS, MONTH_NAMED_FOLDERS, input_files
from bulletin.ingest.month import MonthInputs, read_month_inputs
from bulletin.report.month import MonthlyBulletin


def input_months(folder: Path) -> list[str]:
    """Months named by the files of scores/, items/, hall/ and targets/ (YYYY-MM…)."""
    months = set()
    for name in MONTH_NAMED_FOLDERS:
        for path in input_files(Path(folder) / name):
            named = file_month(path.stem)
            if named:
                months.add(named[0])
    return sorted(months)


def has_engine_input(folder: Path) -> bool:
    """True when the dataset has case data or aggregated exports (unit_month facts)."""
    folder = Path(folder)
    return any(input_files(folder / name) for name in FACT_FOLDERS)


def months_of(dataset: Dataset) -> list[str]:
    """Every month the dataset can publish, oldest first."""
    if has_engine_input(dataset.folder):
        return months_in(dataset)
    return input_months(dataset.folder)


def available_months(folder: str | Path, root: Path | str | None = None) -> list[str]:
    """Every month a dataset folder can publish, oldest first."""
    return months_of(Dataset.open(resolve_dataset(folder, root)))


@dataclass(frozen=True)
class Opened:
    """Step 1's value: a dataset open (dataset.yml checked, units.csv read) and a month it
    holds."""

    dataset: Dataset
    month: str  # YYYY-MM, parsed
    available: list[str]  # every month the dataset can publish, oldest first


@dataclass
class MonthFacts:
    """Step 3's value: the unit_month facts of the month and of the months it is compared
    with, and what reading them set aside (quarantined rows, files not read)."""

    table: pl.DataFrame
    ingestion: Ingestion


def open_dataset(dataset: str | Path, month: str, *, root: Path | str | None = None,
                 strict: bool = False) -> Opened:
    """Step 1, open: the dataset folder and ``month`` (YYYY-MM) of it.

    ``dataset`` is absolute, relative to the current directory, or relative to the
    project root (``root``, else found upward from the current directory). ``strict``
    rejects an input with bad rows instead of quarantining them.
    """
    folder = resolve_dataset(dataset, root)
    # The month first, before anything is read; a message names the dataset folder whole.
    month = parse_month(month, where=f"数据集文件夹 {folder}")
    return month_of_dataset(Dataset.open(folder, strict=strict), month)


def month_of_dataset(ds: Dataset, month: str) -> Opened:
    """``month`` (already parsed) of a dataset already open, or an InputError naming the
    months the dataset holds."""
    available = months_of(ds)
    if month not in available:
        raise InputError(Problem(str(ds.folder), None, None, month,
                                 f"数据集中已有数据的月份（{describe_months(available, month)}）",
                                 place="数据集文件夹"))
    return Opened(ds, month, available)


def validate(opened: Opened) -> MonthInputs:
    """Step 2, validate: the month's tables (scores/, items/, hall/, targets/, tables/) and
    documents (attachments/) read and checked once, and the values dataset.yml states for
    them parsed; a table that cannot be read is the InputError naming its file, row and
    column."""
    return read_month_inputs(opened.dataset, opened.month, opened.available)


def month_facts(opened: Opened) -> MonthFacts:
    """Step 3, facts: the unit_month facts from cases/ or unit_stats/, their rows checked
    as they are summed (bad rows quarantined, or refused when ``strict``). A dataset with
    only the later inputs of seeds 001-004 has one row per registry unit and no figures."""
    ds, month, available = opened.dataset, opened.month, opened.available
    if not has_engine_input(ds.folder):
        names = ds.registry.names
        table = pl.DataFrame({"month": [month] * len(names), "unit": names},
                             schema={"month": pl.String, "unit": pl.String})
        return MonthFacts(table, Ingestion())
    # 同比 needs the same month a year ago; 累计 needs January: the year-ago month is
    # the earlier of the two.
    first = max(available[0], year_ago(month))
    ingestion = Ingestion()
    # A month without data inside the span is no part of the facts: not the base of 环比,
    # not a part of 累计 (which is then not given), never zeros.
    table = facts_for(ds, first, month, ingestion).filter(pl.col("month").is_in(available))
    return MonthFacts(table, ingestion)


def indicators(opened: Opened, inputs: MonthInputs, facts: MonthFacts) -> MonthlyBulletin:
    """Step 4, indicators: the month model over the facts and the tables — roll-ups,
    rates from summed counts, comparisons, rankings and findings (``bulletin.indicators``),
    each computed when first asked for."""
    return MonthlyBulletin(opened.dataset, opened.month, facts.table, opened.available,
                           inputs, facts.ingestion)


def open_month(dataset: str | Path, month: str, *, root: Path | str | None = None,
               strict: bool = False) -> MonthlyBulletin:
    """The bulletin model of ``month`` (YYYY-MM) of a dataset folder: steps 1 to 4
    (``open_dataset``, ``validate``, ``month_facts``, ``indicators``) in one call."""
    opened = open_dataset(dataset, month, root=root, strict=strict)
    return indicators(opened, validate(opened), month_facts(opened))


def bulletin_of(ds: Dataset, month: str) -> MonthlyBulletin:
    """``open_month`` of a dataset already open (``month`` already parsed): the inputs it
    validated are shared by every month asked of it (publish checks each month before
    running any notebook)."""
    opened = month_of_dataset(ds, month)
    return indicators(opened, validate(opened), month_facts(opened))


def describe_months(available: list[str], month: str) -> str:
    """「已有：2020-10 至 2021-04，其中 2020-12 无数据」: the months a dataset holds."""
    if not available:
        return "数据集中没有任何月份的数据"
    text = f"已有：{available[0]} 至 {available[-1]}"
    span = [month_of(k) for k in range(key_of(available[0]), key_of(available[-1]) + 1)]
    gaps = [m for m in span if m not in available]
    if gaps:
        text += f"，其中 {'、'.join(gaps)} 无数据"
    return text

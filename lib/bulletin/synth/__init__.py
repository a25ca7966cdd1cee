"""A deterministic synthetic case-level dataset shaped like seed 000's annexes.

``bulletin synth --out DIR --from 2020-10 --to 2021-04 --scale 0.02 --seed 7`` writes a
dataset folder (docs/inputs.md, section 1) for the 49 units of ``data/seed000/units.csv``:

* volumes: at scale 1.0 about 250,000 cases a month city-wide, split over the units by
  the 申请 column of seed 000's annex 1 and 2 (units with 0 there get a tiny volume or
  none), with their 承诺件, 线上 and 主动评价 shares from the same annexes;
* time: applications mostly on working days (the official calendar, so the 2021 Spring
  Festival, Feb 11-17, shows as a dip); acceptance on or after the application, completion
  a number of *working days* after acceptance (core.workdays.Calendar); acceptances
  and completions fall on working days except a few duty-day ones; some overdue cases,
  some 即办件 (promised 0), legal ≥ promised; cases not yet accepted or completed at the
  end of the period, and cases completed in a later month;
* 申请方式 in the platform's words (线上, 网上, 网办, 在线, 线下, 窗口, 现场, 大厅), unit
  names sometimes in an alias spelling;
* evaluations: ~32 % of completions get a 主动评价, some a 回访评价, 0.01-0.5 % bad, most
  of those rectified;
* personal data columns (申请人姓名, 身份证号, 联系电话) with fake but realistic values,
  so that tests can prove they never leave the readers.

Files: cases split by month of application over the reader's formats (most months
Parquet, one CSV in GBK, one CSV UTF-8 with BOM, one XLSX, all with Chinese headers);
evaluations as Parquet. ``single_parquet=True`` writes all cases into one
``cases/cases.parquet`` instead (the benchmark's input).

Everything is drawn from one ``numpy.random.Generator`` seeded with ``seed``, in a fixed
order, so the same arguments give byte-identical files.

Uses ``core`` only (not the readers it is tested against). Its face offers ``generate``.

Modules::

    dataset    generate: the dataset folder, the case files in each format, evaluations
    cases      one month's cases and evaluations, drawn in a fixed order
    units      the units with their volumes and shares, and their items
    days       day numbers, the months of a range, working days
    tables     seed 000's annex shares, words, names and headers
"""

from __future__ import annotations

from bulletin.synth.dataset import generate

__all__ = ["generate"]

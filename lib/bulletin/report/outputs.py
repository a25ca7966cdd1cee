"""What the notebook writes beside itself: ``meta.json`` (title block, 版记, headline
figures) and the annex downloads.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from bulletin.core.definitions import known
from bulletin.core.units import CITY
from bulletin.report.annexes import write_annex_files
from bulletin.report.fmt import fmt_rate
from bulletin.report.month import MonthlyBulletin
from bulletin.report.sections.common import profile_title

HEADLINE = [("申请件", "applied", False), ("受理件", "accepted", False),
            ("办结件", "completed", False), ("超时办结件", "completed_overdue", False),
            ("按时办结率", "on_time_rate", True), ("提前办结率", "promise_early_rate", True),
            ("线上申请占比", "online_share", True), ("主动评价数", "active_evaluations", False),
            ("主动评价率", "active_evaluation_rate", True)]


@dataclass
class Written:
    meta: Path
    downloads: list[str]


def write_outputs(b: MonthlyBulletin, out_dir: str | Path) -> Written:
    """meta.json (title block, 版记, headline figures) and the annex downloads."""

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    has_facts = "applied" in b.facts.columns
    downloads = write_annex_files(b, out) if has_facts else []
    city = b.scope(CITY) if has_facts else {}
    headline = {}
    for label, key, is_rate in HEADLINE:
        value = city.get(key)
        if not known(value):
            continue
        headline[label] = float(value) if is_rate else int(value)
    c = b.config
    meta = {
        "month": b.month,
        "dataset": b.dataset_name,
        "profile_title": f"{c.region}{profile_title(c)}",
        "title_lines": title_lines(f"{c.region}{profile_title(c)}"),
        "authority": c.authority,
        "issue_label": b.issue_label,
        "issue_date": b.issue_date_label,
        "distribution": {"报": c.distribution.report_to, "送": c.distribution.copy_to,
                         "发": c.distribution.issue_to},
        "headline": headline,
        "headline_display": {k: (fmt_rate(v) if isinstance(v, float) else str(v))
                             for k, v in headline.items()},
        "downloads": downloads,
    }
    path = out / "meta.json"
    path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    return Written(path, downloads)


def title_lines(title: str) -> list[str]:
    """Seed 000 breaks its title before 情况通报: '…平台运行' / '情况通报'."""
    if title.endswith("情况通报") and len(title) > 8:
        return [title[:-4], "情况通报"]
    return [title]

"""``bulletin issue --dataset DIR --month YYYY-MM``: the final of a published draft.

``bulletin publish`` makes a draft (meta.json ``status: draft``; 「征求意见稿」 on the PDF,
the Word file and the site). ``issue`` makes the final of that same month without
executing it again: it checks that the inputs are the ones the draft was computed from
(``compare_inputs`` against the draft's meta.json; any change: publish again), that no
review item blocks it (``report.sections.signoff``: each acknowledged under ``## 已核实`` in the
month's notes), then renders the month as ``render`` does with meta.json's status
``issued`` — the PDF, Word file and site pages without the draft marks.

An issued month is frozen (publish.frozen); ``--revise`` (publish.revise) issues it again
from new data, the earlier issue kept beside it.
"""

from __future__ import annotations

import json
from pathlib import Path

from bulletin.core.errors import PublishError
from bulletin.core.meta import META_NAME, read_meta
from bulletin.publish.compare import compare_inputs
from bulletin.publish.render import REPORTS, executed_month, render_month
from bulletin.publish.runner import PublishResult


def month_folder(dataset: Path, month: str, reports: Path = REPORTS) -> Path:
    """reports/<dataset>/<month>/ as published, or a PublishError saying to publish it."""
    folder = Path(reports) / Path(dataset).resolve().name / month
    if not (folder / META_NAME).is_file():
        raise PublishError(f"{folder} 中没有已发布的 {month}：请先发布征求意见稿"
                           f"（bulletin publish --dataset {dataset} --month {month}）")
    return executed_month(folder)


def _unchanged_inputs(folder: Path, b) -> None:
    """The draft's inputs are today's, else a PublishError naming what changed."""
    from bulletin.ingest.provenance import month_provenance

    draft = read_meta(folder / META_NAME).provenance
    republish = f"请重新发布（bulletin publish --dataset {b.dataset.folder} --month {b.month}）后再印发"
    if draft is None:
        raise PublishError(f"{folder / META_NAME} 未记录输入文件的哈希（旧版 bulletin 发布）：{republish}")
    now = month_provenance(b.dataset, b.month, b.ingestion, {})
    changes = compare_inputs(draft, now)
    if changes:
        lines = "\n".join(f"  - {change.line()}" for change in changes)
        raise PublishError(f"征求意见稿发布后输入已改变，不能直接印发：\n{lines}\n{republish}")


def month_blockers(b, folder: Path, accepted: list[str] | None = None) -> list:
    """The month's blockers (report.sections.signoff), acknowledged or not, as its review
    lists them; ``accepted``: the losses accepted (default: those recorded in ``folder``)."""
    from bulletin.report.losses import read_accepted
    from bulletin.report.sections.common import review_items
    from bulletin.report.sections.registry import profile_blocks
    from bulletin.report.sections.review import input_reviews
    from bulletin.report.sections.signoff import blockers

    accepted = read_accepted(folder) if accepted is None else accepted
    blocks = profile_blocks(b, skip=("title",))
    return blockers(b, input_reviews(b, accepted) + review_items(blocks), accepted)


def refuse_blocked(found: list, month: str) -> None:
    open_items = [x for x in found if not x.acknowledged]
    if open_items:
        lines = "\n".join(f"  {n}. {x.line()}" for n, x in enumerate(open_items, 1))
        raise PublishError(
            f"{month} 不能印发：核查清单中有 {len(open_items)} 项未核实——\n{lines}\n"
            f"核实后在 notes/{month}.md 的「## 已核实」下逐项列出（引用该项开头的文字，"
            "期号、印发日期写「期号」「印发日期」），重新发布征求意见稿，再印发。")


def set_status(folder: Path, status: str, **keys) -> None:
    """meta.json of ``folder`` with ``status`` and ``keys`` (its other keys as they are)."""
    path = folder / META_NAME
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(keys, status=status)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def issue_month(dataset: Path, month: str, reports: Path = REPORTS, site: Path | None = None,
                console=None) -> PublishResult:
    """The final of the published draft of ``month``: refused while the inputs changed
    since the draft or a review item blocks it; the month re-rendered as issued."""
    from bulletin.report.loader import open_month

    folder = month_folder(dataset, month, reports)
    if not read_meta(folder / META_NAME).draft:
        raise PublishError(f"{folder} 已正式印发，不再改动；新数据请用 bulletin issue --revise "
                           "「更正说明」 印发更正版")
    b = open_month(dataset, month)
    _unchanged_inputs(folder, b)
    refuse_blocked(month_blockers(b, folder), month)
    again = (f"先加 --accept-loss 重新发布征求意见稿（bulletin publish --dataset {dataset} "
             f"--month {month} --accept-loss），再印发")
    return render_month(folder, site=site, console=console, again=again,
                        prepare=lambda tmp: set_status(tmp, "issued"))

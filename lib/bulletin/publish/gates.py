"""The loss gates (report.losses) on the routes beside ``bulletin publish``.

``bulletin render`` makes a month executed by hand into its PDF, Word file and site pages:
it refuses a month whose inputs lose data as ``publish`` does (the same message, the same
``--accept-loss``), unless the month's folder already records those losses as accepted
(accepted_losses.json, written by an earlier ``publish --accept-loss`` or
``render --accept-loss``). A hand-run notebook wrote its review before anything was
accepted, so accepting rewrites the review (review.md, meta.json's counts) with the losses
accepted — and, in 签发前核实, blocking ``bulletin issue`` until acknowledged.

``bulletin preview`` builds a draft whatever the losses; its review pane and notices say
which losses are not accepted (publish and render would refuse the month).
"""

from __future__ import annotations

import json
from pathlib import Path

from bulletin.core.errors import PublishError
from bulletin.core.meta import META_NAME, read_meta
from bulletin.publish.notebook import dataset_of
from bulletin.publish.preflight import check_inputs
from bulletin.report.losses import ACCEPT_FLAG, Loss, read_accepted, refusal, write_accepted

# What a preview says of a loss not accepted (its notices and the review pane's alert).
NOT_ACCEPTED = (f"数据损失，未接受（bulletin publish 和 bulletin render 将拒绝发布本月，"
                f"除非使用 {ACCEPT_FLAG}）")


def executed_dataset(folder: Path) -> Path | None:
    """The dataset folder the month ``folder`` was executed from: papermill's ``dataset``
    parameter, else the one meta.json records; None when neither says. A dataset named but
    not found is a PublishError (the gates cannot be passed without it)."""
    folder = Path(folder)
    named = dataset_of(folder)
    if named is None:
        meta = read_meta(folder / META_NAME)
        value = meta.provenance.parameters.get("dataset") if meta.provenance else None
        named = Path(value) if value else None
    if named is not None and not named.is_dir():
        raise PublishError(f"{folder} 执行时的数据集文件夹 {named} 不存在：发布前须由它检查输入数据"
                           "有无损失；请在执行笔记本时的目录下运行，或重新执行笔记本")
    return named


def month_gate(dataset: Path, month: str, folder: Path, accept_loss: bool,
               again: str = "") -> list[Loss]:
    """The losses of ``month`` when some are not yet recorded as accepted in ``folder``
    and ``accept_loss`` accepts them (every loss of the month, for the record); [] when
    nothing is left to accept. Without ``accept_loss`` such a loss is a PublishError with
    publish's refusal (``again``: what to run instead of adding the flag, if not that)."""
    found = check_inputs(dataset, [month], accept_loss=True).get(month, [])
    before = set(read_accepted(folder))
    new = [loss for loss in found if loss.text not in before]
    if not new:
        return []
    if not accept_loss:
        raise PublishError(refusal({month: new}, again))
    return found


def passed_gates(folder: Path, accept_loss: bool, again: str, step, say) \
        -> tuple[Path | None, list[Loss]]:
    """``render``'s first step (``step``: runner.Steps): the dataset the month ``folder``
    was executed from, and the losses to accept (``month_gate``), each said; a month that
    names no dataset is said to be unchecked (None, [])."""
    source = executed_dataset(folder)
    if source is None:
        say(f"[yellow]注意[/]：{folder} 未记录执行时的数据集文件夹（笔记本的 dataset 参数），"
            "无法检查输入数据有无损失")
        return None, []
    month = Path(folder).name
    accepted = step("检查输入数据…", "check",
                    lambda: month_gate(source, month, folder, accept_loss, again))
    for loss in accepted:
        say(f"[yellow]已接受的数据损失（--accept-loss）[/]{month}：{loss.text}")
    return source, accepted


def accept_in(folder: Path, dataset: Path, month: str, losses: list[Loss]) -> None:
    """Record ``losses`` as accepted in the month ``folder`` (a copy being staged) and
    rewrite its review as the notebook would have written it with the record in place:
    review.md and the counts in meta.json."""
    from bulletin.report import pipeline
    from bulletin.report.loader import open_month
    from bulletin.report.sections.review import (
        review_counts,
        review_list,
        review_markdown,
        write_review,
    )

    write_accepted(folder, month, losses)
    b = open_month(dataset, month)
    blocks = pipeline.sections(b)
    items = review_list(b, blocks, [loss.text for loss in losses])
    write_review(review_markdown(b, blocks, items=items), folder)
    path = Path(folder) / META_NAME
    data = json.loads(path.read_text(encoding="utf-8"))
    data["review"] = review_counts(items).model_dump(mode="json")
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def unaccepted(dataset: Path, month: str, folder: Path) -> list[str]:
    """The texts of the month's losses not recorded as accepted in ``folder`` (preview)."""
    before = set(read_accepted(folder))
    found = check_inputs(dataset, [month], accept_loss=True).get(month, [])
    return [loss.text for loss in found if loss.text not in before]

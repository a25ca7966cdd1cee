"""``bulletin issue --revise "更正说明"``: an issued month issued again from new data.

The month is published again (``publish_many``, which refuses an issued month unless
revising), its new folder holding the earlier issue under ``issued/<n>/`` (and any older
ones beside it); then it is rendered as issued (``render_month``) with its 更正 line under
the masthead (meta.json ``correction``) and a revision log (meta.json ``revisions``):
every printed figure that changed (``compare_figures``: table, row, column, old, new),
shown on the month page and at the end of the review. The blockers of ``bulletin issue``
(report.sections.signoff) are checked first, on the new data; nothing is written then.

A loss of the new data (report.losses) that the issued month recorded as accepted
(``publish --accept-loss``: accepted_losses.json) stays accepted; any other loss refuses
the revision as publish refuses a month, unless ``accept_loss`` (``--revise … --accept-loss``).
Losses accepted either way are recorded in the new folder and block it until acknowledged,
as for ``bulletin issue``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from bulletin.core.errors import PublishError
from bulletin.core.meta import META_NAME, RevisedFigure, Revision, read_meta
from bulletin.publish.compare import compare_figures
from bulletin.publish.gates import month_gate
from bulletin.publish.issue import month_blockers, month_folder, refuse_blocked, set_status
from bulletin.publish.render import REPORTS, own_site, render_month
from bulletin.publish.runner import PublishResult, publish_many
from bulletin.report.sections.review import REVIEW_NAME, literal

ISSUED = "issued"  # reports/<dataset>/<month>/issued/<n>/: the earlier issues


def earlier_issues(folder: Path) -> list[Path]:
    """The earlier issues kept in the month folder, oldest first."""
    history = Path(folder) / ISSUED
    found = [p for p in history.iterdir() if p.is_dir() and p.name.isdigit()] \
        if history.is_dir() else []
    return sorted(found, key=lambda p: int(p.name))


def revision_lines(revisions: list[Revision]) -> list[str]:
    """The revision log as the review prints it (Markdown)."""
    lines = ["## 更正记录", ""]
    for revision in revisions:
        kept = f"{ISSUED}/{revision.number}/"
        lines += [f"第 {revision.number} 次更正（更正前的印发版保存在 {kept}）："
                  + literal(revision.correction), ""]
        lines += ["- " + literal(f"{'｜'.join(p for p in (c.table, c.row, c.column) if p)}："
                                 f"{c.old} → {c.new}")  # names and figures shown as printed
                  for c in revision.changes] or ["（所印数字均未改变）"]
        lines.append("")
    return lines


def revise_month(dataset: Path, month: str, correction: str, reports: Path = REPORTS,
                 site: Path | None = None, console=None, root: Path | None = None,
                 accept_loss: bool = False) -> PublishResult:
    """Issue the issued ``month`` again from the dataset as it is now (see the module)."""
    from bulletin.report.loader import open_month

    folder = month_folder(dataset, month, reports)
    old = read_meta(folder / META_NAME)
    if old.draft:
        raise PublishError(f"{month} 尚未印发（征求意见稿）：请用 bulletin issue 印发，不加 --revise")
    correction = correction.strip()
    if not correction:
        raise PublishError("--revise 须写明更正说明（印在更正版版头下）")
    from bulletin.report.losses import read_accepted

    newly = month_gate(dataset, month, folder, accept_loss)  # a loss not recorded: refused
    accepted = [loss.text for loss in newly] if newly else read_accepted(folder)
    refuse_blocked(month_blockers(open_month(dataset, month), folder, accepted), month)
    number = len(earlier_issues(folder)) + 1

    def keep(_: str, tmp: Path) -> None:
        if (folder / ISSUED).is_dir():
            shutil.copytree(folder / ISSUED, tmp / ISSUED, symlinks=True)
        shutil.copytree(folder, tmp / ISSUED / str(number), symlinks=True,
                        ignore=lambda where, names: [ISSUED] if Path(where) == folder else [])

    site = site if site is not None else own_site(dataset)
    publish_many(dataset, [month], reports=reports, site=site, console=console, root=root,
                 own_site=True, revise=keep, accept_loss=True)  # every loss accepted above
    new = read_meta(folder / META_NAME)
    changes = [RevisedFigure(table=c.table, row=c.row, column=c.column, old=c.old, new=c.new)
               for c in compare_figures(old, new)]
    revisions = [*old.revisions, Revision(number=number, correction=correction, changes=changes)]

    def prepare(tmp: Path) -> None:
        set_status(tmp, "issued", correction=correction,
                   revisions=[r.model_dump(mode="json") for r in revisions])
        review = tmp / REVIEW_NAME
        text = review.read_text(encoding="utf-8") if review.is_file() else "# 核查清单\n"
        review.write_text(text.rstrip("\n") + "\n\n" + "\n".join(revision_lines(revisions)),
                          encoding="utf-8")

    # publish_many has just passed the loss gates on the new data
    return render_month(folder, site=site, console=console, prepare=prepare, gated=False)

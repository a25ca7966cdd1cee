"""Before any notebook runs: each month asked for opens as the notebook will open it (the
month has data, every file is readable with its required columns) and passes the loss
gates (report.losses). A month that cannot is refused here, in a second, instead of
inside the kernel after papermill has started; nothing has been written yet.

The dataset is opened once and its inputs validated once for all the months; each
month's tables are read once (ingest.month) and handed back in ``opened`` for the check of
personal data typed into them (publish.personal), which reads nothing again.
"""

from __future__ import annotations

from pathlib import Path

from bulletin.core.errors import PublishError
from bulletin.core.months import parse_month
from bulletin.ingest.dataset import Dataset
from bulletin.ingest.month import MonthInputs
from bulletin.report.loader import bulletin_of
from bulletin.report.losses import Loss, month_losses, refusal


def check_inputs(dataset: Path, months: list[str], accept_loss: bool = False,
                 opened: dict[str, MonthInputs] | None = None) -> dict[str, list[Loss]]:
    """The losses of each month that has any, accepted (``accept_loss``); without
    ``accept_loss`` any loss is a PublishError listing every month's losses. A month
    without data, an unreadable file or a missing required column raises the error
    ``open_month`` would (InputError naming the dataset folder or the file). ``opened``,
    if given, receives each month's inputs as read."""
    folder = Path(dataset).resolve()
    ds = Dataset.open(folder)
    found: dict[str, list[Loss]] = {}
    for month in months:
        b = bulletin_of(ds, parse_month(month, where=f"数据集文件夹 {folder}"))
        if opened is not None:
            opened[b.month] = b.inputs
        losses = month_losses(b)
        if losses:
            found[b.month] = losses
    if found and not accept_loss:
        raise PublishError(refusal(found))
    return found

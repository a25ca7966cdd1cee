"""An issued month is frozen: ``bulletin publish`` never writes over it.

A month folder whose meta.json says ``status: issued`` (``bulletin issue`` made it) keeps
every byte; new data for it goes through ``bulletin issue --revise "更正说明"``, which keeps
the earlier issue beside the corrected one (``issued/<n>/``).
"""

from __future__ import annotations

import json
from pathlib import Path

from bulletin.core.errors import PublishError
from bulletin.core.meta import META_NAME


def is_issued(folder: Path) -> bool:
    """Whether the month folder holds an issued bulletin (a meta.json saying so)."""
    path = Path(folder) / META_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("status") == "issued"


def refuse_issued(folders: list[Path]) -> None:
    """A PublishError naming every issued month among ``folders``."""
    issued = [Path(folder) for folder in folders if is_issued(folder)]
    if issued:
        names = "、".join(str(folder) for folder in issued)
        raise PublishError(f"{names} 已正式印发，不能重新发布覆盖；如有新数据，请用 "
                           "bulletin issue --dataset … --month … --revise「更正说明」印发更正版"
                           "（原印发版保存在该月文件夹的 issued/ 下）")

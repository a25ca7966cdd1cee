"""The analyst's notes for a month: ``notes/YYYY-MM.md`` split by its headings.
"""

from __future__ import annotations

import re
from pathlib import Path


def analyst_notes(path: Path) -> dict[str, str]:
    """The analyst's notes/YYYY-MM.md split by its '## 工作动态' / '## 存在的问题' headings."""
    if not path.exists():
        return {}
    sections: dict[str, list[str]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^#+\s*(.+?)\s*$", line)
        if m:
            current = m.group(1)
            sections[current] = []
        elif current is not None:
            sections[current].append(line)
    return {k: "\n".join(v).strip() for k, v in sections.items()}

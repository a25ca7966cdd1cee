"""A finding: a problem candidate or an input inconsistency, with the figures behind it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Finding:
    """A problem candidate for 存在的问题: the rule, a sentence, and the figures behind it."""

    rule: str
    text: str
    figures: dict[str, float | int | str] = field(default_factory=dict)

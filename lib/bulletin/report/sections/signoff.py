"""What stops a month being issued (``bulletin issue``), and the analyst's acknowledgements.

A draft may be published with anything in its review; the final may not carry, unseen:

- a figure the inputs or the text state that differs from the computed one (the review's
  数据核对 items: a stated total, a printed 小计, a target the text gives);
- a 期号 or 印发日期 the bulletin made up (dataset.yml gives none for the month; a 公文
  has no 期号, and no made-up 发文字号: ``core.document.number_of``);
- a data loss accepted with ``--accept-loss``;
- an analyst's section left out or text not used (the review's 分析说明 items naming
  notes/YYYY-MM.md; one about the data, 「未提供好差评数据」, stays advice).

Each is a :class:`Blocker` until the month's notes (notes/YYYY-MM.md) acknowledge it
under a heading ``## 已核实``: one list item per blocker, quoting the first words of the
review item (at least ``MIN_QUOTE`` characters, spaces and quotation marks aside; in
「」 when a remark follows), or just 「期号」 / 「印发日期」 for those two. Other findings
stay advice and never block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bulletin.core.privacy import redact
from bulletin.report.month import MonthlyBulletin
from bulletin.report.notes import headings, section_name
from bulletin.report.sections.common import CHECKS, NOTES, Review

ACKNOWLEDGED = "已核实"  # the heading of the analyst's list in notes/YYYY-MM.md
SIGNOFF = "签发前核实"  # the review's topic listing the blockers
MIN_QUOTE = 6
ISSUE_NUMBER, ISSUE_DATE, LOSS = "期号", "印发日期", "已接受的数据损失"


@dataclass(frozen=True)
class Blocker:
    """One thing that stops ``bulletin issue``: its kind, its text as the review shows it
    (the words an acknowledgement quotes), and the acknowledgement found, if any."""

    kind: str
    text: str
    acknowledged: str = ""

    def line(self) -> str:
        return f"{self.kind}：{self.text}"


def _plain(text: str) -> str:
    """Text without Markdown escapes, spaces and quotation marks, for comparing quotes."""
    text = re.sub(r"\\(.)", r"\1", text)
    return re.sub(r"[\s\u3000「」『』“”\"'‘’]+", "", text)


def acknowledgements(raw: str | None) -> list[str]:
    """The list items under ``## 已核实`` in the notes ``raw`` (the file's text, None
    without one); an item 「quoted words」 followed by a remark gives the quoted words."""
    if raw is None:
        return []
    lines = [redact(line) for line in raw.splitlines()]
    found = headings(lines)
    out: list[str] = []
    for n, (start, level, title) in enumerate(found):
        if section_name(title) != ACKNOWLEDGED:
            continue
        end = next((i for i, lvl, _ in found[n + 1:] if lvl <= level), len(lines))
        for line in lines[start + 1:end]:
            m = re.match(r"^\s*(?:[-*+]|\d+[.)、])\s+(.*\S)", line)
            if m:
                item = m.group(1)
                quoted = re.match(r"^[「“\"](.+?)[」”\"]", item)
                out.append(quoted.group(1) if quoted else item)
    return out


def _acknowledgement(blocker: Blocker, acks: list[str]) -> str:
    plain = _plain(blocker.text)
    for ack in acks:
        quote = _plain(ack)
        if quote in (blocker.kind, _plain(blocker.kind)) and blocker.kind in (ISSUE_NUMBER, ISSUE_DATE):
            return ack
        if len(quote) >= MIN_QUOTE and plain.startswith(quote):
            return ack
    return ""


def blockers(b: MonthlyBulletin, items: list[Review], accepted: list[str]) -> list[Blocker]:
    """The month's blockers, each with the acknowledgement the notes give it (if any):
    ``items`` are the review's items, ``accepted`` the losses accepted at publish."""
    found = [Blocker("数据核对", item.text) for item in items if item.topic == CHECKS]
    if not b.config.document.official and b.month not in b.config.issue_numbers:
        found.append(Blocker(ISSUE_NUMBER, f"{b.issue_label}系按月份推定，dataset.yml 的 "
                                           f"issue_numbers 未给出 {b.month} 的期号"))
    if b.month not in b.config.issue_dates:
        found.append(Blocker(ISSUE_DATE, f"{b.issue_date_label}系推定（次月 10 日），"
                                         f"dataset.yml 的 issue_dates 未给出 {b.month} 的印发日期"))
    found += [Blocker(LOSS, text) for text in accepted]
    found += [Blocker("分析说明", item.text) for item in items  # the notes, not the data
              if item.topic == NOTES and "notes/" in item.text]
    acks = acknowledgements(b.notes_raw)
    return [Blocker(x.kind, x.text, _acknowledgement(x, acks)) for x in found]


def signoff_reviews(b: MonthlyBulletin, items: list[Review], accepted: list[str]) -> list[Review]:
    """The blockers as review items: each saying whether ``## 已核实`` acknowledged it."""
    return [Review(SIGNOFF, f"已核实（{x.acknowledged}）：{x.line()}") if x.acknowledged
            else Review(SIGNOFF, f"未核实，阻止印发（bulletin issue）：{x.line()}", blocking=True)
            for x in blockers(b, items, accepted)]


__all__ = ["ACKNOWLEDGED", "SIGNOFF", "Blocker", "acknowledgements", "blockers",
           "signoff_reviews"]

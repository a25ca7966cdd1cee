"""Which sections a bulletin can have: an explicit registry, name → builder.

``dataset.yml`` → ``profile.sections`` lists section names in order; each name maps to a
builder here (as papermill's engine registry maps names to engines). A name that is not
registered is a :class:`ConfigError` listing the names there are, never a silent skip.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bulletin.core.errors import ConfigError
from bulletin.report.month import MonthlyBulletin
from bulletin.report.sections import annex_list, common, items, operation, scores, targets, written
from bulletin.report.sections.outline import outlined

Builder = Callable[[MonthlyBulletin], list]

SECTIONS: dict[str, Builder] = {}


def register(name: str, builder: Builder) -> None:
    """Add a section builder under ``name`` (a name may be registered once)."""
    if name in SECTIONS:
        raise ValueError(f"section {name!r} is registered twice")
    SECTIONS[name] = builder


for _name, _builder in [
    # seed 000's 运行情况通报 (the title block and the analyst's 工作动态, 存在的问题: every
    # bulletin's)
    ("title", common.section_title), ("contents", operation.section_contents),
    ("operation", operation.section_operation), ("evaluations", operation.section_evaluations),
    ("overdue", operation.section_overdue), ("work", written.section_work),
    ("problems", written.section_problems), ("annexes", operation.section_annexes),
    # the other bulletins of the seeds (001-004)
    ("scores", scores.section_scores),
    ("items", items.section_items),
    ("zero_case_items", items.section_zero_case_items), ("hall", annex_list.section_hall),
    ("targets", targets.section_targets),
    # what the analyst writes in notes/YYYY-MM.md beside 工作动态 and 存在的问题
    ("doc_title", written.section_doc_title), ("addressees", written.section_addressees),
    ("preface", written.section_preface),
    ("goals", written.section_goals), ("measures", written.section_measures),
    # annex tables after the body, numbered as one list, and their 附件说明
    *[(name, annex_list.annex_section(name)) for name in annex_list.ANNEXES],
    ("annex_list", annex_list.section_annex_list),
    # a 公文's 发文机关署名, 成文日期 and 附注, under the 附件说明 (core.document)
    ("signature", written.section_signature),
]:
    register(_name, _builder)


def get_section(name: str) -> Builder:
    """The builder of a section name, or a ConfigError naming the sections there are."""
    try:
        return SECTIONS[name]
    except KeyError:
        raise ConfigError(f"dataset.yml 的 profile.sections 中有未知章节：{name}"
                          f"（可用：{'、'.join(SECTIONS)}）", key="profile.sections") from None


def profile_blocks(b: MonthlyBulletin, skip: tuple[str, ...] = ()) -> list:
    """Every block of the bulletin, section by section in the profile's order (less
    ``skip``: the notebook shows the title block in a cell of its own): Markdown, tables,
    charts and the analyst's review items (``common.as_blocks`` makes them values)."""
    unknown = [s for s in b.config.profile.sections if s not in SECTIONS]
    if unknown:
        raise ConfigError(f"dataset.yml 的 profile.sections 中有未知章节：{'、'.join(unknown)}"
                          f"（可用：{'、'.join(SECTIONS)}）", key="profile.sections")
    if b.inputs.attachments and "attachment_annexes" not in b.config.profile.sections:
        files = "、".join(doc.file for doc in b.inputs.attachments)
        raise ConfigError(f"{files} 是本月的附件文档，但 dataset.yml 的 profile.sections 中没有"
                          "「attachment_annexes」，附件不会印出：请把它加在附件说明所列附件的位置"
                          "（如 items_annexes 之后）", key="profile.sections")
    named = [(name, get_section(name)(b)) for name in b.config.profile.sections
             if name not in skip]
    written = b.notes_printed[0] if b.notes_raw is not None else ""

    def typed(line: str) -> bool:  # a line of the notes (as printed), bold or not
        text = re.sub(r"<[^>]+>|\*\*", "", line).strip()
        return bool(text) and text[:24] in written

    return outlined(b.config.profile, named, typed)

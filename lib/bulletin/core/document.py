"""The kind of document a dataset makes (``dataset.yml`` → ``document``).

Two kinds, as the bulletins of the seeds are:

* 简报 — the 情况通报 with a red masthead naming the bulletin, its 期号, the authority and
  the date over a red rule (the default);
* 公文 — a document under GB/T 9704-2012: 发文机关标志 in red, the 发文字号 under it over
  the red rule, the title, 主送机关 and body, the 附件说明, then 发文机关署名, 成文日期 and
  附注, the annexes and the 版记. It has no 期号 and no 要目.

The 发文字号 is per month (``document.numbers``, as ``issue_dates``), written as GB/T
9704 §7.2.4 has it: 机关代字, the year in 六角括号 〔〕, the number without leading zeros,
「号」 (江北政务〔2021〕45号). The 附注 is the analyst's: ``## 附注`` in the month's notes, else
``document.note``.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from bulletin.core.errors import ConfigError

BRIEF, OFFICIAL = "简报", "公文"

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")

# 机关代字〔年份〕序号号 (GB/T 9704 §7.2.4)
NUMBER = re.compile(r"^(?P<code>[^\s〔〕]+)〔(?P<year>\d{4})〕(?P<seq>[1-9]\d*)号$")
EXAMPLE = "江北政务〔2021〕45号"
# brackets typed in place of 〔〕: [2021] 【2021】 (2021) （2021） ［2021］ 〈2021〉 「2021」
_OTHER_BRACKETS = re.compile(r"[\[【(（［〈「<{]\s*\d{4}\s*[\]】)）］〉」>}]")


def number_problem(text: str) -> str | None:
    """What is wrong with a 发文字号 as written (None when it is in GB/T 9704's form)."""
    if NUMBER.match(text):
        return None
    if _OTHER_BRACKETS.search(text):
        return f"年份应用六角括号〔〕括起，如 {EXAMPLE}（不用 []、【】、（））"
    m = re.match(r"^[^\s〔〕]+〔\d{4}〕0+\d*号$", text)
    if m:
        return f"序号不编虚位（1 不编为 01），如 {EXAMPLE}"
    if not text.endswith("号"):
        return f"应以「号」结尾，如 {EXAMPLE}"
    return f"应写作 机关代字〔年份〕序号号（年份四位，序号不编虚位），如 {EXAMPLE}"


class Document(BaseModel):
    """文种: the 简报-style 情况通报 (期号) or a 公文 under GB/T 9704 (发文字号)."""

    model_config = ConfigDict(extra="forbid")
    kind: Literal["简报", "公文"] = Field(
        BRIEF, description="文种：简报（情况通报：红色版头印通报名称、期号）或 公文（GB/T 9704：发文机关标志、"
                           "发文字号、标题、主送机关、正文、附件说明、发文机关署名、成文日期、附注、版记；"
                           "无期号、无要目，章节中应有 signature）")
    numbers: dict[str, str] = Field(
        default_factory=dict, description="公文各月的发文字号 {YYYY-MM: 发文字号}，如 "
                                          f"\"2021-09\": {EXAMPLE}；公文每个发布的月份都须给出")
    mark: str | None = Field(None, description="公文的发文机关标志（红色版头）；缺省用 authority")
    signature: str | None = Field(None, description="公文的发文机关署名；缺省用 authority")
    note: str | None = Field(
        None, description="公文的附注（成文日期下一行，居左空二字，加圆括号），如 联系人：…；联系电话：…；"
                          "当月 notes/YYYY-MM.md 有「## 附注」一节时用该节")

    @field_validator("numbers")
    @classmethod
    def _numbers(cls, v: dict[str, str]) -> dict[str, str]:
        out = {}
        for month, number in v.items():
            if not MONTH.match(str(month)):
                raise ValueError(f"键「{month}」应为月份 YYYY-MM，如 \"2021-09\"（加引号）")
            text = str(number).strip()
            problem = number_problem(text)
            if problem:
                raise ValueError(f"{month} 的发文字号「{number}」{problem}")
            out[str(month)] = text
        return out

    @property
    def official(self) -> bool:
        return self.kind == OFFICIAL


def check_document(config, path: str) -> None:
    """The keys that must agree with ``document.kind`` (``config``: a DatasetConfig read
    from ``path``): a 公文 has 发文字号 and no 期号, a 署名 and no 要目; a 简报 the reverse.
    A ConfigError names the file and the key."""
    doc: Document = config.document
    sections = config.profile.sections

    def fail(key: str, text: str) -> None:
        raise ConfigError(f"{path}：配置项「{key}」{text}", file=path, key=key)

    if doc.official:
        if config.issue_numbers:
            fail("issue_numbers", "不适用于公文（document.kind: 公文）：公文不印期号，"
                                  "各月的发文字号写在 document.numbers 中")
        if "contents" in sections:
            fail("profile.sections", "中有 contents（要目），公文（document.kind: 公文）不印要目，请删去")
        if "signature" not in sections:
            fail("profile.sections", "中缺少 signature：公文（document.kind: 公文）在正文和附件说明之后"
                                     "印发文机关署名、成文日期和附注，请把 signature 排在 annex_list 之后")
        if "annex_list" in sections and sections.index("signature") < sections.index("annex_list"):
            fail("profile.sections", "中 signature 应排在 annex_list 之后（GB/T 9704：署名和成文日期"
                                     "在附件说明之下）")
        return
    for key, value in (("document.numbers", doc.numbers), ("document.mark", doc.mark),
                       ("document.signature", doc.signature), ("document.note", doc.note)):
        if value:
            fail(key, f"只用于公文：document.kind 为 {doc.kind}（情况通报，印期号），"
                      "如为公文请写 document.kind: 公文")
    if "signature" in sections:
        fail("profile.sections", f"中有 signature（发文机关署名、成文日期、附注），只用于公文："
                                 f"document.kind 为 {doc.kind}，如为公文请写 document.kind: 公文")


def number_of(config, month: str) -> str:
    """The 公文's 发文字号 for ``month``; a ConfigError when dataset.yml gives none."""
    number = config.document.numbers.get(month)
    if not number:
        raise ConfigError(f"dataset.yml 的 document.numbers 未给出 {month} 的发文字号"
                          f"（document.kind 为 公文）：请写 document.numbers: "
                          f"{{\"{month}\": {EXAMPLE}}} 这样的一项", key="document.numbers")
    return number


__all__ = ["BRIEF", "OFFICIAL", "Document", "check_document", "number_of", "number_problem"]

"""``meta.json``: what an executed month tells the renderers, as one typed model.

The notebook writes it beside itself (``report.outputs.write_outputs``) and every reader
(the PDF's title block and 版记, the Quarto front matter, the site's index, month pages
and trends) reads it through :func:`read_meta`. A headline figure carries its catalogue
key, label, kind and unit with its value and its display string, so no reader looks a
figure up, or guesses its kind from its label.

``blocks`` are the bulletin's published blocks as values (``core.blocks``: text, tables
with their cells, charts), which every output prints; ``review`` counts what the analyst's
review lists.

A file this model does not accept is a :class:`PublishError` naming the file and the key.
``SCHEMA_VERSION`` changes when the shape does. A month written by a bulletin whose
version is in ``READABLE`` is read as it is (version 3: without ``provenance``, which
version 4 added; 3 and 4: without ``blocks`` and ``review``, which version 5 added, so
their index entries are read but their pages are not rendered); one written by an older
bulletin is published again (its notebook re-executed) rather than read half-right.

``status`` says whether the month is a draft (「征求意见稿」, what ``bulletin publish``
makes) or issued (``bulletin issue``); a meta.json without it (version 3, or 4 written
before the key existed) is read as a draft. ``correction`` is the 更正说明 of a revised
issue (``bulletin issue --revise``), empty otherwise; ``revisions`` its revision log.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bulletin.core.blocks import Block, ReviewCounts
from bulletin.core.config import Distribution
from bulletin.core.definitions import Figure
from bulletin.core.errors import PublishError
from bulletin.core.months import MONTH_PATTERN
from bulletin.core.provenance import Provenance

SCHEMA_VERSION = 5

# The versions read_meta accepts: 3 is 4 without ``provenance``, 4 is 5 without ``blocks``.
READABLE = (3, 4, 5)

# The first version whose meta.json carries the bulletin's blocks.
BLOCKS_VERSION = 5


META_NAME = "meta.json"


class HeadlineFigure(BaseModel):
    """One headline figure of a month: a rate's ``value`` is a fraction (0.4256), its
    ``display`` the bulletin's truncated percentage (42.55%)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    key: str = Field(min_length=1)
    label: str = Field(min_length=1)
    kind: Literal["count", "rate", "score", "number"]
    unit: str
    value: int | float
    display: str

    @model_validator(mode="after")
    def _count_is_whole(self) -> HeadlineFigure:
        if self.kind == "count" and not float(self.value).is_integer():
            raise ValueError(f"a count must be a whole number, not {self.value}")
        return self

    @classmethod
    def of(cls, figure: Figure, value: float, display: str) -> HeadlineFigure:
        """The headline entry of a catalogue figure (a count stored as an integer)."""
        value = int(value) if figure.kind == "count" else float(value)
        return cls(key=figure.key, label=figure.label, kind=figure.kind, unit=figure.unit,
                   value=value, display=display)

    @property
    def plotted(self) -> float:
        """The value as a chart draws it: a rate in percent (0.4255904 → 42.559), else as it is."""
        return round(self.value * 100, 4) if self.kind == "rate" else self.value


CellKind = Literal["count", "rate", "score", "number", "rank", "change", "text"]


class UnitCell(BaseModel):
    """One cell of a unit's row in a published table: ``column`` is its header as printed
    (「办件情况（件）/申请」), ``display`` its text; ``value`` the number the text shows (a
    rate's percentage: 「42.55%」 → 42.55, a rank change 「↓2」 → −2), None for 「-」 or text.
    ``key`` names the catalogue figure (core.definitions) when the column is one."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    column: str = Field(min_length=1)
    key: str | None = None
    kind: CellKind
    unit: str = ""
    display: str
    value: float | None = None


class UnitRow(BaseModel):
    """A unit's row in one published table (``table``: its title as printed)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    table: str
    cells: list[UnitCell] = Field(default_factory=list)


class UnitFigures(BaseModel):
    """A registry unit and its rows in the month's tables (none: the month lists it nowhere).
    ``slug`` names its page (``unit_slug``), never its raw text."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str = Field(min_length=1)
    slug: str = Field(pattern=r"^u[0-9a-f]{10}$")
    level: str
    rows: list[UnitRow] = Field(default_factory=list)


class TrackedRow(BaseModel):
    """A row of a table that tracks indicators rather than units (目标跟踪: one indicator,
    its target, level achieved, status and gap), cell by cell as printed."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str = Field(min_length=1)
    table: str
    cells: list[UnitCell] = Field(default_factory=list)


class RevisedFigure(BaseModel):
    """A printed figure a revision changed: where (table, row, column) and both texts."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    table: str
    row: str
    column: str
    old: str
    new: str


class Revision(BaseModel):
    """One revised issue (``bulletin issue --revise``): its number (the earlier issue is
    kept under issued/<number>/), the 更正说明 and every printed figure that changed."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    number: int = Field(ge=1)
    correction: str = Field(min_length=1)
    changes: list[RevisedFigure] = Field(default_factory=list)


def unit_slug(name: str) -> str:
    """A unit's page name: a hash of its registry name (safe in a URL, stable across months)."""
    return "u" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]


class MonthMeta(BaseModel):
    """The title block, 版记, headline figures and downloads of one executed month."""

    model_config = ConfigDict(extra="forbid")
    schema_version: Literal[3, 4, 5] = SCHEMA_VERSION
    month: str = Field(pattern=MONTH_PATTERN)
    dataset: str = Field(min_length=1)
    profile_title: str
    title_lines: list[str] = Field(min_length=1)  # the red masthead (a 公文's 发文机关标志)
    # 简报: 期号 in the masthead; 公文 (GB/T 9704): issue_label is the 发文字号, no 要目
    kind: Literal["简报", "公文"] = "简报"
    authority: str
    issue_label: str
    issue_date: str
    distribution: Distribution = Field(default_factory=Distribution)
    headline: list[HeadlineFigure] = Field(default_factory=list)
    downloads: list[str] = Field(default_factory=list)
    units: list[UnitFigures] = Field(default_factory=list)
    tracked: list[TrackedRow] = Field(default_factory=list)
    provenance: Provenance | None = None  # None in a meta.json of version 3
    status: Literal["draft", "issued"] = "draft"
    correction: str = ""
    revisions: list[Revision] = Field(default_factory=list)  # oldest first
    blocks: list[Block] = Field(default_factory=list)  # what the bulletin prints, in order
    review: ReviewCounts | None = None  # None: the review was not written

    @property
    def draft(self) -> bool:
        return self.status == "draft"

    @property
    def title(self) -> str:
        return self.profile_title or "".join(self.title_lines)

    def figure(self, key: str) -> HeadlineFigure | None:
        """The headline figure of ``key``, None when the month does not give it."""
        return next((f for f in self.headline if f.key == key), None)

    def to_json(self) -> str:
        """The file's text: Chinese unescaped, 版记 under its keys 报 / 送 / 发."""
        return json.dumps(self.model_dump(mode="json", by_alias=True), ensure_ascii=False,
                          indent=2)


def write_meta(meta: MonthMeta, folder: Path) -> Path:
    path = Path(folder) / META_NAME
    path.write_text(meta.to_json() + "\n", encoding="utf-8")
    return path


def _where(loc: tuple) -> str:
    """('headline', 0, 'kind') → 'headline[0].kind'."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def read_meta(path: Path) -> MonthMeta:
    """The month's meta.json as a :class:`MonthMeta`; PublishError names file and key."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise PublishError(f"{path.parent} 中没有 {META_NAME}：该月的通报笔记本未执行完成") from error
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise PublishError(f"{path} 不是有效的 JSON：{error}") from error
    if not isinstance(data, dict):
        raise PublishError(f"{path} 应为一个 JSON 对象")
    version = data.get("schema_version")
    if version not in READABLE:
        raise PublishError(
            f"{path} 的键「schema_version」为 {version!r}，应为 "
            f"{'、'.join(map(str, READABLE))} 之一："
            "该月由旧版 bulletin 写出，请重新发布该月（bulletin publish）")
    try:
        return MonthMeta.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        key = _where(first["loc"])
        if first["type"] == "missing":
            raise PublishError(f"{path} 缺少键「{key}」") from error
        raise PublishError(f"{path} 的键「{key}」无效：{first['msg']}"
                           f"（值为 {first.get('input')!r}）") from error

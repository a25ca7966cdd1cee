"""The dataset config (``dataset.yml``), checked at the start of every run.

Every key, its meaning and its default are documented in docs/config.md, which is
generated from the model below (``config_reference``): one source for both. Paths resolve from the dataset folder.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

from bulletin.core.config_print import ConfigFix, typeset_config
from bulletin.core.config_scores import ScoresConfig, Target, TargetsConfig
from bulletin.core.document import Document, check_document
from bulletin.core.errors import ConfigError
from bulletin.core.invisible import refuse_invisible_lines
from bulletin.core.privacy import redact


class Thresholds(BaseModel):
    model_config = ConfigDict(extra="forbid")
    active_evaluation_rate_min: float = Field(0.30, description="主动评价率低于此值列为问题")
    on_time_rate_min: float = Field(1.0, ge=0, le=1, description="按时办结率低于此值列为问题（0–1；"
                                    "默认 1 即有超时办结件，由「存在超时办结件」列出，不另列）")
    promise_speedup_min: float = Field(0.80, description="承诺时限压缩比目标")
    visits_max: float = Field(0.3, description="平均到现场次数目标")
    instant_share_min: float = Field(0.40, description="即办件占比目标")
    full_online_share_min: float = Field(0.80, description="全程网办占比目标")


class LossGates(BaseModel):
    """What ``bulletin publish`` refuses without ``--accept-loss`` (docs/inputs.md section
    16): besides rows of units not in the registry and a column the previous month's file
    had, these shares."""

    model_config = ConfigDict(extra="forbid")
    quarantined_share_max: float = Field(
        0.01, ge=0, le=1,
        description="任一输入文件被隔离的行占读取行数的比例超过此值时拒绝发布（0.01 即 1%）")
    applied_change_max: float = Field(
        0.5, ge=0,
        description="全市申请件较上月增减的比例超过此值时拒绝发布（0.5 即 50%：节假日月份的"
                    "正常起伏在此以内，少了一个文件或一半的行则超过）")


class Distribution(BaseModel):
    """版记: 报 / 送 / 发 — lines of recipients, printed at the end of the bulletin."""

    model_config = ConfigDict(extra="forbid")
    report_to: list[str] = Field(default_factory=list, alias="报", description="报：上报单位，每行一项")
    copy_to: list[str] = Field(default_factory=list, alias="送", description="送：抄送单位")
    issue_to: list[str] = Field(default_factory=list, alias="发", description="发：印发单位")


# Sections that are not the body's text: the title block, the 要目 and the annexes
# (``profile.outline`` numbers the others).
NOT_OUTLINED = ("title", "contents", "annexes", "annex_list", "scores_annexes", "items_annexes",
                "hall_annexes", "given_annexes", "zero_case_items_annexes", "attachment_annexes",
                "addressees", "signature")  # a 公文's 主送机关 and 署名 (core.document)
# Seed 000's body numbers its own sections (一、…); an outline would number them twice.
SELF_NUMBERED = ("operation", "evaluations", "overdue")


class OutlinePart(BaseModel):
    """One 一级标题 of the body (「一、办件情况」) and the sections under it."""

    model_config = ConfigDict(extra="forbid")
    title: str = Field(description="一级标题，不含序号，如 办件情况")
    sections: list[str] = Field(
        min_length=1,
        description="其下的章节（profile.sections 中相邻的正文章节）：多于一个时依次为二级标题"
                    "（一）（二）…；只有一个时该章节的标题即为一级标题")
    headings: dict[str, str] = Field(
        default_factory=dict,
        description="二级标题改写 {章节: 标题（不含序号）}，如 {items: “一网通办”指标情况}；"
                    "缺省用章节自己的标题")


class Profile(BaseModel):
    """Which bulletin this dataset makes: its title and its sections, in order."""

    model_config = ConfigDict(extra="forbid")
    title: str | None = Field(None, description="通报标题（不含地区）；缺省用 title")
    sections: list[str] = Field(
        default_factory=lambda: ["title", "contents", "operation", "evaluations", "overdue",
                                 "work", "problems", "annexes"],
        description="章节及顺序：title, contents, operation, evaluations, overdue, work, problems, "
                    "annexes, scores, items, zero_case_items, hall, targets, doc_title, preface, "
                    "goals, measures, addressees（公文的主送机关）, annex_list, signature（公文的署名、"
                    "成文日期、附注）, scores_annexes, items_annexes, hall_annexes, given_annexes, "
                    "zero_case_items_annexes, attachment_annexes（attachments/YYYY-MM/ "
                    "中的附件文档，按其在此列表中的位置编号）")
    items_annex_title: str | None = Field(
        None, description="items_annexes 合为一个附件时的附件标题（各层级的事项指标表在其下，"
                          "各有表题；如 各部门、各街镇行政许可事项4个指标详情）；缺省每个层级一个附件")
    outline: list[OutlinePart] = Field(
        default_factory=list,
        description="正文的层次，每部分写作 {title: 一级标题, sections: [章节…], headings: "
                    "{章节: 二级标题}}：各部分依次编为 一、二、…；部分内有多个章节时各为二级标题"
                    "（一）（二）…（标题缺省用章节自己的），只有一个章节时它的标题即为一级标题。"
                    "章节须是 sections 中相邻的正文章节；当月无内容的章节不占序号；缺省不另编号")

    @model_validator(mode="after")
    def _outline(self) -> Profile:
        order = {name: i for i, name in enumerate(self.sections)}
        seen: set[str] = set()
        for n, part in enumerate(self.outline):
            where = f"outline 第 {n + 1} 部分（{part.title}）"
            for name in part.sections:
                if name not in order:
                    raise ValueError(f"{where}的章节 {name} 不在 profile.sections 中")
                if name in NOT_OUTLINED or name in SELF_NUMBERED:
                    raise ValueError(f"{where}的章节 {name} 不能编入层次（标题、要目、附件、主送机关、"
                                     "署名不编号；operation、evaluations、overdue 自有编号）")
                if name in seen:
                    raise ValueError(f"{where}的章节 {name} 已在前面的部分中")
                seen.add(name)
            places = sorted(order[name] for name in part.sections)
            if places != list(range(places[0], places[0] + len(places))):
                raise ValueError(f"{where}的章节在 profile.sections 中应相邻，依次排列")
            if [order[name] for name in part.sections] != places:
                raise ValueError(f"{where}的章节应按 profile.sections 中的顺序列出")
            extra = [name for name in part.headings if name not in part.sections]
            if extra:
                raise ValueError(f"{where}的 headings 中有不属于该部分的章节：{'、'.join(extra)}")
        if self.outline and any(name in self.sections for name in SELF_NUMBERED):
            raise ValueError("outline 不能与 operation、evaluations、overdue 同用：这些章节自有编号")
        return self


class DatasetConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    region: str = Field("本市", description="地区名，如 达州市")
    authority: str = Field("政务服务管理局", description="发文机关")
    title: str = Field("一体化政务服务平台运行情况通报", description="通报标题（不含地区）")
    city_level_name: str = Field("市本级", description="市级部门合计的称呼")
    zero_denominator: str = Field("-", description="分母为 0 的比率显示为 '-' 或 '0.00%'")
    limit_days_max: int = Field(
        365, ge=1, description="法定时限、承诺时限的上限（工作日）：超过此值的办件隔离，视为数据损坏或录入错误")
    thresholds: Thresholds = Field(default_factory=Thresholds)
    loss_gates: LossGates = Field(default_factory=LossGates,
                                  description="发布前的数据损失检查（--accept-loss 可越过）")
    distribution: Distribution = Field(default_factory=Distribution)
    fonts: str | None = Field(
        None, description="公文字体（方正小标宋简体、仿宋_GB2312、黑体、楷体_GB2312）所在的文件夹，"
                          "相对数据集文件夹；与系统字体、环境变量 BULLETIN_FONTS 所指文件夹一并查找。"
                          "PDF 各处用找到的公文字体，找不到的以 Noto CJK 字体代替，并在发布摘要和核查清单中写明")
    holidays: list[dt.date] = Field(default_factory=list, description="额外的放假日")
    workdays: list[dt.date] = Field(default_factory=list, description="额外的调休上班日")
    header_aliases: dict[str, dict[str, str]] = Field(
        default_factory=dict, description="按输入类别的表头别名：{cases: {导出表头: 标准列名}}"
    )
    stated_totals: dict[str, dict[str, dict[str, int | float]]] = Field(
        default_factory=dict,
        description="导出或原文中声明的合计 {月份: {范围: {指标: 数值}}}：件数写整数，比率写百分数"
                    "（如 99.37%）。可由数据计算的用于核对；数据给不出的（如汇总表无承诺件申请列）"
                    "印入正文并在核查清单中注明来源；指标不是已知指标键的（如 承诺件线上受理）"
                    "只在核查清单中列出",
    )
    issue_numbers: dict[str, int] = Field(
        default_factory=dict, description="各月通报的期号 {YYYY-MM: 期号}；缺省为月份数（每年一期一月）"
    )
    issue_dates: dict[str, dt.date] = Field(
        default_factory=dict, description="各月通报的印发日期 {YYYY-MM: 日期}；缺省为次月 10 日"
    )

    document: Document = Field(default_factory=Document, description="文种：简报（期号）或公文（发文字号）")
    profile: Profile = Field(default_factory=Profile, description="通报类型：标题与章节顺序")
    scores: ScoresConfig = Field(default_factory=ScoresConfig,
                                 description="考核得分：分组、类别、满分与全省结果")
    item_targets: dict[str, Target] = Field(
        default_factory=dict,
        description="事项指标目标 {指标键: {min, max}}，键为 claim_rate, publish_rate, "
                    "guide_accuracy, sorting_completion, case_coverage, promise_speedup, visits_avg, "
                    "instant_share, full_online_share, active_evaluation_rate；缺省时后四项取 "
                    "thresholds 中的值，认领率、发布率、办事指南准确率、梳理完成率为 100%")
    targets: TargetsConfig = Field(default_factory=TargetsConfig, description="目标跟踪")
    # the punctuation load_config changed in the printed strings (core.config_print)
    _typeset: list[ConfigFix] = PrivateAttr(default_factory=list)
    # dataset.yml as read (None without one): what publish scans for personal data
    _source: str | None = PrivateAttr(default=None)

    @property
    def typeset_fixes(self) -> list[ConfigFix]:
        return self._typeset

    @property
    def source(self) -> str | None:
        """dataset.yml's text as it was read, unmasked (None when the folder has none)."""
        return self._source

    @field_validator("holidays", "workdays", mode="before")
    @classmethod
    def _days(cls, v: object) -> object:
        return [_date(d) for d in v] if isinstance(v, list) else v

    @field_validator("issue_dates", mode="before")
    @classmethod
    def _issue_dates(cls, v: object) -> object:
        return {k: _date(d) for k, d in v.items()} if isinstance(v, dict) else v

    @field_validator("stated_totals", mode="before")
    @classmethod
    def _stated(cls, v: object) -> object:
        if not isinstance(v, dict):
            return v
        out: dict = {}
        for month, scopes in v.items():
            out[month] = scopes
            if not isinstance(scopes, dict):
                continue
            out[month] = {}
            for scope, figures in scopes.items():
                out[month][scope] = figures
                if isinstance(figures, dict):
                    out[month][scope] = {key: _stated_value(value, f"{month}.{scope}.{key}")
                                         for key, value in figures.items()}
        return out

    @field_validator("zero_denominator")
    @classmethod
    def _zero(cls, v: str) -> str:
        if v not in ("-", "0.00%"):
            raise ValueError("应为 '-' 或 '0.00%'")
        return v


DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

PERCENT = re.compile(r"^(-?\d+(?:\.\d+)?)\s*[%％]$")


def _stated_value(value: object, where: str) -> object:
    """A stated figure: a count as an integer, a rate as a percentage (「99.37%」 → 0.9937)."""
    m = PERCENT.match(value.strip()) if isinstance(value, str) else None
    if m:
        return float(Decimal(m.group(1)) / 100)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{where} 的值「{value}」：件数应为整数，比率应写成百分数，如 99.37%")  # noqa: TRY004 (pydantic reports ValueError)
    return value


def _date(value: object) -> dt.date:
    """A date of dataset.yml: written YYYY-MM-DD and a real day of the calendar."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    text = str(value).strip()
    try:
        if DATE.match(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise ValueError(f"「{value}」不是有效的日期，应写作 YYYY-MM-DD，如 2021-02-11")


class _Loader(yaml.SafeLoader):
    """YAML without implicit timestamps: a date stays text until the model checks it, so
    2021-02-30 is a ConfigError naming its key, not a ValueError inside the YAML parser."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _config_text(path: Path) -> str:
    """dataset.yml as text: UTF-8 (with or without BOM), else GB18030 (GBK), as the CSVs."""
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ConfigError(f"{path}：无法识别文件编码，请另存为 UTF-8（也可为 GBK）", file=str(path))


def load_config(folder: Path) -> DatasetConfig:
    path = Path(folder) / "dataset.yml"
    if not path.exists():
        return DatasetConfig()
    try:
        # ID and mobile numbers typed into its strings (版记 names …) are masked (core.privacy)
        text = _config_text(path)
        refuse_invisible_lines(text, str(path))  # bidi controls … (core.invisible)
        data = yaml.load(redact(text), Loader=_Loader) or {}  # a SafeLoader
    except yaml.YAMLError as err:
        raise ConfigError(f"{path}：YAML 格式错误：{err}", file=str(path)) from err
    if not isinstance(data, dict):
        raise ConfigError(f"{path}：应为「键: 值」的设置，如 region: 达州市", file=str(path))
    try:
        config = DatasetConfig.model_validate(data)
    except ValidationError as err:
        lines = [
            f"{path}：配置项「{'.'.join(map(str, e['loc']))}」{e['msg']}（值：{e.get('input')!r}）"
            for e in err.errors()
        ]
        raise ConfigError("\n".join(lines)) from err
    check_document(config, str(path))  # the keys that go with the kind (core.document)
    config._typeset = typeset_config(config, redact(text))  # printed strings (core.typography)
    config._source = text
    return config


def config_reference() -> str:
    """docs/config.md: every key of dataset.yml with its meaning and default, from the model."""
    from pydantic import BaseModel as Model

    def rows(model: type[Model], prefix: str = "") -> list[str]:
        out = []
        for name, f in model.model_fields.items():
            key = prefix + (f.alias or name)
            if isinstance(f.annotation, type) and issubclass(f.annotation, Model):
                out += rows(f.annotation, key + ".")
                continue
            default = f.get_default(call_default_factory=True)
            out.append(f"| `{key}` | {f.description or ''} | `{default!r}` |")
        return out

    head = ["# dataset.yml", "",
            ("Every key of a dataset's `dataset.yml`, generated from `bulletin.config` "
             "(`make docs` rewrites this file). All keys are optional; unknown keys are "
             "an error. Dates are `YYYY-MM-DD`, months `YYYY-MM`."), "",
            "| key | 含义 | default |", "|---|---|---|"]
    return "\n".join(head + rows(DatasetConfig)) + "\n"

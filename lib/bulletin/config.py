"""The dataset config (``dataset.yml``), checked at the start of every run.

Every key, its meaning and its default are documented in docs/config.md; the model
below is the single source of truth for both. Paths resolve from the dataset folder.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import ConfigError

MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"


class Thresholds(BaseModel):
    model_config = ConfigDict(extra="forbid")
    active_evaluation_rate_min: float = Field(0.30, description="主动评价率低于此值列为问题")
    on_time_rate_min: float = Field(1.0, description="按时办结率低于此值列为问题")
    promise_speedup_min: float = Field(0.80, description="承诺时限压缩比目标")
    visits_max: float = Field(0.3, description="平均到现场次数目标")
    instant_share_min: float = Field(0.40, description="即办件占比目标")
    full_online_share_min: float = Field(0.80, description="全程网办占比目标")


class Distribution(BaseModel):
    """版记: 报 / 送 / 发 — lines of recipients, printed at the end of the bulletin."""

    model_config = ConfigDict(extra="forbid")
    report_to: list[str] = Field(default_factory=list, alias="报")
    copy_to: list[str] = Field(default_factory=list, alias="送")
    issue_to: list[str] = Field(default_factory=list, alias="发")


class DatasetConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    region: str = Field("本市", description="地区名，如 达州市")
    authority: str = Field("政务服务管理局", description="发文机关")
    title: str = Field("一体化政务服务平台运行情况通报", description="通报标题（不含地区）")
    city_level_name: str = Field("市本级", description="市级部门合计的称呼")
    zero_denominator: str = Field("-", description="分母为 0 的比率显示为 '-' 或 '0.00%'")
    thresholds: Thresholds = Field(default_factory=Thresholds)
    distribution: Distribution = Field(default_factory=Distribution)
    holidays: list[dt.date] = Field(default_factory=list, description="额外的放假日")
    workdays: list[dt.date] = Field(default_factory=list, description="额外的调休上班日")
    header_aliases: dict[str, dict[str, str]] = Field(
        default_factory=dict, description="按输入类别的表头别名：{cases: {导出表头: 标准列名}}"
    )
    stated_totals: dict[str, dict[str, dict[str, int]]] = Field(
        default_factory=dict,
        description="导出或原文中声明的合计 {月份: {范围: {指标: 数值}}}，用于核对",
    )
    issue_dates: dict[str, dt.date] = Field(
        default_factory=dict, description="各月通报的印发日期 {YYYY-MM: 日期}；缺省为次月 10 日"
    )

    @field_validator("zero_denominator")
    @classmethod
    def _zero(cls, v: str) -> str:
        if v not in ("-", "0.00%"):
            raise ValueError("应为 '-' 或 '0.00%'")
        return v


def load_config(folder: Path) -> DatasetConfig:
    path = Path(folder) / "dataset.yml"
    if not path.exists():
        return DatasetConfig()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as err:
        raise ConfigError(f"{path}：YAML 格式错误：{err}") from err
    try:
        return DatasetConfig.model_validate(data)
    except ValidationError as err:
        lines = [
            f"{path}：配置项「{'.'.join(map(str, e['loc']))}」{e['msg']}（值：{e.get('input')!r}）"
            for e in err.errors()
        ]
        raise ConfigError("\n".join(lines)) from err

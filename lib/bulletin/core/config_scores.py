"""The parts of ``dataset.yml`` for the 考核得分 annexes (``scores``: groups, categories,
maxima, the province's result) and the 目标跟踪 of items (``targets``); the rest of the
model is core.config, which documents every key (docs/config.md).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ScoreCategory(BaseModel):
    """One category of a score group (seed 001): its points column and maximum."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(description="类别名称，如 事项梳理")
    column: str = Field(description="得分表中该类别得分列的表头，如 事项梳理得分")
    max: float = Field(description="该类别满分（分值）；得分超过满分是输入错误")
    full_marks_expected: bool = Field(
        True, description="是否按满分衡量：是则全员满分列为“较好”、有单位失分列为“较差”；"
                          "否（如专项工作等相对评分）只在附表中列示")


class ScoreGroup(BaseModel):
    """A 考核分组 (A组, B组, 县（市、区）) with its own categories and maxima."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(description="分组名，与得分表工作表名（或 CSV 文件名中 _ 之后部分）一致")
    title: str = Field("", description="附表标题中的称呼，如 市级部门（单位）A 组")
    unit_label: str = Field("部门", description="附表单位列的表头：部门 或 地区")
    categories: list[ScoreCategory] = Field(default_factory=list,
                                            description="该组的考核类别，按附表列序")
    notes: list[str] = Field(default_factory=list,
                             description="附表下方的备注（各指标的口径与分值），每项一行，按原文印出")


class ProvinceScore(BaseModel):
    model_config = ConfigDict(extra="forbid")
    score: float = Field(description="全市综合得分（省级通报公布）")
    rank: int | None = Field(None, description="全省排名")


class ScoresConfig(BaseModel):
    """考核得分 (seed 001): groups, their categories and maxima, the province's result."""

    model_config = ConfigDict(extra="forbid")
    groups: list[ScoreGroup] = Field(default_factory=list, description="考核分组，按附表顺序")
    province: dict[str, ProvinceScore] = Field(
        default_factory=dict, description="各月全市综合得分及全省排名 {YYYY-MM: {score, rank}}")
    total_column: str = Field("综合得分", description="得分表中（省级给出的）综合得分列表头，用于核对")


class Target(BaseModel):
    """A target for one item indicator: at least ``min`` and/or at most ``max``."""

    model_config = ConfigDict(extra="forbid")
    min: float | None = Field(None, description="下限（含），如 0.8 表示不低于 80%")
    max: float | None = Field(None, description="上限（含），如 0.3 表示不高于 0.3 次")


class TargetsConfig(BaseModel):
    """目标跟踪 (seed 002)."""

    model_config = ConfigDict(extra="forbid")
    engine: dict[str, str] = Field(
        default_factory=dict,
        description="指标名 → 引擎中可计算的指标键（如 承诺办结时限平均压缩比例: promise_speedup）；"
                    "有则达到水平由数据计算，否则读取目标表")
    stated_in_text: dict[str, str] = Field(
        default_factory=dict,
        description="正文中另行写出的达到水平 {指标名: 原文数值}，与目标表不一致时列为问题")

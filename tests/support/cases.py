"""A tiny case-level dataset written by hand: a registry of four units and three case rows
(with personal columns) whose facts the tests work out by hand."""

from __future__ import annotations

import polars as pl

from bulletin.facts.build import case_facts
from bulletin.ingest.dataset import Dataset, Ingestion

UNITS = """单位名称,别名,层级,上级单位,考核分组,序号
市公安局,,市级部门,,A组,1
市住房和城乡建设局,市住房城乡建设局,市级部门,,A组,2
通川区,,县（市、区）,,,3
北山镇,,乡镇（街道）,通川区,,4
"""
HEADER = "办件编号,办理单位,事项编码,事项名称,申请时间,受理时间,办结时间,法定时限,承诺时限,申请方式,申请人姓名,身份证号,联系电话\n"
PII = ",张三,510101199001011234,13800000000"
GOOD = [
    "C1,市公安局,X1,户口迁移,2021-02-10 09:00:00,2021-02-10 09:30:00,2021-02-18 10:00:00,20,5,网办" + PII,
    "C2,市住房城乡建设局,X2,预售许可,2021/02/05 09:00,2021/02/05 10:00,2021/02/08 17:00,10,1,窗口" + PII,
    "C3,北山镇,X3,低保,2021-02-26 09:00:00,2021-02-26 09:30:00,,20,0,线上" + PII,
]


def ingest(ds: Dataset, strict: bool = False):
    """February's case facts of a dataset and the ingestion record."""
    ds.strict = strict
    ing = Ingestion()
    facts = case_facts(ds, "2021-02", "2021-02", ing)
    return facts, ing


def by_unit(facts: pl.DataFrame, unit: str) -> dict:
    return facts.filter(pl.col("unit") == unit).row(0, named=True)

"""Readers and validation: every input format, aliases, personal data, and the errors an
analyst gets (file, row, column, value, expected)."""

from __future__ import annotations

import polars as pl
import pytest

from bulletin.core.errors import InputError
from bulletin.facts.build import case_facts
from bulletin.ingest.dataset import Dataset, Ingestion
from support.cases import GOOD, HEADER, UNITS, by_unit, ingest


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_encodings(dataset, encoding):
    facts, ing = ingest(dataset(GOOD, encoding=encoding))
    assert by_unit(facts, "市公安局")["completed"] == 1
    assert ing.files[0].read == 3 and ing.files[0].used == 3


def test_every_registry_unit_appears_and_aliases_map(dataset):
    facts, _ = ingest(dataset(GOOD))
    assert facts["unit"].to_list() == ["市公安局", "市住房和城乡建设局", "通川区", "北山镇"]
    assert by_unit(facts, "市住房和城乡建设局")["applied"] == 1
    assert by_unit(facts, "通川区")["applied"] == 0


def test_channel_aliases(dataset):
    facts, _ = ingest(dataset(GOOD))
    assert by_unit(facts, "市公安局")["online_applied"] == 1  # 网办
    assert by_unit(facts, "市住房和城乡建设局")["online_applied"] == 0  # 窗口
    assert by_unit(facts, "北山镇")["online_applied"] == 1  # 线上


def test_personal_columns_never_leave_ingestion(dataset):
    ds = dataset(GOOD)
    facts, ing = ingest(ds)
    assert ing.files[0].dropped_personal == ["申请人姓名", "身份证号", "联系电话"]
    text = facts.write_csv()
    assert "510101199001011234" not in text and "张三" not in text and "13800000000" not in text


def test_xlsx_and_parquet_and_mixed_months(write, tmp_path):
    write("units.csv", UNITS)
    rows = [r.split(",") for r in GOOD]
    frame = pl.DataFrame([r[:13] for r in rows], schema=HEADER.strip().split(","), orient="row")
    (tmp_path / "cases").mkdir()
    frame.head(1).write_excel(tmp_path / "cases" / "jan_feb.xlsx")
    frame.slice(1).with_columns(
        pl.col("申请时间").str.replace_all("/", "-").str.to_datetime(format="%Y-%m-%d %H:%M", strict=False)
        .fill_null(pl.col("申请时间").str.to_datetime(strict=False)),
    ).write_parquet(tmp_path / "cases" / "feb.parquet")
    march = HEADER + "C9,市公安局,X1,户口迁移,2021-03-01 09:00:00,,,20,5,线下\n"
    write("cases/mar.csv", march)
    ds = Dataset.open(tmp_path)
    ing = Ingestion()
    facts = case_facts(ds, "2021-02", "2021-03", ing)
    assert {f.path.name: f.read for f in ing.files} == {"jan_feb.xlsx": 1, "feb.parquet": 2,
                                                         "mar.csv": 1}
    feb = facts.filter(pl.col("month") == "2021-02")
    assert feb["applied"].sum() == 3
    assert facts.filter(pl.col("month") == "2021-03")["applied"].sum() == 1


def test_header_aliases_from_config(write, tmp_path):
    write("units.csv", UNITS)
    write("dataset.yml", "header_aliases:\n  cases:\n    流水号: case_id\n")
    write("cases/a.csv", HEADER.replace("办件编号", "流水号") + GOOD[0] + "\n")
    _, ing = ingest(Dataset.open(tmp_path))
    assert ing.files[0].used == 1


# --------------------------------------------------------------------------- errors


BAD = {
    "unknown unit": ("C9,市不存在局,X1,a,2021-02-10 09:00:00,,,20,5,线上", "办理单位", "市不存在局"),
    "unparseable time": ("C9,市公安局,X1,a,2021-02-30 25:00,,,20,5,线上", "申请时间", "2021-02-30 25:00"),
    "completion before acceptance": (
        "C9,市公安局,X1,a,2021-02-10 09:00:00,2021-02-10 10:00:00,2021-02-09 10:00:00,20,5,线上",
        "办结时间", "2021-02-09 10:00:00"),
    "acceptance before application": (
        "C9,市公安局,X1,a,2021-02-10 09:00:00,2021-02-09 10:00:00,,20,5,线上",
        "受理时间", "2021-02-09 10:00:00"),
    "duplicate case_id": ("C1,市公安局,X1,a,2021-02-10 09:00:00,,,20,5,线上", "办件编号", "C1"),
    "duplicate case_id with blanks around": (" C1 ,市公安局,X1,a,2021-02-10 09:00:00,,,20,5,线上",
                                             "办件编号", " C1 "),
    "blank case_id": ("  ,市公安局,X1,a,2021-02-10 09:00:00,,,20,5,线上", "办件编号", "  "),
    "negative limit": ("C9,市公安局,X1,a,2021-02-10 09:00:00,,,20,-3,线上", "承诺时限", "-3"),
    "limit not a number": ("C9,市公安局,X1,a,2021-02-10 09:00:00,,,二十,5,线上", "法定时限", "二十"),
    "enum outside its set": ("C9,市公安局,X1,a,2021-02-10 09:00:00,,,20,5,邮寄", "申请方式", "邮寄"),
    "completed but never accepted": (
        "C9,市公安局,X1,a,2021-02-10 09:00:00,,2021-02-11 09:00:00,20,5,线上", "办结时间", "2021-02-11 09:00:00"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_row_strict_names_file_row_column_value(dataset, case):
    line, column, value = BAD[case]
    ds = dataset([*GOOD, line])
    with pytest.raises(InputError) as err:
        ingest(ds, strict=True)
    message = str(err.value)
    assert "a.csv" in message and "第 5 行" in message, message
    assert f"「{column}」" in message and f"「{value}」" in message, message


@pytest.mark.parametrize("case", list(BAD))
def test_bad_row_quarantined_and_counted(dataset, case, tmp_path):
    line, column, value = BAD[case]
    facts, ing = ingest(dataset([*GOOD, line]))
    f = ing.files[0]
    assert (f.read, f.used, f.quarantined) == (4, 3, 1)
    report = pl.read_csv(ing.write_quarantine(tmp_path / "q.csv"), infer_schema=False)
    file, row, col, val, _ = report.row(0)
    assert file.endswith("/cases/a.csv") and (row, col, val) == ("5", column, value)
    assert facts["applied"].sum() == 3  # the bad row is not counted


def test_missing_required_column(write, tmp_path):
    write("units.csv", UNITS)
    write("cases/a.csv", "办件编号,办理单位,申请时间\nC1,市公安局,2021-02-01 09:00:00\n")
    with pytest.raises(InputError, match=r"a\.csv 第 1 行：缺少必需的列「承诺时限」"):
        ingest(Dataset.open(tmp_path))


def test_evaluation_errors(write, tmp_path):
    write("units.csv", UNITS)
    write("cases/a.csv", HEADER + GOOD[0] + "\n")
    write("evaluations/e.csv",
          "评价编号,办件编号,被评价单位,评价时间,评价等级,评价方式,整改完成时间\n"
          "E1,C1,市公安局,2021-02-18 11:00:00,非常满意,主动评价,\n"
          "E2,C1,市公安局,2021-02-18 11:00:00,很好,主动评价,\n")
    with pytest.raises(InputError) as err:
        ingest(Dataset.open(tmp_path), strict=True)
    assert "evaluations/e.csv 第 3 行「评价等级」列：值「很好」" in str(err.value)


def test_registry_errors(write, tmp_path):
    write("units.csv", UNITS + "市公安局,,市级部门,,,5\n某局,,省级部门,,,6\n")
    with pytest.raises(InputError) as err:
        Dataset.open(tmp_path)
    message = str(err.value)
    assert "units.csv 第 6 行「单位名称」列：值「市公安局」" in message
    assert "units.csv 第 7 行「层级」列：值「省级部门」" in message



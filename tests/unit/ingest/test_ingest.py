"""Readers and validation: every input format, aliases, personal data, and the errors an
analyst gets (file, row, column, value, expected)."""

from __future__ import annotations

import polars as pl
import pytest

from bulletin.core.errors import InputError
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


@pytest.fixture
def dataset(write, tmp_path):
    write("units.csv", UNITS)

    def make(rows: list[str], name: str = "cases/a.csv", encoding: str = "utf-8") -> Dataset:
        write(name, HEADER + "\n".join(rows) + "\n", encoding)
        return Dataset.open(tmp_path)

    return make


def ingest(ds: Dataset, strict: bool = False):
    ds.strict = strict
    ing = Ingestion()
    facts = case_facts(ds, "2021-02", "2021-02", ing)
    return facts, ing


def by_unit(facts: pl.DataFrame, unit: str) -> dict:
    return facts.filter(pl.col("unit") == unit).row(0, named=True)


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


def test_hand_worked_case_facts(dataset):
    facts, _ = ingest(dataset(GOOD))
    # C1: accepted 02-10, completed 02-18 across the Spring Festival: elapsed 1 < 5 → early
    c1 = by_unit(facts, "市公安局")
    assert (c1["promise_completed"], c1["promise_early"], c1["completed_overdue"]) == (1, 1, 0)
    assert (c1["promise_legal_days"], c1["promise_saved_days"]) == (20, 19)
    assert (c1["online_promise_completed"], c1["online_legal_days"], c1["online_saved_days"]) == (1, 20, 19)
    # C2: 02-05 (Fri) → 02-08 (Mon), Sunday 02-07 is a make-up working day: elapsed 2 > 1
    c2 = by_unit(facts, "市住房和城乡建设局")
    assert (c2["completed_overdue"], c2["promise_overdue"], c2["promise_early"]) == (1, 1, 0)
    assert c2["promise_saved_days"] == 8
    # C3: 即办件 not completed: applied and accepted, not a 承诺件
    c3 = by_unit(facts, "北山镇")
    assert (c3["applied"], c3["accepted"], c3["promise_applied"], c3["completed"]) == (1, 1, 0, 0)


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


def test_facts_command_writes_the_contract_columns(dataset, tmp_path):
    from typer.testing import CliRunner

    from bulletin.cli import app
    from bulletin.facts.cube import FACT_COLUMNS

    ds = dataset([*GOOD, BAD["unknown unit"][0]])
    out = tmp_path / "out" / "facts.parquet"
    result = CliRunner().invoke(app, ["facts", "--dataset", str(ds.folder), "--month", "2021-02",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    table = pl.read_parquet(out)
    assert table.columns == ["month", "unit", *FACT_COLUMNS]
    assert table.height == 4 and table["applied"].sum() == 3
    assert "读取 4 行 = 使用 3 行 + 隔离 1 行" in result.output
    assert (tmp_path / "out" / "facts.quarantine.csv").exists()


def test_facts_command_refuses_an_aggregated_dataset(tmp_path):
    from typer.testing import CliRunner

    from bulletin.cli import app
    from conftest import DATA

    result = CliRunner().invoke(app, ["facts", "--dataset", str(DATA / "seed000"), "--month",
                                      "2021-02", "--out", str(tmp_path / "f.parquet")])
    assert result.exit_code == 2 and "没有 cases/ 办件明细" in result.output

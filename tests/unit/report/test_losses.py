"""The loss gates' finer points (report.losses), by hand: which files are compared month to
month, evaluations as well as cases, the direction of a change, no base without data, the
nearest registry names, the resemblance of headers, the full-list command as typed."""

from __future__ import annotations

import pytest

from bulletin import open_month
from bulletin.ingest.schema import CASES
from bulletin.report.losses import (
    change_losses,
    column_losses,
    full_list_command,
    month_losses,
    most_like,
    nearest_units,
    percent,
)
from support import losses as made
from support.handmade import EVALUATION_HEADER, evaluation, make, write


@pytest.mark.parametrize(("share", "text"), [
    (0.01, "1%"), (0.5, "50%"), (0.125, "12.5%"), (5 / 90, "5.56%"), (1.1, "110%"), (0.0, "0%")])
def test_percent(share, text):
    assert percent(share) == text


def test_one_file_holding_both_months_is_not_compared_with_itself(tmp_path):
    """handmade's single cases.csv holds January to March: no column to lose."""
    cases = [r for m in ("02", "03") for r in made.rows(f"C{m}-", f"2021-{m}-03", 200)]
    b = open_month(make(tmp_path / "ds", cases), "2021-03")
    assert column_losses(b) == [] and month_losses(b) == []


def test_a_column_lost_from_an_evaluation_file_is_named(tmp_path):
    folder = made.two_months(tmp_path / "ds")
    rows = [evaluation(f"E{i}", "市甲局", "2021-02-10 10:00:00", "满意") for i in range(1, 11)]
    write(folder, "evaluations/2021-02.csv", EVALUATION_HEADER + "\n" + "\n".join(rows) + "\n")
    # March: 整改完成时间 exported as 整改日期
    header = EVALUATION_HEADER.replace("整改完成时间", "整改日期")
    rows = [evaluation(f"F{i}", "市甲局", "2021-03-10 10:00:00", "满意") for i in range(1, 11)]
    write(folder, "evaluations/2021-03.csv", header + "\n" + "\n".join(rows) + "\n")
    texts = [loss.text for loss in column_losses(open_month(folder, "2021-03"))]
    # 整改日期 and 整改时间 (a spelling of 整改完成时间) share 整改: 2 × 2 / 8 = 0.5
    assert texts == [("ds/evaluations/2021-03.csv 缺少上月文件 ds/evaluations/2021-02.csv 中有的列"
                     "「整改完成时间」；本文件未使用的列中与之最相近的是「整改日期」（如是同一列，请在 "
                     "dataset.yml 的 header_aliases 的 evaluations 下写 整改日期: rectified_at）")]


def test_a_column_of_a_file_of_an_earlier_month_only_is_not_a_loss(tmp_path):
    """The March file is compared with February's, not with January's."""
    folder = made.renamed_column(tmp_path / "ds")
    header = "办件编号,办理单位,申请时间,承诺时限,申请方式"  # February as the platform now exports
    feb = [f"F{i},市甲局,2021-02-03 09:00:00,0,线下" for i in range(1, 201)]
    write(folder, "cases/2021-02.csv", header + "\n" + "\n".join(feb) + "\n")
    jan = made.rows("J", "2021-01-06", 200)  # January with every column
    made.cases_file(folder, "2021-01", jan)
    assert column_losses(open_month(folder, "2021-03")) == []
    # February lost 受理时间, 办结时间, 法定时限, 事项编码, 事项名称 against January
    lost = [loss.text for loss in column_losses(open_month(folder, "2021-02"))]
    assert len(lost) == 5 and all("缺少上月文件 ds/cases/2021-01.csv" in t for t in lost)


def test_more_cases_are_a_loss_too_and_say_so(tmp_path):
    folder = made.two_months(tmp_path / "ds", made.rows("M", "2021-03-03", 301))
    texts = [loss.text for loss in change_losses(open_month(folder, "2021-03"))]
    # 301 against 200: 101 more, +50.5 %
    assert texts == [("全市申请件 301 件，较上月（2021-02）200 件增加 101 件（+50.5%），增减超过 50%"
                     "（dataset.yml 的 loss_gates.applied_change_max）")]
    folder = made.two_months(tmp_path / "ok", made.rows("M", "2021-03-03", 300))  # +50 %: no loss
    assert change_losses(open_month(folder, "2021-03")) == []


def test_the_first_month_and_a_month_after_one_without_data_have_no_base(tmp_path):
    folder = made.fewer_cases(tmp_path / "ds")
    assert change_losses(open_month(folder, "2021-02")) == []  # no month before February
    (folder / "cases" / "2021-02.csv").rename(folder / "cases" / "2021-01.csv")
    made.cases_file(folder, "2021-01", made.rows("J", "2021-01-06", 200))  # January, not February
    assert change_losses(open_month(folder, "2021-03")) == []  # February has no data


def test_nearest_units_put_a_name_inside_first_then_by_likeness():
    spellings = {"市甲局": "市甲局", "甲局": "市甲局", "市乙局": "市乙局", "丙县": "丙县",
                 "丙县丁镇": "丙县丁镇", "丁镇": "丙县丁镇", "戊区": "戊区"}
    assert nearest_units("市甲局 138＊＊＊＊5678", spellings) == ["市甲局"]  # 市甲局, 甲局 inside
    assert nearest_units("丙县丁", spellings) == ["丙县丁镇", "丙县"]
    # 市甲局分局: 市甲局 inside; 市乙局 2 × 2 / 8 = 0.5 ≥ 0.4; 丙县, 戊区 share nothing
    assert nearest_units("市甲局分局", spellings) == ["市甲局", "市乙局"]
    assert nearest_units("某某中心", spellings) == []


def test_a_header_resembles_a_column_by_any_of_its_spellings():
    accepted = CASES.column("accepted_at")  # 受理时间
    assert most_like(accepted, ["备注", "受理日期", "办结日期"]) == "受理日期"
    assert most_like(accepted, ["备注", "办结日期"]) is None  # 0 and 0
    limit = CASES.column("legal_limit_days")  # 法定时限, 法定办结时限
    assert most_like(limit, ["法定期限"]) == "法定期限"  # 法定 + 限: 2 × 3 / 8


def test_the_full_list_command_is_typed_with_the_dataset_and_its_months(tmp_path):
    folder = made.quarantined(tmp_path / "my city")
    command, listing = full_list_command(open_month(folder, "2021-03"))
    assert command == (f"bulletin facts --dataset '{folder}' --month 2021-02 --to 2021-03 "
                       "--out 'my city-2021-03.parquet'")
    assert listing == "my city-2021-03.quarantine.csv"

"""Every figure the seeds print: for each of the five seeds (tests/fixtures/seeds/), every
number its text and tables print is printed by the bulletin generated from its sample
dataset (data/seed000 … data/seed004), or named in the month's review with the reason it
is not (the seed contradicting its own tables, the seed having no data for it).

Which numbers are figures (not dates, 期号, 序号, list numbers …) and how they are compared
is tests/support/seed_figures.py. A failure lists each missing figure with where the seed
prints it.
"""

from __future__ import annotations

import pytest

from support.paths import DATA
from support.seed_figures import Expected, figures, printed, recall, seed_text

MONTHS = {"000": "2021-02", "001": "2023-06", "002": "2020-12", "003": "2022-09",
          "004": "2021-09"}

# What the bulletin does not print yet, with why (seed 004's 附件3, the forwarded
# 「市政府交办事项」, is printed from attachments/2021-09/: its figures are counted).
EXPECTED: dict[str, tuple[Expected, ...]] = {}


# The figures the bulletin does not print and the review names, with why: the seed's text
# contradicting its tables (the text's totals, and the rates the text makes of them), or
# figures the data has no column for (承诺件线上受理). Everything else is printed.
REVIEWED = {
    "000": {  # 数据核对: the text's totals against the annexes' sums, its rates from them
        "249682": 1, "6548": 1, "41.21%": 1, "80165": 2, "243986": 1, "32.85%": 1, "32.10%": 1,
        "3100": 1, "48.68%": 1, "68251": 1, "67617": 1, "23147": 1,
        # 数据来源: 承诺件线上受理, no column of the annexes
        "24401": 1, "1544": 1, "22857": 1},
    "003": {"4288": 1, "97.86%": 1},  # 数据核对: the text's 办件数 and 主动评价率
}


@pytest.mark.parametrize(("seed", "month"), [pytest.param(seed, month, id=f"seed{seed}")
                                             for seed, month in MONTHS.items()])
def test_every_figure_of_the_seed_is_printed_or_reviewed(seed, month):
    shown = printed(DATA / f"seed{seed}", month)
    result = recall(seed_text(seed), shown, EXPECTED.get(seed, ()))
    assert result.seed_figures  # the seed has figures, and they were read
    assert result.missing_count == 0, (
        f"seed {seed}: {result.missing_count} of {len(result.seed_figures)} figures neither "
        f"printed nor named in the review:\n{result.report()}")
    reviewed = {figures(text, seed=False)[0].key: n for text, n in REVIEWED.get(seed, {}).items()}
    assert dict(result.in_review) == reviewed


def shown(text: str, seed: bool = True) -> list[str]:
    return [f.text for f in figures(text, seed=seed)]


def test_dates_numbers_of_the_document_and_numbering_are_not_figures():
    assert shown("2021 年第 2 期\n\n达州市政务服务管理局\n\n2021 年 3 月 22 日") == []
    assert shown("6 月 1 日—6 月 30 日超过承诺时限，1—2月累计，时间:2021-12-16") == []
    assert shown("江北政务〔2021〕45号；（“渝快办”专项工作2021年第1号）") == []
    assert shown("- 附件：1. 达州市运行情况表\n2. 县（市、区）运行情况表\n附件 2\n图 4.主动评价数") == []
    assert shown("附件:1.9月“一网通办”能力提升工作情况\n注：1.申请件：统计") == []
    assert shown("（联系人：尹翔，187＊＊＊＊0028）\n邮箱2903103717@qq.com，Ipv6 支持度") == []
    # but a rank, an issue of another paper, a count before 个月 or 小时 are figures
    assert shown("全省排名第 2 位，《攻坚快报》（第 104 期），5个工作日，“7×24小时”") == [
        "2", "104", "5", "7", "24"]


def test_a_table_row_number_is_not_a_figure_but_a_value_before_a_name_is():
    # tab-separated rows (seed 001); the 3 before 开展联合上门服务 does not continue 1, 2 …
    rows = "1\t市发展改革委\t100.00%\t3\t开展联合上门服务\t1\n2\t市经信局\t100.00%\t3\t\t0.99"
    assert shown(rows) == ["100.00%", "3", "1", "100.00%", "3", "0.99"]
    # one cell a line (seed 003), and Markdown pipes (seed 000)
    assert shown("1 |\n区委办公室 |\n18 |\n0 |\n2 |\n区委宣传部 |\n6 |") == ["18", "0", "6"]
    assert shown("| 1 | 通川区 | 9380 |\n| 2 | 达川区 | 33556 |") == ["9380", "33556"]
    # in the bulletin's tables the 序号 column is left out by its header, not by this rule
    assert shown("1\t市发展改革委\t7", seed=False) == ["1", "7"]


def test_figures_compare_by_value():
    keys = [f.key for f in figures("97.0%、97.00%、100%、24.9 万件、249000、-160.00%、1,234")]
    assert keys[0] == keys[1] and keys[2] == figures("100.00%")[0].key
    assert keys[3] == keys[4] and keys[3] != figures("24.9")[0].key
    assert keys[5] == figures("-160%")[0].key and keys[6] == figures("1234")[0].key
    assert figures("100%")[0].key != figures("100")[0].key  # a rate is not a count
    assert [f.text for f in figures("2\t1.5\n万源市 0.5 万源市")] == ["2", "1.5", "0.5"]

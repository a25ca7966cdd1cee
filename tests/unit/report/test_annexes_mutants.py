"""report.sections.operation.annexes: what the mutation run found untested
(bench/mutation-notes/report.md) — the configured text of a rate without denominator in the
annex cells, and the exact style of an overdue count (red and bold), on March 2021 of the
hand-made dataset."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from bulletin import open_month
from bulletin.report.blocks import table_gt
from bulletin.report.sections.operation.annexes import annex_display, annex_table
from support.handmade import BOUNDARIES, CONFIG, EVALUATIONS, make


@pytest.mark.parametrize(("config", "none"), [
    (CONFIG, "-"),
    (CONFIG + "zero_denominator: 0.00%\n", "0.00%"),
])
def test_rates_without_denominator_as_configured(tmp_path, config, none):
    b = open_month(make(tmp_path, BOUNDARIES, EVALUATIONS, config=config), "2021-03")
    rows = annex_display(b, "县（市、区）").rows()
    # 丙县 with 丙县丁镇 (whose evaluation is a 回访) has no case in March or February:
    # every count 0, every rate without denominator, 办结 较上月 0 − 0: 持平; so have its
    # own cases (丙县本级) and its town, indented under it
    zero = ("0", "0", "0", "0", "0", "0", none, none, none,
            "0", "0", "0", "0", "0", none, none, none, "0", none, "持平")
    assert rows[0] == ("1", "丙县", *zero)
    assert rows[1] == ("", "\u3000丙县本级", *zero)
    assert rows[2] == ("", "\u3000丙县丁镇", *zero)
    assert [r[1] for r in rows] == ["丙县", "\u3000丙县本级", "\u3000丙县丁镇", "戊区", "合计"]
    assert [r[0] for r in rows] == ["1", "", "", "2", ""]


def declarations(style: str | None) -> dict[str, str]:
    """'color: #c00000;font-weight: bold;' → {'color': '#c00000', 'font-weight': 'bold'}."""
    pairs = [d.split(":", 1) for d in (style or "").split(";") if d.strip()]
    return {k.strip(): v.strip() for k, v in pairs}


def test_overdue_count_is_red_and_bold(tmp_path):
    b = open_month(make(tmp_path, BOUNDARIES, EVALUATIONS), "2021-03")
    soup = BeautifulSoup(table_gt(annex_table(b, "市级部门")).as_raw_html(), "html.parser")
    overdue = [r.find_all("td")[5] for r in soup.select("tbody tr")]  # 超时办结: 3, 0, 3
    assert [td.get_text(strip=True) for td in overdue] == ["3", "0", "3"]
    assert declarations(overdue[0].get("style")) == {"color": "#c00000", "font-weight": "bold"}
    assert declarations(overdue[1].get("style")) == {}  # 市乙局: 0, not marked
    # 合计: bold as a total row, and red and bold as an overdue count
    assert declarations(overdue[2].get("style")) == {"color": "#c00000", "font-weight": "bold"}

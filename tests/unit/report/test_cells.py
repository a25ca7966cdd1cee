"""A table cell is made from its number (report.blocks): its text is the bulletin's spelling
(report.fmt), its value the number that text shows — computed the same way, never read
back from the text — and its spreadsheet format prints that value as the text does. Values
here are worked out by hand."""

from __future__ import annotations

import math

import pytest
from pydantic import ValidationError

from bulletin.core.blocks import Cell, Column, Table
from bulletin.core.meta import read_meta, write_meta
from bulletin.report.blocks import (
    change_cell,
    count_cell,
    figure_cell,
    number_cell,
    rank_change_cell,
    rate_cell,
    score_cell,
)
from bulletin.report.fmt import fmt_change, fmt_figure, fmt_rank_change
from support.executed import month_meta


@pytest.mark.parametrize(("value", "text", "shown", "fraction"), [
    (0.42559, "42.55%", 42.55, 0.4255),  # truncated, not rounded up
    (0.999988, "99.99%", 99.99, 0.9999),  # never 100.00% short of it
    (1.0, "100.00%", 100.0, 1.0),
    (2.045454, "204.54%", 204.54, 2.0454),  # 主动评价率 over 100%
    (-1.6, "-160.00%", -160.0, -1.6),  # 线上办理提速率 below 0
    (0.0, "0.00%", 0.0, 0.0),
])
def test_a_rate_prints_its_truncated_percentage_and_holds_that_number(value, text, shown,
                                                                      fraction):
    cell = rate_cell(value)
    assert (cell.text, cell.value, cell.format, cell.sheet_value) == (text, shown, "0.00%",
                                                                      fraction)
    assert cell.is_percentage and cell.is_figure


def test_a_rate_without_a_denominator_is_the_dataset_s_mark():
    assert rate_cell(None) == Cell(text="-")
    assert not rate_cell(None).is_percentage and rate_cell(None).is_figure  # a figure's mark
    zero = rate_cell(None, "0.00%")  # a dataset that prints 0.00% there
    assert (zero.text, zero.value, zero.format) == ("0.00%", 0, "0.00%")
    assert rate_cell(math.nan, "0.00%") == Cell(text="-")  # the input cannot give it


def test_counts_scores_and_numbers():
    assert count_cell(1129) == Cell(text="1129", value=1129, format="0")
    assert count_cell(None) == Cell(text="-")
    assert score_cell(89.677) == Cell(text="89.68", value=89.68, format="0.00")  # half up
    assert score_cell(89.675) == Cell(text="89.68", value=89.68, format="0.00")
    assert number_cell(1.5) == Cell(text="1.50", value=1.5, format="0.00")


@pytest.mark.parametrize("value", [0, 1, 7.125, 2.675, 1.005, -0.004, 0.3, 12345.678, None])
@pytest.mark.parametrize("kind", ["rate", "count", "score", "number"])
def test_one_spelling_the_text_is_what_fmt_writes(kind, value):
    if kind == "count" and value is not None and not float(value).is_integer():
        value = round(value)
    assert figure_cell(kind, value).text == fmt_figure(kind, value)


def test_changes_show_their_direction_and_hold_the_signed_number():
    assert change_cell(20, 8, True) == Cell(text="↑12", value=12)
    assert change_cell(5, 8, True) == Cell(text="↓3", value=-3)
    assert change_cell(8, 8, True) == Cell(text="持平", value=0)
    assert change_cell(8, None, True) == Cell(text="—")
    assert rank_change_cell(None, True) == Cell(text="新增")
    assert rank_change_cell(2, False) == Cell(text="—")
    for now, before in ((20, 8), (5, 8), (8, 8), (8, None)):
        assert change_cell(now, before, True).text == fmt_change(now, before, True)
    for change in (3, -2, 0, None):
        assert rank_change_cell(change, True).text == fmt_rank_change(change, True)
    # a spreadsheet keeps 「↑12」 as text; Word aligns it with the figures
    assert change_cell(20, 8, True).sheet_value is None and change_cell(20, 8, True).is_figure


def test_a_table_round_trips_through_meta_json_with_only_what_each_cell_has(tmp_path):
    table = Table(title="表", columns=[Column(id="unit", label="单位", align="left"),
                                      Column(id="c0_applied", label="申请", spanners=("办件",))],
                  rows=[[Cell(text="市公安局"), count_cell(1129).marked(bold=True, color="#c00000")]],
                  notes=["注。"])
    assert table.model_dump(mode="json")["rows"] == [[
        {"text": "市公安局"},
        {"text": "1129", "value": 1129, "format": "0", "bold": True, "color": "#c00000"}]]
    write_meta(month_meta("2021-02").model_copy(update={"blocks": [table]}), tmp_path)
    assert read_meta(tmp_path / "meta.json").blocks == [table]


def test_a_column_has_one_spanner_at_most():
    with pytest.raises(ValidationError):
        Column(id="a", label="a", spanners=("外", "内"))

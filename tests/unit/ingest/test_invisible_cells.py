"""Invisible format characters (Unicode Cf: U+202E, U+200B …) in the text cells of cases and
evaluations (docs/inputs.md, section 3): the row is quarantined and the reason says which
character it holds, in core.invisible's words — not 「单位名录中的单位或其别名」."""

from __future__ import annotations

import pytest

from bulletin.core.errors import InputError
from bulletin.facts.build import case_facts, facts_for
from bulletin.ingest.dataset import Dataset, Ingestion
from support.hostile import case, make_dataset, write

APPLIED, ACCEPTED, DONE = "2021-02-03 09:00:00", "2021-02-03 10:00:00", "2021-02-05 10:00:00"
GOOD = [case(f"C{i}", APPLIED, ACCEPTED, DONE) for i in range(1, 5)]  # rows 2..5


def quarantined(folder):
    ing = Ingestion()
    table = case_facts(Dataset.open(folder), "2021-02", "2021-02", ing)
    return table.filter(table["unit"] == "市公安局").row(0, named=True), ing


@pytest.mark.parametrize("row,column,value,shown,words", [
    (case("X1", APPLIED, ACCEPTED, DONE, unit="市公安局\u202e"), "办理单位", "市公安局\u202e",
     "市公安局〈U+202E〉", "U+202E（从右到左覆盖，会使文字倒序显示）"),
    (case("X1", APPLIED, ACCEPTED, DONE, channel="\u200b线上"), "申请方式", "\u200b线上",
     "〈U+200B〉线上", "U+200B（零宽空格）"),
], ids=["unit", "channel"])
def test_a_case_cell_with_an_invisible_character_is_quarantined_saying_so(
        tmp_path, row, column, value, shown, words):
    assert value in row
    folder = make_dataset(tmp_path, {"a.csv": [*GOOD, row]})
    facts, ing = quarantined(folder)
    [p] = ing.problems
    assert (p.row, p.column, p.value) == (6, column, shown)
    assert words in p.expected and "不可见的格式字符" in p.expected
    assert (facts["applied"], ing.files[0].quarantined) == (4, 1)


def test_an_evaluation_unit_with_an_invisible_character_is_quarantined_saying_so(tmp_path):
    folder = make_dataset(tmp_path, {"a.csv": GOOD})
    write(folder, "evaluations/e.csv",
          "评价编号,办件编号,被评价单位,评价时间,评价等级,评价方式,整改完成时间\n"
          "E1,C1,市公安局,2021-02-05 12:00:00,满意,主动评价,\n"
          "E2,C2,市\u202e公安局,2021-02-05 12:00:00,满意,主动评价,\n")
    facts, ing = quarantined(folder)
    [p] = ing.problems
    assert p.file.endswith("evaluations/e.csv")
    assert (p.row, p.column, p.value) == (3, "被评价单位", "市〈U+202E〉公安局")
    assert "从右到左覆盖" in p.expected and facts["evaluations"] == 1


@pytest.mark.parametrize("row,column,shown,words", [
    (case("X1", APPLIED, ACCEPTED, DONE).replace(",X1,户口迁移,", ",,户口\u2067迁移,"), "事项名称",
     "户口〈U+2067〉迁移", "U+2067（从右到左隔离）"),
    (case("X1", APPLIED, ACCEPTED, DONE).replace(",X1,", ",X\u00ad1,"), "事项编码",
     "X〈U+00AD〉1", "U+00AD（软连字符）"),
], ids=["item-name", "item-code"])
def test_an_item_counted_with_an_invisible_character_stops_the_run_naming_it(
        tmp_path, row, column, shown, words):
    # The item of a 承诺件 completed in the month (承诺时限 5, 法定时限 20): it is told apart
    # from the others by its 事项编码, else its 事项名称.
    folder = make_dataset(tmp_path, {"a.csv": [*GOOD, row]})
    with pytest.raises(InputError) as err:
        facts_for(Dataset.open(folder), "2021-02", "2021-02")
    [p] = err.value.problems
    assert p.file.endswith("cases/a.csv") and (p.row, p.column, p.value) == (6, column, shown)
    assert words in p.expected

"""Mapping the spellings of a column (units and aliases, channel and kind words) onto their
values, as docs/inputs.md says: blanks around a cell are ignored, letters must be spelt as
listed (「Online」 is refused; 「abc中心」 is not the alias 「ABC中心」)."""

from __future__ import annotations

import polars as pl

from bulletin.ingest.typed import map_values

# A word and a unit alias with capitals, as a registry may spell them.
MAPPING = {"online": "线上", "线下": "线下", "ABC中心": "市ABC服务中心"}


def mapped(cells: list[str | None]) -> list[str | None]:
    frame = pl.DataFrame({"v": cells}, schema={"v": pl.String})
    return frame.select(map_values("v", MAPPING, pl.String).cast(pl.String).alias("v")
                        )["v"].to_list()


def test_blanks_are_ignored_and_letters_must_be_spelt_as_listed():
    assert mapped(["online", " online ", "ABC中心", "\u3000ABC中心 ", "线下"]) == [
        "线上", "线上", "市ABC服务中心", "市ABC服务中心", "线下"]
    assert mapped(["Online", "ONLINE", "abc中心", "Abc中心", "邮寄", None]) == [None] * 6

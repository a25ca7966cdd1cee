"""core.proofread: slips flagged for the analyst (never changed) — a Chinese character
typed three times or more in a row, a name one character away from a registry unit, a
sentence written twice — and what is not one."""

from __future__ import annotations

from bulletin.core.proofread import NameIndex, Slip, repeated_sentences, repeats

REGISTRY = ["格里坪镇", "玉泉街道", "区行政审批局", "区民政局", "区财政局", "西区"]


def test_a_character_three_times_in_a_row():
    text = "1．格里坪镇便民服务中心心心心办件 1100 件。\n谢谢，好好学习。"
    # 心 four times on line 1 (shown with six characters either side); 谢谢 and 好好
    # (twice) are words, not slips
    assert repeats(text) == [Slip(1, "心心心心", "镇便民服务中心心心心办件 110")]
    assert repeats("三三三") == [Slip(1, "三三三", "三三三")]
    assert repeats("AAA，。。。，111") == []  # Latin letters, marks and digits are not looked at


def test_a_name_one_character_from_the_registry():
    index = NameIndex(REGISTRY)
    text = ("格里平镇便民服务中心办件较多。\n"  # 坪 typed 平: one replaced
            "玉泉街街道开展培训。\n"  # 街 typed twice: one added inside
            "区行审批局牵头。\n"  # 政 left out: one missing inside
            "西区行政审批局、区民政局、区财政局照常。\n"  # as registered (西区行政审批局 holds one)
            "市民政局、区民政所。")  # another level, another kind: the first or last character
    found = [(s.line, s.found, name) for s, name in index.in_text(text)]
    assert found == [(1, "格里平镇", "格里坪镇"), (2, "玉泉街街道", "玉泉街道"),
                     (3, "区行审批局", "区行政审批局")]


def test_a_cell_is_compared_whole():
    index = NameIndex(REGISTRY)
    assert index.near("格里平镇") == "格里坪镇"
    assert index.near("格里坪镇") is None  # the name itself
    assert index.near("西区") is None and index.near("东区") is None  # too short to compare
    assert index.near("格里坪镇便民服务中心心心心") is None  # not a name of the registry


def test_a_sentence_written_twice():
    text = ("## 工作动态\n\n1．本月完成事项认领6669项。全区一体化平台运行平稳。\n\n"
            "2．全区一体化平台运行平稳。现通报如下。现通报如下。")
    # the second sentence is on lines 3 and 5; 「现通报如下。」 has five characters: too short
    assert repeated_sentences(text) == [("全区一体化平台运行平稳。", [3, 5])]

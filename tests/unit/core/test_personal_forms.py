"""The recogniser of personal numbers (core.privacy) reads them as people type them: an
ID number (valid check digit, X or x) or a mobile number in full-width digits, in groups
of any size joined by spaces (U+3000 too), hyphens or dashes of any kind or dots, after
+86 or 0086 — found and masked over its whole span, the text around it kept; and the
numbers a bulletin prints (counts, dates, decimals, 期号, long case numbers) in the same
forms are left alone."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin.core.privacy import find_lines, normalise, redact, scan
from support.personal_forms import FULL_WIDTH, check_digit
from support.properties import examples

ID_MASK = "［身份证号已隐去］"
def test_check_digit_of_the_standards_example():
    # GB 11643-1999's example 11010519491231002X; and one worked by hand:
    # 110101199001011234 → 1·7+1·9+0·10+1·5+0·8+1·4+1·2+9·1+9·6+0·3+0·7+1·9+0·10+1·5+1·8+2·4+3·2
    # = 7+9+5+4+2+9+54+9+5+8+8+6 = 126 = 11·11+5 → "10X98765432"[5] = "7"
    assert check_digit("11010519491231002") == "X"
    assert check_digit("11010119900101123") == "7"


@st.composite
def id_numbers(draw) -> str:
    region = draw(st.integers(110000, 659999))
    born = draw(st.dates(dt.date(1900, 1, 1), dt.date(2020, 12, 31)))
    first17 = f"{region}{born:%Y%m%d}{draw(st.integers(0, 999)):03d}"
    check = check_digit(first17)
    return first17 + (draw(st.sampled_from("Xx")) if check == "X" else check)


@st.composite
def mobile_numbers(draw) -> str:
    return f"1{draw(st.integers(3, 9))}{draw(st.integers(0, 10**9 - 1)):09d}"


SEPARATORS = [" ", "\u3000", "-", "－", "—", "–", "‐", "."]


@st.composite
def grouped(draw, digits: str) -> str:
    """``digits`` cut into groups (of any size) joined by one separator, the same
    throughout; dots only between three groups or more (two are a decimal). A check letter
    stays with the digit before it."""
    last = len(digits) - (2 if digits[-1] in "Xx" else 1)
    cuts = sorted(draw(st.sets(st.integers(1, last), max_size=5)))
    groups = [digits[a:b] for a, b in zip([0, *cuts], [*cuts, len(digits)], strict=True)]
    separator = draw(st.sampled_from(SEPARATORS if len(groups) >= 3 else SEPARATORS[:-1]))
    return separator.join(groups)


@st.composite
def typed(draw, number: str, mobile: bool) -> str:
    """``number`` as a person may type it: a +86 / 0086 / 86 prefix for a mobile, grouped
    (or not), full-width (or not)."""
    prefix = draw(st.sampled_from(["", "86", "0086", "+86"])) if mobile else ""
    text = draw(grouped(prefix.lstrip("+") + number))
    if prefix.startswith("+"):
        text = "+" + text
    if mobile and not prefix and draw(st.booleans()):
        text = draw(st.sampled_from(["+86 ", "0086-", "+86-", "0086 "])) + text
    if draw(st.booleans()):
        text = text.translate(FULL_WIDTH)
    return text


BEFORE = ["", "联系人张三，手机", "身份证号：", "（", "请核实 ", "2021-02-03 ", "共 5 件，电话 ", "张三 "]
AFTER = ["", "。", "）", "，请核实。", " 共 249679 件", "（2021-02）", " 第 2 期"]


def digits_left(text: str) -> str:
    """Every digit of ``text`` read as typed, in order (separators and all else dropped)."""
    return re.sub(r"\D", "", normalise(text))


@settings(max_examples=examples(400), suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), mobile=st.booleans())
def test_a_number_in_any_typed_form_is_found_and_masked_whole(data, mobile):
    number = data.draw(mobile_numbers() if mobile else id_numbers())
    written = data.draw(typed(number, mobile))
    before, after = data.draw(st.sampled_from(BEFORE)), data.draw(st.sampled_from(AFTER))
    masked = f"{number[:3]}＊＊＊＊{number[-4:]}" if mobile else ID_MASK
    assert redact(before + written + after) == before + masked + after
    assert number[:11] not in digits_left(redact(before + written + after))
    kind = "手机号码" if mobile else "身份证号"
    assert scan(before + written + after) == [(kind, masked)]
    assert [(p.kind, p.masked) for p in find_lines(before + written + after, "f")] == [(kind, masked)]


@settings(max_examples=examples(200))
@given(data=st.data())
def test_two_numbers_side_by_side_are_both_masked(data):
    first, second = data.draw(mobile_numbers()), data.draw(id_numbers())
    text = data.draw(typed(first, True)) + " " + data.draw(typed(second, False))
    out = redact(text)
    assert first not in digits_left(out) and second[:17] not in digits_left(out)
    assert out.endswith(ID_MASK)


def id_shaped(digits: str) -> bool:
    """A run of digits the documented rule reads as an ID: 18 digits with a birth date
    18xx–20xx at 7–14, or 15 digits with a date YYMMDD at 7–12 (an old ID)."""
    def date(text: str, fmt: str) -> bool:
        try:
            dt.datetime.strptime(text, fmt)
        except ValueError:
            return False
        return True

    if len(digits) == 18:
        return digits[6:8] in ("18", "19", "20") and date(digits[6:14], "%Y%m%d")
    return len(digits) == 15 and date(digits[6:12], "%y%m%d")


@st.composite
def ordinary(draw) -> str:
    """What a bulletin prints and a note holds that is no personal number."""
    return draw(st.one_of(
        st.integers(0, 9_999_999).map(str),                                    # a count
        st.integers(0, 10**5).map(lambda n: f"{n / 100:.2f}%"),                # a rate
        st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)).flatmap(
            lambda d: st.sampled_from([f"{d:%Y-%m-%d}", f"{d:%Y.%m.%d}", f"{d:%Y %m %d}",
                                       f"{d:%Y}年{d.month}月", f"{d:%Y-%m}"])),  # a date
        st.integers(1, 99).map(lambda n: f"第 {n} 期"),                        # 期号
        # a case number of 12 digits (a mobile number and one more digit), whole or in fours
        mobile_numbers().flatmap(lambda m: st.sampled_from([m + "0", f"{m[:4]} {m[4:8]} {m[8:]}0"])),
        # a long code, not one that reads as an ID by the rule (a 15-digit code with a date
        # at 7–12 is an old ID: hypothesis found 101151810601000)
        st.integers(10**12, 10**19).map(str).filter(lambda s: not id_shaped(s)),
        st.integers(10**9, 10**10 - 1).map(lambda n: f"1{str(n)[1:]}"),        # 10 digits
        st.integers(10**10, 2 * 10**10 - 1).map(lambda n: f"1{n % 3}{str(n)[2:]}"),  # 10…/11…/12…
        mobile_numbers().map(lambda m: f"0.{m}"),                              # a fraction
        mobile_numbers().map(lambda m: f"{m}.5"),
    ))


@settings(max_examples=examples(400))
@given(numbers=st.lists(ordinary(), min_size=1, max_size=4), full_width=st.booleans())
def test_ordinary_numbers_are_left_alone(numbers, full_width):
    text = "本月" + "件，".join(numbers) + "。"
    if full_width:
        text = text.translate(FULL_WIDTH)
    assert redact(text) == text
    assert scan(text) == []


@pytest.mark.parametrize("typed_text", [
    "1101 0119 9001 0112 37", "110 101 19900101 1237", "110101-19900101-1237",
    "１１０１０１１９９００１０１１２３７", "110101 19900101 1237", "110101　19900101　1237",
    "11010519491231002x", "110105 19491231 002X",
])
def test_the_issues_forms_of_an_id(typed_text):
    assert redact(f"身份证{typed_text}，") == f"身份证{ID_MASK}，"


@pytest.mark.parametrize("typed_text", [
    "139-1234-5678", "+86 139 1234 5678", "１３９１２３４５６７８", "139 1234 5678", "139.1234.5678",
    "139—1234—5678", "139－1234－5678", "139‐1234‐5678", "0086 13912345678", "+86-139-1234-5678",
    "＋８６　１３９　１２３４　５６７８", "+86 139-1234-5678",
])
def test_the_issues_forms_of_a_mobile(typed_text):
    assert redact(f"手机：{typed_text}。") == "手机：139＊＊＊＊5678。"


@pytest.mark.parametrize("text", [
    "申请 249679 件", "2021-02-03", "2021 年第 2 期", "办件编号 139123456789",  # 12 digits
    "0.13912345678", "13912345678.5", "13.9 1234 5678 件",
    "v2.139.1234.5678.1", "事项编码 511704500120009",
])
def test_the_rule_leaves_these_alone(text):
    assert redact(text) == text


def test_overlapping_readings_leave_no_digit_unmasked():
    # hypothesis found it: 1 3 0 00001010 | 1 100 00200001010000 (a mobile, then an ID) also
    # reads, across the two, as the old ID 130000010101100; the ID of 18 digits is masked
    # first, then the mobile number beside it
    assert redact("1 3 0 00001010 1 100 00200001010000") == f"130＊＊＊＊1010 {ID_MASK}"
    # 149 212690 18 | 1101011990 01011237 also reads as the ID 212690 18 1101011990 (born
    # 1811-01-01), which overlaps both: masking it alone would leave 149 and 01011237, so
    # the whole stretch is masked
    assert redact("电话 149 212690 18 1101011990 01011237。") == f"电话 {ID_MASK}。"

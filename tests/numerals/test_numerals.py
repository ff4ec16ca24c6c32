from __future__ import annotations

import re

import pytest

from extractor.numerals import (
    NUMBER_PATTERN,
    Numeral,
    english_number,
    find_numerals,
    parse_numeral,
    read_digits,
    read_english,
    read_integer,
    starts_number,
    to_number,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一百零一万", 1_010_000),
        ("一百○一万", 1_010_000),  # ○ as the zero digit
        ("一百〇一万", 1_010_000),
        ("十万零一千", 101_000),  # cn2an strict mode raises
        ("一百九十万零三千九百七十一", 1_903_971),  # cn2an strict mode raises
        ("两千", 2000),  # cn2an strict mode refuses 两
        ("两", 2),
        ("卅", 30),  # unknown to cn2an
        ("廿", 20),
        ("卅五", 35),
        ("３０", 30),
        ("８７", 87),
        ("99.995", 99.995),
        ("９９．９９５", 99.995),
        ("九十九点九", 99.9),
        ("1.5万", 15_000),
        ("3万", 30_000),
        ("0.57万", 5700),  # decimal arithmetic, not 5700.000000000001
        ("三点五万", 35_000),  # cn2an raises
        ("四万万", 400_000_000),  # the old word for 亿; cn2an raises
        ("1,010,000", 1_010_000),  # cn2an raises
        ("零", 0),
        ("○", 0),
        ("一万零五百", 10_500),
        ("十", 10),
        ("十一", 11),
        ("一百一", 110),
        ("一百零一", 101),
        ("二百五十万", 2_500_000),
        ("一千零十七", 1017),
        ("十四", 14),
    ],
)
def test_to_number(text: str, value: float) -> None:
    assert to_number(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "",
        "六二○",  # a digit-by-digit name, see read_digits
        "一九五九",
        "三十余",  # qualified, see parse_numeral
        "87％",  # a percentage, see parse_numeral
        "百分之三十",
        "一二百",  # a range
        "三四十",
        "千万",  # 千万不要: no leading digit
        "万一",
        "百",
        "一点",  # cn2an silently reads 1
        "零售",
        "统一",
    ],
)
def test_to_number_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        to_number(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("六二○", 620),
        ("六二〇", 620),
        ("六一二", 612),
        ("一九五九", 1959),
        ("幺三八", 138),
        ("二○○三", 2003),
        ("三四", 34),  # read as asked; parse_numeral refuses it as "three or four"
        ("六", None),  # one digit is no name
        ("620", None),  # Arabic digits are quantities
        ("六百二十", None),
        ("六二○队", None),
    ],
)
def test_read_digits(text: str, value: int | None) -> None:
    assert read_digits(text) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一百零一万", Numeral(1_010_000)),
        ("三十余", Numeral(30, qualifier="more_than")),
        ("三十余万", Numeral(300_000, qualifier="more_than")),
        ("一千多万", Numeral(10_000_000, qualifier="more_than")),
        ("三亿四千多万", Numeral(340_000_000, qualifier="more_than")),
        ("五万六千余", Numeral(56_000, qualifier="more_than")),
        ("1000多", Numeral(1000, qualifier="more_than")),
        ("十几", Numeral(10, qualifier="more_than")),
        ("二十来", Numeral(20, qualifier="about")),
        ("百分之三十", Numeral(30, kind="percent")),
        ("百分之卅", Numeral(30, kind="percent")),
        ("百分之九十九点九", Numeral(99.9, kind="percent")),
        ("百分之一百零五", Numeral(105, kind="percent")),
        ("87％", Numeral(87, kind="percent")),
        ("８７％", Numeral(87, kind="percent")),
        ("87%", Numeral(87, kind="percent")),
        ("99.995％", Numeral(99.995, kind="percent")),
        ("六二○", Numeral(620, kind="digits")),
        ("１２·７万", Numeral(127_000)),  # the middle dot of 1998 is a decimal point
        ("１２·８％", Numeral(12.8, kind="percent")),
        ("一、二○○", Numeral(1200)),  # 、 between groups of three digits, ○ as zero
        ("12、500", Numeral(12_500)),
        ("三成", Numeral(30, kind="percent")),  # tenths
        ("四成半", Numeral(45, kind="percent")),
        ("两成", Numeral(20, kind="percent")),
        ("千分之五", Numeral(0.5, kind="percent")),  # per mille
        ("万分之三", Numeral(0.03, kind="percent")),
        ("五分之三", Numeral(0.6)),  # other fractions are numbers
        ("十分之二", Numeral(0.2)),
        ("百分之八九十", Numeral(80, kind="percent", upper=90)),  # a range
    ],
)
def test_parse_numeral(text: str, expected: Numeral) -> None:
    assert parse_numeral(text) == expected


@pytest.mark.parametrize(
    "text", ["三四", "七八", "三五", "一二百", "百分之六二○", "统一", "%", "五分之三余", "零分之一"]
)
def test_parse_numeral_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_numeral(text)


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("原煤一百零一万吨，完成计划的87％。", ["一百零一万", "87％"]),
        ("合格率达到99.995％", ["99.995％"]),
        ("六二○队", ["六二○"]),
        ("钢三十余万吨", ["三十余万"]),
        ("增长百分之卅", ["百分之卅"]),
        ("产量１．５万吨", ["１．５万"]),
        ("共1,010,000吨", ["1,010,000"]),
    ],
)
def test_number_pattern_finds_whole_runs(text: str, runs: list[str]) -> None:
    assert [match.group() for match in re.finditer(NUMBER_PATTERN, text)] == runs


def bounds(*tokens: str) -> set[int]:
    """Token boundaries of a segmentation given as its tokens."""
    offsets, offset = {0}, 0
    for token in tokens:
        offset += len(token)
        offsets.add(offset)
    return offsets


@pytest.mark.parametrize(
    ("tokens", "found"),
    [
        (("全国", "统一", "零售价"), []),  # cn2an's transform gives 统10售价
        (("这", "一些", "工厂"), []),
        (("十分", "重要"), []),
        (("千万", "不", "要"), []),
        (("一", "个", "工厂"), [("一", Numeral(1))]),
        (("六二○队", "完成"), [("六二○", Numeral(620, kind="digits"))]),
        (
            ("生产", "原煤", "一百零一万", "吨", "，", "完成", "87％"),
            [("一百零一万", Numeral(1_010_000)), ("87％", Numeral(87, kind="percent"))],
        ),
        (("增长", "百分之三十"), [("百分之三十", Numeral(30, kind="percent"))]),
        (("一二百", "人"), []),
        (("去年", "8月"), [("8", Numeral(8))]),  # Arabic digits are never part of a word
        (("七月份",), []),
        (("收获", "六成", "，"), [("六成", Numeral(60, kind="percent"))]),
        (("一成不变",), []),  # tenths must end a token
        (
            ("百分之四十五", "至", "五十"),  # a range's upper end is a percentage too
            [("百分之四十五", Numeral(45, kind="percent")), ("五十", Numeral(50, kind="percent"))],
        ),
    ],
)
def test_find_numerals(tokens: tuple[str, ...], found: list[tuple[str, Numeral]]) -> None:
    text = "".join(tokens)
    spans = find_numerals(text, bounds(*tokens))
    assert [(span.text, span.numeral) for span in spans] == found
    for span in spans:
        assert text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    ("text", "value"),
    [("六二○", 620), ("三", 3), ("十二", 12), ("３", 3), ("两", 2), ("一九五九", 1959), ("1.5", None), ("统一", None)],
)
def test_read_integer(text: str, value: int | None) -> None:
    assert read_integer(text) == value


@pytest.mark.parametrize(
    ("tokens", "value", "size"),
    [
        ("1,010,000 tons", 1_010_000, 1),
        ("1.2 million tons", 1_200_000, 2),
        ("ninety - five percent", 95, 3),
        ("thirty-five point five percent", 35.5, 3),
        ("thirty - five point five percent", 35.5, 5),
        ("twelve and a half million tons", 12_500_000, 5),
        ("two and a half tons", 2.5, 4),
        ("one hundred and twenty tons", 120, 4),
        ("three thousand five hundred", 3500, 4),
        ("12.7 thousand", 12_700, 2),
        ("three - fifths of a ton", 0.6, 3),
        ("one third", 1 / 3, 2),
        ("twenty - fifth meeting", 20, 1),  # an ordinal, not a fraction
        ("point five", None, 0),
        ("tons", None, 0),
    ],
)
def test_read_english(tokens: str, value: float | None, size: int) -> None:
    read = read_english(tokens.split())
    assert (read or (None, 0)) == (value, size)


@pytest.mark.parametrize(
    ("word", "value"), [("seventh", 7), ("Twelve", 12), ("twenty-first", 21), ("thirty", 30), ("tons", None)]
)
def test_english_number(word: str, value: int | None) -> None:
    assert english_number(word) == value


def test_a_number_starts_with_digits_or_a_cardinal_word() -> None:
    for word in ("1,010,000", "12.5", "twelve", "thirty-five", "one"):
        assert starts_number(word), word
    for word in ("half", "and", "million", "point", "tons", "-", ""):
        assert not starts_number(word), word
        assert read_english([word, "million"]) is None

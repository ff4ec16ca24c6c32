"""Numerals: the one home of the numeral characters and of reading Chinese and English numbers.

`chinese` reads Chinese, Arabic and full-width numerals (and owns cn2an's use); `english` reads
English digits and number words. Nothing else in the project defines numeral characters or words.
"""

from extractor.numerals.chinese import (
    ARABIC_DIGITS,
    CODE_DIGITS,
    COUNTING,
    DIGITS,
    MAGNITUDES,
    NUMBER_PATTERN,
    Numeral,
    NumeralSpan,
    find_numerals,
    parse_numeral,
    read_digits,
    read_integer,
    to_number,
)
from extractor.numerals.english import english_number, ordinal_words, read_english, starts_number

__all__ = [
    "ARABIC_DIGITS",
    "CODE_DIGITS",
    "COUNTING",
    "DIGITS",
    "MAGNITUDES",
    "NUMBER_PATTERN",
    "Numeral",
    "NumeralSpan",
    "english_number",
    "find_numerals",
    "ordinal_words",
    "parse_numeral",
    "read_digits",
    "read_english",
    "read_integer",
    "starts_number",
    "to_number",
]

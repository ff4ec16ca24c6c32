"""Is a capitalised word a Chinese name written in pinyin?

Statistical NER misses or mislabels many romanised Chinese names; a surname from the surname list
followed by a given name that splits into one to three Mandarin syllables ("Shi Guoliang",
"He Yuqing") is a strong, general signal, and the same test tells a transliterated proper name
("Zhongliangshan", "Ping'an") from an English word ("Central", "Paper").
"""

from __future__ import annotations

from extractor.english.lexicon import word_lines, words
from extractor.romanisation import syllable_count

MAX_SYLLABLES = 3
MAX_GIVEN_SYLLABLES = 2  # a given name has one or two syllables ("Zai", "Guoliang")


def _proper_shape(word: str) -> bool:
    return word[:1].isupper() and word[1:].replace("'", "").replace("’", "").islower()


def is_pinyin(word: str) -> bool:
    """A capitalised word of one to three syllables: a transliterated Chinese proper name or part of one."""
    return _proper_shape(word) and is_syllabic(word)


def is_surname(word: str) -> bool:
    return word in word_lines("surnames")


def is_given_name(word: str) -> bool:
    """A given name as one word ("Guoliang", "Zai"): pinyin and not also a common English word."""
    return is_pinyin(word) and word.lower() not in words("names", "english_homographs")


def is_syllabic(word: str) -> bool:
    """One to three Mandarin syllables, in any case ("liang" in "Guo-liang")."""
    return 0 < syllable_count(word) <= MAX_SYLLABLES


def is_line_name(word: str) -> bool:
    """Two syllables in one word, one from each end point of a railway ("Yingxia" for Yingtan-Xiamen)."""
    return _proper_shape(word) and syllable_count(word) == 2


def is_long_compound(word: str) -> bool:
    """One pinyin word longer than any given name ("Wangjiazhuang", "Ma'anshan"): a place, never a
    person's name, which is written surname and given name apart ("Lenin", two syllables, may be one)."""
    return _proper_shape(word) and syllable_count(word) > MAX_GIVEN_SYLLABLES


def is_settlement(word: str) -> bool:
    """A one-word village or town name: a long compound ending in a settlement syllable
    ("Wangjiazhuang", "Lijiacun", "Zhaojiagou")."""
    lower = word.lower()
    return is_long_compound(word) and any(
        lower.endswith(last) and syllable_count(word[: -len(last)]) >= MAX_GIVEN_SYLLABLES
        for last in words("places", "settlement_syllables")
    )

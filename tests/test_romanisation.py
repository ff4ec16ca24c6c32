"""The one syllable table and splitter: what counts as pinyin, and how written names split."""

from __future__ import annotations

import pytest

from extractor.romanisation import (
    en_syllables,
    name_syllables,
    old_spellings,
    pinyin_syllables,
    split,
    syllable_count,
)


def test_every_old_spelling_reads_as_a_pinyin_syllable() -> None:
    assert {py for readings in old_spellings().values() for py in readings} <= pinyin_syllables()


def test_names_use_no_interjections_and_may_drop_the_umlaut() -> None:
    assert {"ei", "yo", "o"}.isdisjoint(name_syllables())
    assert {"lue", "nue", "lve", "zhuang"} <= name_syllables()
    assert name_syllables() - {"lue", "nue"} <= pinyin_syllables()


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("Guoliang", 2),
        ("Xi'an", 2),  # the apostrophe forces a break (xian alone is one syllable)
        ("Xian", 1),
        ("Wangjiazhuang", 3),
        ("Zhongliangshan", 3),
        ("Central", 0),
        ("Paper", 0),
        ("", 0),
    ],
)
def test_syllable_count(word: str, count: int) -> None:
    assert syllable_count(word) == count


def test_split_takes_the_fewest_syllables() -> None:
    assert split("guoliang", pinyin_syllables()) == ["guo", "liang"]
    assert split("xyz", pinyin_syllables()) is None


def test_old_spellings_split_and_read_as_pinyin() -> None:
    [[teng], [hsiao, ping]] = en_syllables("Teng Hsiao-ping")
    assert teng[0] == "deng" and hsiao == ("xiao",) and "ping" in ping

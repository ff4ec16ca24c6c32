"""Dictionary features for the statistical NER: which known words each character sits in.

A character model learns the names it was trained on; for the names it never saw it needs outside
knowledge of what is a word, a person's name, a place or an organisation. jieba's dictionary (a
pinned registry package, 349k words with parts of speech: nr person, ns place, nt organisation) gives
that. Each character gets, per category, the roles it plays in the matching words (Begin, Middle,
End) and the longest such word's length, the "soft lexicon" idea without word vectors.

The lexicon (word -> bit mask of CATEGORIES) is written once into the cache from the tags as jieba's
tagger has read them (`extractor.chinese.pos_tagger`) and read as texts need it
(`cached_tables.GrowingTable`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from extractor.chinese.cached_tables import GrowingTable, fill_groups, open_table, write_table
from extractor.chinese.pos_tagger import dictionary_stamp, word_tags
from extractor.settings import default_cache_dir

CATEGORIES = ("person", "place", "organisation", "word")
TAG_CATEGORY = {"nr": 0, "nrt": 0, "nrfg": 0, "ns": 1, "nt": 2}
WORD_BIT = 1 << CATEGORIES.index("word")
MIN_LEN = 2
MAX_LEN = 10
LONGEST = 6


def masks(tags: Mapping[str, str]) -> dict[str, int]:
    """Word -> bit mask of CATEGORIES, for the words of MIN_LEN to MAX_LEN characters among `tags`."""
    words: dict[str, int] = {}
    for word, tag in tags.items():
        if MIN_LEN <= len(word) <= MAX_LEN:
            category = TAG_CATEGORY.get(tag)
            words[word] = WORD_BIT | (0 if category is None else 1 << category)
    return words


def lexicon(text: str) -> dict[str, int]:
    """The lexicon's words with their masks, holding every word made of `text`'s characters (and of
    those of the texts asked about before)."""
    return _stored().cover(text)


def is_common_word(word: str) -> bool:
    """Whether the dictionary has `word` as a word that names no person, place or organisation (附近, 居民)."""
    return lexicon(word).get(word, 0) == WORD_BIT


@cache
def _stored() -> GrowingTable:
    return GrowingTable(open_table(_table(default_cache_dir() / "jieba")))


def _table(directory: Path) -> Path:
    """The stored lexicon of the installed jieba's dictionary, written first if it is not there; named
    also by the rules above, which decide what it holds."""
    rules = json.dumps([CATEGORIES, TAG_CATEGORY, MIN_LEN, MAX_LEN]).encode()
    path = directory / f"name_lexicon.{hashlib.sha256(rules).hexdigest()[:12]}.{dictionary_stamp()}.sqlite"
    if not path.is_file():
        words = masks(word_tags())
        write_table(path, lambda db: fill_groups(db, words, set))
    return path


def lexicon_features(text: str) -> list[tuple[str, ...]]:
    """Per character, one feature string per category, e.g. 'person:BE3' or 'place:' for none."""
    words = lexicon(text)
    size = len(text)
    # per character and category: the roles as bits (B 1, E 2, M 4) and the longest word's length
    roles = [[0] * len(CATEGORIES) for _ in text]
    longest = [[0] * len(CATEGORIES) for _ in text]
    for start in range(size):
        for end in range(start + MIN_LEN, min(start + MAX_LEN, size) + 1):
            mask = words.get(text[start:end], 0)
            if mask:
                _mark(roles, longest, start, end, mask)
    return [
        tuple(_FEATURES[c][bits][min(length, LONGEST)] for c, (bits, length) in enumerate(zip(r, n, strict=True)))
        for r, n in zip(roles, longest, strict=True)
    ]


def _mark(roles: list[list[int]], longest: list[list[int]], start: int, end: int, mask: int) -> None:
    """Record a word at [start, end) of the categories in `mask` on each of its characters."""
    length = end - start
    for category in range(len(CATEGORIES)):
        if mask >> category & 1:
            for i in range(start, end):
                roles[i][category] |= _BEGIN if i == start else _END if i == end - 1 else _MIDDLE
                if longest[i][category] < length:
                    longest[i][category] = length


_BEGIN, _END, _MIDDLE = 1, 2, 4
# the feature string of each category, role bits and capped length: 'person:BE3', 'place:'
_FEATURES = [
    [
        [
            f"{name}:{''.join(letter for bit, letter in ((_BEGIN, 'B'), (_END, 'E'), (_MIDDLE, 'M')) if bits & bit)}"
            f"{length or ''}"
            for length in range(LONGEST + 1)
        ]
        for bits in range(8)
    ]
    for name in CATEGORIES
]

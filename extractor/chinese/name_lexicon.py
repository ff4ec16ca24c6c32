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

import numpy

from extractor.cached_tables import INTS, GrowingTable, fill_groups, open_table, stored_table, tables_dir
from extractor.chinese.pos_tagger import dictionary_stamp, word_tags

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
def _stored() -> GrowingTable[int]:
    return GrowingTable(open_table(_table(tables_dir("jieba"))), INTS)


def _table(directory: Path) -> Path:
    """The stored lexicon of the installed jieba's dictionary, written first if it is not there; named
    also by the rules above, which decide what it holds."""
    rules = json.dumps([CATEGORIES, TAG_CATEGORY, MIN_LEN, MAX_LEN]).encode()
    path = directory / f"name_lexicon.{hashlib.sha256(rules).hexdigest()[:12]}.{dictionary_stamp()}.sqlite"
    return stored_table(path, lambda db: fill_groups(db, masks(word_tags()), set, INTS))


def lexicon_codes(text: str) -> numpy.ndarray:
    """Per character and category, its dictionary feature as a code into FEATURE_NAMES[category]: the
    roles it plays in the words of that category it sits in (Begin 1, End 2, Middle 4) times
    LONGEST + 1, plus the longest such word's length (at most LONGEST). Shape (len(text), len(CATEGORIES))."""
    words = lexicon(text)
    size = len(text)
    found = [
        (start, end, mask)
        for start in range(size)
        for end in range(start + MIN_LEN, min(start + MAX_LEN, size) + 1)
        if (mask := words.get(text[start:end], 0))
    ]
    roles = numpy.zeros((size, len(CATEGORIES)), dtype=numpy.int64)
    longest = numpy.zeros((size, len(CATEGORIES)), dtype=numpy.int64)
    if found:
        starts, ends, word_masks = numpy.array(found, dtype=numpy.int64).T
        lengths = ends - starts
        # one row per character of each word found: its position, its role, the word's length and mask
        word = numpy.repeat(numpy.arange(len(found)), lengths)
        offset = numpy.arange(len(word)) - numpy.repeat(numpy.cumsum(lengths) - lengths, lengths)
        role = numpy.where(offset == 0, _BEGIN, numpy.where(offset == lengths[word] - 1, _END, _MIDDLE))
        for category in range(len(CATEGORIES)):
            rows = (word_masks[word] >> category & 1).astype(bool)
            at = starts[word][rows] + offset[rows]
            numpy.bitwise_or.at(roles[:, category], at, role[rows])
            numpy.maximum.at(longest[:, category], at, lengths[word][rows])
    return roles * (LONGEST + 1) + numpy.minimum(longest, LONGEST)


_BEGIN, _END, _MIDDLE = 1, 2, 4
FEATURE_NAMES = [
    [
        f"{name}:{''.join(letter for bit, letter in ((_BEGIN, 'B'), (_END, 'E'), (_MIDDLE, 'M')) if bits & bit)}"
        f"{length or ''}"
        for bits in range(8)
        for length in range(LONGEST + 1)
    ]
    for name in CATEGORIES
]
"""Per category, the name of each code of `lexicon_codes`: 'person:BE3', 'place:' for none."""

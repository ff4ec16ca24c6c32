"""What a Chinese figure counts, read from the words around it when no item word was matched.

The item of a figure is the noun phrase written just before it, after the verb or qualifier that
joins them (总资产达１５亿元, 年生产能力达４万多吨, 减少损失２００多万元), or the noun after it
(须动用１亿元资金, 欠下１．１万元的债务). Words are cut and tagged by jieba's part-of-speech
tagger (a dependency already, for its dictionary); the noun phrase is at most two words, the head
and its nearest modifier, so the item names the thing and not the whole clause.
"""

from __future__ import annotations

import logging
import re
from functools import cache

import jieba
import jieba.posseg

CLAUSE_END = re.compile(r"[，,。；;：:！？!?、（）()“”\"\n　]")
NOUN_TAGS = frozenset({"n", "nz", "vn", "j", "b", "ng", "an"})
"""Tags of words an item is made of (nouns, verbal nouns, abbreviations, noun modifiers)."""
JOINING_TAGS = frozenset({"v", "vg", "d", "p", "a", "ad", "ul", "uj", "u", "c", "r", "m"})
"""Tags of the words that may stand between an item and its number (达, 最高达, 由, 亦在, 了)."""
MAX_JOINING = 2
MAX_WORDS = 2
LOOKBACK = 16
LOOKAHEAD = 8


@cache
def _tagger() -> jieba.posseg.POSTokenizer:
    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg.POSTokenizer(jieba.Tokenizer())


def _words(text: str) -> list[tuple[str, str]]:
    return [(pair.word, pair.flag) for pair in _tagger().cut(text)]


def item_before(text: str, start: int) -> str | None:
    """The noun phrase that ends just before `start`, past at most two joining words."""
    window = text[max(0, start - LOOKBACK) : start]
    window = CLAUSE_END.split(window)[-1]
    words = _words(window)
    skipped = 0
    while words and words[-1][1] in JOINING_TAGS and skipped < MAX_JOINING:
        words.pop()
        skipped += 1
    phrase: list[tuple[str, str]] = []
    while words and words[-1][1] in NOUN_TAGS and len(phrase) < MAX_WORDS:
        phrase.insert(0, words.pop())
    if len(phrase) > 1 and phrase[0][1] == "vn":  # 生产原煤: the verb's object, not the verb
        phrase = phrase[1:]
    return "".join(word for word, _ in phrase) or None


def item_after(text: str, end: int, *, after_de: bool) -> str | None:
    """The noun phrase starting at `end` (after 的 when `after_de`), up to the clause's end."""
    window = CLAUSE_END.split(text[end : end + LOOKAHEAD])[0]
    if after_de:
        if not window.startswith("的"):
            return None
        window = window[1:]
    phrase: list[str] = []
    for word, tag in _words(window):
        if tag not in NOUN_TAGS or len(phrase) == MAX_WORDS:
            break
        phrase.append(word)
    return "".join(phrase) or None


def figure_item(text: str, start: int, end: int) -> str | None:
    """What the figure at [start, end) counts: 的 + noun after it, else the noun before, else after."""
    return item_after(text, end, after_de=True) or item_before(text, start) or item_after(text, end, after_de=False)

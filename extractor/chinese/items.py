"""What a Chinese figure counts, read from the words around it when no item word was matched.

The item of a figure is the noun phrase written just before it, after the verb or qualifier that
joins them (总资产达１５亿元, 年生产能力达４万多吨, 减少损失２００多万元), or the noun after it
(须动用１亿元资金, 欠下１．１万元的债务). Words are cut and tagged by jieba's part-of-speech
tagger (a dependency already, for its dictionary); the item is the head noun (with the word before
it where the head is one character), so it names the thing and not the whole clause.
"""

from __future__ import annotations

import re

from extractor.chinese.pos_tagger import tag

CLAUSE_END = re.compile(r"[，,。；;：:！？!?、（）()“”\"\n　]")
NOUN_TAGS = frozenset({"n", "nz", "vn", "j", "b", "ng", "an"})
"""Tags of words an item is made of (nouns, verbal nouns, abbreviations, noun modifiers)."""
JOINING_TAGS = frozenset({"v", "vg", "d", "p", "a", "ad", "ul", "uj", "u", "c", "r", "m"})
"""Tags of the words that may stand between an item and its number (达, 最高达, 由, 亦在, 了)."""
MAX_JOINING = 2
LOOKBACK = 16
LOOKAHEAD = 8
DIMENSIONS = {"长": "长度", "宽": "宽度", "高": "高度", "深": "深度", "厚": "厚度"}
"""A length written with its dimension (长四十余里, 十五里长之排水渠): the figure is that dimension."""
POINTERS = frozenset({"后者", "前者", "其", "它", "这", "此", "该"})
"""Words that point at a thing named elsewhere, never an item themselves (后者近１０万平方米的土地资源)."""


def _head(words: list[str]) -> str | None:
    """The item of a run of nouns: the last word, with the one before it when it is one character
    (上市|额, not 额), so the item names the thing without the clause around it."""
    if not words:
        return None
    return "".join(words[-2:]) if len(words[-1]) == 1 else words[-1]


def item_before(text: str, start: int) -> str | None:
    """The noun written just before `start`, past at most two joining words (总资产达, 最高达)."""
    window = CLAUSE_END.split(text[max(0, start - LOOKBACK) : start])[-1]
    if window[-1:] in DIMENSIONS:
        return DIMENSIONS[window[-1]]
    words = tag(window)
    skipped = 0
    while words and words[-1][1] in JOINING_TAGS and skipped < MAX_JOINING:
        if words.pop()[1] == "c":
            return None  # 慰问金和２５公斤大米: the noun before belongs to the figure before it
        skipped += 1
    nouns: list[str] = []
    while words and words[-1][1] in NOUN_TAGS and words[-1][0] not in POINTERS:
        nouns.insert(0, words.pop()[0])
    return _head(nouns)


def item_after(text: str, end: int, *, after_de: bool) -> str | None:
    """The noun starting at `end` (after 的 when `after_de`), up to the clause's end."""
    window = CLAUSE_END.split(text[end : end + LOOKAHEAD])[0]
    if not after_de and window[:1] in DIMENSIONS:
        return DIMENSIONS[window[0]]
    if after_de:
        if not window.startswith("的"):
            return None
        window = window[1:]
    nouns: list[str] = []
    for word, pos in tag(window):
        if pos not in NOUN_TAGS:
            break
        nouns.append(word)
    return _head(nouns[:2])


def figure_item(text: str, start: int, end: int) -> str | None:
    """What the figure at [start, end) counts: the noun before it, else 的 + the noun after it, else
    the noun after it."""
    return item_before(text, start) or item_after(text, end, after_de=True) or item_after(text, end, after_de=False)

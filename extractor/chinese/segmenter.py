"""The Chinese spaCy pipeline: pkuseg word segmentation repaired with a dictionary of domain words.

pkuseg alone cuts unknown proper names across their parts (双鸭山岭西煤矿 -> 双|鸭山岭西|煤矿,
大冶钢厂 -> 大|冶钢厂). pkuseg's own user dictionary forces every match greedily, left to right, which
breaks other words instead (其中山西 -> 其|中山|西, 兰州市委 -> 兰州市|委). So the model segments first and
`DictionaryRepair` then applies the domain dictionary (data/userdict_*.txt plus place names derived
from the administrative division table cached with the model), longest match first, only where the
model's tokens it would cut are not themselves known words and keep at least two characters: 鸭山岭西
and 冶钢厂 are unknown, so 双鸭山 and 大冶 win; 其中 and 市委 are known, so 中山 and 兰州市 lose there, and
工厂 does not cut 铁 off 铁工厂. Matches that join model tokens (副|厂长 -> 副厂长) are applied unless the
tokens are all lone characters (巴|中 stays).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterable, Set
from functools import cache
from itertools import pairwise
from pathlib import Path

import spacy
from spacy.language import Language

from extractor.chinese import models
from extractor.chinese.lexicon import known_words, word_list
from extractor.chinese.pkuseg_model import load_pkuseg
from extractor.settings import Settings

DATA_DIR = Path(__file__).parent / "data"
DIVISION_SUFFIXES = DATA_DIR / "userdict_division_suffixes.txt"
AUTONOMY = "自治"  # 自治州/县/旗 names carry their nationalities before it: 恩施土家族苗族自治州


def make_zh_nlp(settings: Settings) -> Language:
    """A blank spaCy `zh` pipeline (no components) whose tokenizer is the repaired pkuseg segmenter.

    Loaded once per process and model directory; raises ModelNotAvailableError when the model has not
    been fetched.
    """
    return _load(models.require_model(settings))


@cache
def _load(directory: Path) -> Language:
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
    # user_dict=None: no greedy pre-splitting and no pickled default dictionary; the repair below
    # does the dictionary's work.
    segmenter = load_pkuseg(directory)
    segmenter.postprocesser = DictionaryRepair(user_words(directory), known_words=known_words(directory))
    nlp.tokenizer.pkuseg_seg = segmenter  # type: ignore[union-attr]  # the zh tokenizer built just above
    return nlp


def user_words(directory: Path) -> set[str]:
    """Domain words: the data/userdict_*.txt lists plus place names from the cached division table."""
    words: set[str] = set()
    for path in sorted(DATA_DIR.glob("userdict_*.txt")):
        if path != DIVISION_SUFFIXES:
            words |= word_list(path)
    divisions = word_list(directory / models.DIVISIONS)
    nationalities = word_list(directory / models.NATIONALITIES)
    suffixes = {suffix: int(shortest) for suffix, shortest in map(str.split, word_list(DIVISION_SUFFIXES))}
    return words | divisions | division_short_names(divisions, suffixes, nationalities)


def division_short_names(names: Iterable[str], suffixes: dict[str, int], nationalities: Iterable[str]) -> set[str]:
    """The names in common use of `names` (see `ShortNames`)."""
    short = ShortNames(suffixes, nationalities)
    return {stem for name in names if (stem := short.of(name))}


class ShortNames:
    """The names in common use: 双鸭山市 -> 双鸭山, 恩施土家族苗族自治州 -> 恩施, 新疆维吾尔自治区 -> 新疆.

    `suffixes` maps each ending to the shortest short name it may leave (县: 3 keeps 资源县 out).
    """

    def __init__(self, suffixes: dict[str, int], nationalities: Iterable[str]) -> None:
        self.suffixes = suffixes
        self.by_length = sorted(suffixes, key=len, reverse=True)
        # 维吾尔自治区 drops 族: accept each nationality with and without it.
        self.peoples = sorted(
            {form for name in nationalities for form in (name, name.removesuffix("族"))}, key=len, reverse=True
        )

    def of(self, name: str) -> str | None:
        """The short name of `name`, or None if it has no suffix to cut or would be too short."""
        suffix = next((s for s in self.by_length if name.endswith(s) and len(name) > len(s)), None)
        if suffix is None:
            return None
        stem = name[: -len(suffix)]
        if suffix.startswith(AUTONOMY):
            stem = _strip_peoples(stem, self.peoples)
        return stem if len(stem) >= self.suffixes[suffix] else None


def _strip_peoples(stem: str, peoples: list[str]) -> str:
    """Nationalities off the end while two characters stay: 海西蒙古族藏族 -> 海西, but 西藏 (藏) stays."""
    while True:
        people = next((people for people in peoples if stem.endswith(people) and len(stem) - len(people) >= 2), None)
        if people is None:
            return stem
        stem = stem[: -len(people)]


class DictionaryRepair:
    """Re-cuts pkuseg's tokens with a domain dictionary where the model's own tokens are not words.

    Called by spacy_pkuseg on the tokens of each whitespace-free chunk (its "postprocesser" hook);
    returns tokens that concatenate to the same text.
    """

    def __init__(self, words: Set[str], *, known_words: Set[str]) -> None:
        self.words = {word for word in words if len(word) >= 2}
        self.known_words = known_words  # not joined with `words` into a third set: it holds 390k words
        self.longest = max(map(len, self.words), default=0)

    def __call__(self, tokens: list[str]) -> list[str]:
        text = "".join(tokens)
        spans = _spans(tokens)
        cuts = {end for _, end in spans} | {0}
        inside: set[int] = set()  # model cuts a dictionary word overrules
        start = 0
        while start < len(text):
            end = self._match(text, start, spans)
            if end is None:
                start += 1
                continue
            # Words are found left to right without overlapping, so no later word undoes these cuts.
            inside.update(range(start + 1, end))
            cuts |= {start, end}
            start = end
        ordered = sorted(cuts - inside)
        return [text[begin:finish] for begin, finish in pairwise(ordered)]

    def _match(self, text: str, start: int, spans: list[tuple[int, int]]) -> int | None:
        """End of the longest dictionary word at `start` that cuts no known model token, if any."""
        for end in range(min(len(text), start + self.longest), start + 1, -1):
            if text[start:end] in self.words and not self._blocked(text, start, end, spans):
                return end
        return None

    def _blocked(self, text: str, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
        """Whether the word at [start, end) would cut a known token, leave one character of a token, or
        only join lone characters.

        A lone character cut off an unknown token is more likely a wrong cut than a word: 铁工厂 must not
        become 铁|工厂, nor 中梁山 中|梁山. Lone characters are the model's deliberate choice: 巴|中 (Pakistan
        and China) is not the city 巴中.
        """
        crossed, lone_only = False, True
        # Only the tokens overlapping [start, end) matter; the spans tile the text, in order.
        for index in range(max(bisect_right(spans, (start, math.inf)) - 1, 0), len(spans)):
            begin, finish = spans[index]
            if begin >= end:
                break
            if start <= begin and finish <= end:
                lone_only = lone_only and finish - begin == 1
            elif begin < start < finish or begin < end < finish:
                token = text[begin:finish]
                if token in self.known_words or token in self.words or 0 < start - begin < 2 or 0 < finish - end < 2:
                    return True
                crossed = True
        return lone_only and not crossed


def _spans(tokens: list[str]) -> list[tuple[int, int]]:
    spans, offset = [], 0
    for token in tokens:
        spans.append((offset, offset + len(token)))
        offset += len(token)
    return spans

"""Romanised Chinese: the syllable tables and the splitting of a written name into syllables.

The one home of what pinyin, Wade-Giles and postal spellings look like. English texts spell names
in pinyin ("Shi Guoliang", "Shi Guo-liang"), in Wade-Giles ("Chou En-lai") or in postal spellings
("Peking"); `en_syllables` reads a written name as syllables, each with every pinyin reading it may
stand for, and `syllable_count` tells whether a word can be pinyin at all. The tables are data files
under `extractor/data/romanisation/`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from functools import cache
from importlib import resources

Readings = tuple[str, ...]
"""The pinyin readings one syllable may stand for, the most likely first (toneless, v for u-umlaut)."""

_APOSTROPHES = "'’‘`ʼʻ′"
_ASPIRATED = re.compile(r"(?:ch|ts|tz|k|p|t)")
_MAX_SYLLABLE = 7  # "ch'uang"


def _rows(name: str) -> list[list[str]]:
    """The rows of a tab-separated table, without comment lines and the header."""
    text = resources.files("extractor").joinpath("data", "romanisation", name).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return rows[1:]


def fold(text: str) -> str:
    """Lower-case, u-umlaut as v, tone marks and other diacritics dropped, one kind of apostrophe."""
    text = unicodedata.normalize("NFC", text.lower()).replace("ü", "v")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return text.translate(str.maketrans(_APOSTROPHES, "'" * len(_APOSTROPHES)))


@cache
def pinyin_syllables() -> frozenset[str]:
    """Every Mandarin syllable in toneless pinyin (lve, not lue)."""
    return frozenset(py for py, _ in _rows("pinyin_syllables.tsv"))


@cache
def name_syllables() -> frozenset[str]:
    """The syllables a romanised name or word is written with: no interjections or dialect-only readings,
    and u-umlaut also written u where that makes no other syllable (lue, nue)."""
    used = {py for py, names in _rows("pinyin_syllables.tsv") if names == "yes"}
    return frozenset(used | {py.replace("v", "u") for py in used})


@cache
def old_spellings() -> dict[str, Readings]:
    """Wade-Giles and postal syllables -> pinyin; the spelling as written first, then the readings it
    has when its apostrophe or umlaut was dropped ("tse" is ze, then ce from "ts'e")."""
    exact: dict[str, list[str]] = defaultdict(list)
    loose: dict[str, list[str]] = defaultdict(list)
    for file in ("wade_giles.tsv", "postal_syllables.tsv"):
        for old, py in _rows(file):
            form = fold(old)
            exact[form].append(py)
            for variant in {form.replace("'", ""), form.replace("v", "u"), form.replace("'", "").replace("v", "u")}:
                loose[variant].append(py)
    return {form: tuple(dict.fromkeys([*exact.get(form, []), *loose.get(form, [])])) for form in exact.keys() | loose}


def split(part: str, known: frozenset[str] | set[str], cost: Callable[[str], int] | None = None) -> list[str] | None:
    """`part` as a run of `known` syllables, the fewest first (then the lowest total `cost`); None if
    it is no such run."""
    best: list[tuple[int, int, list[str]] | None] = [(0, 0, [])] + [None] * len(part)
    for end in range(1, len(part) + 1):
        for start in range(max(0, end - _MAX_SYLLABLE), end):
            head, piece = best[start], part[start:end]
            if head is None or piece not in known:
                continue
            cand = (head[0] + 1, head[1] + (cost(piece) if cost else 0), [*head[2], piece])
            current = best[end]
            if current is None or cand[:2] < current[:2]:
                best[end] = cand
    found = best[-1]
    return found[2] if found and part else None


@cache
def syllable_count(word: str) -> int:
    """Fewest pinyin syllables `word` splits into (an apostrophe forces a break), 0 if it does not."""
    total = 0
    for part in word.lower().replace("’", "'").split("'"):
        syllables = split(part, name_syllables())
        if not syllables:
            return 0
        total += len(syllables)
    return total


def _split_apostrophes(piece: str) -> list[str]:
    """Split at syllable-dividing apostrophes ("xi'an") but keep Wade-Giles aspiration ("ch'en")."""
    parts = piece.split("'")
    out = [parts[0]]
    for part in parts[1:]:
        if _ASPIRATED.fullmatch(out[-1]):
            out[-1] += "'" + part
        else:
            out.append(part)
    return [p for p in out if p]


def _segment(part: str) -> list[str]:
    """Split run-together syllables ("guoliang"), fewest syllables first, then fewest old spellings."""
    known = pinyin_syllables() | old_spellings().keys()
    if part in known or not part.isalpha():
        return [part]
    return split(part, known, lambda piece: piece not in pinyin_syllables()) or [part]


def _readings_en(syllable: str, *, old_first: bool) -> Readings:
    as_pinyin = [syllable] if syllable in pinyin_syllables() else []
    as_old = list(old_spellings().get(syllable, ()))
    # lu, nu, lyu for lv, nv (u-umlaut written without its dots)
    umlaut = [v for v in (syllable.replace("u", "v", 1), syllable.replace("yu", "v", 1)) if v in pinyin_syllables()]
    umlaut = umlaut if syllable[:1] in "ln" else []
    ordered = [*as_old, *as_pinyin] if old_first else [*as_pinyin, *as_old]
    return tuple(dict.fromkeys([*ordered, *umlaut])) or (syllable,)


@cache
def en_words(en: str) -> tuple[str, ...]:
    """The words of a written name, folded."""
    return tuple(w for w in re.split(r"[\s,.]+", fold(en).strip()) if w)


@cache
def en_syllables(en: str) -> tuple[tuple[Readings, ...], ...]:
    """The words of an English name, each a list of syllables given as their possible pinyin readings.

    A name with any syllable that only Wade-Giles or postal spelling explains ("Hsiao") is read in
    that system throughout, so "Chang" in it means zhang first.
    """
    words = [
        [s for piece in re.split(r"-+", w) for p in _split_apostrophes(piece) for s in _segment(p)]
        for w in en_words(en)
    ]
    flat = [s for word in words for s in word]
    old_first = any(s not in pinyin_syllables() and s in old_spellings() for s in flat)
    return tuple(tuple(_readings_en(s, old_first=old_first) for s in word) for word in words)

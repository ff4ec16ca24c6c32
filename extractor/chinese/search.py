"""Search a Chinese text for the counterpart of an English mention (the cross-check's recovery).

People and places are runs of characters that can be read as the English name's syllables (any
reading of a polyphonic character counts; a place may have one more character, its generic word
县 or 山); percentages and figures are the numerals `extractor.numerals` finds, a figure's followed
by a unit of measure. Whether a candidate is the counterpart is the caller's test (`Sought.accepts`).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any

from pypinyin import Style, pinyin

from extractor.chinese.lexicon import Words
from extractor.languages import Candidate, Sought
from extractor.measures import canonical_unit, unit_forms
from extractor.numerals import find_numerals
from extractor.romanisation import en_syllables


def search(sought: Sought, text: str) -> list[Candidate]:
    """The candidates in `text` that `sought` accepts."""
    if sought.type in ("person", "place"):
        spans = _sounding(sought.text, text, spare=1 if sought.type == "place" else 0)
        candidates = (Candidate(start, end, text[start:end]) for start, end in spans)
    elif sought.type in ("percentage", "figure"):
        candidates = (c for c in _measures(text) if (c.unit is not None) == (sought.type == "figure"))
    else:
        return []
    return [c for c in candidates if sought.accepts(c)]


def _sounding(en_name: str, text: str, *, spare: int) -> Iterator[tuple[int, int]]:
    """Spans of `text` whose characters can be read as the English name's syllables (plus `spare` more)."""
    wanted = [readings for word in en_syllables(en_name) for readings in word]
    if len(wanted) < 2:
        return
    readings = _char_readings(text)
    size = len(wanted)
    for start in range(len(text) - size + 1):
        if all(readings[start + i] & set(wanted[i]) for i in range(size)):
            for end in range(start + size, min(start + size + spare, len(text)) + 1):
                yield start, end


def _no_reading(chars: str) -> Any:
    """pypinyin's `errors` callback: no reading for each non-Chinese character (pypinyin accepts a
    list of readings here, which its type hints do not say)."""
    return [[""]] * len(chars)


@lru_cache(maxsize=8)
def _char_readings(text: str) -> tuple[frozenset[str], ...]:
    """Every reading of every character; a character that is not Chinese reads as nothing."""
    readings = pinyin(text, style=Style.NORMAL, heteronym=True, errors=_no_reading)
    return tuple(frozenset(r) for r in readings)


@cache
def _units() -> Words:
    return Words(unit_forms("zh"))


def _measures(text: str) -> Iterator[Candidate]:
    """Percentages, and numbers followed by a unit of measure (the longest unit form written there)."""
    for found in find_numerals(text, range(len(text) + 1)):
        numeral = found.numeral
        if numeral.kind == "percent":
            yield Candidate(found.start, found.end, found.text, numeral.value)
        elif numeral.kind == "number" and (form := _units().starting_at(text, found.end)):
            end = found.end + len(form)
            yield Candidate(found.start, end, text[found.start : end], numeral.value, canonical_unit(form, "zh"))

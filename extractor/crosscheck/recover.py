"""Use the other language to help: find the counterpart of a mention one side's extraction missed.

When one text has a person, place, percentage or figure that nothing in the other text's
extraction pairs with, the other text is searched for it by sound (the pinyin of a Chinese name,
the characters whose pinyin spells an English name) or by value. A hit that overlaps no existing
mention and is unambiguous becomes a new candidate with source "crosscheck"; the records say so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from pypinyin import Style, pinyin

from extractor.crosscheck import names
from extractor.crosscheck.similarity import EXACT
from extractor.crosscheck.values import same_value
from extractor.found import Found
from extractor.measures import canonical_unit, unit_forms
from extractor.numerals import NUMBER_PATTERN, parse_numeral
from extractor.records import Lang, LanguageExtraction, Mention, Unmatched

SOURCE = "crosscheck"
PLACE_SURE = 0.9  # the proper part sounds the same; a generic word may be on one side only
_EN_NAME = re.compile(r"\b[A-Z][a-z]+(?:-[A-Za-z][a-z]+| [A-Z][a-z]+(?:-[a-z]+)?){1,2}\b")
_EN_PERCENT = re.compile(r"\b(\d+(?:\.\d+)?)\s?(?:%|percent\b|per cent\b)")
_EN_NUMBER_UNIT = re.compile(r"\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s+([A-Za-z]+(?:[- ][A-Za-z]+)?)")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


def recover(
    unmatched: list[Unmatched], extractions: dict[Lang, LanguageExtraction], texts: dict[Lang, str]
) -> dict[Lang, list[Found]]:
    """New candidates per language for the counterparts of `unmatched` mentions."""
    found: dict[Lang, list[Found]] = {"en": [], "zh": []}
    by_id = {m.id: m for extraction in extractions.values() for m in extraction.mentions}
    for item in unmatched:
        mention = by_id[item.mention]
        if mention.source == SOURCE:
            continue
        other: Lang = "zh" if item.lang == "en" else "en"
        taken = [(m.start, m.end) for m in extractions[other].mentions] + [(f.start, f.end) for f in found[other]]
        hits = {
            (start, end)
            for start, end in _search(mention, other, texts[other])
            if not any(s < end and start < e for s, e in taken)
        }
        if len(hits) == 1:
            start, end = hits.pop()
            found[other].append(_found(mention, start, end))
    return found


def _found(mention: Mention, start: int, end: int) -> Found:
    return Found(type=mention.type, start=start, end=end, source=SOURCE, value=mention.value, unit=mention.unit)


def _search(mention: Mention, lang: Lang, text: str) -> Iterator[tuple[int, int]]:
    if mention.type == "person":
        yield from _person_in_en(mention.text, text) if lang == "en" else _person_in_zh(mention.text, text)
    elif mention.type == "place":
        yield from _place_in_en(mention.text, text) if lang == "en" else _place_in_zh(mention.text, text)
    elif mention.type in ("percentage", "figure"):
        yield from _measure_in_en(mention, text) if lang == "en" else _measure_in_zh(mention, text)


def _person_in_en(zh_name: str, text: str) -> Iterator[tuple[int, int]]:
    for match in _EN_NAME.finditer(text):
        words = match.group().split(" ")
        for size in range(len(words), 1, -1):
            name = " ".join(words[:size])
            if names.score(zh_name, name) >= 1.0:
                yield match.start(), match.start() + len(name)
                break


def _person_in_zh(en_name: str, text: str) -> Iterator[tuple[int, int]]:
    for start, end in _sounding(en_name, text, spare=0):
        if names.score(text[start:end], en_name) >= 1.0:
            yield start, end


def _place_in_zh(en_place: str, text: str) -> Iterator[tuple[int, int]]:
    """Characters that sound like the English place name, with a generic word (县, 山) written after them."""
    for start, end in _sounding(en_place, text, spare=1):
        if names.place_score(text[start:end], en_place) >= PLACE_SURE:
            yield start, end


def _sounding(en_name: str, text: str, *, spare: int) -> Iterator[tuple[int, int]]:
    """Spans of `text` whose characters can be read as the English name's syllables (plus `spare` more)."""
    wanted = [readings for word in names.en_syllables(en_name) for readings in word]
    if len(wanted) < 2:
        return
    readings = _char_readings(text)
    size = len(wanted)
    for start in range(len(text) - size + 1):
        if all(readings[start + i] & set(wanted[i]) for i in range(size)):
            for end in range(start + size, min(start + size + spare, len(text)) + 1):
                yield start, end


@lru_cache(maxsize=8)
def _char_readings(text: str) -> tuple[frozenset[str], ...]:
    """Every reading of every character; a character that is not Chinese reads as nothing."""
    readings = pinyin(text, style=Style.NORMAL, heteronym=True, errors=lambda s: [[""]] * len(s))
    return tuple(frozenset(r) for r in readings)


def _place_in_en(zh_place: str, text: str) -> Iterator[tuple[int, int]]:
    proper = zh_place
    for generic in sorted(names.place_generics(), key=len, reverse=True):
        if zh_place.endswith(generic) and len(zh_place) > len(generic):
            proper = zh_place[: -len(generic)]
            break
    if len(proper) < 2:
        return
    spelled = names.romanise(proper, person=False)
    for match in re.finditer(rf"\b{re.escape(spelled)}\b", text, flags=re.IGNORECASE):
        if match.group()[0].isupper():
            yield match.span()


def _measure_in_en(mention: Mention, text: str) -> Iterator[tuple[int, int]]:
    if mention.type == "percentage":
        for match in _EN_PERCENT.finditer(text):
            if same_value(float(match.group(1)), mention.value or 0.0, rel_tol=EXACT):
                yield match.span()
        return
    for match in _EN_NUMBER_UNIT.finditer(text):
        words = match.group(2).split()
        for size in (2, 1):
            unit = canonical_unit(" ".join(words[:size]), "en") if len(words) >= size else None
            if unit == mention.unit and same_value(
                float(match.group(1).replace(",", "")), mention.value or 0.0, rel_tol=EXACT
            ):
                yield match.start(), match.start(2) + len(" ".join(match.group(2).split()[:size]))
                break


def _measure_in_zh(mention: Mention, text: str) -> Iterator[tuple[int, int]]:
    forms = sorted(unit_forms("zh"), key=len, reverse=True)
    for match in re.finditer(NUMBER_PATTERN, text):
        try:
            numeral = parse_numeral(match.group())
        except ValueError:
            continue
        if numeral.kind == "digits" or not same_value(numeral.value, mention.value or 0.0, rel_tol=EXACT):
            continue
        if mention.type == "percentage" and numeral.kind == "percent":
            yield match.span()
        elif mention.type == "figure" and numeral.kind == "number":
            unit = next((f for f in forms if text.startswith(f, match.end())), None)
            if unit and canonical_unit(unit, "zh") == mention.unit:
                yield match.start(), match.end() + len(unit)

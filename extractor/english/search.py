"""Search an English text for the counterpart of a Chinese mention (the cross-check's recovery).

People are capitalised runs of two or three words, or their first words ("Zhang Dashan said" ->
"Zhang Dashan"); places are single capitalised words ("Shuangyashan"); percentages and figures are
read by the quantity component's own reader (`QuantityFinder.measures`), so every form the
extraction accepts ("45 per cent", "forty-five percent", "1.2 million tons") is found here too.
Whether a candidate is the counterpart is the caller's test (`Sought.accepts`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import spacy
from spacy.language import Language

from extractor.english.quantities import QuantityFinder
from extractor.languages import Candidate, Sought

_NAME = re.compile(r"\b[A-Z][a-z]+(?:-[A-Za-z][a-z]+| [A-Z][a-z]+(?:-[a-z]+)?){1,2}\b")
_WORD = re.compile(r"\b[A-Z][A-Za-z]*(?:['’][A-Za-z]+)*\b")


def search(sought: Sought, text: str) -> list[Candidate]:
    """The candidates in `text` that `sought` accepts."""
    if sought.type == "person":
        return list(_people(sought, text))
    if sought.type == "place":
        return [c for m in _WORD.finditer(text) if sought.accepts(c := Candidate(*m.span(), m.group()))]
    if sought.type in ("percentage", "figure"):
        return [c for c in _measures(text) if _accepts(sought, c)]
    return []


def _accepts(sought: Sought, candidate: Candidate) -> bool:
    is_figure = candidate.unit is not None  # a percentage has no unit
    return is_figure == (sought.type == "figure") and sought.accepts(candidate)


def _people(sought: Sought, text: str) -> Iterator[Candidate]:
    """Per capitalised run, its longest accepted run of first words (of two words or more)."""
    for match in _NAME.finditer(text):
        words = match.group().split(" ")
        for size in range(len(words), 1, -1):
            name = " ".join(words[:size])
            candidate = Candidate(match.start(), match.start() + len(name), name)
            if sought.accepts(candidate):
                yield candidate
                break


@cache
def _quantities() -> tuple[Language, QuantityFinder]:
    """A tokenizer-only pipeline and the quantity reader over its tokens."""
    nlp = spacy.blank("en")
    return nlp, QuantityFinder(nlp)


def _measures(text: str) -> Iterator[Candidate]:
    nlp, finder = _quantities()
    doc = nlp.make_doc(text)
    for measure in finder.measures(doc):
        span = doc[measure.start : measure.end]
        yield Candidate(span.start_char, span.end_char, span.text, measure.value, measure.unit)

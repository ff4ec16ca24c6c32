"""Percentages and figures: a number with %, or with a unit of measure from `data/measures.json`.

Only a unit of measure makes a figure, so counts ("More than 30 cadres", "149 industrial
enterprises") and durations ("fourteen months") are left alone by construction. A qualifier right
before the number ("more than 70 meters") is inside the span; the item ("of raw coal") and the
period ("per month", "a monthly output of") are attributes, not part of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from extractor.english.extensions import tokens_of
from extractor.english.lexicon import lexicon, words
from extractor.found import Found, found
from extractor.measures import counts_as_figure, unit_forms
from extractor.numerals import read_english, starts_number
from extractor.records import Qualifier

_GLUED_PERCENT_RE = re.compile(r"^(\d+(?:\.\d+)?)[%％]$")
SHORT_UNIT = 3  # a Title Case unit word this short after a number is a surname ("3 Li"), not a unit
LOOKBACK = 6  # tokens searched before a number for "monthly", "daily", ...
RANGE_TO = ("to", "-", "–", "—")
DATE_PREPOSITIONS = ("in", "since")
YEAR_DIGITS = 4  # what joins the two ends of a range ("45 to 50%")
MAX_NUMBER_TOKENS = 12  # "one hundred and twenty - five point five million" is 10
V = TypeVar("V")  # what a phrase stands for


@dataclass(frozen=True)
class Number:
    value: float
    end: int  # token index after the number


@dataclass(frozen=True)
class Measure:
    """A percentage (number and sign) or figure (number and unit of measure) as tokens [start, end)."""

    label: str  # "percentage" or "figure"
    start: int
    end: int
    value: float
    unit: str | None = None


def read_number(doc: Doc, i: int) -> Number | None:
    """The number written from token `i` on: digits ("1,010,000", "1.2 million") or words ("ninety-five",
    "twelve and a half million"), read by `extractor.numerals`."""
    if not starts_number(doc[i].lower_):
        return None  # most tokens: passed over without reading the tokens after them
    read = read_english([token.lower_ for token in doc[i : i + MAX_NUMBER_TOKENS]])
    return Number(read[0], i + read[1]) if read else None


def _phrase_at(doc: Doc, i: int, phrases: dict[tuple[str, ...], V]) -> tuple[V, int] | None:
    """The longest phrase (as lower-case tokens) starting at token `i`: its value and end index."""
    for length in sorted({len(key) for key in phrases}, reverse=True):
        key = tuple(token.lower_ for token in doc[i : i + length])
        if len(key) == length and key in phrases:
            return phrases[key], i + length
    return None


def _phrase_before(doc: Doc, i: int, phrases: dict[tuple[str, ...], V]) -> tuple[V, int] | None:
    """The longest phrase ending just before token `i`: its value and start index."""
    for length in sorted({len(key) for key in phrases}, reverse=True):
        if i - length < 0:
            continue
        key = tuple(token.lower_ for token in doc[i - length : i])
        if key in phrases:
            return phrases[key], i - length
    return None


class QuantityFinder:
    """spaCy component: adds percentages and figures to `doc._.found`."""

    def __init__(self, nlp: Language) -> None:
        def tokens(text: str) -> tuple[str, ...]:
            return tuple(token.lower_ for token in nlp.make_doc(text))

        data = lexicon("quantities")
        self.units = {tokens(form): code for form, code in unit_forms("en").items()}
        self.percent = {tokens(sign): "%" for sign in data["percent_signs"]}
        self.qualifiers: dict[tuple[str, ...], Qualifier] = {tokens(t): q for t, q in data["qualifiers"].items()}
        self.trailing: dict[tuple[str, ...], Qualifier] = {tokens(t): q for t, q in data["trailing_qualifiers"].items()}
        # "per month", and "per mu": a rate per unit of measure
        rates = data["periods"] | {form: code for form, code in unit_forms("en").items() if " " not in form}
        self.periods: dict[tuple[str, ...], str] = {
            (intro, word): period for intro in data["period_introducers"] for word, period in rates.items()
        }

    def __call__(self, doc: Doc) -> Doc:
        found(doc).extend(_inherit_ranges(doc, [self._found(doc, measure) for measure in self.measures(doc)]))
        return doc

    def measures(self, doc: Doc) -> Iterator[Measure]:
        """Every percentage and figure in the doc, left to right, none inside another."""
        i = 0
        while i < len(doc):
            measure = self.measure_at(doc, i)
            if measure is None:
                i += 1
                continue
            yield measure
            i = measure.end

    def measure_at(self, doc: Doc, i: int) -> Measure | None:
        """The percentage or figure whose number starts at token `i`, without qualifiers; needs only
        the tokenizer (the cross-check's search reads a text with it)."""
        glued = _GLUED_PERCENT_RE.match(doc[i].text)
        if glued:
            return Measure("percentage", i, i + 1, float(glued.group(1)))
        number = read_number(doc, i)
        if number is None:
            return None
        sign = _phrase_at(doc, number.end, self.percent)
        if sign:
            return Measure("percentage", i, sign[1], number.value)
        upper = None if _dated(doc, i) else self._range_end(doc, number.end)
        if upper is not None:  # "45 to 50%", "from 12 to 16 jin": the lower end is measured alike
            return Measure(upper.label, i, number.end, number.value, upper.unit)
        unit_start = number.end + (number.end < len(doc) and doc[number.end].text == "-")  # "a 10,000-ton press"
        if [t.lower_ for t in doc[unit_start : unit_start + 1]] == ["odd"]:  # "1,750-odd qing"
            unit_start += 1
        if number.value < 1 and [t.lower_ for t in doc[unit_start : unit_start + 2]] in (["of", "a"], ["of", "an"]):
            unit_start += 2  # "three-fifths of a ton"
        unit = _phrase_at(doc, unit_start, self.units)
        if unit is None or not counts_as_figure(unit[0], number.value):
            return None
        head = doc[unit_start]
        if head.is_title and len(head) <= SHORT_UNIT:
            return None
        return Measure("figure", i, unit[1], number.value, unit[0])

    def _range_end(self, doc: Doc, end: int) -> Measure | None:
        """The measure after "to" or a dash that closes a range begun by the number ending at `end`."""
        if end + 1 < len(doc) and doc[end].lower_ in RANGE_TO:
            return self.measure_at(doc, end + 1)
        return None

    def _found(self, doc: Doc, measure: Measure) -> Found:
        """The candidate of a measure: a figure with its qualifier, item and period."""
        if measure.label == "percentage":
            span = doc[measure.start : measure.end]
            return Found("percentage", span.start_char, span.end_char, "rule:percentage", measure.value)
        i, end = measure.start, measure.end
        qualifier = _phrase_before(doc, i, self.qualifiers)
        trailing = _phrase_at(doc, end, self.trailing)
        start = qualifier[1] if qualifier else i
        end = trailing[1] if trailing else end
        span = doc[start:end]
        return Found(
            "figure",
            span.start_char,
            span.end_char,
            "rule:figure",
            measure.value,
            unit=measure.unit,
            qualifier=(qualifier or trailing or (None,))[0],
            item=_item_after(doc, end) or _item_before(doc, start),
            period=self._period_after(doc, end) or _period_before(doc, start),
        )

    def _period_after(self, doc: Doc, end: int) -> str | None:
        if end < len(doc) and doc[end].lower_ == "of":  # skip the item: "tons of raw coal per day"
            chunk = next((c for c in doc.noun_chunks if c.start == end + 1), None)
            end = chunk.end if chunk is not None else end
        found = _phrase_at(doc, end, self.periods)
        if found:
            return found[0]
        adjectives: dict[str, str] = lexicon("quantities")["period_adjectives"]
        return adjectives.get(doc[end].lower_) if end < len(doc) else None


def _item_after(doc: Doc, end: int) -> str | None:
    """What follows "of" after the unit: "1,010,000 tons of raw coal" -> "raw coal"."""
    if end >= len(doc) or doc[end].lower_ != "of":
        return None
    chunk = next((c for c in doc.noun_chunks if c.start == end + 1), None)
    if chunk is None:
        return None
    tokens = [token for token in chunk if token.lower_ not in words("common", "determiners")]
    return doc[tokens[0].i : chunk.end].text if tokens else None


def _item_before(doc: Doc, start: int) -> str | None:
    """The noun before "of" ahead of the number: "a monthly output of 10,000 tons" -> "output"."""
    if start < 2 or doc[start - 1].lower_ != "of":
        return None
    chunk = next((c for c in doc.noun_chunks if c.end == start - 1), None)
    if chunk is None or chunk.root.lower_ in words("quantities", "item_excluded"):
        return None
    return chunk.root.text


def _period_before(doc: Doc, start: int) -> str | None:
    """A period adjective earlier in the clause: "a monthly output of 10,000 tons" -> "month"."""
    adjectives: dict[str, str] = lexicon("quantities")["period_adjectives"]
    for token in reversed(doc[max(0, start - LOOKBACK) : start]):
        if token.is_punct:
            return None
        if token.lower_ in adjectives:
            return adjectives[token.lower_]
    return None


def _inherit_ranges(doc: Doc, found: list[Found]) -> list[Found]:
    """In "from 30 meters per month to more than 70 meters" the second figure is per month too."""
    inherited = found[:1]
    for later in found[1:]:
        earlier = inherited[-1]
        first, second = tokens_of(doc, earlier), tokens_of(doc, later)
        if (
            earlier.type == later.type == "figure"
            and first.sent == second.sent
            and earlier.unit == later.unit
            and any(token.lower_ == "to" for token in doc[first.end : second.start])
        ):
            later = replace(later, period=later.period or earlier.period, item=later.item or earlier.item)
        inherited.append(later)
    return inherited


def _dated(doc: Doc, i: int) -> bool:
    """Whether the number at token `i` is a year after "in" or "since" ("from 8,000 mu in 1970 to
    43,000 mu"): no lower end of a range."""
    return (
        i > 0 and doc[i - 1].lower_ in DATE_PREPOSITIONS and len(doc[i].text) == YEAR_DIGITS and doc[i].text.isdigit()
    )

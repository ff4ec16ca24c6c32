"""`zh_measures`: percentages (87％, 百分之三十) and figures (一百零一万吨, 七十米以上, 月产万吨).

Numbers come from `extractor.numerals.find_numerals`, which only starts a number where a token
starts (统一零售价 holds none) and reads digit-by-digit names (六二○) apart from quantities. A number
is a figure only when a unit of measure (extractor/data/measures.json) follows it, so counts of
people or enterprises, durations, dates and ordinals never are. How qualifiers, rates and items
are written around the number is in data/measures.json.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from extractor.chinese.candidates import found
from extractor.chinese.lexicon import Words, load
from extractor.found import Found
from extractor.measures import canonical_unit, unit_forms
from extractor.numerals import find_numerals, to_number
from extractor.records import Qualifier

CLAUSE_END = re.compile(r"[，。；！？：、\n（）“”]")
LOOKBACK = 8  # how far before a number its item or rate word may stand, within the clause
MAGNITUDES = "十百千万亿"
_NUMERAL_QUALIFIERS: dict[str, Qualifier] = {"more_than": "more than", "about": "about"}


@dataclass(frozen=True)
class _Figure:
    start: int
    end: int
    value: float
    unit: str
    qualifier: Qualifier | None
    number_start: int


class MeasureFinder:
    def __init__(self) -> None:
        config = load("measures")
        qualifiers = config["qualifiers"]
        self.prefix: dict[str, Qualifier] = qualifiers["prefix"]
        self.infix: dict[str, Qualifier] = qualifiers["infix"]
        self.suffix: dict[str, Qualifier] = qualifiers["suffix"]
        self.prefixes = Words(self.prefix)
        self.infixes = Words(self.infix)
        self.suffixes = Words(self.suffix)
        self.periods: dict[str, str] = config["periods"]
        self.period_words = Words(self.periods)
        self.bare_after = Words(config["bare_magnitude_after"])
        self.ambiguous: dict[str, dict] = config["ambiguous_units"]
        self.items = Words(config["items"])
        self.units = Words(unit_forms("zh"))

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        bounds = {token.idx for token in doc} | {len(text)}
        figures: list[_Figure] = []
        for numeral in find_numerals(text, bounds):
            if numeral.numeral.kind == "percent":
                found(doc).append(
                    Found(
                        type="percentage",
                        start=numeral.start,
                        end=numeral.end,
                        value=numeral.numeral.value,
                        source="rule:percentage",
                    )
                )
            elif numeral.numeral.kind == "number":
                qualifier = _NUMERAL_QUALIFIERS.get(numeral.numeral.qualifier or "")
                figure = self._figure(text, numeral.start, numeral.end, numeral.numeral.value, qualifier)
                if figure:
                    figures.append(figure)
        figures += self._bare_magnitudes(text)
        found(doc).extend(self._found(text, sorted(figures, key=lambda f: f.start)))
        return doc

    def _figure(self, text: str, start: int, end: int, value: float, qualifier: Qualifier | None) -> _Figure | None:
        """The figure whose number spans [start, end), if a unit of measure follows it."""
        infix = self.infixes.starting_at(text, end)
        if infix and qualifier is None and self.units.starting_at(text, end + len(infix)):
            qualifier = self.infix[infix]
            end += len(infix)
        form = self.units.starting_at(text, end)
        if not form or not self._is_unit(text, start, end, form):
            return None
        unit = canonical_unit(form, "zh")
        if unit is None:
            return None
        span_start, span_end = start, end + len(form)
        prefix = self.prefixes.ending_at(text, start)
        if prefix:
            span_start -= len(prefix)
            qualifier = qualifier or self.prefix[prefix]
        suffix = self.suffixes.starting_at(text, span_end)
        if suffix:
            span_end += len(suffix)
            qualifier = qualifier or self.suffix[suffix]
        return _Figure(span_start, span_end, value, unit, qualifier, start)

    def _is_unit(self, text: str, start: int, end: int, form: str) -> bool:
        """Whether `form` after the number is a unit here, not part of a word (一方面, 四包一交, 担任)."""
        rule = self.ambiguous.get(form)
        if rule is None:
            return True
        after = end + len(form)
        if after < len(text) and text[after] in rule["next_not"]:
            return False
        if any(text[:start].endswith(word) for word in rule["after_not"]):
            return False
        return rule["short_number"] or end - start > 1

    def _bare_magnitudes(self, text: str) -> Iterator[_Figure]:
        """月产万吨: a magnitude alone before a unit, where a rate or verb announces a quantity."""
        for pos, char in enumerate(text):
            if char not in MAGNITUDES or not self.bare_after.ending_at(text, pos):
                continue
            figure = self._figure(text, pos, pos + 1, to_number("一" + char), None)
            if figure:
                yield figure

    def _found(self, text: str, figures: list[_Figure]) -> Iterator[Found]:
        """Figures with their item and rate period; a rate carries over to the next figure of its clause."""
        previous: tuple[int, str, str] | None = None  # (clause start, unit, period)
        for figure in figures:
            clause = self._clause_start(text, figure.start)
            window = text[max(clause, figure.start - LOOKBACK) : figure.start]
            period_word = self._last(self.period_words, window)
            period = self.periods[period_word] if period_word else None
            if period is None and previous and previous[0] == clause and previous[1] == figure.unit:
                period = previous[2]
            if period:
                previous = (clause, figure.unit, period)
            yield Found(
                type="figure",
                start=figure.start,
                end=figure.end,
                value=figure.value,
                unit=figure.unit,
                item=self._last(self.items, window),
                qualifier=figure.qualifier,
                period=period,
                source="rule:figure",
            )

    @staticmethod
    def _clause_start(text: str, pos: int) -> int:
        ends = [m.end() for m in CLAUSE_END.finditer(text, max(0, pos - 200), pos)]
        return ends[-1] if ends else max(0, pos - 200)

    @staticmethod
    def _last(words: Words, window: str) -> str | None:
        """The word of `words` ending last in `window` (the one nearest the number)."""
        for end in range(len(window), 0, -1):
            word = words.ending_at(window, end)
            if word:
                return word
        return None


@Language.factory("zh_measures")
def make_measure_finder(nlp: Language, name: str) -> MeasureFinder:
    return MeasureFinder()

"""`extractor_zh_measures_v1`: percentages (87％, 百分之三十) and figures (一百零一万吨, 七十米以上, 月产万吨).

Numbers come from `extractor.numerals.find_numerals`, which only starts a number where a token
starts (统一零售价 holds none) and reads digit-by-digit names (六二○) apart from quantities. A number
is a figure only when a unit of measure (extractor/data/measures.json) follows it, so counts of
people or enterprises, durations, dates and ordinals never are. How qualifiers, rates and items
are written around the number is in data/measures.json.

Numbers as the press prints them: a number read digit by digit (二○○, 一、二○○) is a quantity when a
unit of measure follows it; a digit or 半 right after the unit is its tenths or half (一吨一 = 1.1 tons,
三斤半 = 3.5 jin), a smaller traditional unit after a larger one adds to it (三石五斗 = 3.5 dan); a
magnitude without a digit is a number before a unit when it is qualified or doubled (百余里, 百万斤);
每 and a unit before a figure make it a rate per that unit (每亩两万余斤: jin per mu).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from extractor.chinese.lexicon import Words, load
from extractor.found import CHANNEL, Found, found
from extractor.measures import canonical_unit, counts_as_figure, size_ratio, unit_forms
from extractor.numerals import COUNTING, DIGITS, MAGNITUDES, find_numerals, to_number
from extractor.records import Qualifier

NAME = "extractor_zh_measures_v1"

CLAUSE_END = re.compile(r"[，。；！？：、\n（）“”]")
LOOKBACK = 8  # how far before a number its item or rate word may stand, within the clause
TENTHS = {char: value for value, char in enumerate(DIGITS[3:], start=1)} | {"半": 5}  # 一吨一, 三斤半
BARE = MAGNITUDES[1:]  # 百万斤, 百余里; 十 opens a numeral of its own (十余里)
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
        per_unit = {"每" + form: code for form, code in unit_forms("zh").items()}  # 每亩: a rate per mu
        self.periods: dict[str, str] = config["periods"] | per_unit
        self.period_words = Words(self.periods)
        self.subunits: dict[str, dict[str, float]] = {
            unit: {form: _ratio(form, unit) for form in forms} for unit, forms in config["subunits"].items()
        }
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
            elif numeral.numeral.kind in ("number", "digits"):
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
        if unit is None or not counts_as_figure(unit, value):
            return None
        span_start, span_end = start, end + len(form)
        value, span_end = self._after_unit(text, unit, value, span_end)
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
        after = end + len(form)
        smaller = self.subunits.get(canonical_unit(form, "zh") or "", {})
        if rule is None or (text[after : after + 1] in TENTHS and text[after + 1 : after + 2] in smaller):
            return True  # 三石五斗
        if after < len(text) and text[after] in rule["next_not"]:
            return False
        if any(text[:start].endswith(word) for word in rule["after_not"]):
            return False
        return rule["short_number"] or end - start > 1

    def _after_unit(self, text: str, unit: str, value: float, end: int) -> tuple[float, int]:
        """The value and end of a figure with what is written after its unit: tenths or a half (一吨一,
        三斤半), or a number of a smaller traditional unit (三石五斗)."""
        char = text[end : end + 1]
        after = text[end + 1 : end + 2]
        closes = not after or CLAUSE_END.match(after) or after in "之的" or self.suffixes.starting_at(text, end + 1)
        if char in TENTHS and closes:
            return value + TENTHS[char] / 10, end + 1
        smaller = self.subunits.get(unit, {})
        if char in TENTHS and after in smaller:
            return value + TENTHS[char] * smaller[after], end + 2
        return value, end

    def _bare_magnitudes(self, text: str) -> Iterator[_Figure]:
        """A magnitude without a digit before a unit: after a rate or verb that announces a quantity
        (月产万吨), or doubled or qualified (百万斤, 百余里), where it cannot be part of a word (万里长城)."""
        for pos, char in enumerate(text):
            if char not in MAGNITUDES or (pos and text[pos - 1] in COUNTING + MAGNITUDES):
                continue
            end = pos + 1
            while end < len(text) and text[end] in BARE and end - pos < 2:
                end += 1
            qualified_or_doubled = char in BARE and (end - pos > 1 or self.infixes.starting_at(text, end))
            if not qualified_or_doubled and not self.bare_after.ending_at(text, pos):
                continue
            try:
                value = to_number("一" + text[pos:end])
            except ValueError:
                continue
            figure = self._figure(text, pos, end, value, None)
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


def _ratio(form: str, unit: str) -> float:
    """What one of the smaller unit written `form` is worth in `unit` (斗 in dan: 0.1)."""
    ratio = size_ratio(canonical_unit(form, "zh") or "", unit)
    if ratio is None:
        raise ValueError(f"data/measures.json: {form} is no smaller unit of {unit}")
    return ratio


@Language.factory(NAME, assigns=[CHANNEL])
def make_measure_finder(nlp: Language, name: str) -> MeasureFinder:
    return MeasureFinder()

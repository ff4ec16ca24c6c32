"""`extractor_zh_short_places_v1`: places written short, found by the form that makes them places.

- One-character province names (简称) listed with each other (冀、豫、鲁、晋、鄂; 冀、晋各地);
- two or more short names and 边区 (晋察冀边区, 苏皖边区: the border regions);
- a province's short name and 省 (察省), or a compass word (冀东, 晋中, 豫北: the regions of the
  1940s-50s border areas and their successors);
- the place in a dateline: between the agency and the date with 电, or 讯 (【新华社淮阴二十日电】,
  【本报邯郸讯】), whatever its name.
A span that an earlier component has taken already is left to it. Data: data/places.json.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from extractor.chinese.lexicon import alternation, load
from extractor.found import CHANNEL, Found, found, of_type
from extractor.numerals import CODE_DIGITS, COUNTING

NAME = "extractor_zh_short_places_v1"

Span = tuple[int, int]
DAY = f"[{CODE_DIGITS}{COUNTING}]+"
DATE = rf"(?:{DAY}月)?{DAY}日"


class ShortPlaces:
    def __init__(self) -> None:
        config = load("places")
        abbreviations = "".join(config["abbreviations"])
        regions = "".join(config["region_abbreviations"])
        compass = alternation(config["compass"])
        self.listed = re.compile(rf"[{abbreviations}](?:、[{abbreviations}])+")
        self.province = re.compile(rf"[{abbreviations}]省")
        self.region = re.compile(rf"[{regions}]{compass}")
        self.border = re.compile(rf"[{abbreviations}]{{2,4}}{alternation(config['border_region_words'])}")
        agencies = alternation(config["dateline_agencies"])
        self.dateline = re.compile(rf"{agencies}(?P<place>[\u4e00-\u9fff]{{2,4}}?)(?:{DATE}电|讯)")

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        taken = [(item.start, item.end) for item in of_type(doc, "place", "unit", "person")]
        spans = [*self._matches(self.border, text), *self._listed(text), *self._matches(self.province, text)]
        spans += self._matches(self.region, text)  # 四川|中部 overlaps 四川 and is dropped below
        spans += [match.span("place") for match in self.dateline.finditer(text)]
        found(doc).extend(
            Found(type="place", start=start, end=end, source="rule:short_place")
            for start, end in dict.fromkeys(spans)
            if not any(s < end and start < e for s, e in taken)
        )
        return doc

    def _listed(self, text: str) -> Iterator[Span]:
        for match in self.listed.finditer(text):
            yield from ((pos, pos + 1) for pos in range(match.start(), match.end(), 2))

    @staticmethod
    def _matches(pattern: re.Pattern[str], text: str) -> Iterator[Span]:
        return (match.span() for match in pattern.finditer(text))


@Language.factory(NAME, assigns=[CHANNEL], requires=[CHANNEL])
def make_short_places(nlp: Language, name: str) -> ShortPlaces:
    return ShortPlaces()

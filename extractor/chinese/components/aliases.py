"""`zh_unit_aliases`: short back-references to units named in full elsewhere in the same text.

Two short forms are names, not common nouns: the name without its leading place when what is left
is a trade and a head of three characters or more (嘉兴纸筋厂 -> 纸筋厂), and the code of a numbered
team (六二○采煤队 -> 六二○, as in 学六二○，赶六二○). Shorter rests (大冶钢厂 -> 钢厂) and bare heads
(矿, 市委) are common nouns and are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from extractor.assemble import Found
from extractor.chinese.candidates import found, of_type, overlaps
from extractor.chinese.components.units import CODE
from extractor.chinese.gazetteer import Gazetteer, load_gazetteer
from extractor.chinese.lexicon import Words, alternation, load

MIN_REST = 3


class UnitAliases:
    def __init__(self, gazetteer: Gazetteer) -> None:
        config = load("units")
        self.gazetteer = gazetteer
        self.heads = Words(config["heads"])
        self.trade = Words(config["trade_words"])
        self.coded = re.compile(rf"([{CODE}]{{2,}}){alternation(config['team_heads'])}")

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        units = of_type(doc, "unit")
        aliases = {alias for unit in units for alias in self._short_forms(text[unit.start : unit.end])}
        for alias in aliases:
            for match in re.finditer(re.escape(alias), text):
                alias_found = Found(type="unit", start=match.start(), end=match.end(), source="rule:alias")
                if not overlaps(alias_found, units) and self._stands_alone(text, match.start(), match.end()):
                    found(doc).append(alias_found)
        return doc

    def _short_forms(self, name: str) -> Iterator[str]:
        coded = self.coded.fullmatch(name)
        if coded:
            yield coded.group(1)
        place = self.gazetteer.free.starting_at(name, 0) or self.gazetteer.county_stems.starting_at(name, 0)
        if place and len(rest := name[len(place) :]) >= MIN_REST and self._trade_and_head(rest):
            yield rest

    def _trade_and_head(self, rest: str) -> bool:
        pos = 0
        while word := self.trade.starting_at(rest, pos):
            pos += len(word)
        return pos > 0 and self.heads.starting_at(rest, pos) == rest[pos:]

    @staticmethod
    def _stands_alone(text: str, start: int, end: int) -> bool:
        """Not a piece of a longer number or word: 六二○ but not 六二○○ or 一六二○."""
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        return not (before and before in CODE) and not (after and (after in CODE or after == "号"))


@Language.factory("zh_unit_aliases", default_config={"resource_dir": None})
def make_unit_aliases(nlp: Language, name: str, resource_dir: str | None) -> UnitAliases:
    return UnitAliases(load_gazetteer(Path(resource_dir) if resource_dir else None))

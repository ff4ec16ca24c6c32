"""`extractor_zh_unit_aliases_v1`: other occurrences of the units found, and their short names.

A works found once is a unit wherever its name recurs (学习|大庆油田 although 学习 hides the break),
if it opens with a place name or a word that is no ordinary word.
Six short forms are names, not common nouns:
- one the text declares in brackets after the full name (马鞍山钢铁公司（以下简称马钢）, 鞍山钢铁公司（鞍钢）);
- one the text quotes that opens the name of a unit found (“西单” for 西单友谊集团, 西单商场), even a
  name that is also a place's;
- the usual abbreviation, the name's first character and a trade word's (马鞍山钢铁公司 -> 马钢, 首都钢铁
  公司 -> 首钢), where it recurs as a word of its own: neither end makes an ordinary word with its
  neighbour (扩大|化 is no 大化);
- the name without its leading place when what is left is a trade and a head of three characters or
  more (嘉兴纸筋厂 -> 纸筋厂);
- the code of a numbered team (六二○采煤队 -> 六二○, as in 学六二○，赶六二○);
- the works a company or group is named after (西单商场集团 -> 西单商场).
Shorter rests (大冶钢厂 -> 钢厂) and bare heads (矿, 市委) are common nouns and are left alone. A
sub-unit written right after a short name joins it (马钢|车轮轮箍厂).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from extractor.chinese.gazetteer import Gazetteer, load_gazetteer
from extractor.chinese.lexicon import Words, alternation, known_words, load
from extractor.chinese.works import CODE, WorksGrammar
from extractor.found import CHANNEL, Found, found, of_type, overlaps

NAME = "extractor_zh_unit_aliases_v1"

MIN_REST = 3
ALIAS_LENGTH = (2, 4)


class UnitAliases:
    def __init__(self, gazetteer: Gazetteer, known: frozenset[str]) -> None:
        config = load("units")
        self.gazetteer = gazetteer
        self.known = known
        self.grammar = WorksGrammar(gazetteer, known)
        self.heads = Words(config["heads"])
        self.trade = Words(config["trade_words"])
        self.coded = re.compile(rf"([{CODE}]{{2,}}){alternation(config['team_heads'])}")
        shortest, longest = ALIAS_LENGTH
        declare = alternation(config["alias_declarations"])
        self.declared = re.compile(rf"[（(]({declare})?[“‘]?([\u3400-\u9fff]{{{shortest},{longest}}})[”’]?[）)]")
        self.quoted = re.compile(rf"[“‘]([\u3400-\u9fff]{{{shortest},{longest}}})[”’]")

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        units = of_type(doc, "unit")
        names = [name for name in of_type(doc, "unit", "place") if name.source.startswith("rule:")]  # the model's yield
        aliases = {alias for unit in units for alias in self._short_forms(text[unit.start : unit.end])}
        aliases |= {alias for unit in units for alias in self._declared(text, unit)}
        aliases |= {text[unit.start : unit.end] for unit in units if self._recurs(text, unit)}  # 学习|大庆油田
        abbreviations = {
            alias for unit in units if unit.source == "rule:works" for alias in self._abbreviations(text, unit)
        }
        found(doc).extend(self._quoted(text, [text[unit.start : unit.end] for unit in units]))
        for alias in aliases | abbreviations:
            for match in re.finditer(re.escape(alias), text):
                start, end = match.span()
                item = Found(type="unit", start=start, end=end, source="rule:alias")
                if overlaps(item, names) or not self._stands_alone(text, start, end):
                    continue
                whole = self.grammar.subunit_end(text, end)
                if alias in abbreviations and not self._word_of_its_own(text, start, end, whole > end):
                    continue
                # with its sub-unit it wins over the sub-unit alone (武钢第二炼铁厂 over 第二炼铁厂)
                found(doc).append(
                    Found(type="unit", start=start, end=whole, source="rule:alias", priority=3 if whole > end else 0)
                )
        return doc

    def _recurs(self, text: str, unit: Found) -> bool:
        """Whether a works is a name wherever it recurs: it opens with a place name (大庆油田) or a word
        that is no ordinary word (前洲塑料制品厂), not with one such as 中央 or 旧货 (的中央银行)."""
        name = text[unit.start : unit.end]
        return unit.source == "rule:works" and (
            any(name[:size] in self.gazetteer.codes for size in range(2, 5)) or name[:2] not in self.known
        )

    def _quoted(self, text: str, names: list[str]) -> Iterator[Found]:
        """Quoted short names that open the name of a unit found (若“西单”欲收购“友谊” beside 西单商场, 友谊集团)."""
        for match in self.quoted.finditer(text):
            alias = match.group(1)
            if any(name.startswith(alias) and len(name) > len(alias) for name in names):
                yield Found(type="unit", start=match.start(1), end=match.end(1), source="rule:alias", priority=3)

    def _short_forms(self, name: str) -> Iterator[str]:
        coded = self.coded.fullmatch(name)
        if coded:
            yield coded.group(1)
        for body in self.grammar.bodies.words:
            works = name.removesuffix(body)
            if works != name and self.heads.ending_at(works, len(works)):
                yield works  # 西单商场集团 -> 西单商场: the works that gives the body its name
        place = self.gazetteer.free.starting_at(name, 0) or self.gazetteer.county_stems.starting_at(name, 0)
        if place and len(rest := name[len(place) :]) >= MIN_REST and self._trade_and_head(rest):
            yield rest

    def _declared(self, text: str, unit: Found) -> Iterator[str]:
        """A short name declared in brackets right after the unit: （以下简称马钢）, or without a word that
        declares it if its characters are the name's, in order (（鞍钢）, not （辽宁）)."""
        match = self.declared.match(text, unit.end)
        if not match:
            return
        name, alias = text[unit.start : unit.end], match.group(2)
        rest = iter(name)
        if alias != name and (match.group(1) or all(char in rest for char in alias)):
            yield alias

    def _abbreviations(self, text: str, unit: Found) -> Iterator[str]:
        """The name's first character with the first character of each trade word after the place or
        proper name that opens it (马鞍山|钢铁|公司 -> 马钢)."""
        name = text[unit.start : unit.end]
        pos = next((pos for pos in range(2, len(name)) if self.trade.starting_at(name, pos)), len(name))
        while word := self.trade.starting_at(name, pos):
            yield name[0] + word[0]
            pos += len(word)

    def _trade_and_head(self, rest: str) -> bool:
        pos = 0
        while word := self.trade.starting_at(rest, pos):
            pos += len(word)
        return pos > 0 and self.heads.starting_at(rest, pos) == rest[pos:]

    def _word_of_its_own(self, text: str, start: int, end: int, subunit: bool) -> bool:
        """Neither end makes an ordinary word with its neighbour (马钢|的, not 扩大|化), unless a sub-unit
        follows (包钢|轨梁厂 although 钢轨 is a word)."""
        return text[start - 1 : start + 1] not in self.known and (subunit or text[end - 1 : end + 1] not in self.known)

    @staticmethod
    def _stands_alone(text: str, start: int, end: int) -> bool:
        """Not a piece of a longer number or word: 六二○ but not 六二○○ or 一六二○."""
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        return not (before and before in CODE) and not (after and (after in CODE or after == "号"))


@Language.factory(NAME, assigns=[CHANNEL], requires=[CHANNEL], default_config={"resource_dir": None})
def make_unit_aliases(nlp: Language, name: str, resource_dir: str | None) -> UnitAliases:
    directory = Path(resource_dir) if resource_dir else None
    return UnitAliases(load_gazetteer(directory), known_words(directory))

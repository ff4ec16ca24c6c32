"""`zh_units`: named and numbered work units, Party and government organs, the press.

Four shapes, all spelled out in data/units.json:
- organs: [中共] place... committee head [department] (中共辽宁省委, 嘉兴市委工业部); without 中共 only
  the last place belongs to the organ (上海市 + 普陀区委);
- named: national organs, newspapers and agencies as written (新华社), and place + 日报 (浙江日报);
- numbered: 第八工地, 六二○采煤队, 红旗四号炉, 七井, 北井;
- works: [place | proper name] trade words* head (大冶钢厂; 重庆 + 中梁山煤矿). A place stays in the
  name only when nothing but trade words separates it from the head; a proper name runs back from
  the trade words to a break (punctuation, a function word, a verb such as 参观, a place) and has
  two or three characters, so a longer run of text is never taken for a name.
A sub-unit written right after its unit joins it (大冶钢厂锻造车间, 平安煤矿三坑).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from extractor.assemble import Found, resolve_overlaps
from extractor.chinese.candidates import found, of_type
from extractor.chinese.gazetteer import Gazetteer, load_gazetteer
from extractor.chinese.lexicon import Words, after_break, alternation, function_chars, is_han, known_words, load

CODE = "零○〇一二三四五六七八九0123456789０１２３４５６７８９"  # digits of a number read digit by digit
NUMBER = CODE + "两十百千"
MAX_PROPER = 3
EMBLEM = 2  # a furnace or team named by an emblem word before its number: 红旗四号炉


class UnitFinder:
    def __init__(self, gazetteer: Gazetteer, known: frozenset[str]) -> None:
        config = load("units")
        self.gazetteer = gazetteer
        self.known = known
        self.heads = Words(config["heads"])
        self.trade = Words(config["trade_words"])
        self.generic = Words(config["generic_words"])
        self.left_cut = Words(config["left_cut"])
        self.introducers = frozenset(config["introducers"])
        self.subunit_heads = Words(config["subunit_heads"])
        self.named = Words(config["named"])
        self.press_heads = re.compile(alternation(config["press_heads"]))
        self.committee_heads = frozenset(config["committee_heads"])
        self.organ_heads = re.compile(alternation(config["committee_heads"] + config["departments"]))
        self.departments = Words(config["departments"])
        self.committee_prefixes = Words(config["committee_prefixes"])
        self.counters = frozenset(config["counters"])
        self.named_not_before = frozenset(config["named_not_before"])
        self.titles = Words(load("roles")["cores"])
        numbered = alternation(config["numbered_heads"] + config["team_heads"])
        works = alternation(config["heads"] + config["team_heads"])
        trade = alternation(config["trade_words"])
        bare = alternation(config["bare_numbered_heads"])
        direction = alternation(config["direction_heads"])
        self.numbered = re.compile(
            rf"(?P<ordinal>第[{NUMBER}]+{trade}*{works}|{trade}+[{NUMBER}]{{1,3}}{works})"
            rf"|(?:第[{NUMBER}]+|[{CODE}]{{2,}})号?{numbered}|[{NUMBER}]{{1,3}}号{numbered}"
            rf"|(?P<plain>[{NUMBER}]{{1,2}}{bare}|[东西南北中]{direction})"
        )

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        places = of_type(doc, "place")
        units = [*self._organs(text), *self._named(text), *self._numbered(text, places)]
        units += self._works(text, places, units)
        units = [self._with_subunit(text, unit) for unit in units]
        found(doc).extend(resolve_overlaps(units))
        return doc

    def _organs(self, text: str) -> Iterator[Found]:
        for match in self.organ_heads.finditer(text):
            starts = self.gazetteer.prefix_matches(text, match.start())
            if not starts:
                continue
            first = last = starts[0]
            while previous := self.gazetteer.prefix_matches(text, first):
                first = previous[0]
            prefix = self.committee_prefixes.ending_at(text, first)
            start = first - len(prefix) if prefix else last
            end = match.end()
            if match.group() in self.committee_heads:
                end += len(self.departments.starting_at(text, end) or "")
            yield Found(type="unit", start=start, end=end, source="rule:organ", priority=3)

    def _named(self, text: str) -> Iterator[Found]:
        pos = 0
        while pos < len(text):
            word = self.named.starting_at(text, pos)
            if word and text[pos + len(word) : pos + len(word) + 1] not in self.named_not_before:
                yield Found(type="unit", start=pos, end=pos + len(word), source="rule:named", priority=3)
                pos += len(word)
            else:
                pos += 1
        for match in self.press_heads.finditer(text):
            place = self.gazetteer.free.ending_at(text, match.start())
            if place:
                start = match.start() - len(place)
                yield Found(type="unit", start=start, end=match.end(), source="rule:press", priority=3)

    def _numbered(self, text: str, places: list[Found]) -> Iterator[Found]:
        for match in self.numbered.finditer(text):
            start = match.start()
            if start and text[start - 1] in NUMBER:
                continue
            if match.group("plain"):
                if not self._breaks_before(text, start, places):
                    continue
            elif match.group("ordinal"):
                # 上海第一钢铁厂, 上海国棉十七厂: a numbered works is named with its city
                place = next((p for p in places if p.end == start and self._breaks_before(text, p.start, places)), None)
                start = place.start if place else start
            elif not text.startswith("第", start):
                emblem = start - EMBLEM
                name = text[emblem:start]
                if (
                    emblem >= 0
                    and all(is_han(char) and char not in function_chars() for char in name)
                    and name not in self.generic
                    and self._breaks_before(text, emblem, places)
                ):
                    start = emblem
            yield Found(type="unit", start=start, end=match.end(), source="rule:numbered", priority=1)

    def _works(self, text: str, places: list[Found], taken: list[Found]) -> list[Found]:
        units: list[Found] = []
        pos = 0
        while pos < len(text):
            head = self.heads.starting_at(text, pos)
            title = self.titles.starting_at(text, pos)  # 厂长, 矿长: a title, not a unit
            if not head or (title and len(title) > len(head)) or any(u.start <= pos < u.end for u in taken):
                pos += 1
                continue
            start = self._works_start(text, pos, places)
            if start is not None:
                units.append(Found(type="unit", start=start, end=pos + len(head), source="rule:works", priority=2))
            pos += len(head)
        return units

    def _works_start(self, text: str, head: int, places: list[Found]) -> int | None:
        """Where the unit whose head starts at `head` begins, or None if the head is a common noun."""
        name_end = head
        while word := self.trade.ending_at(text, name_end):
            name_end -= len(word)
        for start in self.gazetteer.prefix_matches(text, name_end):
            if self._breaks_before(text, start, places):
                return start
        if self.generic.ending_at(text, name_end):
            return None
        start = name_end
        while name_end - start < MAX_PROPER and not self._breaks_before(text, start, places):
            start -= 1
        after_function_word = start > 0 and (text[start - 1] in function_chars() or text[start - 1] in self.left_cut)
        if after_function_word and text[start - 1 : start + 1] in self.known:
            start += 1  # its first character ends a word begun by a function word (各地|新华书店)
        proper = text[start:name_end]
        if len(proper) < 2 or not self._breaks_before(text, start, places):
            return None
        if proper in self.known and not self._introduced(text, start, places):
            return None
        numeral = start - 1  # a numeral opening the name: 七里营人民公社
        if numeral > 0 and text[numeral] in NUMBER and text[numeral - 1] not in NUMBER:
            return numeral if self._breaks_before(text, numeral, places) else start
        return start

    def _breaks_before(self, text: str, pos: int, places: list[Found]) -> bool:
        """Whether a name may start at `pos`: after a break, a function word, a number, a verb or a place."""
        return (
            after_break(text, pos)
            or text[pos - 1] in function_chars()
            or text[pos - 1] in NUMBER
            or text[pos - 1] in self.counters
            or self.left_cut.ending_at(text, pos) is not None
            or any(place.end == pos for place in places)
        )

    def _introduced(self, text: str, pos: int, places: list[Found]) -> bool:
        return after_break(text, pos) or text[pos - 1] in self.introducers or any(p.end == pos for p in places)

    def _with_subunit(self, text: str, unit: Found) -> Found:
        """The unit extended over the sub-units written right after it (锻造车间, 三坑, 第二炼钢厂三号平炉)."""
        if unit.source not in ("rule:works", "rule:numbered"):
            return unit
        end = unit.end
        while True:
            pos = end
            while word := self.trade.starting_at(text, pos):
                pos += len(word)
            head = self.subunit_heads.starting_at(text, pos)
            if head:
                end = pos + len(head)
            elif match := self.numbered.match(text, end):
                end = match.end()
            else:
                break
        return replace(unit, end=end)


@Language.factory("zh_units", default_config={"resource_dir": None})
def make_unit_finder(nlp: Language, name: str, resource_dir: str | None) -> UnitFinder:
    directory = Path(resource_dir) if resource_dir else None
    return UnitFinder(load_gazetteer(directory), known_words(directory))

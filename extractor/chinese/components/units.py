"""`extractor_zh_units_v1`: named and numbered work units, Party and government organs, the press.

Four shapes, all spelled out in data/units.json:
- organs: [中共] place... committee head [department] (中共辽宁省委, 嘉兴市委工业部, 大店区区委), or
  place [trade words] department (天津市统计局, 上海市冶金工业局); without 中共 only the last place
  belongs to the organ (上海市 + 普陀区委);
- named: national organs, newspapers, agencies and armies as written (新华社, 铁道兵), and place + 日报;
- numbered: 第八工地, 六二○采煤队, 红旗四号炉, 七井, 北井, 松基三井, 北二注水站, 采油二矿; one written
  right after its city or a named organ is named with it (上海第一钢铁厂, 铁道部第四工程局);
- works: [place | proper name] description head (`extractor.chinese.works`);
- members: the firms a body is formed of, by their short names (由哈飞、昌河、东安和贵航…联合组成,
  一汽、二汽等企业).
A sub-unit written right after its unit joins it (大冶钢厂锻造车间, 平安煤矿三坑).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from extractor.chinese.gazetteer import Gazetteer, load_gazetteer
from extractor.chinese.lexicon import (
    Words,
    after_break,
    alternation,
    departments,
    function_chars,
    is_han,
    known_words,
    load,
)
from extractor.chinese.works import NUMBER, WorksGrammar
from extractor.found import CHANNEL, Found, found, of_type, resolve_overlaps

NAME = "extractor_zh_units_v1"

MEMBER_JOINERS = "、和及"  # between the short names of a body's members
EMBLEM = 2  # a furnace or team named by an emblem word before its number: 红旗四号炉
LOCATIVES = "省市县区乡镇村"  # 该县|建设科: the organ a department belongs to, said without its name


class UnitFinder:
    def __init__(self, gazetteer: Gazetteer, known: frozenset[str]) -> None:
        config = load("units")
        self.gazetteer = gazetteer
        self.known = known
        self.grammar = WorksGrammar(gazetteer, known)
        self.generic = Words(config["generic_words"])
        self.named = Words(config["named"])
        self.press_heads = re.compile(alternation(config["press_heads"]))
        self.committee_heads = frozenset(config["committee_heads"])
        self.organ_heads = re.compile(alternation([*config["committee_heads"], *departments()]))
        self.departments = Words(departments())
        self.department_heads = tuple(config["department_heads"])  # a department alone ends in one (交通局, not 工业部)
        self.committee_prefixes = Words(config["committee_prefixes"])
        self.named_not_before = frozenset(config["named_not_before"])
        members = config["member_lists"]
        item = r"[\u4e00-\u9fff]{2,4}"
        listed = rf"({item}(?:[{MEMBER_JOINERS}]{item})+)"
        self.members = re.compile(
            rf"由{listed}(?:的[^，。；、]{{0,12}}?)?{alternation(members['after'])}|{listed}{alternation(members['collectives'])}"
        )

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        places = of_type(doc, "place")
        named = list(self._named(text))
        units = [*self._organs(text, [*places, *named]), *named]
        units += self._numbered(text, [*places, *units])
        units += self.grammar.works(text, [*places, *units], units)
        units += self._members(text, units)
        units = [self._with_subunit(text, unit) for unit in units]
        found(doc).extend(resolve_overlaps(units))
        return doc

    def _members(self, text: str, units: list[Found]) -> Iterator[Found]:
        """The short names of the firms a body is formed of, listed after the body's head and 由 (集团由…组成)
        or before 等企业."""
        for match in self.members.finditer(text):
            group = 1 if match.group(1) else 2
            if group == 1 and not self.grammar.heads.ending_at(text, match.start()):
                continue
            pos = match.start(group)
            names = re.split(f"[{MEMBER_JOINERS}]", match.group(group))
            if any(name in self.grammar.trade or name in self.generic for name in names):
                continue  # 钢铁、煤炭等企业: industries, not firms
            for name in names:
                if not any(u.start <= pos < u.end for u in units):
                    yield Found(type="unit", start=pos, end=pos + len(name), source="rule:member", priority=1)
                pos += len(name) + 1

    def _organs(self, text: str, bounds: list[Found]) -> Iterator[Found]:
        """Organs named by their place (中共辽宁省委, 天津市统计局), and departments standing alone."""
        places = [b for b in bounds if b.type == "place"]
        for match in self.organ_heads.finditer(text):
            name_end = match.start()
            while match.group() not in self.committee_heads and (word := self.grammar.trade.ending_at(text, name_end)):
                name_end -= len(word)  # 上海市|冶金|工业局
            local = [p.start for p in places if p.end == name_end]  # 大店区|区委
            starts = sorted({*self.gazetteer.prefix_matches(text, name_end), *local})
            if not starts:
                if match.group().endswith(self.department_heads) and self._department_alone(
                    text, match.start(), match.end(), bounds
                ):
                    yield Found(type="unit", start=match.start(), end=match.end(), source="rule:organ", priority=2)
                continue
            end_word = text[match.end() - 1 : match.end() + 1]
            if end_word in self.known and not self.grammar.titles.starting_at(text, match.end() - 1):
                continue  # 中国|农业科|技: the head begins a word with what follows (not a title: 统计局|长)
            first = last = starts[0]
            while previous := self.gazetteer.prefix_matches(text, first):
                first = previous[0]
            prefix = self.committee_prefixes.ending_at(text, first)
            start = first - len(prefix) if prefix else last
            end = match.end()
            if match.group() in self.committee_heads:
                end += len(self.departments.starting_at(text, end) or "")
            yield Found(type="unit", start=start, end=end, source="rule:organ", priority=3)

    def _department_alone(self, text: str, start: int, end: int, bounds: list[Found]) -> bool:
        """Whether a department without a place, at [start, end), is a name: after its unit (边府|建设厅),
        a break or a function word (的|交通局), or a locative after one (该县|建设科), unless its head
        begins a word with what follows (农业科学)."""
        before = start - 1 if start and text[start - 1] in LOCATIVES else start
        if text[end - 1 : end + 1] in self.known:
            return False  # 农业科|学, 交通局|长: the head begins a word
        return (
            any(b.type == "unit" and b.end == start for b in bounds)
            or after_break(text, before)
            or text[before - 1] in function_chars()
        )

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

    def _numbered(self, text: str, bounds: list[Found]) -> Iterator[Found]:
        breaks_before = self.grammar.breaks_before
        for match in self.grammar.numbered.finditer(text):
            start, priority = match.start(), 1
            if start and text[start - 1] in NUMBER:
                continue
            if match.group("ordinal"):
                # 上海第一钢铁厂, 铁道部第四工程局: a numbered works is named with its city or ministry
                before = [
                    b for b in bounds if b.end == start and (b.type == "unit" or breaks_before(text, b.start, bounds))
                ]
                start = before[0].start if before else start
                priority = max([1, *(b.priority for b in before)])  # it wins over the organ inside it
            elif not text.startswith("第", start) and not (match.group("plain") and breaks_before(text, start, bounds)):
                emblem = start - EMBLEM
                name = text[emblem:start]
                if (
                    emblem >= 0
                    and all(is_han(char) and char not in function_chars() for char in name)
                    and name not in self.generic
                    and not (match.group("plain") and name in self.known)  # 松基三井, not 油田|三井
                    and breaks_before(text, emblem, bounds)
                ):
                    start = emblem
                elif match.group("plain"):
                    continue
            yield Found(type="unit", start=start, end=match.end(), source="rule:numbered", priority=priority)

    def _with_subunit(self, text: str, unit: Found) -> Found:
        """The unit extended over the sub-units written right after it (锻造车间, 三坑, 第二炼钢厂三号平炉,
        中国科学院|生态环境研究中心)."""
        if unit.source not in ("rule:works", "rule:numbered", "rule:named"):
            return unit
        return replace(unit, end=self.grammar.subunit_end(text, unit.end))


@Language.factory(NAME, assigns=[CHANNEL], requires=[CHANNEL], default_config={"resource_dir": None})
def make_unit_finder(nlp: Language, name: str, resource_dir: str | None) -> UnitFinder:
    directory = Path(resource_dir) if resource_dir else None
    return UnitFinder(load_gazetteer(directory), known_words(directory))

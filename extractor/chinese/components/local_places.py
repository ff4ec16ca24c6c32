"""`extractor_zh_local_places_v1`: places the gazetteer cannot find alone, found by what surrounds them.

- Townships, villages and old districts: a name of two or three characters and a generic word
  (乡, 镇, 村, 庄, 区) right after the place it belongs to (莒南县大店区王家庄, 无锡县前洲乡), unless it
  reads as two ordinary words (广大|农村, 边远|山区) or a kind of township (贫困乡).
- County short names alone (邵武, 永安): after the province or prefecture they lie in (福建省的邵武),
  listed with a place (邵武、永安、漳平), or before a word for the area around (漳平等地, 集美之间).
- Any name in a list that the text counts as so many counties or towns (曲阳、太原、清源、交城、文水五县),
  old counties the gazetteer no longer holds among them; a name after a word for a kind of town
  (商业重镇|鄚州), and one a distance is measured from (任邱|北四十里).
- Mountains, rivers and islands: a place or county name and a feature word (厦门岛, 九龙江), a county
  named after its mountain (武夷山), or a name and a feature word that a verb (进入武夷山) or, for a
  two-character name opening a phrase, a side word (太行山南麓) marks.
A short name is not read across two ordinary words (其中|国有); every other occurrence of a name with
its generic or feature word is a place too (a bare county name may be an ordinary word elsewhere).
Data: data/places.json (`local`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from extractor.chinese.gazetteer import Gazetteer, load_gazetteer
from extractor.chinese.lexicon import Words, after_break, function_chars, is_han, known_words, load, verbs
from extractor.chinese.name_lexicon import is_common_word
from extractor.found import CHANNEL, Found, found, of_type
from extractor.numerals import COUNTING, MAGNITUDES, read_integer

NAME = "extractor_zh_local_places_v1"

Span = tuple[int, int]
SIZES = (2, 3)  # characters of a local name before its generic or feature word


class LocalPlaces:
    def __init__(self, gazetteer: Gazetteer, known: frozenset[str]) -> None:
        config = load("places")["local"]
        self.gazetteer = gazetteer
        self.known = known
        self.divisions = Words(config["division_words"])
        self.features = Words(config["feature_words"])
        self.area_after = Words(config["area_after"])
        self.side_after = Words(config["area_after"] + config["side_after"])
        self.feature_verbs = Words(config["feature_verbs"])
        self.list_marks = frozenset(config["list_marks"])
        self.division_after = tuple(config["division_after"])
        self.modifiers = frozenset(config["division_modifiers"]) | frozenset(load("units")["generic_words"])
        self.not_in_name = frozenset(config["not_in_name"] + COUNTING + MAGNITUDES) | function_chars()
        self.name_end = frozenset(load("names")["name_end"])
        self.kinds = Words(config["kind_words"])
        self.measured = re.compile(
            rf"([^\W\d_]{{2}})[东西南北]{{1,2}}[{COUNTING}]+余?(?:{'|'.join(config['distance_units'])})"
        )
        marks = re.escape(config["list_marks"])
        self.marks = re.compile(f"[{marks}]")
        self.counted = re.compile(
            rf"((?:[^\W\d_{marks}]{{2,3}}[{marks}])+[^\W\d_{marks}]{{2,3}})([{COUNTING}]+)个?"
            rf"(?:{'|'.join(map(re.escape, config['counted_after']))})"
        )

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        places = {(p.start, p.end) for p in of_type(doc, "place")}
        covered = {pos for start, end in places for pos in range(start, end)}
        stems = [stem for stem in self._stems(text) if covered.isdisjoint(range(*stem))]
        named = set(self._features(text, places, stems))  # names with a generic or feature word recur
        counties: set[Span] = set()
        while more := set(self._divisions(text, places | named)) - named:
            named |= more
        while more := {*self._counties(text, stems, places | named | counties)} - counties:
            counties |= more
        counted = set(self._counted(text, places | named | counties))
        named |= set(self._placed(text)) - places
        found(doc).extend(
            Found(type="place", start=start, end=end, source="rule:local_place")
            for start, end in self._everywhere(text, named) | counties | counted
        )
        return doc

    def _placed(self, text: str) -> Iterator[Span]:
        """A two-character name after a word for a kind of town (商业重镇|鄚州), or before a compass point
        and a distance measured from it (任邱|北四十里)."""
        for pos in range(len(text)):
            name = text[pos : pos + 2]
            if (
                self.kinds.ending_at(text, pos)
                and self._is_name(name)
                and not is_common_word(name)  # 县城|附近, 城镇|居民
                and self._ends_name(text, pos + 2)
            ):
                yield pos, pos + 2
        for match in self.measured.finditer(text):
            start, end = match.span(1)
            if (
                self._is_name(text[start:end])
                and not is_common_word(text[start:end])  # 距|县城|东三十里
                and (after_break(text, start) or text[start - 1] in function_chars())
            ):
                yield start, end

    def _counted(self, text: str, places: set[Span]) -> Iterator[Span]:
        """The names of a list that the text counts as so many places (曲阳、太原、清源、交城、文水五县): the
        count must equal the names listed; the first name starts after a place or break before it."""
        for match in self.counted.finditer(text):
            items = self.marks.split(match.group(1))
            if read_integer(match.group(2)) != len(items):
                continue
            start = match.start(1)
            first = next((e for s, e in places if start < e < start + len(items[0])), None)
            if first is not None:
                items[0], start = text[first : start + len(items[0])], first  # 晋中|曲阳
            elif not after_break(text, start):
                continue
            for item in items:
                if self._is_name(item, feature=False) and not self._straddles(text, start, start + len(item)):
                    yield start, start + len(item)
                start += len(item) + 1

    def _divisions(self, text: str, places: Iterable[Span]) -> Iterator[Span]:
        """A local name and its generic word right after a county or township (无锡县|前洲乡)."""
        for start, end in places:
            if not text[start:end].endswith(self.division_after) or self.gazetteer.is_province(text[start:end]):
                continue  # 无锡县|前洲乡, not 香港特别行政区|行政区
            for size in SIZES:
                word = self.divisions.starting_at(text, end + size)
                name = text[end : end + size]
                if (
                    word
                    and self._is_name(name, feature=False)
                    and not self.divisions.ending_at(name, size)  # 东区|区委: the name has its generic word
                    and not (size > 2 and name[:-1] in self.known and name[-1] + word in self.known)  # 广大|农村
                    and name not in self.modifiers  # 贫困|乡, 行政|村: a kind of township, not a name
                    and not verbs().starting_at(name, 0)
                ):
                    yield end, end + size + len(word)
                    break

    def _counties(self, text: str, stems: list[Span], places: set[Span]) -> Iterator[Span]:
        """County short names after their province, listed with a place, or before an area word."""
        for start, end in stems:
            before = start - 1 if text[start - 1 : start] == "的" else start
            inside = any(e == before and self.gazetteer.contains(text[s:e], text[start:end]) for s, e in places)
            # a list item itself: in 深圳平安、广州 平安 is none
            item = after_break(text, start) or text[start - 1] in self.list_marks
            listed = item and any(
                (s == end + 1 and text[end] in self.list_marks) or (e == start - 1 and text[e] in self.list_marks)
                for s, e in places
            )
            if inside or listed or self.area_after.starting_at(text, end):
                yield start, end

    def _features(self, text: str, places: set[Span], stems: list[Span]) -> Iterator[Span]:
        """Mountains, rivers and islands named after a place or marked by a verb or side word."""
        for start, end in [*places, *stems]:
            word = self.features.starting_at(text, end)
            if word and self._ends_name(text, end + len(word)):
                yield start, end + len(word)  # 厦门岛, 九龙江
            elif (
                end - start > 2
                and (start, end) in stems
                and self.features.ending_at(text, end)
                and self._ends_name(text, end)
            ):
                yield start, end  # 武夷山, not 金山 (a given name as often)
        for pos in range(len(text)):
            verb = self.feature_verbs.ending_at(text, pos)
            if not verb and not after_break(text, pos):
                continue
            for size in SIZES if verb else SIZES[:1]:
                word = self.features.starting_at(text, pos + size)
                end = pos + size + len(word or "")
                side = self.side_after.starting_at(text, end) or ""
                if (
                    word
                    and self._is_name(text[pos : pos + size])
                    and (len(side) > 1 or (verb and self._ends_name(text, end)))
                ):
                    yield pos, end
                    break

    def _stems(self, text: str) -> Iterator[Span]:
        """County short names standing as words (邵武, 永安), not read across two words."""
        pos = 0
        while pos < len(text):
            stem = self.gazetteer.county_stems.starting_at(text, pos)
            if stem and not self._straddles(text, pos, pos + len(stem)):
                yield pos, pos + len(stem)
                pos += len(stem)
            else:
                pos += 1

    def _everywhere(self, text: str, names: set[Span]) -> set[Span]:
        """Every occurrence of the names found not read across two words."""
        words = sorted({text[start:end] for start, end in names}, key=len, reverse=True)
        if not words:
            return set()
        matches = re.finditer("|".join(map(re.escape, words)), text)
        return names | {match.span() for match in matches if not self._straddles(text, *match.span())}

    def _straddles(self, text: str, start: int, end: int) -> bool:
        """Both ends make ordinary words with their neighbours: a name read across words (其中|国有)."""
        return text[start - 1 : start + 1] in self.known and text[end - 1 : end + 1] in self.known

    def _is_name(self, name: str, *, feature: bool = True) -> bool:
        """Han characters that may name a place: no function word, numeral or measure word, and for a
        mountain or river no feature word (崇山峻岭 is no mountain)."""
        return all(is_han(char) and char not in self.not_in_name for char in name) and not (
            feature and any(char in self.features.words for char in name)
        )

    def _ends_name(self, text: str, end: int) -> bool:
        """Whether a place name may end before `end`: the text or a phrase ends, or a side word follows."""
        return (
            end >= len(text)
            or not is_han(text[end])
            or text[end] in self.name_end
            or self.side_after.starting_at(text, end) is not None
        )


@Language.factory(NAME, assigns=[CHANNEL], requires=[CHANNEL], default_config={"resource_dir": None})
def make_local_places(nlp: Language, name: str, resource_dir: str | None) -> LocalPlaces:
    directory = Path(resource_dir) if resource_dir else None
    return LocalPlaces(load_gazetteer(directory), known_words(directory))

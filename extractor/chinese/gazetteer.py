"""Place names: China's administrative divisions from the `gb2260` package, plus data/places.json
(historical divisions, countries, major mountains, rivers and lakes).

gb2260 carries every revision of the national division code from 2002 to 2014, so names renamed
since are still there; the model cache's newer division list (cpca) is added when present. A name
is found as written (双鸭山市), as its short name plus any generic word (常宁县 although 常宁 became a
city), and, for provinces and prefectures only, as its bare short name (双鸭山, 阜新). County short
names alone are too often ordinary words; they are accepted only in front of a unit's trade word
and head, where a place name is expected (大冶钢厂), through `Gazetteer.prefix_matches`, or where
the context says they are places (`extractor.chinese.components.local_places`). A county short name
that still ends in a generic word is a name as written (辉县, from 辉县市).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from gb2260.data import data as gb2260_revisions

from extractor.chinese import models
from extractor.chinese.lexicon import Words, known_words, load, word_list
from extractor.chinese.segmenter import ShortNames

PROVINCE, PREFECTURE, COUNTY = "province", "prefecture", "county"
# Generic words a short name may be written with, by level: a county became a city or a district,
# a prefecture's seat was a county (无锡县).
_VARIANTS = {
    PROVINCE: ("省", "市"),
    PREFECTURE: ("市", "县", "地区", "专区", "州", "盟"),
    COUNTY: ("市", "县", "区", "旗"),
}


@dataclass(frozen=True)
class Gazetteer:
    """Surface forms of place names, matched leftmost-longest."""

    free: Words
    """Forms found anywhere in running text."""
    county_stems: Words
    """Short county names, found only in front of a unit's name."""
    inside_words: Words
    """Ordinary words a place name would be read inside (发展中国家): skipped whole."""
    bare: frozenset[str]
    """Short names without their generic word (阜新, 中国)."""
    known: frozenset[str]
    """Ordinary words: a short name read across two of them (其中|国有) is no place."""
    suffix_not_before: dict[str, str]
    """Generic words that belong to the next word when one of these follows (北京市|场 -> 北京)."""
    codes: dict[str, frozenset[int]]
    """Division codes of each form of an official name (福建, 福建省 -> 350000; 邵武 -> 350781)."""

    def contains(self, outer: str, inner: str) -> bool:
        """Whether a division called `inner` lies in a province or prefecture called `outer` (福建省, 邵武)."""
        for region in self.codes.get(outer, ()):
            scale = 10000 if region % 10000 == 0 else 100 if region % 100 == 0 else 0
            if scale and any(code != region and code // scale == region // scale for code in self.codes.get(inner, ())):
                return True
        return False

    def is_province(self, name: str) -> bool:
        """Whether `name` is a province-level division (湖南省, 新疆维吾尔自治区, 香港特别行政区)."""
        return bool(self.codes.get(name)) and all(code % 10000 == 0 for code in self.codes[name])

    def matches(self, text: str) -> list[tuple[int, int]]:
        """Non-overlapping place spans, leftmost-longest."""
        spans, pos = [], 0
        while pos < len(text):
            word = self.inside_words.starting_at(text, pos)
            if word:
                pos += len(word)
            elif (word := self._place_at(text, pos)) and not self._straddles(text, pos, pos + len(word)):
                spans.append((pos, pos + len(word)))
                pos += len(word)
            else:
                pos += 1
        return spans

    def _place_at(self, text: str, pos: int) -> str | None:
        """The longest place name at `pos` whose generic word is not the start of the next word."""
        for n in self.free.lengths_at(text, pos):
            word = text[pos : pos + n]
            after = text[pos + n : pos + n + 1]
            if word in self.free and not (after and after in self.suffix_not_before.get(word[-1], "")):
                return word
        return None

    def _straddles(self, text: str, start: int, end: int) -> bool:
        """Whether a short name at [start, end) ends one ordinary word and starts another (其中国有), or
        lies at the end of a longer ordinary word (复合肥 is no 合肥)."""
        if text[start:end] not in self.bare or start == 0:
            return False
        if text[start - 1 : start + 1] in self.known and text[end - 1 : end + 1] in self.known:
            return True
        return any(text[i:end] in self.known for i in range(max(0, start - 2), start))

    def prefix_matches(self, text: str, end: int) -> list[int]:
        """Starts of every place name (county short names included) that ends at `end`, longest first."""
        starts = [end - n for n in self.free.lengths if n <= end and text[end - n : end] in self.free]
        starts += [end - n for n in self.county_stems.lengths if n <= end and text[end - n : end] in self.county_stems]
        return sorted(set(starts))


@cache
def load_gazetteer(resource_dir: Path | None) -> Gazetteer:
    """The gazetteer, built once per model cache directory (None: gb2260 and data file only)."""
    config = load("places")
    suffixes = dict.fromkeys(config["suffixes"], 2)  # any short name of two characters or more
    nationalities = word_list(resource_dir / models.NATIONALITIES) if resource_dir else frozenset()
    skip = set(config["skip_names"])
    levels: dict[str, str] = {}
    codes: dict[str, set[int]] = {}
    for revision in gb2260_revisions.values():
        for code, name in revision.items():
            codes.setdefault(name, set()).add(code)
            level = PROVINCE if code % 10000 == 0 else PREFECTURE if code % 100 == 0 else COUNTY
            levels.setdefault(name, level)
            if level != COUNTY:
                levels[name] = level
    if resource_dir:
        for name in word_list(resource_dir / models.DIVISIONS):
            levels.setdefault(name, COUNTY)
    known = known_words(resource_dir)
    bare: set[str] = set(config["historical"]) | set(config["countries"]) | set(config["natural_features"])
    bare |= {line + suffix for line in config["railway_lines"] for suffix in config["railway_suffixes"]}
    variants: set[str] = set()
    county_stems: set[str] = set()
    stoplist = set(config["bare_stoplist"])
    official = {name for name in levels if name not in skip and "直辖" not in name}
    whole = tuple(config["whole_name_ends"])
    with_peoples, suffix_only = ShortNames(suffixes, nationalities), ShortNames(suffixes, [])
    own_codes = {name: frozenset(codes.get(name, ())) for name in official}  # before forms add to them
    for name in sorted(official):
        level = levels[name]
        # Cutting nationalities can eat a name whole (西藏 -> 西, 内蒙古 -> 内): then cut the suffix only.
        stem = with_peoples.of(name) or suffix_only.of(name)
        stems = [stem] if stem else []
        for form in {name, *stems, *(stem + variant for stem in stems for variant in _VARIANTS[level])}:
            codes.setdefault(form, set()).update(own_codes[name])
        for stem in stems:
            if stem not in stoplist:
                variants.update(stem + variant for variant in _VARIANTS[level])
            if level == COUNTY and stem.endswith(whole) and stem not in stoplist:
                variants.add(stem)
            elif level == COUNTY:
                county_stems.add(stem)
            elif stem not in stoplist:
                bare.add(stem)
    free = official | bare | variants  # a stoplisted short name only with its own generic word (合作市)
    return Gazetteer(
        free=Words(free),
        county_stems=Words(county_stems - free),
        inside_words=Words(config["inside_words"]),
        bare=frozenset(bare),
        known=known,
        suffix_not_before=config["suffix_not_before"],
        codes={form: frozenset(found) for form, found in codes.items() if found},
    )

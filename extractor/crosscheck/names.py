"""Match Chinese and English names of people and places by sound.

The English translations spell names in pinyin ("Shi Guoliang", "Shi Guo-liang"), in Wade-Giles
("Chou En-lai") or in postal spellings ("Peking"). Both sides are reduced to pinyin syllables, each
with every reading it may stand for (the English side by `extractor.romanisation`), and compared with
rapidfuzz: no single guess at a polyphonic character or at an old spelling decides a match. The
surname, customary-name and place-word tables are data files under `data/`.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from itertools import permutations
from typing import Any

from pypinyin import Style, lazy_pinyin, pinyin
from rapidfuzz import fuzz

from extractor.chinese.lexicon import load, title_cores
from extractor.romanisation import Readings, en_syllables, en_words, fold, old_spellings, pinyin_syllables

_NAME_DOTS = "·•・．."


def data_file(name: str) -> Traversable:
    """A data file of the cross-check package."""
    return resources.files("extractor.crosscheck").joinpath("data", name)


def load_tsv(name: str) -> list[list[str]]:
    """The rows of a tab-separated data file, without comment lines and the header."""
    lines = data_file(name).read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
    return rows[1:]


@cache
def _surnames() -> dict[str, Readings]:
    return {zh: tuple(py.split()) for zh, py in load_tsv("surnames.tsv")}


@cache
def customary_names() -> dict[str, frozenset[str]]:
    """Customary English names ("Peking", "Chiang Kai-shek"), folded without spaces -> Chinese names."""
    table: dict[str, set[str]] = defaultdict(set)
    for english, chinese, _kind in load_tsv("customary_names.tsv"):
        table[_squash(english)].add(chinese)
    return {en: frozenset(zh) for en, zh in table.items()}


@cache
def place_generics() -> dict[str, tuple[str, ...]]:
    """Generic words of place names (省, 市, 自治区 ...) -> their English renderings."""
    data = json.loads(data_file("place_generics.json").read_text(encoding="utf-8"))
    return {zh: tuple(en) for zh, en in data["generics"].items()}


LINE_GENERICS = frozenset({"Railway", "Line"})


def _squash(text: str) -> str:
    return re.sub(r"[\s\-'.,]+", "", fold(text))


# Chinese side


def _name_text(zh: str) -> str:
    """The characters of a name without spaces and the dots of transcribed names (阿·布), and without
    the title of a person named by surname and title (陈副经理 is 陈, rendered "Chen")."""
    text = "".join(c for c in zh if not c.isspace() and c not in _NAME_DOTS)
    for surname in range(1, _surname_length(text) + 1):
        if len(text) - surname > 1 and text[surname:] in _titles():
            return text[:surname]
    return text


@cache
def _titles() -> frozenset[str]:
    return frozenset(title_cores())


def _surname_length(text: str) -> int:
    return 2 if text[:2] in _surnames() and len(text) > 2 else 1


def _each_char(chars: str) -> Any:
    """pypinyin's `errors` callback: a run of non-Chinese characters read as themselves, one per
    character (pypinyin accepts a list here, which its type hints do not say)."""
    return list(chars)


@cache
def zh_readings(zh: str, *, person: bool = False) -> tuple[Readings, ...]:
    """Per character of a name, its readings: the one in context first (a surname's for a person)."""
    text = _name_text(zh)
    primary = lazy_pinyin(text, errors=_each_char)
    if person:
        surname = text[: _surname_length(text)]
        primary[: len(surname)] = _surnames().get(surname, primary[: len(surname)])
    readings = []
    for char, first in zip(text, primary, strict=True):
        others = pinyin(char, style=Style.NORMAL, heteronym=True, errors=_each_char)[0]
        readings.append(tuple(dict.fromkeys([first, *others])))
    return tuple(readings)


def romanise(zh: str, *, person: bool = True) -> str:
    """Pinyin the way English texts write it: "Shi Guoliang" for a person, "Shuangyashan" for a place."""
    syllables = [r[0] for r in zh_readings(zh, person=person)]
    split = _surname_length(_name_text(zh))
    groups = [syllables[:split], syllables[split:]] if person else [syllables]
    return " ".join(_join_syllables(g).capitalize() for g in groups if g)


def _join_syllables(syllables: list[str]) -> str:
    """Pinyin's rule: an apostrophe before a syllable starting with a, o or e ("Xi'an", "Yan'an")."""
    return "".join(s if i == 0 or s[:1] not in "aoe" else "'" + s for i, s in enumerate(syllables))


def normalise_en(en: str) -> str:
    """The most likely pinyin of an English name: "Teng Hsiao-ping" -> "deng xiaoping"."""
    customary = customary_names().get(_squash(en))
    if customary:
        return romanise(min(customary), person=False).lower()
    return " ".join("".join(s[0] for s in word) for word in en_syllables(en))


# Scoring


@cache
def _spellings() -> dict[str, frozenset[str]]:
    """Pinyin syllable -> every way an English text may spell it (pinyin, Wade-Giles, postal)."""
    table: dict[str, set[str]] = defaultdict(set)
    for py in pinyin_syllables():
        table[py].add(py)
        table[py].add(py.replace("v", "u"))
    for form, readings in old_spellings().items():
        for py in readings:
            table[py].add(form)
    return {py: frozenset(forms) for py, forms in table.items()}


def _spelled(zh: tuple[Readings, ...], en: str) -> bool:
    """Whether `en` (words run together) is exactly one spelling of a reading per syllable, in order."""
    en = en.replace("-", "")
    reachable = {0}
    for readings in zh:
        forms = {f for r in readings for f in _spellings().get(r, (r,))}
        starts = reachable | {i + 1 for i in reachable if en[i : i + 1] == "'"}
        reachable = {i + len(f) for i in starts for f in forms if en.startswith(f, i)}
        if not reachable:
            return False
    return len(en) in reachable


def _compare(zh: tuple[Readings, ...], en: list[Readings]) -> float:
    """Syllable by syllable when the counts agree: a syllable that no reading spells exactly counts
    half its similarity, since one wrong syllable makes another name. Otherwise the squared
    similarity of the run-together best readings."""
    if len(zh) != len(en):
        return (fuzz.ratio("".join(r[0] for r in zh), "".join(r[0] for r in en)) / 100) ** 2
    total = weight = 0.0
    for za, eb in zip(zh, en, strict=True):
        a, b = max(((a, b) for a in za for b in eb), key=lambda p: fuzz.ratio(*p))
        total += len(a) * (1.0 if a == b else fuzz.ratio(a, b) / 200)
        weight += len(a)
    return total / weight


def score(zh_name: str, en_name: str, *, person: bool = True) -> float:
    """How well an English name renders a Chinese one by sound, in [0, 1].

    Spacing and hyphens of the given name do not matter, nor (for a person) whether the surname
    comes first or last; any reading of a polyphonic character counts.
    """
    zh = zh_readings(zh_name, person=person)
    words, syllables = en_words(en_name), en_syllables(en_name)
    if not zh or not words:
        return 0.0
    if zh_name.strip() in customary_names().get(_squash(en_name), ()):
        return 1.0
    orders = list(permutations(range(len(words)))) if person and len(words) <= 3 else [range(len(words))]
    if any(_spelled(zh, "".join(words[i] for i in order)) for order in orders):
        return 1.0
    return max(_compare(zh, [s for i in order for s in syllables[i]]) for order in orders)


def _zh_place_splits(zh: str) -> list[tuple[str, str | None]]:
    splits: list[tuple[str, str | None]] = [(zh, None)]
    splits += [(zh[: -len(g)], g) for g in place_generics() if zh.endswith(g) and len(zh) > len(g)]
    return splits


def _en_place_splits(en: str) -> list[tuple[str, str | None]]:
    words = en.split()
    splits: list[tuple[str, str | None]] = [(en, None)]
    for form in {f for forms in place_generics().values() for f in forms}:
        n = len(form.split())
        if len(words) > n and " ".join(words[-n:]).lower() == form.lower():
            splits.append((" ".join(words[:-n]), form))
        if len(words) > n and " ".join(words[:n]).lower() == form.lower():
            rest = words[n + 1 :] if words[n].lower() == "of" and len(words) > n + 1 else words[n:]
            splits.append((" ".join(rest), form))
    return splits


@cache
def _compass() -> dict[str, tuple[str, ...]]:
    data = json.loads(data_file("place_generics.json").read_text(encoding="utf-8"))
    return {zh: tuple(en) for zh, en in data["compass"].items()}


def _zh_place_forms(zh: str) -> list[tuple[str, str | None]]:
    """The name and, for a province written short, its full name with the compass character that
    follows it (冀 -> 河北, 冀中 -> 河北 + 中, 察省 -> 察哈尔省; data/places.json of the Chinese side)."""
    short = load("places")["abbreviations"]
    if zh in short:
        return [(zh, None), (short[zh], None)]
    if len(zh) == 2 and zh[0] in short and zh[1] in _compass():
        return [(zh, None), (short[zh[0]], zh[1])]
    if len(zh) == 2 and zh[0] in short and zh[1] == "省":
        return [(zh, None), (short[zh[0]] + "省", None)]
    return [(zh, None)]


def _en_compass(en: str, compass: str | None) -> str | None:
    """The English name without the compass word that renders `compass` ("central Shanxi" -> "Shanxi")."""
    if compass is None:
        return en
    first, _, rest = en.partition(" ")
    return rest if rest and first.lower() in _compass()[compass] else None


def place_score(zh_place: str, en_place: str) -> float:
    """How well an English place name renders a Chinese one, in [0, 1].

    The proper part is compared by sound (or as a customary name), the generic part (省 Province,
    县 County ...) by the table; a generic word written on one side only costs a little, two
    different ones cost half. A province's short name is compared as its full name (冀 Hebei, 冀东
    eastern Hebei).
    """
    best = 0.0
    for zh_form, compass in _zh_place_forms(zh_place.strip()):
        en_form = _en_compass(en_place.strip(), compass)
        if en_form is not None:
            best = max(best, _place_form_score(zh_form, en_form))
    return best


def _place_form_score(zh_place: str, en_place: str) -> float:
    best = 0.0
    if en_place.split()[-1] in LINE_GENERICS and not LINE_GENERICS & set(place_generics().get(zh_place[-1], ())):
        return best  # a railway renders a railway (浙赣铁路), not a place of its name (江西)
    for zh_proper, zh_generic in _zh_place_splits(zh_place):
        for en_proper, en_generic in _en_place_splits(en_place.strip()):
            if zh_generic is None and en_generic is None:
                factor = 1.0
            elif zh_generic is None or en_generic is None:
                factor = 0.9
            else:
                factor = 1.0 if en_generic in place_generics()[zh_generic] else 0.5
            best = max(best, factor * max(score(zh_proper, en_proper, person=False), _ends_score(zh_proper, en_proper)))
    return best


def _ends_score(zh: str, en: str) -> float:
    """1.0 where a name made of one character of each end (平汉 of a railway from 北平 to 汉口) renders
    the ends written whole and hyphenated ("Beiping-Hankou"): each character is a syllable of its end,
    or the short name of a province the end renders (赣 Jiangxi)."""
    ends = en.split("-")
    if len(ends) < 2 or len(ends) != len(zh):
        return 0.0
    short = load("places")["abbreviations"]
    for char, readings, end in zip(zh, zh_readings(zh), ends, strict=True):
        syllables = {reading for word in en_syllables(end) for syllable in word for reading in syllable}
        if not syllables & set(readings) and not (char in short and score(short[char], end, person=False) >= 0.9):
            return 0.0
    return 1.0

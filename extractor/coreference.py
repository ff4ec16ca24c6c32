"""One entity, one record: within one text, a unit's short forms and a person's later mentions join
the record of the full name.

A unit's short form keeps the full name's first characters (or words) and its head, dropping some of
the middle (岭西矿 of 岭西煤矿, 市职工联合会 of 邢台市各业职工联合会, "Jiaozuo Mine" of "Jiaozuo Coal
Mine"), or is a run of it that drops its first words ("City Federation of Workers"); a run that
keeps the first words and drops the last names a larger unit, not this one. A person's later mention is the surname
with a title or a form of address (施书记, 老何, "Secretary Shi"), or the surname alone ("Shi"). A
short form joins only where exactly one full name fits it; the record keeps the full name, lists the
other forms in `aliases` and all mentions in `mentions`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TypeVar

from extractor.chinese.lexicon import load
from extractor.records import Lang, Mention, Person, Unit

R = TypeVar("R", Unit, Person)
LEGAL_FORMS = ("股份", "有限", "总公司", "分公司", "总厂", "分厂")
"""Words of a Chinese unit's name that make it another unit when dropped (a company and its
joint-stock company, a plant and its branch)."""
ADDRESS_PREFIXES = ("老", "小")
"""Chinese forms of address written before a surname (老何, 小王)."""


def merge_units(lang: Lang, units: dict[str, Unit], mentions: dict[str, Mention]) -> dict[str, Unit]:
    """Units with each short form merged into its full name's record."""
    fits = _zh_unit_short if lang == "zh" else _en_unit_short
    return _merge(units, fits, mentions)


def merge_people(lang: Lang, people: dict[str, Person], mentions: dict[str, Mention]) -> dict[str, Person]:
    """People with each later mention (surname + title, surname alone) merged into the full name's record."""
    fits = _zh_person_short if lang == "zh" else _en_person_short
    merged = _merge(people, fits, mentions)
    for person in merged.values():
        for other in people.values():
            if other.name in person.aliases:
                person.roles += [role for role in other.roles if role not in person.roles]
                person.unit = person.unit or other.unit
    return merged


def _absorb(target: Unit | Person, other: Unit | Person, alias: str, mentions: dict[str, Mention]) -> None:
    """`target` takes the mentions and names of `other`, a short form of it written `alias`."""
    target.mentions = sorted({*target.mentions, *other.mentions}, key=lambda m: (mentions[m].start, mentions[m].end))
    target.aliases += [name for name in (alias, *other.aliases) if name not in target.aliases]


def _merge(records: dict[str, R], fits: Callable[[str, str], bool], mentions: dict[str, Mention]) -> dict[str, R]:
    names = list(records)
    into: dict[str, str] = {}
    for short in names:
        fulls = [full for full in names if full != short and fits(short, full)]
        if len(fulls) == 1:
            into[short] = fulls[0]
    for alias, full in into.items():
        while full in into:  # a short form of a short form
            full = into[full]
        _absorb(records[full], records[alias], alias, mentions)
    return {name: record for name, record in records.items() if name not in into}


def _subsequence(short: list[str] | str, full: list[str] | str) -> bool:
    rest = iter(full)
    return all(part in rest for part in short)


def _zh_unit_short(short: str, full: str) -> bool:
    if len(short) < 2:
        return False
    if full.startswith(short):
        return False  # a name that goes on names a part (马钢 | 车轮轮箍厂) or another unit (焦作煤矿 | 改股份公司)
    if any(form in full and form not in short for form in LEGAL_FORMS):
        return False  # 马鞍山钢铁公司 is not its joint-stock company 马鞍山钢铁股份有限公司
    if full.endswith(short):
        return len(short) >= 3
    head_kept = short[-1] == full[-1] and _subsequence(short, full)
    return head_kept and full.find(short[0]) <= len(full) // 3


def _en_unit_short(short: str, full: str) -> bool:
    a, b = _words(short), _words(full)
    if len(a) < 2 or len(a) >= len(b):
        return False
    if b[: len(a)] == a:
        return False  # the name goes on: a unit inside this one (Daye Steel Plant | Forging Workshop)
    if any(b[i : i + len(a)] == a for i in range(1, len(b) - len(a) + 1)):
        return True
    return a[0] == b[0] and a[-1] == b[-1] and _subsequence(a, b)


def _words(name: str) -> list[str]:
    words = name.casefold().split()
    return words[1:] if words and words[0] == "the" else words


@cache
def _titles() -> frozenset[str]:
    return frozenset(load("roles")["cores"])


def _zh_person_short(short: str, full: str) -> bool:
    if not 2 <= len(full) <= 4 or any(full.endswith(title) for title in _titles()):
        return False
    if short[0] in ADDRESS_PREFIXES and len(short) == 2:
        return short[1] == full[0]
    rest = short[1:]
    return short[0] == full[0] and any(rest.endswith(title) for title in _titles())


def _en_person_short(short: str, full: str) -> bool:
    a, b = short.split(), full.split()
    if len(b) < 2 or not a or len(a) > 3 or a == b:
        return False
    surname = a[-1]
    return surname in (b[0], b[-1]) and all(word[:1].isupper() for word in a) and surname not in a[:-1]

"""Turn what a language pipeline found into grounded mentions and typed records.

Both languages report `Found` items (a type, character offsets and attributes); this module is the
one place that resolves overlaps, assigns ids and groups mentions into people, units, places and
measured values, so English and Chinese results have the same shape.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from extractor.records import (
    Figure,
    Lang,
    LanguageExtraction,
    Mention,
    MentionType,
    Percentage,
    Person,
    Place,
    Qualifier,
    Role,
    Unit,
)


@dataclass(frozen=True)
class Found:
    """One candidate mention from a language pipeline, before ids and records exist.

    `holder` is the (start, end) span of the person a role or unit belongs to. `name` overrides the
    text as the entity's canonical name (e.g. a normalised spelling). `priority` breaks overlaps
    between candidates of the same type: higher wins, then the longer span.
    """

    type: MentionType
    start: int
    end: int
    source: str = "rule"
    value: float | None = None
    unit: str | None = None
    item: str | None = None
    qualifier: Qualifier | None = None
    period: str | None = None
    holder: tuple[int, int] | None = None
    name: str | None = None
    priority: int = 0


def resolve_overlaps(found: Iterable[Found]) -> list[Found]:
    """Keep, per type, a set of non-overlapping candidates: higher priority, then longer, wins.

    Mentions of different types may nest (a unit inside a role title), so overlaps are resolved
    within a type only.
    """
    ranked = sorted(found, key=lambda f: (-f.priority, -(f.end - f.start), f.start))
    kept: list[Found] = []
    for cand in ranked:
        if cand.end <= cand.start:
            continue
        if any(k.type == cand.type and k.start < cand.end and cand.start < k.end for k in kept):
            continue
        kept.append(cand)
    return sorted(kept, key=lambda f: (f.start, f.end, f.type))


def assemble(lang: Lang, text: str, found: Iterable[Found]) -> LanguageExtraction:
    """Build the language's mentions and records from its candidates."""
    items = resolve_overlaps(found)
    mentions: list[Mention] = []
    for index, item in enumerate(items):
        mention = Mention(
            id=f"{lang}:{index}",
            lang=lang,
            type=item.type,
            text=text[item.start : item.end],
            start=item.start,
            end=item.end,
            value=item.value if item.type in ("percentage", "figure") else None,
            unit=item.unit if item.type == "figure" else None,
            source=item.source,
        )
        mentions.append(mention)

    def name_of(item: Found) -> str:
        return item.name or text[item.start : item.end]

    person_names = {(item.start, item.end): name_of(item) for item in items if item.type == "person"}

    people: dict[str, Person] = {}
    units: dict[str, Unit] = {}
    places: dict[str, Place] = {}
    roles: list[Role] = []
    percentages: list[Percentage] = []
    figures: list[Figure] = []
    for item, mention in zip(items, mentions, strict=True):
        if item.type == "person":
            name = name_of(item)
            person = people.setdefault(
                name, Person(id=f"{lang}:person:{len(people)}", lang=lang, name=name, mentions=[])
            )
            person.mentions.append(mention.id)
        elif item.type == "unit":
            name = name_of(item)
            unit = units.setdefault(name, Unit(id=f"{lang}:unit:{len(units)}", lang=lang, name=name, mentions=[]))
            unit.mentions.append(mention.id)
        elif item.type == "place":
            name = name_of(item)
            place = places.setdefault(name, Place(id=f"{lang}:place:{len(places)}", lang=lang, name=name, mentions=[]))
            place.mentions.append(mention.id)
        elif item.type == "role":
            roles.append(
                Role(
                    id=f"{lang}:role:{len(roles)}",
                    lang=lang,
                    title=name_of(item),
                    person=person_names.get(item.holder) if item.holder else None,
                    mention=mention.id,
                )
            )
        elif item.type == "percentage":
            percentages.append(
                Percentage(
                    id=f"{lang}:percentage:{len(percentages)}", lang=lang, value=mention.value, mention=mention.id
                )
            )
        else:
            figures.append(
                Figure(
                    id=f"{lang}:figure:{len(figures)}",
                    lang=lang,
                    value=mention.value,
                    unit=mention.unit,
                    item=item.item,
                    qualifier=item.qualifier,
                    period=item.period,
                    mention=mention.id,
                )
            )
    for item in items:
        person = people.get(person_names.get(item.holder, "")) if item.holder else None
        if person is None:
            continue
        if item.type == "role" and name_of(item) not in person.roles:
            person.roles.append(name_of(item))
        elif item.type == "unit" and person.unit is None:
            person.unit = name_of(item)
    return LanguageExtraction(
        mentions=mentions,
        people=list(people.values()),
        roles=roles,
        units=list(units.values()),
        places=list(places.values()),
        percentages=percentages,
        figures=figures,
    )

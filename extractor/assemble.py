"""Turn what a language pipeline found into grounded mentions and typed records.

Both languages report `Found` candidates (`extractor.found`); this module is the one place that
resolves overlaps, assigns ids and groups mentions into people, units, places and measured values,
so English and Chinese results have the same shape. Records are built by a table keyed on the
mention type (`RECORD_LISTS` names every type); a candidate of a type not in it is refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TypeVar

from extractor.coreference import merge_people, merge_units
from extractor.dates import find_dates, precision
from extractor.found import Found, resolve_overlaps
from extractor.measures import normalise
from extractor.records import (
    RECORD_LISTS,
    Date,
    Figure,
    Lang,
    LanguageExtraction,
    Mention,
    MentionType,
    Percentage,
    Person,
    Place,
    Role,
    Unit,
)
from extractor.relations import relate, titles_by_names

N = TypeVar("N", Person, Unit, Place)  # the records named by their mentions' text


class _Records:
    """The records of one language's text, filled one mention at a time."""

    def __init__(self, lang: Lang, text: str, items: list[Found], article_date: dt.date | None) -> None:
        self.lang, self.text, self.article_date = lang, text, article_date
        self.person_names = {(item.start, item.end): self.name_of(item) for item in items if item.type == "person"}
        self.people: dict[str, Person] = {}
        self.units: dict[str, Unit] = {}
        self.places: dict[str, Place] = {}
        self.roles: list[Role] = []
        self.percentages: list[Percentage] = []
        self.figures: list[Figure] = []
        self.dates: list[Date] = []

    def name_of(self, item: Found) -> str:
        return item.name or self.text[item.start : item.end]

    def person(self, item: Found, mention: Mention) -> None:
        self._named(self.people, Person, "person", item, mention)

    def unit(self, item: Found, mention: Mention) -> None:
        self._named(self.units, Unit, "unit", item, mention)

    def place(self, item: Found, mention: Mention) -> None:
        self._named(self.places, Place, "place", item, mention)

    def _named(self, table: dict[str, N], record: type[N], kind: str, item: Found, mention: Mention) -> None:
        """The mention joins the record of its name, made on the name's first mention."""
        name = self.name_of(item)
        if name not in table:
            table[name] = record(id=f"{self.lang}:{kind}:{len(table)}", lang=self.lang, name=name, mentions=[])
        table[name].mentions.append(mention.id)

    def role(self, item: Found, mention: Mention) -> None:
        self.roles.append(
            Role(
                id=f"{self.lang}:role:{len(self.roles)}",
                lang=self.lang,
                title=self.name_of(item),
                person=self.person_names.get(item.holder) if item.holder else None,
                mention=mention.id,
            )
        )

    def percentage(self, item: Found, mention: Mention) -> None:
        assert mention.value is not None  # the mention's validator requires it
        self.percentages.append(
            Percentage(
                id=f"{self.lang}:percentage:{len(self.percentages)}",
                lang=self.lang,
                value=mention.value,
                mention=mention.id,
            )
        )

    def figure(self, item: Found, mention: Mention) -> None:
        assert mention.value is not None and mention.unit is not None  # the mention's validator requires them
        normal = normalise(mention.value, mention.unit, mention.text, self.article_date)
        self.figures.append(
            Figure(
                id=f"{self.lang}:figure:{len(self.figures)}",
                lang=self.lang,
                value=mention.value,
                unit=mention.unit,
                item=item.item,
                qualifier=item.qualifier,
                period=item.period,
                normalised_value=normal[0] if normal else None,
                normalised_unit=normal[1] if normal else None,
                mention=mention.id,
            )
        )

    def date(self, item: Found, mention: Mention) -> None:
        value = self.name_of(item)
        self.dates.append(
            Date(
                id=f"{self.lang}:date:{len(self.dates)}",
                lang=self.lang,
                text=mention.text,
                value=value,
                precision=precision(value),
                mention=mention.id,
            )
        )


_BUILDERS: dict[MentionType, Callable[[_Records, Found, Mention], None]] = {
    "person": _Records.person,
    "role": _Records.role,
    "unit": _Records.unit,
    "place": _Records.place,
    "percentage": _Records.percentage,
    "figure": _Records.figure,
    "date": _Records.date,
}
assert _BUILDERS.keys() == RECORD_LISTS.keys(), "every registered type needs a builder"


def assemble(lang: Lang, text: str, found: Iterable[Found], article_date: dt.date | None = None) -> LanguageExtraction:
    """Build the language's mentions and records from its candidates and the text's dates, relative
    ones resolved against `article_date`.

    Raises ValueError for a candidate whose type is not in the registry.
    """
    items = resolve_overlaps([*found, *find_dates(lang, text, article_date)])
    items = resolve_overlaps([*items, *titles_by_names(lang, text, items)])
    for item in items:
        if item.type not in _BUILDERS:
            raise ValueError(
                f"candidate {item.type!r} at {item.start}-{item.end}: unknown type (known: {', '.join(RECORD_LISTS)})"
            )
    records = _Records(lang, text, items, article_date)
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
        _BUILDERS[item.type](records, item, mention)
    for item in items:
        holder = records.person_names.get(item.holder, "") if item.holder else ""
        person = records.people.get(holder)
        if person is None:
            continue
        if item.type == "role" and records.name_of(item) not in person.roles:
            person.roles.append(records.name_of(item))
        elif item.type == "unit" and person.unit is None:
            person.unit = records.name_of(item)
    by_id = {mention.id: mention for mention in mentions}
    records.units = merge_units(lang, records.units, by_id)
    records.people = merge_people(lang, records.people, by_id)
    owners = [
        (by_id[mention], record.id)
        for group in (records.units, records.places, records.people)
        for record in group.values()
        for mention in record.mentions
    ]
    relate(
        lang,
        text,
        mentions,
        records.people.values(),
        records.roles,
        records.units.values(),
        records.figures,
        owners,
        records.dates,
        records.percentages,
    )
    return LanguageExtraction(
        mentions=mentions,
        people=list(records.people.values()),
        roles=records.roles,
        units=list(records.units.values()),
        places=list(records.places.values()),
        percentages=records.percentages,
        figures=records.figures,
        dates=records.dates,
    )

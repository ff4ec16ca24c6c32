"""Score a run against the hand-written fixtures: precision, recall and F1 per language and type,
for links, and for relations.

Fixtures live in `fixtures/<lang>/<article id>.json` as `{"id", "mentions": [{type, text, start,
end}]}`, written by reading the article. A mention counts as found when the run has a mention of
the same language and type at exactly the same span (`strict`), or overlapping it (`overlap`).
`fixtures/relations/<article id>.json` gives each person's roles and unit and each figure's owner
and period, scored through the records' ids (`score_relations`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from extractor.records import ExtractionResult, Lang, MentionType, Person, Unit

Matching = Literal["strict", "overlap"]
Key = tuple[str, str]  # (lang, type)


@dataclass(frozen=True)
class Gold:
    lang: Lang
    type: MentionType
    text: str
    start: int
    end: int


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_fixtures(directory: Path, lang: Lang) -> dict[str, list[Gold]]:
    """Gold mentions per article id for one language."""
    gold: dict[str, list[Gold]] = {}
    for path in sorted((directory / lang).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        gold[data["id"]] = [
            Gold(lang=lang, type=m["type"], text=m["text"], start=m["start"], end=m["end"]) for m in data["mentions"]
        ]
    return gold


def score_mentions(
    results: Iterable[ExtractionResult], gold: dict[str, list[Gold]], lang: Lang, matching: Matching = "strict"
) -> dict[Key, Score]:
    """Per-type scores for one language over the articles that have fixtures, for the types the
    fixtures annotate (a type no fixture has, such as dates before they were annotated, is not scored)."""
    annotated = {g.type for golds in gold.values() for g in golds}
    scores: dict[Key, Score] = defaultdict(Score)
    for result in results:
        if result.id not in gold:
            continue
        expected = {(g.type, g.start, g.end) for g in gold[result.id]}
        found = {(m.type, m.start, m.end) for m in result.mentions if m.lang == lang and m.type in annotated}
        for mention_type, start, end in found:
            hit = _match(mention_type, start, end, expected, matching)
            scores[(lang, mention_type)].tp += hit
            scores[(lang, mention_type)].fp += not hit
        for mention_type, start, end in expected:
            if not _match(mention_type, start, end, found, matching):
                scores[(lang, mention_type)].fn += 1
    return dict(sorted(scores.items()))


def _match(mention_type: str, start: int, end: int, pool: Collection[tuple[str, int, int]], matching: Matching) -> bool:
    if matching == "strict":
        return (mention_type, start, end) in pool
    return any(t == mention_type and s < end and start < e for t, s, e in pool)


def total(scores: dict[Key, Score]) -> Score:
    return Score(
        tp=sum(s.tp for s in scores.values()),
        fp=sum(s.fp for s in scores.values()),
        fn=sum(s.fn for s in scores.values()),
    )


@dataclass(frozen=True)
class GoldLinks:
    """Expected cross-language pairs of one article, as `(type, en, zh)` -> status."""

    required: dict[tuple[str, str, str], str]
    optional: frozenset[tuple[str, str, str]]


def load_link_fixtures(directory: Path) -> dict[str, GoldLinks]:
    gold: dict[str, GoldLinks] = {}
    for path in sorted((directory / "links").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        gold[data["id"]] = GoldLinks(
            required={(x["type"], x["en"], x["zh"]): x["status"] for x in data["links"]},
            optional=frozenset((x["type"], x["en"], x["zh"]) for x in data.get("optional", [])),
        )
    return gold


def score_links(results: Iterable[ExtractionResult], gold: dict[str, GoldLinks]) -> dict[str, Score]:
    """Link scores over distinct (type, en, zh) pairs of entities: `pairs` ignores status, `status` also
    requires it. A fixture pair written with a short form (Lingxi Mine, 岭西矿) stands for the pair of the
    records that list it, which the run links once; a conflict among the pairs so joined wins."""
    pairs, status = Score(), Score()
    for result in results:
        if result.id not in gold:
            continue
        canonical = _canonical_pair(result)
        required: dict[tuple[str, str, str], str] = {}
        for key, value in gold[result.id].required.items():
            required[canonical(key)] = "conflict" if "conflict" in (value, required.get(canonical(key))) else value
        optional = frozenset(map(canonical, gold[result.id].optional)) - required.keys()
        expected = GoldLinks(required=required, optional=optional)
        found = {(link.type, link.en, link.zh): link.status for link in result.links}
        found = {key: value for key, value in found.items() if key not in expected.optional}
        for key, value in found.items():
            hit = key in expected.required
            pairs.tp += hit
            pairs.fp += not hit
            status.tp += hit and expected.required[key] == value
            status.fp += not (hit and expected.required[key] == value)
        missed = [key for key in expected.required if key not in found]
        pairs.fn += len(missed)
        status.fn += len(missed) + sum(1 for key, value in found.items() if expected.required.get(key, value) != value)
    return {"pairs": pairs, "pairs+status": status}


def _canonical_pair(result: ExtractionResult) -> Callable[[tuple[str, str, str]], tuple[str, str, str]]:
    """(type, en, zh) with each name replaced by the name of the record that lists it as a form."""
    by_lang: dict[str, dict[str, str]] = {"en": {}, "zh": {}}
    records: list[Unit | Person] = [*result.units, *result.people]
    for record in records:
        by_lang[record.lang] |= {alias: record.name for alias in record.aliases}

    def canonical(key: tuple[str, str, str]) -> tuple[str, str, str]:
        kind, en, zh = key
        return kind, by_lang["en"].get(en, en), by_lang["zh"].get(zh, zh)

    return canonical


RELATIONS = ("person-role", "person-unit", "figure-owner", "figure-period")


@dataclass(frozen=True)
class GoldPerson:
    lang: Lang
    name: str
    roles: tuple[str, ...]
    units: tuple[str, ...]
    """Any of these is the unit (a branch and the mine it belongs to may both be right)."""


@dataclass(frozen=True)
class GoldFigure:
    lang: Lang
    text: str
    owners: tuple[str, ...]
    period: str | None


@dataclass(frozen=True)
class GoldRelations:
    people: tuple[GoldPerson, ...]
    figures: tuple[GoldFigure, ...]


def load_relation_fixtures(directory: Path) -> dict[str, GoldRelations]:
    """`relations/<id>.json`: the roles and unit of each person, the owner and period of each figure."""
    gold: dict[str, GoldRelations] = {}
    for path in sorted((directory / "relations").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        gold[data["id"]] = GoldRelations(
            people=tuple(
                GoldPerson(p["lang"], p["name"], tuple(p["roles"]), tuple(p["unit"] or ())) for p in data["people"]
            ),
            figures=tuple(
                GoldFigure(f["lang"], f["text"], tuple(f["owner"] or ()), f["period"]) for f in data["figures"]
            ),
        )
    return gold


def score_relations(results: Iterable[ExtractionResult], gold: dict[str, GoldRelations]) -> dict[str, Score]:
    """Relation scores by record id: a person is found by any of its names, a figure by its mention's
    text; a prediction on a found head counts (right or wrong), a gold relation missing counts as missed.
    A role matches when one title contains the other; a unit or owner by any name of its record; a
    period when one ISO value begins the other (1959 and 1959-10)."""
    scores = {name: Score() for name in RELATIONS}
    for result in results:
        if result.id not in gold:
            continue
        names = _record_names(result)
        titles = {role.id: role.title.casefold() for role in result.roles}
        for person in gold[result.id].people:
            found = next(
                (p for p in result.people if p.lang == person.lang and person.name in (p.name, *p.aliases)), None
            )
            predicted_roles = [titles[r] for r in found.role_ids] if found else []
            _tally(
                scores["person-role"],
                bool(person.roles),
                bool(predicted_roles),
                any(a in b.casefold() or b.casefold() in a for a in predicted_roles for b in person.roles),
            )
            unit = names.get(found.unit_id or "", ()) if found else ()
            _tally(scores["person-unit"], bool(person.units), bool(unit), bool(set(unit) & set(person.units)))
        mentions = {m.id: m for m in result.mentions}
        dates = {d.id: d.value for d in result.dates}
        for figure in gold[result.id].figures:
            record = next(
                (f for f in result.figures if f.lang == figure.lang and mentions[f.mention].text == figure.text), None
            )
            owner = names.get(record.owner_id or "", ()) if record else ()
            _tally(scores["figure-owner"], bool(figure.owners), bool(owner), bool(set(owner) & set(figure.owners)))
            period = dates.get(record.date_id or "") if record else None
            right = bool(
                period and figure.period and (period.startswith(figure.period) or figure.period.startswith(period))
            )
            _tally(scores["figure-period"], figure.period is not None, period is not None, right)
    return scores


def _record_names(result: ExtractionResult) -> dict[str, tuple[str, ...]]:
    """Record id -> every name of the unit, place or person record."""
    names: dict[str, tuple[str, ...]] = {place.id: (place.name,) for place in result.places}
    names |= {unit.id: (unit.name, *unit.aliases) for unit in result.units}
    names |= {person.id: (person.name, *person.aliases) for person in result.people}
    return names


def _tally(score: Score, expected: bool, predicted: bool, right: bool) -> None:
    score.tp += predicted and right
    score.fp += predicted and not right
    score.fn += expected and not (predicted and right)

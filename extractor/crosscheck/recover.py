"""Use the other language to help: find the counterpart of a mention one side's extraction missed.

When one text has a person, place, percentage or figure that nothing in the other text's
extraction pairs with, the other language's pipeline is asked to search its text (`search`): it
offers the spans that could be the counterpart (names that can be read as the same syllables,
numbers with their units), and this module says which of them is: the same name by sound (`names`),
the same value and unit. A hit that overlaps no existing mention and is unambiguous becomes a new
candidate with source "crosscheck"; the records say so.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from extractor.crosscheck import names
from extractor.crosscheck.similarity import EXACT
from extractor.crosscheck.values import same_value
from extractor.found import Found
from extractor.languages import Candidate, Sought
from extractor.records import Lang, LanguageExtraction, Mention, Unmatched

SOURCE = "crosscheck"
PLACE_SURE = 0.9  # the proper part sounds the same; a generic word may be on one side only
SEARCHED = ("person", "place", "percentage", "figure")

Search = Callable[[Sought, str], list[Candidate]]
"""A language's search: `LanguagePipeline.search`, or the `search` function of its package."""


def recover(
    unmatched: list[Unmatched],
    extractions: dict[Lang, LanguageExtraction],
    texts: dict[Lang, str],
    search: Mapping[Lang, Search],
) -> dict[Lang, list[Found]]:
    """New candidates per language for the counterparts of `unmatched` mentions."""
    found: dict[Lang, list[Found]] = {"en": [], "zh": []}
    by_id = {m.id: m for extraction in extractions.values() for m in extraction.mentions}
    for item in unmatched:
        mention = by_id[item.mention]
        if mention.source == SOURCE or mention.type not in SEARCHED:
            continue
        other: Lang = "zh" if item.lang == "en" else "en"
        sought = _sought(mention, other)
        if sought is None:
            continue
        taken = [(m.start, m.end) for m in extractions[other].mentions] + [(f.start, f.end) for f in found[other]]
        hits = {
            (c.start, c.end)
            for c in search[other](sought, texts[other])
            if not any(s < c.end and c.start < e for s, e in taken)
        }
        if len(hits) == 1:
            start, end = hits.pop()
            found[other].append(_found(mention, start, end))
    return found


def _found(mention: Mention, start: int, end: int) -> Found:
    return Found(type=mention.type, start=start, end=end, source=SOURCE, value=mention.value, unit=mention.unit)


def _sought(mention: Mention, lang: Lang) -> Sought | None:
    """What to ask `lang`'s search for: the test a candidate must pass to be the mention's counterpart."""
    if mention.type in ("percentage", "figure"):
        return Sought(mention.type, mention.text, lambda c: _same_measure(mention, c))
    if mention.type == "person":
        if lang == "en":
            return Sought("person", mention.text, lambda c: names.score(mention.text, c.text) >= 1.0)
        return Sought("person", mention.text, lambda c: names.score(c.text, mention.text) >= 1.0)
    if lang == "zh":
        return Sought("place", mention.text, lambda c: names.place_score(c.text, mention.text) >= PLACE_SURE)
    spelled = _romanised_proper(mention.text)
    if spelled is None:
        return None
    return Sought("place", mention.text, lambda c: c.text.lower() == spelled.lower())


def _same_measure(mention: Mention, candidate: Candidate) -> bool:
    return (
        candidate.value is not None
        and same_value(candidate.value, mention.value or 0.0, rel_tol=EXACT)
        and candidate.unit == mention.unit
    )


def _romanised_proper(zh_place: str) -> str | None:
    """The proper part of a Chinese place name (without 县, 省 ...) as English writes it; None when it
    is shorter than two characters."""
    proper = zh_place
    for generic in sorted(names.place_generics(), key=len, reverse=True):
        if zh_place.endswith(generic) and len(zh_place) > len(generic):
            proper = zh_place[: -len(generic)]
            break
    return names.romanise(proper, person=False) if len(proper) >= 2 else None

"""The candidate contract: what a language pipeline reports before ids and records exist.

Both languages' components report `Found` items (a type, character offsets and attributes) on the
one channel `doc._.found`, and later components read what earlier ones left there (a Chinese role's
prefix may be a unit, English roles belong to the people found before them); `assemble` turns the
final list into mentions and records. Offsets are characters of `doc.text`, not token indices: the
Chinese rules read the text itself, so their offsets stay exact wherever the segmenter cuts (a name
inside a pkuseg token, 王|平摄, is still found). This module sits beside `records` and imports nothing
else of the project's, so components depend on the contract, not on the assembler.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc

from extractor.records import MentionType, Qualifier

CHANNEL = "doc._.found"  # what the components declare they assign and require

if not Doc.has_extension("found"):
    Doc.set_extension("found", default=None)


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


def found(doc: Doc) -> list[Found]:
    """The doc's candidate list (created empty on first use)."""
    if doc._.found is None:
        doc._.found = []
    return doc._.found


def of_type(doc: Doc, *types: MentionType) -> list[Found]:
    return [item for item in found(doc) if item.type in types]


def overlaps(item: Found, spans: Iterable[Found]) -> bool:
    return any(other.start < item.end and item.start < other.end for other in spans)

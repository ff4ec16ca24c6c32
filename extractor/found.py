"""The candidate contract: what a language pipeline reports before ids and records exist.

Both languages' components report `Found` items (a type, character offsets and attributes);
`assemble` turns them into mentions and records. This module sits beside `records` and imports
nothing else of the project's, so components depend on the contract, not on the assembler.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from extractor.records import MentionType, Qualifier


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

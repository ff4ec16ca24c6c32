"""Railway and highway lines: places named by their end points, not units.

A line named by its end points ("the Beiping-Hankou Railway", or "the Chengyu Railway", one
syllable from each end) is a place, as the dev corpus's gold counts it (平汉路), and no organisation;
the places inside its name are not listed apart. The body that builds or runs it is a unit
("Chengdu Railway Bureau", "Railway Corps"). The Matcher finds line names (`patterns/lines.jsonl`);
here a following unit word turns one back into part of a unit's name.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Span

from extractor.english.lexicon import words
from extractor.found import Found


class Line(NamedTuple):
    """Character offsets of a line's name."""

    start: int
    end: int


def lines(rules: list[Span]) -> list[Line]:
    """The line names among the rule candidates, except those that open a unit's name ("... Railway Bureau")."""
    found: list[Line] = []
    for span in rules:
        if span.label_ != "line":
            continue
        doc = span.doc
        following = doc[span.end] if span.end < len(doc) else None
        if following is not None and following.is_title and following.lower_ in words("units", "heads"):
            continue
        found.append(Line(span.start_char, span.end_char))
    return found


def within(item: Found, blockers: list[Line]) -> bool:
    """Whether `item` lies inside a line's name (a unit that starts before it, as in "Chinese Changchun
    Railway", is a longer name of its own)."""
    return any(line.start <= item.start and item.end <= line.end for line in blockers)

"""Score a run against the hand-written fixtures: precision, recall and F1 per language and type.

Fixtures live in `fixtures/<lang>/<article id>.json` as `{"id", "mentions": [{type, text, start,
end}]}`, written by reading the article. A mention counts as found when the run has a mention of
the same language and type at exactly the same span (`strict`), or overlapping it (`overlap`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from extractor.records import ExtractionResult, Lang, MentionType

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


def _match(mention_type: str, start: int, end: int, pool: set[tuple[str, int, int]], matching: Matching) -> bool:
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
    """Link scores over distinct (type, en, zh) pairs: `pairs` ignores status, `status` also requires it."""
    pairs, status = Score(), Score()
    for result in results:
        if result.id not in gold:
            continue
        expected = gold[result.id]
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

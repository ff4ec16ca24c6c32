"""Score a run against gold written as lists of entities per document, the format of the shared
real-article corpus (`../shared/corpus/dev/gold`, its GUIDELINES.md).

Each gold file is `{"doc", "en": {type: [entry]}, "zh": {...}, "links": [{type, en, zh}]}`, an
entry a string or `{"text", "alt": [...]}` (people, roles, units, places) or `{"text", "value"}`
(percentages, figures). Scores count distinct entities per document, as the corpus's scorer does:
names match by normalised text (any `alt` form counts), roles by fuzzy match, percentages and
figures by value; a link matches when its type and both sides do. No span is needed, so gold
written by reading, without offsets, scores a run directly.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from rapidfuzz import fuzz

from extractor.evaluate import Score
from extractor.records import MEASURED_TYPES, ExtractionResult, Mention

TYPES = ("person", "role", "unit", "place", "percentage", "figure")
ROLE_MATCH = 90  # rapidfuzz token_sort_ratio at which two titles are the same
Key = str | float
G = TypeVar("G")
P = TypeVar("P")


def normalise(text: str) -> str:
    """Case, width, a leading article, a trailing possessive and outer punctuation do not count."""
    text = unicodedata.normalize("NFKC", text).casefold().strip()
    text = re.sub(r"^(the|a|an)\s+", "", text)
    text = re.sub(r"['’]s$", "", text)
    return re.sub(r"\s+", " ", text).strip(" .,;:\"'“”")


def _gold_keys(entry: str | dict[str, Any], kind: str) -> set[Key]:
    if isinstance(entry, str):
        entry = {"text": entry}
    if kind in MEASURED_TYPES:
        return {round(float(entry["value"]), 4)}
    return {normalise(entry["text"]), *(normalise(alt) for alt in entry.get("alt") or [])}


def _mention_key(mention: Mention) -> Key | None:
    if mention.type in MEASURED_TYPES:
        return None if mention.value is None else round(mention.value, 4)
    return normalise(mention.text)


def _same(kind: str, predicted: Key, gold: set[Key]) -> bool:
    """Whether a predicted key is one of a gold entity's keys (for a role, close to one)."""
    if predicted in gold:
        return True
    return kind == "role" and any(fuzz.token_sort_ratio(str(predicted), str(g)) >= ROLE_MATCH for g in gold)


def _tally(score: Score, gold: Sequence[G], predicted: Iterable[P], same: Callable[[P, G], bool]) -> None:
    """Each gold item takes the first distinct prediction that is the same; what is left over is wrong."""
    unused = list(dict.fromkeys(predicted))
    for expected in gold:
        hit = next((p for p in unused if same(p, expected)), None)
        if hit is None:
            score.fn += 1
        else:
            unused.remove(hit)
            score.tp += 1
    score.fp += len(unused)


def load_gold(directory: Path) -> dict[str, dict[str, Any]]:
    """Gold per document name (the file's `doc`, else its stem)."""
    gold = {}
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        gold[str(data.get("doc") or path.stem)] = data
    return gold


def score_corpus(results: Iterable[ExtractionResult], gold: dict[str, dict[str, Any]]) -> list[tuple[str, str, Score]]:
    """(language, type, score) rows for every type in each language, then "links"; a document the run
    lacks counts all its gold as missed."""
    by_doc = {Path(result.id).name: result for result in results}
    scores = {(lang, kind): Score() for lang in ("en", "zh") for kind in TYPES}
    links = Score()
    for doc, data in gold.items():
        result = by_doc.get(doc)
        mentions = result.mentions if result else []
        for (lang, kind), score in scores.items():
            expected = [_gold_keys(entry, kind) for entry in (data.get(lang) or {}).get(kind, [])]
            found = [m for m in mentions if m.lang == lang and m.type == kind]
            keys = [k for m in found if (k := _mention_key(m)) is not None]
            _tally(score, expected, keys, partial(_same, kind))
        _score_links(links, data, result)
    rows = [(lang, kind, score) for (lang, kind), score in scores.items()]
    total = Score(*(sum(getattr(s, field) for s in scores.values()) for field in ("tp", "fp", "fn")))
    return [*rows, ("all", "ALL", total), ("links", "pairs", links)]


def _score_links(score: Score, data: dict[str, Any], result: ExtractionResult | None) -> None:
    def keys(lang: str, kind: str, text: str) -> set[Key]:
        for entry in (data.get(lang) or {}).get(kind, []):
            if normalise(entry if isinstance(entry, str) else entry["text"]) == normalise(text):
                return _gold_keys(entry, kind)
        return set() if kind in MEASURED_TYPES else {normalise(text)}

    expected = [
        (link["type"], keys("en", link["type"], link["en"]), keys("zh", link["type"], link["zh"]))
        for link in data.get("links", [])
    ]
    index = {m.id: m for m in result.mentions} if result else {}
    predicted: list[tuple[str, Key | None, Key | None]] = []
    for link in result.links if result else []:
        en, zh = index.get(link.en_mention or ""), index.get(link.zh_mention or "")
        if en and zh:
            predicted.append((link.type, _mention_key(en), _mention_key(zh)))
    _tally(score, expected, predicted, lambda p, g: p[0] == g[0] and p[1] in g[1] and p[2] in g[2])

"""Rule candidates for people, units and places: Matcher patterns from `patterns/*.jsonl` and the gazetteer.

The patterns catch what statistical NER misses in this register: pinyin names ("He Yuqing"),
numbered work units ("the 620 coal mining team", "Red Flag No. 4 furnace", "the seventh well"),
named units ("Songbai Iron Plant"), places with their generic word ("Changning County") and one-word
village names ("Wangjiazhuang"), and railway lines ("Baotou-Lanzhou Railway"), which block the units
and places they would otherwise yield.
Candidates are spans labelled by type, with `span.id_` naming the rule; the entity resolver
(`entities.py`) reads them and decides which survive.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extractor.english.lexicon import lexicon, patterns

PATTERN_FILES = ("people", "units", "places", "lines")


class RuleMatcher:
    """Rule candidates of a doc, longest match per rule."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = Matcher(nlp.vocab)
        grouped: dict[str, list[list[dict]]] = {}
        for name in PATTERN_FILES:
            for entry in patterns(name):
                grouped.setdefault(f"{entry['label']}|{entry['id']}", []).append(entry["pattern"])
        for key, group in grouped.items():
            self.matcher.add(key, group, greedy="LONGEST")
        self.gazetteer = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.gazetteer.add("place|gazetteer", [nlp.make_doc(name) for name in lexicon("places")["gazetteer"]])

    def __call__(self, doc: Doc) -> list[Span]:
        by_key: dict[str, list[Span]] = {}
        for match_id, start, end in [*self.matcher(doc), *self.gazetteer(doc)]:
            key = doc.vocab.strings[match_id]
            by_key.setdefault(key, []).append(Span(doc, start, end))
        spans: list[Span] = []
        for key, found in by_key.items():
            label, rule = key.split("|")
            for span in filter_spans(found):
                spans.append(Span(doc, span.start, span.end, label=label, span_id=rule))
        return spans

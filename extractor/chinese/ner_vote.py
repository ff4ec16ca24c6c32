"""A majority vote of several NER components inside one spaCy pipeline.

Models trained on differently augmented copies of the same corpus err on different names, so the
spans most of them agree on are right more often than any one model's (on MSRA's test split, three
members at 0.896-0.898 F1 vote to 0.908). Each member's `ner` is followed by `extractor_ents_to_spans`,
which files its entities under doc.spans[member] and clears doc.ents so the next member predicts
afresh (a spaCy NER keeps entities already set); `extractor_ner_vote` then sets doc.ents. The
members' own spans stay in doc.spans for whoever wants to see where they disagree. Its factories are
declared as `spacy_factories` entry points, so `spacy.load` finds them without importing this module.

Where two members of a three-member vote agree on a sentence, the third cannot change its outcome:
their spans have two votes, and any other span at most one. So the shipped pipeline runs the first
two members on the whole text and the third, by `extractor_ner_tiebreak`, only on the sentences where
those two disagree (about a fifth of the characters of the seeds, holdout and dev articles). The
third member stays in the pipeline, disabled, for the tiebreak to call.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import cast

from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span


class EntsToSpans:
    def __init__(self, key: str) -> None:
        self.key = key

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[self.key] = list(doc.ents)
        doc.set_ents([], default="missing")
        return doc


class NerVote:
    def __init__(self, keys: Sequence[str], min_votes: int | None) -> None:
        if not keys:
            raise ValueError("extractor_ner_vote needs at least one spans key to vote over")
        self.keys = list(keys)
        self.min_votes = len(self.keys) // 2 + 1 if min_votes is None else min_votes

    def __call__(self, doc: Doc) -> Doc:
        doc.set_ents(vote([list(doc.spans[key]) if key in doc.spans else [] for key in self.keys], self.min_votes))
        return doc


class Tiebreak:
    """Runs `member` on each sentence where the members under `keys` found different spans, and files its
    entities, as the doc's spans, under doc.spans[member]."""

    SENTENCE_ENDS = frozenset("。！？\n")

    def __init__(self, nlp: Language, member: str, keys: Sequence[str]) -> None:
        if len(keys) != 2:
            raise ValueError("extractor_ner_tiebreak decides a vote of three: give the keys of the other two members")
        self.nlp = nlp
        self.member = member
        self.keys = list(keys)

    def __call__(self, doc: Doc) -> Doc:
        found = [{(s.start, s.end, s.label_) for s in doc.spans.get(key, [])} for key in self.keys]
        disputed = [
            (start, end)
            for start, end in self.sentences(doc)
            if len({_within(spans, start, end) for spans in found}) > 1
        ]
        text = doc.text
        bounds = [(doc[start].idx, doc[end - 1].idx + len(doc[end - 1])) for start, end in disputed]
        member = cast(Pipe, self.nlp.get_pipe(self.member))
        sentences = member.pipe(self.nlp.make_doc(text[begin:end]) for begin, end in bounds)
        spans = [
            span
            for (begin, _), sentence in zip(bounds, sentences, strict=True)
            for ent in sentence.ents
            if (span := doc.char_span(begin + ent.start_char, begin + ent.end_char, ent.label_)) is not None
        ]
        doc.spans[self.member] = spans
        return doc

    def sentences(self, doc: Doc) -> Iterator[tuple[int, int]]:
        """The token bounds of each sentence: up to and with each of SENTENCE_ENDS, and the rest."""
        start = 0
        for token in doc:
            if token.text in self.SENTENCE_ENDS:
                yield start, token.i + 1
                start = token.i + 1
        if start < len(doc):
            yield start, len(doc)


def _within(spans: set[tuple[int, int, str]], start: int, end: int) -> frozenset[tuple[int, int, str]]:
    return frozenset(span for span in spans if start <= span[0] < end)


def vote(members: Sequence[Sequence[Span]], min_votes: int) -> list[Span]:
    """The spans (same bounds, same label) that at least min_votes members found, without overlaps:
    where two overlap, the one with more votes wins, then the longer, then the earlier."""
    votes = Counter(key for spans in members for key in {(span.start, span.end, span.label_) for span in spans})
    spans = {(span.start, span.end, span.label_): span for spans in members for span in spans}
    chosen: list[Span] = []
    taken: set[int] = set()
    for key in sorted(votes, key=lambda k: (-votes[k], k[0] - k[1], k[0])):
        start, end, _ = key
        if votes[key] >= min_votes and taken.isdisjoint(range(start, end)):
            chosen.append(spans[key])
            taken.update(range(start, end))
    return sorted(chosen)


@Language.factory("extractor_ents_to_spans", default_config={"key": "ner"})
def make_ents_to_spans(nlp: Language, name: str, key: str) -> EntsToSpans:
    return EntsToSpans(key)


@Language.factory("extractor_ner_tiebreak", default_config={"member": "", "keys": []})
def make_tiebreak(nlp: Language, name: str, member: str, keys: list[str]) -> Tiebreak:
    return Tiebreak(nlp, member, keys)


@Language.factory("extractor_ner_vote", default_config={"keys": [], "min_votes": None})
def make_ner_vote(nlp: Language, name: str, keys: list[str], min_votes: int | None) -> NerVote:
    return NerVote(keys, min_votes)

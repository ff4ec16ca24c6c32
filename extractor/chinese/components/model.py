"""`extractor_zh_model_entities_v1`: the place for a statistical NER (extractor.chinese.ner) beside the rules.

It adds the people, places and units the model finds, at a lower priority and marked
`model:zh_ner`; `extractor_zh_resolve_v1` then drops every one that overlaps a rule's candidate, so the rules win
where they apply and the model adds what they miss. `Settings.chinese_ner` (on by default) adds it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from extractor.chinese.lexicon import Words, departments, load
from extractor.chinese.names import NameReader
from extractor.chinese.ner import MODEL_DIR, entity_spans, load_zh_ner
from extractor.compute import one_blas_thread
from extractor.found import CHANNEL, Found, found
from extractor.numerals import COUNTING

NAME = "extractor_zh_model_entities_v1"

SOURCE = "model:zh_ner"
MIN_NAME = 2
LINE_WORDS = ("铁路", "公路", "铁道线")
DIVISION_ENDS = "省市县区乡镇村庄桥"


class ModelEntities:
    def __init__(self, ner: Language) -> None:
        self.ner = ner

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # built from the tokens on every access: once per doc, not once per entity
        bounds = {token.idx for token in doc} | {len(text)}
        found(doc).extend(
            Found(type=kind, start=start, end=end, source=SOURCE, priority=-1)  # type: ignore[arg-type]
            for start, end, kind in entity_spans(self._predict(text))
            if _named(kind, text[start:end])
            and (_names().fits(text, start, end) if kind == "person" else start in bounds and end in bounds)
        )
        return doc

    def _predict(self, text: str) -> Doc:
        with one_blas_thread():
            return self.ner(text)


@cache
def _names() -> NameReader:
    return NameReader()


@cache
def _unit_heads() -> Words:
    data = load("units")
    keys = ("heads", "committee_heads", "press_heads", "team_heads", "subunit_heads")
    return Words([*(word for key in keys for word in data[key]), *departments()])


def _named(kind: str, text: str) -> bool:
    """Whether a model entity is a name by this project's conventions, not MSRA's.

    MSRA tags bare organs (市委, 矿党委, 工业部, 公司) as organisations and railway lines as places;
    here a unit needs a proper part of two characters or more before a known head, a line is
    neither a unit nor a place, and a person must read as surname plus given name to its end
    (not 周旋了) and not end in a division's generic word (张市). Places and units must also start
    and end where the segmenter cut a word (not 中国 in 发展中|国家); a person, where it reads as a
    name in its context (`NameReader.fits`).
    """
    if len(text) < MIN_NAME or text.endswith(LINE_WORDS):
        return False
    if kind == "place" and text[0] in COUNTING:
        return False  # 五县: a count of counties
    if kind == "person":
        return (
            _names().surname(text, 0) > 0
            and _names().read(text, 0) == len(text)
            and text[-1] not in DIVISION_ENDS  # 张市, 吴家桥: a place's generic word ends no given name
        )
    if kind != "unit":
        return True
    head = _unit_heads().ending_at(text, len(text))
    return head is not None and len(text) - len(head) >= MIN_NAME


@Language.factory(NAME, assigns=[CHANNEL], default_config={"path": None, "vote": True})
def make_model_entities(nlp: Language, name: str, path: str | None, vote: bool) -> ModelEntities:
    return ModelEntities(load_zh_ner(Path(path) if path else MODEL_DIR, vote=vote))

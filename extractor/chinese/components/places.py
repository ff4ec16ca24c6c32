"""`extractor_zh_places_v1`: provinces, cities, counties and countries from the gazetteer, wherever written."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from extractor.chinese.gazetteer import Gazetteer, load_gazetteer
from extractor.found import CHANNEL, Found, found

NAME = "extractor_zh_places_v1"


class PlaceFinder:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        found(doc).extend(
            Found(type="place", start=start, end=end, source="rule:gazetteer")
            for start, end in self.gazetteer.matches(doc.text)
        )
        return doc


@Language.factory(NAME, assigns=[CHANNEL], default_config={"resource_dir": None})
def make_place_finder(nlp: Language, name: str, resource_dir: str | None) -> PlaceFinder:
    return PlaceFinder(load_gazetteer(Path(resource_dir) if resource_dir else None))

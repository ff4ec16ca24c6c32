"""The English pipeline's spaCy components, registered by name so `nlp.add_pipe` can assemble them.

First, before the model's own components, "No." is kept one token (`abbreviations.py`). Then, after
the model's `ner`: quantities (percentages, figures), entity resolution (people, units, places, from
the model's entities and the rules' candidates), then roles, which need the resolved people. Each
adds its candidates to `doc._.found` (`extractor.found`) and declares what it assigns and requires,
so `nlp.analyze_pipes()` shows the flow.
"""

from __future__ import annotations

from spacy.language import Language

from extractor.english import extensions
from extractor.english.abbreviations import AbbreviationMerger
from extractor.english.entities import EntityResolver
from extractor.english.quantities import QuantityFinder
from extractor.english.roles import RoleFinder
from extractor.found import CHANNEL

extensions.register()

ABBREVIATIONS = "extractor_en_abbreviations_v1"
QUANTITIES = "extractor_en_quantities_v1"
ENTITIES = "extractor_en_entities_v1"
ROLES = "extractor_en_roles_v1"
PIPES = (QUANTITIES, ENTITIES, ROLES)  # after the model's components
FIRST_PIPES = (ABBREVIATIONS,)  # before them


@Language.factory(ABBREVIATIONS, retokenizes=True)
def make_abbreviations(nlp: Language, name: str) -> AbbreviationMerger:
    return AbbreviationMerger(nlp)


@Language.factory(QUANTITIES, assigns=[CHANNEL], requires=["token.dep", "doc.sents"])
def make_quantities(nlp: Language, name: str) -> QuantityFinder:
    return QuantityFinder(nlp)


# The model's attribute_ruler sets token.pos from token.tag but declares nothing, so words' parts of
# speech are required as their tags.
@Language.factory(ENTITIES, assigns=[CHANNEL], requires=[CHANNEL, "doc.ents", "token.tag"])
def make_entities(nlp: Language, name: str) -> EntityResolver:
    return EntityResolver(nlp)


@Language.factory(ROLES, assigns=[CHANNEL], requires=[CHANNEL, "token.tag", "token.ent_type"])
def make_roles(nlp: Language, name: str) -> RoleFinder:
    return RoleFinder(nlp)

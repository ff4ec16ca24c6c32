"""The English pipeline's spaCy components, registered by name so `nlp.add_pipe` can assemble them.

First, before the model's own components, "No." is kept one token (`abbreviations.py`). Then, after
the model's `ner`: quantities (percentages, figures), rule candidates, entity resolution (people,
units, places), then roles, which need the resolved people.
"""

from __future__ import annotations

from spacy.language import Language

from extractor.english import extensions
from extractor.english.abbreviations import AbbreviationMerger
from extractor.english.entities import EntityResolver
from extractor.english.quantities import QuantityFinder
from extractor.english.roles import RoleFinder
from extractor.english.rules import RuleMatcher

extensions.register()

ABBREVIATIONS = "extractor_en_abbreviations_v1"
QUANTITIES = "extractor_en_quantities_v1"
RULES = "extractor_en_rules_v1"
ENTITIES = "extractor_en_entities_v1"
ROLES = "extractor_en_roles_v1"
PIPES = (QUANTITIES, RULES, ENTITIES, ROLES)  # after the model's components
FIRST_PIPES = (ABBREVIATIONS,)  # before them


@Language.factory(ABBREVIATIONS)
def make_abbreviations(nlp: Language, name: str) -> AbbreviationMerger:
    return AbbreviationMerger(nlp)


@Language.factory(QUANTITIES)
def make_quantities(nlp: Language, name: str) -> QuantityFinder:
    return QuantityFinder(nlp)


@Language.factory(RULES)
def make_rules(nlp: Language, name: str) -> RuleMatcher:
    return RuleMatcher(nlp)


@Language.factory(ENTITIES)
def make_entities(nlp: Language, name: str) -> EntityResolver:
    return EntityResolver(nlp)


@Language.factory(ROLES)
def make_roles(nlp: Language, name: str) -> RoleFinder:
    return RoleFinder(nlp)

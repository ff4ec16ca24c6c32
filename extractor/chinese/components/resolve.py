"""`extractor_zh_resolve_v1`: settle what the components found across types, before `assemble` settles overlaps
within a type.

A place inside a unit's name is part of the name (大冶钢厂, 浙江日报), and one inside a person's name
is part of the name (李长春); a number inside a unit or a name is not a figure. A statistical
candidate that overlaps any rule candidate is dropped: rules win where they apply. One the rules found
elsewhere in the article as a name of another type takes that type (the model's place 西单商场 where
the rules read the unit 西单商场 before).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from extractor.found import CHANNEL, found, overlaps

NAME = "extractor_zh_resolve_v1"

NAMES = ("person", "place", "unit", "role")
OWNED = ("place", "percentage", "figure")  # not found inside a unit's or a person's name


@Language.component(NAME, assigns=[CHANNEL], requires=[CHANNEL])
def resolve(doc: Doc) -> Doc:
    items = found(doc)
    rules = [item for item in items if item.source.startswith("rule:")]
    owners = [item for item in rules if item.type in ("unit", "person")]
    kept = [item for item in rules if not (item.type in OWNED and overlaps(item, owners))]
    named = [item for item in kept if item.type in NAMES]
    text = doc.text  # joined from the tokens on every access
    typed = {text[item.start : item.end]: item.type for item in named}
    kept += [
        replace(item, type=typed.get(text[item.start : item.end], item.type)) if item.type in NAMES else item
        for item in items
        if not item.source.startswith("rule:") and not overlaps(item, named)
    ]
    doc._.found = kept
    return doc

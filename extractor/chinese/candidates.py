"""Where the Chinese components leave what they find: `doc._.zh_found`, a list of `Found`.

Candidates carry character offsets into `doc.text`, not token indices: the rules read the text
itself, so their offsets stay exact wherever the segmenter cuts (a name inside a pkuseg token, 王|平摄,
is still found). Later components read what earlier ones found (a role's prefix may be a unit).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from extractor.found import Found
from extractor.records import MentionType

if not Doc.has_extension("zh_found"):
    Doc.set_extension("zh_found", default=None)


def found(doc: Doc) -> list[Found]:
    """The doc's candidate list (created empty on first use)."""
    if doc._.zh_found is None:
        doc._.zh_found = []
    return doc._.zh_found


def of_type(doc: Doc, *types: MentionType) -> list[Found]:
    return [item for item in found(doc) if item.type in types]


def overlaps(item: Found, spans: Iterable[Found]) -> bool:
    return any(other.start < item.end and item.start < other.end for other in spans)

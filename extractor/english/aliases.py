"""Short names a text gives a unit it has also named in full.

Translations shorten a company to the first syllable of its place plus its industry ("Ma Steel"
for "Ma'anshan Iron and Steel Company", as 马钢 shortens 马鞍山钢铁公司) or write a short name in
parentheses after the full one ("Anshan Iron and Steel Company (Angang)"). Statistical NER takes
"Ma Steel" for a person; a short form counts as a unit only when a full name in the text confirms
it, and `entities.py` then finds it again wherever it is written.
"""

from __future__ import annotations

from spacy.tokens import Span

from extractor.english import pinyin
from extractor.english.lexicon import lexicon

MAX_ALIAS_TOKENS = 3  # "(Ma Steel)", "(Angang)", "(CITIC)"


def short_forms(candidates: list[Span], names: list[Span]) -> list[Span]:
    """The "<Syllable> <Industry>" candidates that abbreviate one of the unit names found."""
    return [span for span in candidates if any(_abbreviates(span, name) for name in names)]


def parenthesised(names: list[Span], known_places: set[str]) -> list[Span]:
    """A pinyin or all-capital name in parentheses right after a unit's name ("... Company (Angang)")."""
    found: list[Span] = []
    for name in names:
        doc = name.doc
        if name.end >= len(doc) or doc[name.end].text != "(":
            continue
        stop = min(len(doc), name.end + MAX_ALIAS_TOKENS + 2)
        close = next((i for i in range(name.end + 1, stop) if doc[i].text == ")"), None)
        inner = doc[name.end + 1 : close] if close is not None else None
        if inner is not None and len(inner) and inner.text not in known_places and _alias_shaped(inner):
            found.append(inner)
    return found


def _abbreviates(short: Span, name: Span) -> bool:
    """Whether `short` abbreviates `name` as "Ma Steel" does "Ma'anshan Iron and Steel Company": the
    full name is longer, starts with the short form's first word and contains its industry word."""
    return (
        len(name) > len(short)
        and short[-1].lower_ in {token.lower_ for token in name}
        and _squashed(name[0].text).startswith(_squashed(short[0].text))
    )


def _alias_shaped(inner: Span) -> bool:
    acronym_max: int = lexicon("units")["acronym_max"]
    first = inner[0].text
    acronym = first.isalpha() and first.isupper() and 2 <= len(first) <= acronym_max
    return (acronym or pinyin.is_pinyin(first)) and all(token._.pd_name_word for token in inner)


def _squashed(word: str) -> str:
    return word.lower().replace("'", "").replace("’", "")

"""The custom token attributes the English components share, and the tokens of a candidate.

Token attributes (`token._.pd_surname`, ...) let the Matcher patterns in `patterns/*.jsonl` test
pinyin and proper-name shape. Candidates themselves go on `doc._.found` (`extractor.found`), as in
Chinese; the English components make each from tokens, so its offsets fit the doc's tokens.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from extractor.english import pinyin
from extractor.english.lexicon import words
from extractor.found import Found

_MODIFIERS = frozenset({"NOUN", "ADJ", "PROPN", "VERB"})
_NOT_IN_NAMES = frozenset({"ADP", "SCONJ", "DET", "PRON", "CCONJ", "AUX", "PART", "ADV", "PUNCT", "SPACE", "NUM"})


def is_name_word(token: Token) -> bool:
    """A capitalised word that can be part of a proper name (not "The", "Since", "Go")."""
    return (
        token.text[:1].isupper()
        and token.lower_ not in words("common", "function_words")
        and token.pos_ not in _NOT_IN_NAMES
    )


def is_modifier(token: Token) -> bool:
    """A word between a unit's number and its head ("620 coal mining team", "No. 1 open-hearth furnace")."""
    return token.text == "-" or (token.pos_ in _MODIFIERS and token.lower_ not in words("common", "function_words"))


def register() -> None:
    """Declare the attributes; safe to call more than once."""
    Token.set_extension("pd_name_word", getter=is_name_word, force=True)
    Token.set_extension("pd_modifier", getter=is_modifier, force=True)
    Token.set_extension("pd_surname", getter=lambda token: pinyin.is_surname(token.text), force=True)
    Token.set_extension("pd_given", getter=lambda token: pinyin.is_given_name(token.text), force=True)
    Token.set_extension("pd_syllables", getter=lambda token: pinyin.is_syllabic(token.text), force=True)
    Token.set_extension("pd_line_name", getter=lambda token: pinyin.is_line_name(token.text), force=True)
    Token.set_extension("pd_settlement", getter=lambda token: pinyin.is_settlement(token.text), force=True)


def tokens_of(doc: Doc, item: Found) -> Span:
    """The tokens a candidate covers; ValueError if its offsets cut a token (no English component makes one so)."""
    span = doc.char_span(item.start, item.end)
    if span is None:
        raise ValueError(f"the {item.type} at {item.start}-{item.end} does not fit the doc's tokens")
    return span

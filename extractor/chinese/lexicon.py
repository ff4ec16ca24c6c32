"""The Chinese rules' data files (extractor/chinese/data/*.json), loaded once per process.

Lexicons are data so that they can grow without touching code; this module only reads them and
offers the two lookups every rule needs: the longest listed word starting, or ending, at a position.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from extractor.chinese import models
from extractor.numerals import DIGITS


@cache
def load(name: str) -> dict[str, Any]:
    """One data file by stem, e.g. `load("units")`."""
    path = resources.files("extractor.chinese").joinpath(f"data/{name}.json")
    return json.loads(path.read_text(encoding="utf-8"))


def alternation(words: Iterable[str]) -> str:
    """A regex group matching any of `words`, longest first so the longest wins."""
    return "(?:" + "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True)) + ")"


class Words:
    """A set of words with lookups by position in a text (longest match first)."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(word for word in words if word)
        self.lengths = sorted({len(word) for word in self.words}, reverse=True)
        # the lengths to try, longest first, by a word's first and by its last character: most
        # positions of a text start or end no word, and are passed over with one dictionary lookup
        self._by_first = _lengths_by(self.words, 0)
        self._by_last = _lengths_by(self.words, -1)

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def lengths_at(self, text: str, pos: int) -> tuple[int, ...]:
        """The lengths of the listed words that begin with the character at `pos`, longest first."""
        return self._by_first.get(text[pos : pos + 1], ())

    # starting_at and ending_at are called at every position of a text by several components: plain loops, not
    # generators, which cost three times as much per call
    def starting_at(self, text: str, pos: int) -> str | None:
        """The longest word that `text[pos:]` starts with."""
        for n in self._by_first.get(text[pos : pos + 1], ()):
            word = text[pos : pos + n]
            if word in self.words:
                return word
        return None

    def ending_at(self, text: str, end: int) -> str | None:
        """The longest word that `text[:end]` ends with."""
        for n in self._by_last.get(text[end - 1 : end], ()) if end > 0 else ():
            if n <= end and (word := text[end - n : end]) in self.words:
                return word
        return None


def _lengths_by(words: Iterable[str], index: int) -> dict[str, tuple[int, ...]]:
    lengths: dict[str, set[int]] = {}
    for word in words:
        lengths.setdefault(word[index], set()).add(len(word))
    return {char: tuple(sorted(found, reverse=True)) for char, found in lengths.items()}


def word_list(path: Path) -> frozenset[str]:
    """A one-word-a-line file (empty if absent); blank lines and `#` comments are skipped."""
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@cache
def known_words(resource_dir: Path | None) -> frozenset[str]:
    """The segmentation model's general word list (empty without a model); it holds common names too (王大明)."""
    return word_list(resource_dir / models.GENERAL_WORDS) if resource_dir else frozenset()


def is_han(char: str) -> bool:
    """A CJK ideograph (incl. ○, the zero written in numbers such as 六二○)."""
    return "\u3400" <= char <= "\u9fff" or char in DIGITS


@cache
def title_cores() -> tuple[str, ...]:
    """Titles: data/roles.json's cores and the positions CC-CEDICT knows (data/titles_cedict.txt,
    written by scripts/build_cedict_titles.py)."""
    cedict = resources.files("extractor.chinese").joinpath("data/titles_cedict.txt").read_text(encoding="utf-8")
    listed = (line.strip() for line in cedict.splitlines() if line.strip() and not line.startswith("#"))
    return tuple(dict.fromkeys([*load("roles")["cores"], *listed]))


@cache
def departments() -> tuple[str, ...]:
    """Departments of a government or company: those listed in data/units.json and each function
    word with each department head (建设 + 厅)."""
    config = load("units")
    composed = (f + h for f in config["department_functions"] for h in config["department_heads"])
    return tuple(dict.fromkeys([*config["departments"], *composed]))


@cache
def function_chars() -> frozenset[str]:
    """Function words of one character: never inside a given name or a unit's proper name."""
    return frozenset(load("names")["given_forbidden"])


@cache
def verbs() -> Words:
    """Verbs of two characters or more that stand right before a name (学习, 带领; data/units.json
    `left_cut`): what follows them starts a new phrase."""
    return Words(word for word in load("units")["left_cut"] if len(word) > 1)


def after_break(text: str, pos: int) -> bool:
    """Whether `pos` starts the text, a line or a phrase (it follows a non-Han character)."""
    return pos == 0 or not is_han(text[pos - 1])

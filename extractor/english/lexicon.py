"""The English word lists and token patterns, loaded once from the package's data files.

Rules read their vocabulary from `lexicons/*.json|txt` and their spaCy Matcher patterns from
`patterns/*.jsonl`, so extending the extractor to new wording means editing data, not code. A
pattern may name a word list as `"@file.key"` (e.g. `"@units.heads"`) instead of spelling it out;
`"@numerals.ordinals"` names the ordinal words of `extractor.numerals`.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from extractor.numerals import ordinal_words

_ROOT = resources.files("extractor.english")


@cache
def lexicon(name: str) -> dict[str, Any]:
    """One `lexicons/<name>.json` file."""
    return json.loads(_ROOT.joinpath("lexicons", f"{name}.json").read_text(encoding="utf-8"))


@cache
def words(name: str, key: str) -> frozenset[str]:
    """A word list from `lexicons/<name>.json` as a set, for membership tests."""
    return frozenset(lexicon(name)[key])


@cache
def word_lines(name: str) -> frozenset[str]:
    """A `lexicons/<name>.txt` list: one entry per line, `#` starts a comment line."""
    text = _ROOT.joinpath("lexicons", f"{name}.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def patterns(name: str) -> list[dict[str, Any]]:
    """The `{"label", "id", "pattern"}` lines of `patterns/<name>.jsonl`, word-list references resolved."""
    source: Traversable = _ROOT.joinpath("patterns", f"{name}.jsonl")
    lines = source.read_text(encoding="utf-8").splitlines()
    return [_resolve(json.loads(line)) for line in lines if line.strip()]


def _resolve(value: Any) -> Any:
    if isinstance(value, str) and value.startswith("@"):
        file, key = value[1:].split(".", 1)
        if (file, key) == ("numerals", "ordinals"):
            return ordinal_words()
        return sorted(lexicon(file)[key])
    if isinstance(value, dict):
        return {key: _resolve(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_resolve(item) for item in value]
    return value

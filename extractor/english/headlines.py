"""Where the headline lines are: the Title Case lines statistical NER turns into junk.

In a headline every word is capitalised, so "Going Down" looks like a person and "Comprehensively
Grasp Groups" like an organisation. Entities found there by NER alone are not trusted; a rule must
confirm them (a pinyin name, a unit word, a known place) or the body must name them too.
"""

from __future__ import annotations

import re

from extractor.english.lexicon import words

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SENTENCE_END = tuple('.!?;:,"”’)')
MAX_HEADLINE_WORDS = 40
TITLE_SHARE = 0.7


def headline_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of headline lines: the opening block's unpunctuated lines and any Title Case line."""
    ranges: list[tuple[int, int]] = []
    offset = 0
    in_opening_block = True
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            in_opening_block = False
        elif _unpunctuated(stripped) and (in_opening_block or _title_case(stripped)):
            ranges.append((offset, offset + len(line)))
        offset += len(line) + 1
    return ranges


def _unpunctuated(line: str) -> bool:
    found = _WORD_RE.findall(line)
    return bool(found) and len(found) <= MAX_HEADLINE_WORDS and not line.endswith(_SENTENCE_END)


def _title_case(line: str) -> bool:
    function_words = words("common", "function_words")
    content = [word for word in _WORD_RE.findall(line) if word.lower() not in function_words]
    capitalised = sum(word[0].isupper() for word in content)
    return len(content) >= 2 and capitalised >= TITLE_SHARE * len(content)

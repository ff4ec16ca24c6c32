"""A tokenizer wrapper that keeps spaCy's English tokenizer linear on very long words.

spaCy strips prefixes and suffixes from a whitespace-delimited word one at a time, searching the
rest of the word again after each, so a word of n characters costs O(n^2): 10,000 "%" took 21 s.
No word of an article is that long, so runs of more than `MAX_WORD` non-space characters are cut
into pieces of that length and each piece is tokenized alone; the doc's text is unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc

MAX_WORD = 200
_LONG_RUN = re.compile(rf"\S{{{MAX_WORD + 1},}}")


class LongWordTokenizer:
    """Calls `tokenizer` on the text, or on its pieces when a run of non-space characters is too long."""

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        if not _LONG_RUN.search(text):
            return self.tokenizer(text)
        pieces: list[str] = []
        done = 0
        for run in _LONG_RUN.finditer(text):
            if run.start() > done:
                pieces.append(text[done : run.start()])
            pieces += [text[at : min(at + MAX_WORD, run.end())] for at in range(run.start(), run.end(), MAX_WORD)]
            done = run.end()
        if done < len(text):
            pieces.append(text[done:])
        return Doc.from_docs([self.tokenizer(piece) for piece in pieces], ensure_whitespace=False)

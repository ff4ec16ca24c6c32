"""Keep "No." one token before a number, ahead of the model's own components.

spaCy's English tokenizer splits "No. 1" into "No", ".", "1" (a bare "No." may end a reply), and
the loose period then ends titles ("director of the No") and misleads tagging and parsing. Merging
only where a number follows keeps "No." as an answer intact.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extractor.english.lexicon import words


class AbbreviationMerger:
    """spaCy component: merges a numbering abbreviation with its period when a number follows."""

    def __init__(self, nlp: Language) -> None:
        self.abbreviations = words("common", "numbering_abbreviations")

    def __call__(self, doc: Doc) -> Doc:
        with doc.retokenize() as retokenizer:
            for token in doc[:-2]:
                period, number = doc[token.i + 1], doc[token.i + 2]
                if (
                    token.text in self.abbreviations
                    and not token.whitespace_
                    and period.text == "."
                    and (number.like_num or number.text[:1].isdigit())
                ):
                    retokenizer.merge(doc[token.i : token.i + 2])
        return doc

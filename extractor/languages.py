"""The one interface every language pipeline offers, and the loader that picks one by language."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from extractor.found import Found
from extractor.records import Lang
from extractor.settings import Settings


class LanguagePipeline(Protocol):
    """Finds candidate mentions in texts of one language."""

    lang: Lang

    def find(self, text: str) -> list[Found]:
        """Candidates in one text, with offsets into exactly that text."""
        ...

    def find_many(self, texts: Iterable[str]) -> Iterator[list[Found]]:
        """Candidates for many texts in order, batched through spaCy's `nlp.pipe`."""
        ...


def load_language(lang: Lang, settings: Settings) -> LanguagePipeline:
    """Build the pipeline for `lang`; models are loaded here, once."""
    if lang == "en":
        from extractor.english import EnglishPipeline

        return EnglishPipeline(settings)
    from extractor.chinese import ChinesePipeline

    return ChinesePipeline(settings)

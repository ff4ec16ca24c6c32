"""The one interface every language pipeline offers, and the registry that picks one by language code.

A pipeline finds candidate mentions in a text (`find`, `find_many`) and searches a text for the
counterpart of a mention of the other language (`search`), which the cross-check uses to recover
what one side's extraction missed. `load_language` refuses a language code it does not know.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import import_module
from typing import Protocol

from extractor.errors import ExtractorError
from extractor.found import Found
from extractor.records import Lang, MentionType
from extractor.settings import Settings


@dataclass(frozen=True)
class Candidate:
    """A span of a text that a language's search offers as the counterpart: its text, and for a
    percentage or figure its value and canonical unit."""

    start: int
    end: int
    text: str
    value: float | None = None
    unit: str | None = None


@dataclass(frozen=True)
class Sought:
    """What to look for in the other text: a mention's type and text as written in its own language,
    and the test (the cross-check's) of whether a candidate is its counterpart."""

    type: MentionType
    text: str
    accepts: Callable[[Candidate], bool]


class LanguagePipeline(Protocol):
    """Finds candidate mentions in texts of one language."""

    lang: Lang

    def find(self, text: str) -> list[Found]:
        """Candidates in one text, with offsets into exactly that text."""
        ...

    def find_many(self, texts: Iterable[str]) -> Iterator[list[Found]]:
        """Candidates for many texts in order, batched through spaCy's `nlp.pipe`."""
        ...

    def search(self, sought: Sought, text: str) -> list[Candidate]:
        """The candidates in `text` that `sought` accepts as the counterpart of a mention."""
        ...


class UnknownLanguageError(ExtractorError):
    """A language code no pipeline is registered for."""


LANGUAGES: dict[str, str] = {"en": "extractor.english:EnglishPipeline", "zh": "extractor.chinese:ChinesePipeline"}
"""Language code -> the pipeline class that handles it, as "module:class"."""


def load_language(lang: str, settings: Settings) -> LanguagePipeline:
    """Build the pipeline for `lang`; models are loaded here, once. Raises `UnknownLanguageError`
    for a code not in `LANGUAGES`."""
    if lang not in LANGUAGES:
        known = ", ".join(sorted(LANGUAGES))
        raise UnknownLanguageError(f"unknown language code {lang!r}: the extractor handles {known}")
    module, name = LANGUAGES[lang].split(":")
    pipeline: LanguagePipeline = getattr(import_module(module), name)(settings)
    return pipeline

"""The one extraction path: read -> find per language -> assemble -> cross-check -> result.

`Extractor` holds the loaded language pipelines so that a process loads each model once; the CLI,
the service and `extract()` all go through it, which is what keeps their outputs identical.
"""

from __future__ import annotations

import gc
import math
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from extractor.article import content_id, parse_article, read_article
from extractor.assemble import assemble
from extractor.errors import ArticleError, ExtractorError
from extractor.found import Found
from extractor.languages import LanguagePipeline, load_language
from extractor.measures import normalise
from extractor.records import Article, ExtractionResult, Failure, Lang, LanguageExtraction
from extractor.settings import Settings

if TYPE_CHECKING:
    from extractor.crosscheck import CrossCheck

Source = str | os.PathLike[str] | Article
LANGS: tuple[Lang, ...] = ("en", "zh")
MAX_PATH_CHARS = 4096
QUOTED_CHARS = 40


class Extractor:
    """Loaded pipelines plus the extraction path; cheap to call, expensive to build."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self._languages: dict[Lang, LanguagePipeline] = {}

    def language(self, lang: Lang) -> LanguagePipeline:
        if lang not in self._languages:
            with _no_collection():
                self._languages[lang] = load_language(lang, self.settings)
        return self._languages[lang]

    def load(self) -> Extractor:
        """Load every language pipeline now rather than on first use (for services)."""
        for lang in LANGS:
            self.language(lang)
        return self

    def read(self, source: Source) -> Article:
        """An `Article` from a path, a raw article text, or an `Article` passed through."""
        if isinstance(source, Article):
            return source
        if isinstance(source, os.PathLike):
            return read_article(source, max_bytes=self.settings.max_article_bytes, encoding=self.settings.encoding)
        if _may_name_a_file(source) and Path(source).is_file():
            return read_article(source, max_bytes=self.settings.max_article_bytes, encoding=self.settings.encoding)
        return self.read_text(source)

    def read_text(self, text: str, *, article_id: str | None = None) -> Article:
        """An `Article` from raw text only, never read as a path (for text from untrusted clients)."""
        if len(text.encode("utf-8")) > self.settings.max_article_bytes:
            raise ArticleError(f"text is over the {self.settings.max_article_bytes:,}-byte limit per article")
        return parse_article(text, article_id=article_id or content_id(text))

    def extract(self, source: Source) -> ExtractionResult:
        """Extract one article; raises `ExtractorError` on input that cannot be read."""
        return self._extract_articles([self.read(source)])[0]

    def extract_many(self, sources: Iterable[Source]) -> Iterator[ExtractionResult | Failure]:
        """Extract many articles lazily, in order, batching the texts through spaCy.

        A source that fails yields a `Failure` naming it and the reason; the others go on.
        """
        iterator = iter(sources)
        while batch := list(islice(iterator, self.settings.batch_size)):
            read: list[Article | Failure] = []
            for source in batch:
                try:
                    read.append(self.read(source))
                except ExtractorError as err:
                    read.append(_failure(source, err))
            articles = [item for item in read if isinstance(item, Article)]
            results = iter(self._extract_articles(articles))
            for item in read:
                yield item if isinstance(item, Failure) else next(results)

    def _extract_articles(self, articles: list[Article]) -> list[ExtractionResult]:
        found: dict[Lang, dict[int, list[Found]]] = {}
        for lang in LANGS:
            indexed = [(i, text) for i, a in enumerate(articles) if (text := a.text(lang))]
            if indexed:
                pipeline = self.language(lang)
                found[lang] = dict(zip([i for i, _ in indexed], pipeline.find_many(t for _, t in indexed), strict=True))
        return [self._result(i, article, found) for i, article in enumerate(articles)]

    def _result(self, index: int, article: Article, found: dict[Lang, dict[int, list[Found]]]) -> ExtractionResult:
        warnings = list(article.warnings)
        candidates = {
            lang: _finite(found[lang][index], text, warnings) if (text := article.text(lang)) else [] for lang in LANGS
        }
        parts = _assemble(article, candidates)
        check = None
        if article.en and article.zh:
            parts, check = self._cross_check(article, parts, candidates, warnings)
        merged = {
            field: getattr(parts["en"], field) + getattr(parts["zh"], field)
            for field in LanguageExtraction.model_fields
        }
        return ExtractionResult(
            id=article.id,
            article=article,
            links=check.links if check else [],
            unmatched=check.unmatched if check else [],
            notes=check.notes if check else [],
            agreement=check.agreement if check else None,
            warnings=warnings,
            **merged,
        )

    def _cross_check(
        self,
        article: Article,
        parts: dict[Lang, LanguageExtraction],
        candidates: dict[Lang, list[Found]],
        warnings: list[str],
    ) -> tuple[dict[Lang, LanguageExtraction], CrossCheck]:
        """The check of a bilingual article, after searching each text for what the other side found
        and it missed (values beyond a float left out with a warning); the parts are assembled again
        if the search found anything. A Chinese name that only the statistical model read, and that
        the English text renders nowhere, is taken for no name (夏麦 "summer wheat" is no Xia Mai)."""
        # imported here: an article in one language needs neither the cross-check nor pypinyin's tables
        from extractor.crosscheck import cross_check, recover

        check = cross_check(article, parts["en"], parts["zh"])
        texts: dict[Lang, str] = {"en": article.en or "", "zh": article.zh or ""}
        search = {lang: self.language(lang).search for lang in LANGS}
        extra = recover(check.unmatched, parts, texts, search)
        extra = {lang: _finite(extra[lang], texts[lang], warnings) for lang in LANGS}
        if extra["en"] or extra["zh"]:
            candidates = {lang: candidates[lang] + extra[lang] for lang in LANGS}
            parts = _assemble(article, candidates)
            check = cross_check(article, parts["en"], parts["zh"])
        if unconfirmed := _unconfirmed_model_names(check, parts["zh"]):
            candidates = {
                **candidates,
                "zh": [c for c in candidates["zh"] if (c.start, c.end, c.type) not in unconfirmed],
            }
            parts = _assemble(article, candidates)
            check = cross_check(article, parts["en"], parts["zh"])
        return {**parts, "en": _converted_as_counterparts(article, parts, check)}, check


def _converted_as_counterparts(
    article: Article, parts: dict[Lang, LanguageExtraction], check: CrossCheck
) -> LanguageExtraction:
    """The English part, each figure whose unit word names no one definition given the normalised
    value of the definition its linked Chinese figure is written in: "dan" reads both 担 (50 kg)
    and 石 (100 L), "2,000 dan" beside 二千石 is litres."""
    written = {mention.id: mention.text for mention in parts["zh"].mentions}
    counterpart = {link.en_mention: written[link.zh_mention] for link in check.links if link.type == "figure"}
    figures = []
    for figure in parts["en"].figures:
        zh = counterpart.get(figure.mention)
        if (
            figure.normalised_value is None
            and zh
            and (normal := normalise(figure.value, figure.unit, zh, article.date))
        ):
            figure = figure.model_copy(update={"normalised_value": normal[0], "normalised_unit": normal[1]})
        figures.append(figure)
    return parts["en"].model_copy(update={"figures": figures})


@contextmanager
def _no_collection() -> Iterator[None]:
    """The block without garbage collections. Loading a pipeline builds sets of hundreds of thousands of words, and
    each collection that falls inside it traverses them all again to find no cycle (0.1 s of a cold start)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _unconfirmed_model_names(check: CrossCheck, zh: LanguageExtraction) -> set[tuple[int, int, str]]:
    """The Chinese person mentions found by the model alone that have no English counterpart."""
    from extractor.chinese.components.model import SOURCE as MODEL_SOURCE  # loaded with the Chinese side

    mentions = {mention.id: mention for mention in zh.mentions}
    return {
        (mention.start, mention.end, "person")
        for unmatched in check.unmatched
        if unmatched.lang == "zh"
        and unmatched.type == "person"
        and (mention := mentions[unmatched.mention]).source == MODEL_SOURCE
    }


def _assemble(article: Article, candidates: dict[Lang, list[Found]]) -> dict[Lang, LanguageExtraction]:
    return {
        lang: assemble(lang, text, candidates[lang], article.date)
        if (text := article.text(lang))
        else LanguageExtraction()
        for lang in LANGS
    }


def _finite(candidates: list[Found], text: str, warnings: list[str]) -> list[Found]:
    """The candidates whose value (if any) is a finite number; the others are left out with a warning.

    A number beyond a 64-bit float ("1" and 400 zeros) would be infinite, which JSON cannot carry.
    """
    kept = []
    for candidate in candidates:
        if candidate.value is None or math.isfinite(candidate.value):
            kept.append(candidate)
            continue
        quoted = text[candidate.start : candidate.end]
        quoted = quoted if len(quoted) <= QUOTED_CHARS else quoted[:QUOTED_CHARS] + "..."
        warning = f"left out the {candidate.type} {quoted!r} at {candidate.start}: its number is too large to represent"
        if warning not in warnings:
            warnings.append(warning)
    return kept


def _may_name_a_file(source: str) -> bool:
    """A short one-line string may be a path; anything longer is article text."""
    return "\n" not in source and len(source) < MAX_PATH_CHARS


def _failure(source: Source, err: Exception) -> Failure:
    if isinstance(source, Article):
        return Failure(id=source.id, source=source.id, error=str(err))
    if isinstance(source, os.PathLike) or _may_name_a_file(source):
        return Failure(id=Path(source).stem, source=str(source), error=str(err))
    return Failure(id="text", source="<text>", error=str(err))


_default: Extractor | None = None


def default_extractor() -> Extractor:
    """The process-wide extractor with default settings, built on first use."""
    global _default
    if _default is None:
        _default = Extractor(Settings.from_env())
    return _default


def extract(source: Source, *, settings: Settings | None = None) -> ExtractionResult:
    """Extract one article from a path, raw text or `Article`."""
    extractor = Extractor(settings) if settings else default_extractor()
    return extractor.extract(source)


def extract_many(
    sources: Iterable[Source], *, settings: Settings | None = None
) -> Iterator[ExtractionResult | Failure]:
    """Extract many articles lazily; failures are yielded as `Failure` records, not raised."""
    extractor = Extractor(settings) if settings else default_extractor()
    return extractor.extract_many(sources)

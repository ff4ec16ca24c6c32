"""Cross-check the English extraction against the Chinese one (filled in by the cross-check work)."""

from __future__ import annotations

from extractor.records import Article, LanguageExtraction, Link


def cross_check(article: Article, en: LanguageExtraction, zh: LanguageExtraction) -> list[Link]:
    """Links between the two languages' mentions; none yet."""
    return []

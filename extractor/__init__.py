"""Bilingual information extraction for People's Daily articles.

from extractor import extract
result = extract("seeds/000_ce1b9ee1370c8b7e.txt")
"""

from extractor.article import article_from_parts, parse_article, read_article
from extractor.errors import ArticleError, ExtractorError, ModelNotAvailableError
from extractor.pipeline import Extractor, extract, extract_many
from extractor.records import (
    Article,
    ExtractionResult,
    Failure,
    Figure,
    LanguageExtraction,
    Link,
    Mention,
    Percentage,
    Person,
    Place,
    Role,
    TranslationNote,
    Unit,
    Unmatched,
)
from extractor.settings import Settings

__all__ = [
    "Article",
    "ArticleError",
    "ExtractionResult",
    "Extractor",
    "ExtractorError",
    "Failure",
    "Figure",
    "LanguageExtraction",
    "Link",
    "Mention",
    "ModelNotAvailableError",
    "Percentage",
    "Person",
    "Place",
    "Role",
    "Settings",
    "TranslationNote",
    "Unit",
    "Unmatched",
    "article_from_parts",
    "extract",
    "extract_many",
    "parse_article",
    "read_article",
]

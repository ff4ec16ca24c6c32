"""English extraction: spaCy's statistical NER plus rule components for People's Daily translations."""

from extractor.english.pipeline import EnglishPipeline

__all__ = ["EnglishPipeline"]

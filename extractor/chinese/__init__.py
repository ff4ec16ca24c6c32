"""Chinese extraction: a spaCy zh pipeline of rule components over the pkuseg segmenter."""

from extractor.chinese.pipeline import ChinesePipeline, build_nlp

__all__ = ["ChinesePipeline", "build_nlp"]

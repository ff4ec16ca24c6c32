"""Cost of the Chinese side per article, stage by stage, beside jieba posseg on the same texts.

    nice .venv/bin/python bench/bench_chinese.py [--rounds 4]

The articles are the Chinese halves of seeds/ and holdout/, extracted as Chinese-only articles.
Figures are CPU seconds of this process (time.process_time), not wall time: the machine is shared, so
wall time says more about the neighbours than about the code. Three parts:

- rate: articles per CPU-second through `Extractor.extract_many` (the real path: find, assemble) with
  the Chinese NER's vote (the default), one member (Settings.chinese_ner_vote=False) and no model, then
  the peer, jieba's posseg (segmentation and parts of speech), on the same texts;
- breakdown: the same texts stage by stage with the default settings: the segmenter (pkuseg, and
  within it the dictionary repair), each component of the Chinese pipeline in order, and within
  `extractor_zh_model_entities_v1` the NER's character features (dictionary lookups, n-gram hashing, computed once
  and shared by the members), each voting member and the vote; then assembly;
- cross-check: what a bilingual article adds, timed on the seeds whole (search of each text for what
  the other side missed, assembling again, the check itself), per bilingual article.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from extractor import Extractor, Settings, read_article
from extractor.assemble import assemble
from extractor.chinese.components.model import ModelEntities
from extractor.chinese.name_lexicon import lexicon_codes
from extractor.chinese.ner import doc_features, ngram_features
from extractor.chinese.pipeline import ChinesePipeline
from extractor.compute import one_blas_thread
from extractor.found import found
from extractor.records import Article

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "holdout").glob("*.txt"))


def chinese_only() -> list[Article]:
    articles = [read_article(path) for path in SOURCES]
    return [article.model_copy(update={"en": None}) for article in articles if article.zh]


def rate(settings: Settings, articles: list[Article]) -> float:
    """Articles per CPU-second through the whole extraction path (the first article warms it up)."""
    extractor = Extractor(settings)
    extractor.extract(articles[0])
    began = time.process_time()
    done = sum(1 for _ in extractor.extract_many(articles))
    return done / (time.process_time() - began)


def jieba_rate(texts: list[str]) -> float:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    list(jieba.posseg.cut(texts[0]))  # reads its dictionary
    began = time.process_time()
    for text in texts:
        list(jieba.posseg.cut(text))
    return len(texts) / (time.process_time() - began)


class Timed:
    """A callable that adds the CPU time of each call to `seconds[name]`."""

    def __init__(self, call: Callable[..., Any], seconds: dict[str, float], name: str) -> None:
        self.call, self.seconds, self.name = call, seconds, name

    def __call__(self, *args: Any) -> Any:
        began = time.process_time()
        try:
            return self.call(*args)
        finally:
            self.seconds[self.name] += time.process_time() - began


def breakdown(settings: Settings, texts: list[str]) -> dict[str, float]:
    """CPU seconds per stage over `texts`; names indented by two spaces are parts of the stage above them."""
    nlp = ChinesePipeline(settings).nlp
    nlp(texts[0])
    seconds: dict[str, float] = defaultdict(float)
    seconds["segmenter (pkuseg + repair)"] = 0.0  # printed before its parts
    pkuseg = nlp.tokenizer.pkuseg_seg  # type: ignore[union-attr]
    repair = pkuseg.postprocesser
    pkuseg.postprocesser = Timed(repair, seconds, "  of the segmenter: dictionary repair")
    try:
        for text in texts:
            began = time.process_time()
            doc = nlp.make_doc(text)
            seconds["segmenter (pkuseg + repair)"] += time.process_time() - began
            for name, component in nlp.pipeline:
                if isinstance(component, ModelEntities):
                    seconds[name] += 0.0  # printed before its parts
                    _model_parts(component, doc, seconds)
                began = time.process_time()
                doc = component(doc)
                seconds[name] += time.process_time() - began
            began = time.process_time()
            assemble("zh", text, found(doc))
            seconds["assemble"] += time.process_time() - began
    finally:
        pkuseg.postprocesser = repair
    return seconds


def _model_parts(component: ModelEntities, doc: Doc, seconds: dict[str, float]) -> None:
    """The parts of `extractor_zh_model_entities_v1` on `doc`, timed apart on a doc of the model's own: its character
    features (as the members compute them, once per doc), then each member and the vote in order."""
    ner = component.ner
    text = doc.text
    chars = [token.text for token in ner.make_doc(text)]
    began = time.process_time()
    lexicon_codes(text)
    seconds["  of the model: dictionary features"] += time.process_time() - began
    began = time.process_time()
    ngram_features(chars)
    seconds["  of the model: n-gram hashing"] += time.process_time() - began
    own = ner.make_doc(text)
    doc_features(own)  # computed once here, so that the first member is timed without them
    with one_blas_thread():
        for name, pipe in ner.pipeline:
            began = time.process_time()
            own = pipe(own)
            seconds[f"  of the model: {name}"] += time.process_time() - began


def cross_check_seconds(articles: list[Article]) -> float:
    """CPU seconds per bilingual article that the cross-check adds (`Extractor._cross_check`, timed)."""
    extractor = Extractor(Settings())
    extractor.extract(articles[0])
    seconds: dict[str, float] = defaultdict(float)
    extractor._cross_check = Timed(extractor._cross_check, seconds, "cross-check")  # type: ignore[method-assign,assignment]
    done = sum(1 for _ in extractor.extract_many(articles))
    return seconds["cross-check"] / done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=4, help="Passes over the articles.")
    args = parser.parse_args()
    articles = chinese_only() * args.rounds
    texts = [article.zh or "" for article in articles]
    chars = sum(map(len, texts)) / len(texts)
    print(f"{len(articles)} Chinese-only articles ({len(SOURCES)} files x {args.rounds}), {chars:,.0f} characters each")
    print("all figures are CPU time of this process (time.process_time), not wall time: the machine is shared")
    print("\nrate, articles per CPU-second:")
    variants = {
        "extract, NER vote (default)": Settings(),
        "extract, one NER member": Settings(chinese_ner_vote=False),
        "extract, no NER model": Settings(chinese_ner=False),
    }
    for label, settings in variants.items():
        print(f"  {label:<32}{rate(settings, articles):7.2f}")
    print(f"  {'peer: jieba posseg':<32}{jieba_rate(texts):7.2f}")
    print("\nbreakdown with the default settings, CPU ms per article (indented: parts of the row above, timed apart):")
    seconds = breakdown(Settings(), texts)
    total = sum(value for name, value in seconds.items() if not name.startswith(" "))
    for name, value in seconds.items():
        print(f"  {name:<46}{value / len(texts) * 1000:8.1f}  {value / total:4.0%}")
    print(f"  {'total':<46}{total / len(texts) * 1000:8.1f}")
    bilingual = [read_article(path) for path in SOURCES if path.parent.name == "seeds"] * args.rounds
    print(
        f"  {'cross-check, per bilingual article (seeds)':<46}{cross_check_seconds(bilingual) * 1000:8.1f}"
        "  (search, assemble again, check)"
    )


if __name__ == "__main__":
    main()

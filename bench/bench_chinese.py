"""Cost of the Chinese side per article, stage by stage, beside jieba posseg on the same texts.

    nice .venv/bin/python bench/bench_chinese.py [--rounds 4]

The articles are the Chinese halves of seeds/ and holdout/, extracted as Chinese-only articles.
Figures are CPU seconds of this process (time.process_time), not wall time: the machine is shared, so
wall time says more about the neighbours than about the code. Three parts:

- rate: articles per CPU-second through `Extractor.extract_many` (the real path: find, assemble) with
  the Chinese NER's vote (the default), one member (Settings.chinese_ner_vote=False) and no model, then
  the peer, jieba's posseg (segmentation and parts of speech), on the same texts;
- breakdown: the same texts stage by stage with the default settings: the segmenter (pkuseg and its
  dictionary repair), each component of the Chinese pipeline in order, the model's feature hashing
  (part of `extractor_zh_model_entities_v1`, shown on its own), and assembly. Cross-checking is paid only by
  bilingual articles and is not here (bench_extract.py measures the bilingual path).
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

from extractor import Extractor, Settings, read_article
from extractor.assemble import assemble
from extractor.chinese.components import model
from extractor.chinese.ner import token_features
from extractor.chinese.pipeline import ChinesePipeline
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


def breakdown(settings: Settings, texts: list[str]) -> dict[str, float]:
    """CPU seconds per stage over `texts`."""
    nlp = ChinesePipeline(settings).nlp
    nlp(texts[0])
    seconds: dict[str, float] = defaultdict(float)
    for text in texts:
        began = time.process_time()
        doc = nlp.make_doc(text)
        seconds["segmenter (pkuseg + repair)"] += time.process_time() - began
        for name, component in nlp.pipeline:
            began = time.process_time()
            doc = component(doc)
            seconds[name] += time.process_time() - began
        began = time.process_time()
        assemble("zh", text, found(doc))
        seconds["assemble"] += time.process_time() - began
        if settings.chinese_ner:
            began = time.process_time()
            token_features(list(text))
            seconds[f"  of {model.NAME}: feature hashing"] += time.process_time() - began
    return seconds


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
    print("\nbreakdown with the default settings, CPU ms per article:")
    seconds = breakdown(Settings(), texts)
    total = sum(value for name, value in seconds.items() if not name.startswith(" "))
    for name, value in seconds.items():
        print(f"  {name:<42}{value / len(texts) * 1000:8.1f}  {value / total:4.0%}")
    print(f"  {'total':<42}{total / len(texts) * 1000:8.1f}")


if __name__ == "__main__":
    main()

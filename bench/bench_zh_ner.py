"""Load time, peak memory and speed of the shipped Chinese NER pipeline, on the seeds' Chinese sentences.

Run: `.venv/bin/python bench/bench_zh_ner.py [--repeat N] [ARTICLE ...]` (default: seeds/*.txt, 5 passes).
The texts are cut into sentences at 。！？ and line ends, the unit the pipeline was trained on. The peers
are the same vote with its third member run on every sentence (as shipped before
`extractor_ner_tiebreak` ran it only where the first two disagree), and one member of the vote alone
(`load_zh_ner(vote=False)`, the first NER component), so the ratios are what the tiebreak saves and
what the vote costs. Last, the whole Chinese side (rules and model, `chinese.pipeline.build_nlp`) per
article, with the vote, with one member and without the model: the cost the archive pays.
"""

from __future__ import annotations

import argparse
import re
import resource
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported in main, where the import is timed
    from spacy.language import Language

ROOT = Path(__file__).resolve().parent.parent
SENTENCE_END = re.compile(r"(?<=[。！？])|\n+")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("articles", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=5, help="passes over the sentences")
    args = parser.parse_args()

    baseline = peak_rss_mb()
    started = time.perf_counter()
    from extractor.article import read_article
    from extractor.chinese.ner import MODEL_DIR, entity_spans, load_zh_ner

    imported = time.perf_counter()
    nlp = load_zh_ner()
    loaded = time.perf_counter()
    after_load = peak_rss_mb()
    peer = load_zh_ner(vote=False)
    every = every_member()

    paths = args.articles or sorted((ROOT / "seeds").glob("*.txt"))
    texts = [text for text in (read_article(path).zh for path in paths) if text]
    sentences = [s.strip() for text in texts for s in SENTENCE_END.split(text) if s.strip()]
    chars = sum(map(len, sentences)) * args.repeat
    size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())

    print(f"model size on disk:  {size / 1e6:.1f} MB ({MODEL_DIR}; {nlp.pipe_names})")
    print(f"import:              {imported - started:.2f} s")
    print(f"model load:          {loaded - imported:.2f} s")
    print(f"peak RSS:            {baseline:.0f} MB before, {after_load:.0f} MB after load")
    seconds = {}
    for name, pipeline in (("shipped", nlp), ("every member", every), ("peer", peer)):
        pipeline("新华社北京电")  # the first call reads jieba's dictionary, which neither pass should pay for
        entities = 0
        began = time.perf_counter()
        for _ in range(args.repeat):
            entities += sum(len(entity_spans(doc)) for doc in pipeline.pipe(sentences))
        seconds[name] = time.perf_counter() - began
        print(
            f"{name + ':':<21}{len(sentences) * args.repeat} sentences, {entities} entities in {seconds[name]:.2f} s, "
            f"{len(sentences) * args.repeat / seconds[name]:,.0f} sentences/s, {chars / seconds[name]:,.0f} chars/s"
        )
    print(f"shipped / every:     {seconds['shipped'] / seconds['every member']:.2f}x")
    print(f"shipped / peer time: {seconds['shipped'] / seconds['peer']:.2f}x (peer: {peer.pipe_names} alone)")
    print(f"peak RSS at end:     {peak_rss_mb():.0f} MB")
    per_article(texts, args.repeat)


def every_member() -> Language:
    """The shipped vote with its tiebreaking member enabled and run on every sentence."""
    from extractor.chinese.ner import load_zh_ner

    nlp = load_zh_ner()
    member = nlp.get_pipe("ner_tiebreak").member
    nlp.enable_pipe(member)
    nlp.add_pipe("extractor_ents_to_spans", name=f"{member}_spans", config={"key": member}, after=member)
    nlp.remove_pipe("ner_tiebreak")
    return nlp


def per_article(texts: list[str], repeat: int) -> None:
    from extractor.chinese.ner import MODEL_DIR
    from extractor.chinese.pipeline import build_nlp
    from extractor.settings import Settings

    chars = sum(map(len, texts)) // len(texts)
    for name, settings, model in (
        ("vote", Settings(), MODEL_DIR),
        ("one member", Settings(chinese_ner_vote=False), MODEL_DIR),
        ("rules only", Settings(), None),
    ):
        nlp = build_nlp(settings, ner_model=model)
        nlp(texts[0])
        began = time.perf_counter()
        for _ in range(repeat):
            for text in texts:
                nlp(text)
        milliseconds = (time.perf_counter() - began) * 1000 / (repeat * len(texts))
        print(f"{'Chinese side, ' + name + ':':<34}{milliseconds:,.0f} ms per article ({chars:,} chars on average)")


if __name__ == "__main__":
    main()

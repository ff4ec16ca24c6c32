"""Load time, peak memory and speed of the shipped Chinese NER pipeline, on the seeds' Chinese sentences.

Run: `.venv/bin/python bench/bench_zh_ner.py [--repeat N] [ARTICLE ...]` (default: seeds/*.txt, 5 passes).
The texts are cut into sentences at 。！？ and line ends, the unit the pipeline was trained on.
"""

from __future__ import annotations

import argparse
import re
import resource
import time
from pathlib import Path

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

    paths = args.articles or sorted((ROOT / "seeds").glob("*.txt"))
    texts = [text for text in (read_article(path).zh for path in paths) if text]
    sentences = [s.strip() for text in texts for s in SENTENCE_END.split(text) if s.strip()] * args.repeat
    began = time.perf_counter()
    entities = sum(len(entity_spans(doc)) for doc in nlp.pipe(sentences))
    elapsed = time.perf_counter() - began
    chars = sum(map(len, sentences))
    size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())

    print(f"model size on disk:  {size / 1e6:.1f} MB ({MODEL_DIR})")
    print(f"import:              {imported - started:.2f} s")
    print(f"model load:          {loaded - imported:.2f} s")
    print(f"peak RSS:            {baseline:.0f} MB before, {after_load:.0f} MB after load, {peak_rss_mb():.0f} MB end")
    print(f"tagged:              {len(sentences)} sentences, {chars} chars, {entities} entities in {elapsed:.2f} s")
    print(f"speed:               {len(sentences) / elapsed:,.0f} sentences/s, {chars / elapsed:,.0f} chars/s")


if __name__ == "__main__":
    main()

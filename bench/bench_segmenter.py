"""Load time, peak memory and speed of the Chinese segmenter, on the seeds' Chinese texts.

Run: `.venv/bin/python bench/bench_segmenter.py [ARTICLE ...]` (default: seeds/*.txt). Load the model
in a fresh process for honest figures: the pipeline is cached per process.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str]) -> None:
    baseline = peak_rss_mb()
    started = time.perf_counter()
    from extractor.article import read_article
    from extractor.chinese.segmenter import make_zh_nlp
    from extractor.settings import Settings

    imported = time.perf_counter()
    nlp = make_zh_nlp(Settings.from_env())
    loaded = time.perf_counter()
    after_load = peak_rss_mb()

    paths = [Path(arg) for arg in argv] or sorted((ROOT / "seeds").glob("*.txt"))
    texts = [text for text in (read_article(path).zh for path in paths) if text]
    began = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts))
    elapsed = time.perf_counter() - began
    chars = sum(map(len, texts))

    print(f"import spaCy/extractor: {imported - started:.2f} s")
    print(f"model load:             {loaded - imported:.2f} s")
    print(
        f"peak RSS:               {baseline:.0f} MB before, {after_load:.0f} MB after load, {peak_rss_mb():.0f} MB end"
    )
    print(f"segmented:              {len(texts)} texts, {chars} chars, {tokens} tokens in {elapsed:.2f} s")
    print(f"speed:                  {tokens / elapsed:,.0f} tokens/s, {chars / elapsed:,.0f} chars/s")


if __name__ == "__main__":
    main(sys.argv[1:])

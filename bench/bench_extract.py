"""Speed of the English extraction against plain spaCy, cold start and peak memory, on the seeds.

Run: `.venv/bin/python bench/bench_extract.py [--rounds 20]`. The seeds are read with their Chinese
half removed and extracted `--rounds` times over through `Extractor.extract_many` (read -> find ->
assemble, the English side only); then the same English texts go through the plain spaCy model
(`nlp.pipe`, its full pipeline) in the same process. Use a fresh process: the cold start is only
cold once.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20, help="Times the seeds are extracted over.")
    args = parser.parse_args()

    started = time.perf_counter()
    from extractor import Extractor, Settings, read_article
    from extractor.english.pipeline import load_model

    settings = Settings.from_env()
    extractor = Extractor(settings)
    articles = [read_article(path).model_copy(update={"zh": None}) for path in SEEDS]
    extractor.extract(articles[0])
    cold = time.perf_counter() - started
    rss_loaded = peak_rss_mb()

    batch = articles * args.rounds
    began = time.perf_counter()
    done = sum(1 for _ in extractor.extract_many(batch))
    ours = done / (time.perf_counter() - began)
    rss_ours = peak_rss_mb()

    nlp = load_model(settings.english_model, exclude=())
    texts = [article.en or "" for article in batch]
    began = time.perf_counter()
    plain_done = sum(1 for _ in nlp.pipe(texts, batch_size=settings.batch_size))
    plain = plain_done / (time.perf_counter() - began)

    chars = sum(len(text) for text in texts) / len(texts)
    print(f"articles: {len(SEEDS)} seeds x {args.rounds} rounds = {done}, {chars:,.0f} English characters each")
    print(f"cold start (import, load English model + components, first article): {cold:.2f} s")
    print(f"extract, English side:  {ours:7.2f} articles/s")
    print(f"plain spaCy {nlp.meta['lang']}_{nlp.meta['name']}: {plain:7.2f} articles/s")
    print(f"ratio plain / extract:  {plain / ours:7.2f}x")
    print(f"peak RSS: {rss_loaded:.0f} MB after load, {rss_ours:.0f} MB after extract, {peak_rss_mb():.0f} MB at end")


if __name__ == "__main__":
    main()

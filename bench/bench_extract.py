"""Speed of the English and the bilingual extraction against plain spaCy, cold start and peak memory.

Run: `.venv/bin/python bench/bench_extract.py [--rounds 20]`. The seeds are extracted `--rounds`
times over through `Extractor.extract_many`: first with their Chinese half removed (read -> find ->
assemble, the English side only), then with their English half removed (the Chinese side only), then
whole (both sides, cross-check): a bilingual article costs about its two sides together. The peer is the plain spaCy
model as `spacy.load` gives it (its full pipeline, `nlp.pipe`) on the English halves alone, in the
same process. Rates are articles per CPU-second of this process (time.process_time), not wall time:
the machine is shared. Use a fresh process: the cold start is only cold once.
"""

from __future__ import annotations

import argparse
import resource
import time
from collections.abc import Iterable
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
    ours = rate(extractor.extract_many(batch), len(batch))
    rss_ours = peak_rss_mb()
    whole = [read_article(path) for path in SEEDS] * args.rounds
    extractor.extract(whole[0])  # loads the Chinese side
    chinese = rate(extractor.extract_many([a.model_copy(update={"en": None}) for a in whole]), len(whole))
    bilingual = rate(extractor.extract_many(whole), len(whole))

    nlp = load_model(settings.english_model, exclude=())
    texts = [article.en or "" for article in batch]
    plain = rate(nlp.pipe(texts, batch_size=settings.batch_size), len(texts))

    chars = sum(len(text) for text in texts) / len(texts)
    print(f"articles: {len(SEEDS)} seeds x {args.rounds} rounds = {len(batch)}, {chars:,.0f} English characters each")
    print("rates are articles per CPU-second (time.process_time), not wall time: the machine is shared")
    print(f"cold start (import, load English model + components, first article): {cold:.2f} s wall")
    print(f"extract, English side:        {ours:7.2f} articles/CPU-s")
    print(f"extract, Chinese side:        {chinese:7.2f} articles/CPU-s")
    print(f"extract, bilingual:           {bilingual:7.2f} articles/CPU-s (both sides and the cross-check)")
    print(f"plain spaCy {nlp.meta['lang']}_{nlp.meta['name']}, English: {plain:7.2f} articles/CPU-s")
    print(f"English side / plain:         {ours / plain:7.2f}x")
    print(f"bilingual / plain:            {bilingual / plain:7.2f}x")
    ours_pipes = extractor.language("en").nlp.pipe_names  # type: ignore[attr-defined]
    print(f"our English pipeline runs: {', '.join(ours_pipes)}")
    print(f"plain runs: {', '.join(nlp.pipe_names)}")
    print(f"peak RSS: {rss_loaded:.0f} MB after load, {rss_ours:.0f} MB after extract, {peak_rss_mb():.0f} MB at end")


def rate(results: Iterable[object], count: int) -> float:
    """Articles per CPU-second taken to exhaust `results`."""
    began = time.process_time()
    done = sum(1 for _ in results)
    assert done == count, f"{done} results for {count} articles"
    return done / (time.process_time() - began)


if __name__ == "__main__":
    main()

"""Running items through the library: one chunk at a time, in one process or in a process pool.

Every engine (this one and Ray's) calls `extract_chunk`, so their results are the same by
construction; results leave a worker as finished JSON lines, so the driver only writes them.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import Literal

from extractor.errors import ExtractorError
from extractor.pipeline import Extractor
from extractor.records import Article, ExtractionResult, Failure
from extractor.runs.sources import Item, load
from extractor.settings import Settings

Status = Literal["ok", "failed", "skipped"]


@dataclass(frozen=True, slots=True)
class Done:
    """One finished item: `json` is the result's line (ok) or the failure's (failed); empty if skipped."""

    id: str
    status: Status
    json: str = ""

    def failure(self) -> Failure:
        return Failure.model_validate_json(self.json)


def extract_chunk(extractor: Extractor, items: Sequence[Item]) -> list[Done]:
    """Extract a chunk in order; an article that breaks the pipeline fails alone and the others go on."""
    sources = [_load(item, extractor) for item in items]
    ready = [source for source in sources if not isinstance(source, Failure)]
    try:
        extracted = iter(list(extractor.extract_many(ready)))
    except Exception:  # one bad article must not cost its chunk: redo the chunk one article at a time
        extracted = iter(
            [
                _extract_alone(extractor, source, item)
                for source, item in zip(sources, items, strict=True)
                if not isinstance(source, Failure)
            ]
        )
    return [_done(source if isinstance(source, Failure) else next(extracted)) for source in sources]


def _load(item: Item, extractor: Extractor) -> Article | Failure:
    try:
        return load(item, max_bytes=extractor.settings.max_article_bytes)
    except (ExtractorError, ValueError) as err:  # pydantic's ValidationError is a ValueError
        return Failure(id=item.id, source=item.where, error=str(err))


def _extract_alone(extractor: Extractor, source: Article, item: Item) -> ExtractionResult | Failure:
    try:
        return extractor.extract(source)
    except Exception as err:  # reported in the errors file with its type, then the run goes on
        return Failure(id=item.id, source=item.where, error=f"{type(err).__name__}: {err}")


def _done(item: ExtractionResult | Failure) -> Done:
    return Done(id=item.id, status="failed" if isinstance(item, Failure) else "ok", json=item.model_dump_json())


def chunked(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def run_serial(settings: Settings, chunks: Iterable[list[Item]]) -> Generator[Done, None, None]:
    """Extract in this process, loading the pipelines once, when there is a first chunk to extract.

    Loading all of them before extracting means a model that fails to load stops the run, rather
    than failing every article.
    """
    extractor: Extractor | None = None
    for chunk in chunks:
        extractor = extractor or Extractor(settings).load()
        yield from extract_chunk(extractor, chunk)


def run_pool(settings: Settings, chunks: Iterable[list[Item]], workers: int) -> Generator[Done, None, None]:
    """Extract in `workers` processes, each loading the pipelines once; results come back in input order.

    At most two chunks per worker are in flight, so a long input is never read ahead into memory.
    """
    context = multiprocessing.get_context("spawn")  # no fork: the driver runs threads (the progress bar)
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(settings,))
    pending: deque[Future[list[Done]]] = deque()
    try:
        for chunk in chunks:
            pending.append(pool.submit(_work, chunk))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


_worker_extractor: Extractor | None = None


def _start_worker(settings: Settings) -> None:
    """Pool initializer: Ctrl-C is the driver's to handle; load the pipelines once for this process."""
    global _worker_extractor
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_extractor = Extractor(settings).load()


def _work(chunk: list[Item]) -> list[Done]:
    assert _worker_extractor is not None, "worker used before its initializer ran"
    return extract_chunk(_worker_extractor, chunk)

"""Running items through the library: one chunk at a time, in this process or in child processes.

Child processes (`extractor.budget`) are what keep each article's time budget: one that overruns is
killed and replaced. Without a budget and with one worker, the run extracts in this process.

Every engine (this one and Ray's) calls `extract_chunk`, so their results are the same by
construction; results leave a worker as finished JSON lines, so the driver only writes them.
"""

from __future__ import annotations

import queue
import threading
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import Literal

from extractor.budget import BudgetExceeded, ChildDied, ExtractionProcess, WorkFailed
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
        return load(item, max_bytes=extractor.settings.max_article_bytes, encoding=extractor.settings.encoding)
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


def run_pool(
    settings: Settings, chunks: Iterable[list[Item]], workers: int, *, budget: float | None
) -> Generator[Done, None, None]:
    """Extract in `workers` child processes, each loading the pipelines once; results in input order.

    A chunk gets `budget` seconds (one article's budget, `Settings.article_timeout`); past it, or if its
    process dies, the process is replaced and the chunk's articles are redone one at a time, each with
    the budget, so that only an article that passes it alone is recorded as a failure. At most two chunks
    per worker are in flight, so a long input is never read ahead into memory.
    """
    processes = [ExtractionProcess(settings).start() for _ in range(workers)]
    idle: queue.SimpleQueue[ExtractionProcess] = queue.SimpleQueue()
    for process in processes:
        idle.put(process)
    stopping = threading.Event()
    threads = ThreadPoolExecutor(workers, thread_name_prefix="extractor-driver")
    pending: deque[Future[list[Done]]] = deque()

    def work(chunk: list[Item]) -> list[Done]:
        process = idle.get()
        try:
            return _within_budget(process, chunk, budget, stopping)
        finally:
            idle.put(process)

    try:
        for chunk in chunks:
            pending.append(threads.submit(work, chunk))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        stopping.set()
        for process in processes:
            process.kill()  # a thread waiting on one sees it die and returns
        threads.shutdown(wait=True, cancel_futures=True)
        for process in processes:
            process.stop()


def _within_budget(
    process: ExtractionProcess, chunk: list[Item], budget: float | None, stopping: threading.Event
) -> list[Done]:
    try:
        return process.call(extract_chunk, chunk, timeout=budget)
    except (BudgetExceeded, ChildDied, WorkFailed) as err:
        if stopping.is_set():
            return []
        if not isinstance(err, WorkFailed):
            process.start()  # the replacement loads while the chunk's articles are set up again
        if len(chunk) > 1:
            return [done for item in chunk for done in _within_budget(process, [item], budget, stopping)]
        item = chunk[0]
        if isinstance(err, BudgetExceeded):
            reason = f"abandoned after the {budget:g}-second budget per article (--article-timeout)"
        elif isinstance(err, ChildDied):
            reason = f"{err} while extracting this article"
        else:
            reason = str(err)
        failure = Failure(id=item.id, source=item.where, error=f"{item.where}: {reason}")
        return [_done(failure)]

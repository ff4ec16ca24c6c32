"""A whole-archive run: inputs in, one JSON line per article out, resumable and never losing work.

Results are written in input order as they finish, failures go to a separate errors file, and a
resumed run skips the ids its output already holds, so a run killed at any point and resumed ends
with the same output as one that was never interrupted.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Literal

from extractor.errors import ExtractorError
from extractor.runs.sinks import JsonlWriter, OutputError
from extractor.runs.sources import STDIN, Item, iter_items
from extractor.runs.workers import Done, chunked, run_pool, run_serial
from extractor.settings import Settings

Engine = Literal["local", "ray"]


@dataclass(frozen=True)
class RunOptions:
    workers: int = 1
    """Local processes, or Ray actors with the Ray engine."""
    engine: Engine = "local"
    resume: bool = False
    """Keep the output and skip the ids it already holds."""
    errors: Path | None = None
    """Where failures go; default: the output's name with `.errors.jsonl`."""
    ray_address: str | None = None
    """A running Ray cluster to join; default: start a local one."""
    overwrite: bool = False
    """Replace an output that already holds results (without it, or `resume`, such a run is refused)."""


@dataclass
class RunSummary:
    output: Path
    errors: Path
    succeeded: int = 0
    failed: int = 0
    skipped: int = 0
    dropped: list[str] = field(default_factory=list)
    """Lines dropped from the output before resuming (cut short by a kill, or damaged), to be redone."""
    interrupted: bool = False


def errors_path(output: Path) -> Path:
    """The default errors file: `out.jsonl` -> `out.errors.jsonl`."""
    return output.with_suffix(".errors.jsonl")


def run_archive(
    inputs: Iterable[Path],
    output: Path,
    *,
    settings: Settings,
    options: RunOptions = RunOptions(),  # frozen, so one shared default is safe
    stdin: BinaryIO | None = None,
    on_done: Callable[[Done], None] = lambda done: None,
) -> RunSummary:
    """Extract every article of `inputs` into `output`; Ctrl-C stops cleanly with a valid output.

    `on_done` sees every finished item in input order, and each skipped one as it is read (for progress).
    """
    inputs = list(inputs)
    if options.workers < 1:
        raise ExtractorError("workers must be at least 1")
    if options.engine == "ray" and any(str(path) == STDIN for path in inputs):
        raise ExtractorError("the Ray engine reads inputs its workers can open: save standard input to a file first")
    if not options.resume and not options.overwrite and output.is_file() and output.stat().st_size:
        raise OutputError(f"{output} already holds results; --resume finishes that run, --overwrite replaces it")
    summary = RunSummary(output=output, errors=options.errors or errors_path(output))
    with JsonlWriter(output, append=options.resume, lock=True) as out:
        done_ids: set[str] = set()
        if options.resume:
            done_ids, summary.dropped = out.resume()
        fresh = _skip_done(iter_items(inputs, stdin=stdin), done_ids, summary, on_done)
        with JsonlWriter(summary.errors) as errors, closing(_engine(settings, options, fresh)) as results:
            _write(results, out, errors, summary, on_done)
    if not summary.failed:
        summary.errors.unlink(missing_ok=True)
    return summary


def _write(
    results: Iterator[Done], out: JsonlWriter, errors: JsonlWriter, summary: RunSummary, on_done: Callable[[Done], None]
) -> None:
    try:
        for done in results:
            if done.status == "ok":
                out.write(done.json)
                summary.succeeded += 1
            else:
                errors.write(done.json)
                summary.failed += 1
            on_done(done)
    except KeyboardInterrupt:
        summary.interrupted = True


def _skip_done(
    items: Iterable[Item], done: set[str], summary: RunSummary, on_done: Callable[[Done], None]
) -> Iterator[Item]:
    for item in items:
        if item.id in done:
            summary.skipped += 1
            on_done(Done(id=item.id, status="skipped"))
        else:
            yield item


def _engine(settings: Settings, options: RunOptions, items: Iterator[Item]) -> Generator[Done, None, None]:
    if options.engine == "ray":
        from extractor.distributed import run_ray  # Ray is an optional extra

        return run_ray(settings, items, actors=options.workers, address=options.ray_address)
    chunks = chunked(items, settings.batch_size)
    budget = settings.article_timeout or None
    if options.workers > 1 or budget is not None:  # a budget needs a process it can kill
        return run_pool(settings, chunks, options.workers, budget=budget)
    return run_serial(settings, chunks)

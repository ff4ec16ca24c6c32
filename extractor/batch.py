"""Batch runs: collect article files and stream their results to JSONL, one line per article."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from extractor.pipeline import Extractor
from extractor.records import ExtractionResult, Failure

ARTICLE_SUFFIXES = (".txt", ".md")


def collect_files(inputs: Iterable[Path]) -> Iterator[Path]:
    """Article files named directly, or found (sorted, recursively) under named directories."""
    for path in inputs:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in ARTICLE_SUFFIXES)
        else:
            yield path


@dataclass
class RunSummary:
    succeeded: int = 0
    failures: list[Failure] = field(default_factory=list)


def run_to_jsonl(
    extractor: Extractor,
    files: Iterable[Path],
    out: TextIO,
    *,
    on_item: Callable[[ExtractionResult | Failure], None] = lambda item: None,
) -> RunSummary:
    """Write each result as one JSON line, flushed as it goes; failures are collected, not raised."""
    summary = RunSummary()
    for item in extractor.extract_many(files):
        if isinstance(item, Failure):
            summary.failures.append(item)
        else:
            out.write(item.model_dump_json() + "\n")
            out.flush()
            summary.succeeded += 1
        on_item(item)
    return summary

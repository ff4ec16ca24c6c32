"""Whole-archive runs: stream inputs through the library into JSONL, resumable, in parallel or on Ray."""

from extractor.runs.archive import RunOptions, RunSummary, errors_path, run_archive
from extractor.runs.sources import Item, collect_files, count_items, iter_items
from extractor.runs.workers import Done

__all__ = [
    "Done",
    "Item",
    "RunOptions",
    "RunSummary",
    "collect_files",
    "count_items",
    "errors_path",
    "iter_items",
    "run_archive",
]

"""The progress display of a run on stderr: a bar when the total is known, a counter and rate otherwise."""

from __future__ import annotations

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class RateColumn(ProgressColumn):
    """Articles per second since the run started.

    Not rich's recent-window speed: a batch lands all at once, so a window of a few samples reads
    thousands of articles per second on a short run.
    """

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:.1f} articles/s", style="progress.data.speed")


def run_progress(total: int | None, console: Console) -> Progress:
    """A bar with ETA for a known total (article files); a counter with rate for streamed JSONL."""
    if total is None:
        columns: tuple[ProgressColumn, ...] = (
            TextColumn("{task.description}"),
            TextColumn("{task.completed} articles"),
            RateColumn(),
            TimeElapsedColumn(),
        )
    else:
        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            RateColumn(),
            TimeRemainingColumn(),
        )
    return Progress(*columns, console=console)
